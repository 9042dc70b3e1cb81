"""Starting, resuming and closing workouts, and logging from the command line.

One open workout at a time: a workout starts only when none is open (decided in the
transaction that inserts it), and an open one is resumed or closed first. Closing
decides from what the file holds at that moment, never from a list in memory: a
workout with sets is finished, never discarded; an empty one is discarded; one
finished elsewhere is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from backtui.core import coach
from backtui.core.ports import WorkoutStorage
from backtui.core.shell_log import close_stale as close_stale
from backtui.core.shell_log import doubt as doubt
from backtui.core.shell_log import log_to_day as log_to_day
from backtui.core.shell_log import plural as _plural
from backtui.core.views import Outcome, Words
from backtui.core.workout import LiveWorkout
from backtui.domain.catalog import Catalog
from backtui.domain.errors import OpenWorkoutExists
from backtui.domain.formatting import format_mass
from backtui.domain.models import REGIONS, ClosedWorkout, Exercise, LoggedSet, Routine, Workout
from backtui.domain.progression import Suggestion
from backtui.domain.records import records_of_sets
from backtui.domain.session import Slot, plan_from_sets, plan_routine
from backtui.domain.summary import WorkoutSummary, summarize
from backtui.domain.timewords import local


@dataclass(frozen=True)
class OpenWorkout:
    """A workout left open (the app was killed, SSH dropped, `backtui log`), as the
    lifter is asked about it."""

    workout: Workout
    set_count: int
    current: str | None  # the exercise they were on, by name


@dataclass(frozen=True)
class Begun:
    """A workout started or resumed: its core, and the first view of it."""

    live: LiveWorkout
    outcome: Outcome


@dataclass(frozen=True)
class FinishView:
    """The finish summary: what the workout came to, as the file holds it now."""

    lines: tuple[Words, ...]
    empty: bool  # nothing logged: finishing discards it
    unit: str


def describe_open(storage: WorkoutStorage, catalog: Catalog, workout: Workout) -> OpenWorkout:
    current = None
    if workout.plan and 0 <= workout.position < len(workout.plan):
        slug = str(workout.plan[workout.position].get("exercise", ""))
        current = catalog.exercises[slug].name if slug in catalog.exercises else slug
    return OpenWorkout(workout, len(storage.workout_sets(workout.id)), current)


def open_workout(storage: WorkoutStorage, catalog: Catalog) -> OpenWorkout | None:
    """The workout left open, if any, for the resume question."""
    with storage.snapshot():
        workout = storage.unfinished_workout()
        return describe_open(storage, catalog, workout) if workout is not None else None


def routine_plan(storage: WorkoutStorage, catalog: Catalog, routine: Routine) -> list[Slot]:
    """The routine's slots for today: each slot with variants by its rotation rule
    (on stall by default), unless the lifter pinned one."""
    variants = sorted({e.slug for item in routine.items if item.group for e in catalog.variants(item.group)})
    pins = storage.setting("pins") or {}
    pinned = pins.get(routine.slug, {}) if isinstance(pins, dict) else {}
    last_done = storage.last_done(variants)
    stalled = coach.stalled_variants(storage, catalog, routine, last_done)
    return plan_routine(routine, catalog, last_done, pinned if isinstance(pinned, dict) else {}, stalled)


def start(storage: WorkoutStorage, catalog: Catalog, routine: Routine | None,
          slots: Sequence[Slot] | None = None, index: int = 0) -> Begun | OpenWorkout:
    """Start a workout at slot `index` (the routine planned now when `slots` is None),
    or, when one is open already, say which: the lifter settles it first."""
    if slots is None:
        slots = routine_plan(storage, catalog, routine) if routine is not None else []
    try:
        workout = storage.start_workout(routine.slug if routine else None, routine.name if routine else None,
                                        [s.to_json() for s in slots])
    except OpenWorkoutExists as exc:
        return describe_open(storage, catalog, exc.workout)
    live = LiveWorkout(storage, catalog, workout, slots, index)
    live.save_plan()
    return Begun(live, live.look())


def resume(storage: WorkoutStorage, catalog: Catalog, workout_id: int) -> Begun | None:
    """Pick an open workout up where the lifter was; None when it was finished or
    deleted meanwhile (by another backtui answering the same question)."""
    with storage.snapshot():
        workout = storage.workout(workout_id)
        if workout is None or workout.ended_at is not None:
            return None
        slots = [s for s in (Slot.from_json(item) for item in workout.plan) if s.exercise in catalog.exercises]
        live = LiveWorkout(storage, catalog, workout, slots, workout.position)
        if not live.slots:  # started from the command line: one slot per exercise done
            live.slots = plan_from_sets([s.exercise for s in live.sets], catalog)
    return Begun(live, live.look())


def finish_as_it_is(storage: WorkoutStorage, workout_id: int) -> ClosedWorkout:
    """Close an old open workout: it ended at its last set (or is discarded if empty)."""
    return storage.close_workout(workout_id, note=None, at_last_set=True)


def finish(live: LiveWorkout, note: str | None) -> ClosedWorkout:
    return live.storage.close_workout(live.workout.id, note=note or None, at_last_set=False)


def closed_words(closed: ClosedWorkout) -> str:
    """What closing did, for a notice."""
    if closed.outcome == "finished":
        return f"Workout saved ({closed.sets} set{'s' if closed.sets != 1 else ''})."
    if closed.outcome == "discarded":
        return "Empty workout discarded."
    if closed.outcome == "was_finished":
        return "It was already finished in another backtui: nothing changed."
    return "It was deleted in another backtui: nothing changed."


# -- the finish summary ---------------------------------------------------------
def workout_records(live: LiveWorkout, sets: Sequence[LoggedSet]) -> list[str]:
    """Records this workout set, each against everything before it."""
    found: list[str] = []
    ids = [s.id for s in sets]
    unit = live.settings.unit
    for slug in dict.fromkeys(s.exercise for s in sets):
        bests = live.storage.bests(slug, ids)
        exercise = live.catalog.exercises.get(slug)
        name = exercise.name if exercise else slug
        measure = exercise.measure if exercise else "weight_reps"
        # A later set that beats an earlier one today replaces it: the best is shown.
        found += [f"{name}: {text}" for text in records_of_sets([s for s in sets if s.exercise == slug], bests,
                                                                unit, measure)]
    return found


def summary_lines(summary: WorkoutSummary, unit: str) -> tuple[Words, ...]:
    minutes = summary.duration_s // 60
    length = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    lines: list[Words] = [
        ((length, "strong"), (f" · {_plural(summary.sets, 'set')} ({summary.working_sets} working)"
                              f" · {_plural(summary.exercises, 'exercise')}", "plain")),
        (("Volume ", "plain"), (format_mass(summary.volume_kg, unit, what="total"), "strong")),
    ]
    for region, kg in summary.volume_by_region.items():
        sets = summary.sets_by_region.get(region, 0)
        lines.append(((f"  {REGIONS.get(region, region)}: {format_mass(kg, unit, what='total')} · "
                       f"{_plural(sets, 'set')}", "plain"),))
    for region, sets in summary.sets_by_region.items():
        if region not in summary.volume_by_region:
            lines.append(((f"  {REGIONS.get(region, region)}: {_plural(sets, 'set')}", "plain"),))
    if summary.records:
        lines += [(("", "plain"),), (("New records", "success"),)]
        lines += [((f"  ★ {record}", "plain"),) for record in summary.records]
    return tuple(lines)


def finish_view(live: LiveWorkout) -> FinishView:
    """The summary shown before finishing, from the sets the file holds now."""
    live.read()
    unit = live.settings.unit
    if not live.sets:
        return FinishView(((("Nothing was logged: finishing discards this workout.", "plain"),),), True, unit)
    now = datetime.now(timezone.utc).isoformat()
    summary = summarize(live.workout.started_at, now, live.sets, live.catalog.exercises,
                        workout_records(live, live.sets))
    return FinishView(summary_lines(summary, unit) + week_lines(live.storage, live.catalog), False, unit)


def past_summary(storage: WorkoutStorage, catalog: Catalog, workout: Workout, sets: Sequence[LoggedSet],
                 unit: str) -> tuple[Words, ...]:
    """A finished workout's summary, reopened from History: what it came to and its
    week's hard sets (records are announced when they are set, not re-judged here)."""
    ended = workout.ended_at or max((s.logged_at for s in sets), default=workout.started_at)
    summary = summarize(workout.started_at, ended, sets, catalog.exercises)
    return summary_lines(summary, unit) + week_lines(storage, catalog, workout.started_at)


def week_lines(storage: WorkoutStorage, catalog: Catalog, at: str | None = None) -> tuple[Words, ...]:
    """This week's hard sets against the 10-20 band ('lats this week: 8 of 10-20 hard
    sets') and the vertical:horizontal pulling ratio, the week (local, from Monday)
    of `at` (now when None) up to now."""
    import pendulum

    from backtui.domain.balance import band_lines, hard_sets, pull_ratio_line
    from backtui.domain.clock import local_zone

    moment = local(at) if at else pendulum.now().in_tz(local_zone())
    monday = moment.start_of("week")
    done = storage.week_sets(monday.in_tz("UTC").isoformat(), monday.add(weeks=1).in_tz("UTC").isoformat())
    lines: list[Words] = [(("", "plain"),), (("This week", "strong"),)]
    lines += [((f"  {text}", "plain"),) for text in band_lines(hard_sets(done, catalog.exercises))]
    lines.append(((f"  {pull_ratio_line(done, catalog.exercises)}", "plain"),))
    return tuple(lines)


# -- the command line -------------------------------------------------------------
def suggest_today(storage: WorkoutStorage, catalog: Catalog, exercise: Exercise, *, day_start: str,
                  day_end: str) -> Suggestion:
    """`backtui suggest`: the coach as the tracker would say it now. Today's open
    workout counts (its sets of the exercise, and the plan's slot for it: its
    target and rotation group), as on the tracker's Next."""
    with storage.snapshot():
        workout_id = storage.open_workout_on(day_start, day_end)
        workout = storage.workout(workout_id) if workout_id is not None else None
        today = [s for s in storage.workout_sets(workout.id) if s.exercise == exercise.slug] if workout else []
        slot = None
        if workout is not None:
            slots = [Slot.from_json(item) for item in workout.plan]
            here = slots[workout.position] if 0 <= workout.position < len(slots) else None
            slot = here if here is not None and here.exercise == exercise.slug else next(
                (s for s in slots if s.exercise == exercise.slug), None)
        return coach.suggest(storage, catalog, exercise, storage.settings(), slot=slot,
                             workout_id=workout.id if workout else None, today=today)
