"""The coach's suggestion for an exercise: the one path `backtui suggest` and the
tracker's Next both take (a property test keeps them equal).

The rules (backtui.domain.progression) look back at most three sessions (a stall)
and the one before (form broke twice running), so the coach reads the latest
COACH_SESSIONS workouts in which the exercise had working sets: a session of
warm-ups alone says nothing about progress. A stall offers the variant done least
recently, as the routine's rotation does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from backtui.core.ports import HistoryReads
from backtui.domain.catalog import Catalog
from backtui.domain.formatting import format_sets
from backtui.domain.models import Exercise, LoggedSet, Routine, default_target
from backtui.domain.progression import STALL_SESSIONS, Suggestion, is_stalled, suggest_next
from backtui.domain.session import Slot, in_use, rotation_order, slot_for
from backtui.domain.settings import Settings

COACH_SESSIONS = 4


class RememberedHistory:
    """Other workouts' sessions, read once and kept until `forget()` (the live
    workout calls it when another connection wrote: only then can they change).
    When exercises were last done is read every time: logging a set changes it."""

    def __init__(self, reads: HistoryReads) -> None:
        self._reads = reads
        self._sessions: dict[tuple[str, int | None, int, bool], list[list[LoggedSet]]] = {}

    def forget(self) -> None:
        self._sessions.clear()

    def recent_sessions(self, slug: str, before_workout_id: int | None, limit: int, *,
                        working_only: bool = False) -> list[list[LoggedSet]]:
        key = (slug, before_workout_id, limit, working_only)
        if key not in self._sessions:
            self._sessions[key] = self._reads.recent_sessions(slug, before_workout_id, limit,
                                                              working_only=working_only)
        return self._sessions[key]

    def last_done(self, slugs: Sequence[str]) -> dict[str, str]:
        return self._reads.last_done(slugs)


def stalled_variants(storage: HistoryReads, catalog: Catalog, routine: Routine,
                     last_done: Mapping[str, str]) -> set[str]:
    """The variants in use in the routine's rotate-on-stall slots whose lift stalled
    (they rotate today; the others stay, so no session swaps lifts that progress)."""
    stalled = set()
    for item in routine.items:
        if item.group and item.rotate == "stall":
            current = in_use(catalog, item, last_done)
            if is_stalled(storage.recent_sessions(current, None, STALL_SESSIONS, working_only=True)):
                stalled.add(current)
    return stalled


def variant_order(storage: HistoryReads, catalog: Catalog, exercise: Exercise, slot: Slot | None) -> list[Exercise]:
    """The exercise's variants (the slot's rotation group, else its own group),
    least recently done first, without the exercise itself."""
    members = catalog.variants(slot.group if slot is not None and slot.group else exercise.variant_group)
    if not members:
        return []
    last_done = storage.last_done([m.slug for m in members])
    return [catalog.exercise(slug) for slug in rotation_order(members, exercise.slug, last_done)
            if slug != exercise.slug and slug in catalog.exercises]


def suggest(
    storage: HistoryReads,
    catalog: Catalog,
    exercise: Exercise,
    settings: Settings,
    *,
    slot: Slot | None = None,
    workout_id: int | None = None,
    today: Sequence[LoggedSet] = (),
) -> Suggestion:
    """The next set of `exercise` for this lifter.

    slot: where it is done in the workout (its target and rotation group; the
      exercise's own target without one). workout_id: the workout in progress, left
      out of the history; `today` holds its sets of the exercise.
    """
    unit = settings.unit
    if slot is not None and slot.role == "warmup":
        return _warmup_suggestion(storage, exercise, settings, slot, workout_id, today)
    if (exercise.timed and not any(s.kind != "warmup" for s in today)
            and not storage.recent_sessions(exercise.slug, workout_id, 1, working_only=True)
            and storage.recent_sessions(exercise.slug, workout_id, 1)):
        # A stretch or hold done only as a warm-up so far (cat-cow in a routine's warm-up):
        # its warm-ups are its history, not a first time.
        return _warmup_suggestion(storage, exercise, settings, slot or slot_for(exercise), workout_id, today)
    variants = variant_order(storage, catalog, exercise, slot)
    suggestion = suggest_next(
        exercise,
        slot.target if slot is not None else default_target(exercise),
        storage.recent_sessions(exercise.slug, workout_id, COACH_SESSIONS, working_only=True),
        today,
        unit,
        increments=settings.increments(unit),
        bodyweight_kg=settings.bodyweight_kg,
        variants=variants,
        bar_kg=settings.bar_kg(unit),
        hold_step=settings.hold_step,
    )
    if suggestion.draft is None:
        # Never done: what the variant done most recently weighed is a better first guess than nothing.
        for variant in reversed(variants):
            done = storage.recent_sessions(variant.slug, workout_id, 1)
            if done:
                sets = format_sets(done[0], exercise.measure, unit, assisted=exercise.assisted)
                return replace(suggestion, reason=f"first time; {variant.name} last time: {sets}")
    return suggestion


def _as_working(sets: Sequence[LoggedSet]) -> list[LoggedSet]:
    return [replace(s, kind="working") if s.kind == "warmup" else s for s in sets]


def _warmup_suggestion(storage: HistoryReads, exercise: Exercise, settings: Settings, slot: Slot,
                       workout_id: int | None, today: Sequence[LoggedSet]) -> Suggestion:
    """A warm-up slot: its sets are warm-ups, and they are what it is judged on (the
    working-set rules would call every warm-up a first time). Once the slot's sets
    are done it says so."""
    sessions = [_as_working(done) for done in storage.recent_sessions(exercise.slug, workout_id, COACH_SESSIONS)]
    suggestion = suggest_next(exercise, slot.target, sessions, _as_working(today), settings.unit,
                              increments=settings.increments(settings.unit), bodyweight_kg=settings.bodyweight_kg,
                              bar_kg=settings.bar_kg(settings.unit), hold_step=settings.hold_step)
    done = sum(1 for s in today if s.kind in ("warmup", "working"))
    if done >= slot.sets_to_log:
        return replace(suggestion, reason=f"warm-up done ({done} of {slot.sets_to_log} sets): on to the next exercise",
                       action="done")
    reason = suggestion.reason
    if reason.startswith("first time"):
        reason = "warm-up" + reason[len("first time"):]
    return replace(suggestion, reason=reason)
