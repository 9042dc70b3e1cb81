"""What `backtui log` needs from the core, and nothing more: a shell command that
stores one set starts in a fraction of the app's time, so this module imports only
the domain types and words it uses (core/lifecycle.py re-exports these for the app).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from backtui.core.ports import WorkoutStorage
from backtui.domain.models import Exercise, LoggedSet, Routine, SetDraft
from backtui.domain.plausible import implausible
from backtui.domain.timewords import local


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def log_to_day(storage: WorkoutStorage, exercise: Exercise, drafts: Sequence[SetDraft], *, day_start: str,
               day_end: str, at: str, routine: Routine | None, past: bool = False,
               keep_open: bool = False) -> list[LoggedSet]:
    """`backtui log`: the sets go into that day's open workout (of that routine, when
    one is named), else the lifter's open workout, started if there is none, in one
    transaction. A finished workout is never logged into: the day gets a new one. A
    `past` day's workout is closed at its last set unless `keep_open` (then another
    open workout is OpenWorkoutExists: one open workout at a time)."""
    bodyweight = storage.bodyweight_at(at) if exercise.bodyweight else None
    return storage.log_to_day(exercise.slug, drafts, day_start=day_start, day_end=day_end, at=at,
                              routine_slug=routine.slug if routine else None,
                              routine_name=routine.name if routine else None, bodyweight_kg=bodyweight,
                              close=past and not keep_open, join_other=not past)


def doubt(storage: WorkoutStorage, exercise: Exercise, drafts: Sequence[SetDraft], unit: str,
          at: str | None = None, exclude_ids: Sequence[int] = ()) -> str | None:
    """Why these sets look like a typo (domain/plausible.py), or None."""
    bests = storage.bests(exercise.slug, exclude_ids)
    bodyweight = storage.bodyweight_at(at) if exercise.bodyweight else None
    return implausible(drafts, exercise, bests, unit, bodyweight)


def close_stale(storage: WorkoutStorage, now: datetime | None = None) -> list[str]:
    """Close the workouts left open longer than the `open_limit_h` setting (counted
    from their last set) at their last set; what was done, in words, to say once."""
    hours = int(storage.settings()["open_limit_h"])
    moment = (now or datetime.now(timezone.utc)) - timedelta(hours=hours)
    told: list[str] = []
    for workout, closed in storage.close_stale(moment.astimezone(timezone.utc).isoformat()):
        name = workout.routine_name or "free workout"
        day = local(workout.started_at).format("ddd D MMM HH:mm")
        if closed.outcome == "finished" and closed.ended_at is not None:
            told.append(f"Workout {workout.id} ({name}, {day}) was open more than {hours} h: closed at its last set, "
                        f"{local(closed.ended_at).format('HH:mm')} ({plural(closed.sets, 'set')}).")
        else:
            told.append(f"Workout {workout.id} ({name}, {day}) was open more than {hours} h with nothing logged: "
                        "discarded.")
    return told
