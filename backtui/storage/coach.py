"""What the coach needs from the database: recent sessions of an exercise, then
the suggestion from backtui.domain.progression with the lifter's settings.

The tracker calls `suggest_for(store, exercise, target, workout_id=...)`;
`backtui suggest` calls it with today's open workout.
"""

from __future__ import annotations

from collections.abc import Sequence

from backtui.domain.models import Exercise, LoggedSet, Target, default_target
from backtui.domain.progression import Suggestion, suggest_next
from backtui.domain.settings import Settings
from backtui.storage.settings_store import load_settings
from backtui.storage.store import Store

# Enough history for the rules that look furthest back (a stall: three sessions).
SESSIONS_LOOKED_AT = 4


def recent_sessions(
    store: Store, exercise_slug: str, *, limit: int = SESSIONS_LOOKED_AT, exclude_workout_id: int | None = None
) -> list[list[LoggedSet]]:
    """The last `limit` workouts' sets of this exercise, newest workout first,
    each in set order. `exclude_workout_id`: the workout in progress."""
    return store.recent_sessions(exercise_slug, before_workout_id=exclude_workout_id, limit=limit)


def workout_exercise_sets(store: Store, workout_id: int, exercise_slug: str) -> list[LoggedSet]:
    return [s for s in store.workout_sets(workout_id) if s.exercise == exercise_slug]


def open_workout_between(store: Store, day_start: str, day_end: str) -> int | None:
    """The newest unfinished workout started in [day_start, day_end) (UTC ISO text)."""
    return store.open_workout_between(day_start, day_end)


def suggest_for(
    store: Store,
    exercise: Exercise,
    target: Target | None = None,
    *,
    workout_id: int | None = None,
    today: Sequence[LoggedSet] | None = None,
    settings: Settings | None = None,
    variants: Sequence[Exercise] | None = None,
) -> Suggestion:
    """The next set of `exercise` for this lifter.

    workout_id: the workout in progress; its sets of the exercise are `today`
      (unless given) and it is left out of the history.
    settings: pass a loaded Settings to save two queries.
    variants: swap candidates on a stall, best first (default: the rest of the
      exercise's group in catalog order).
    """
    settings = settings or load_settings(store)
    unit = settings.unit
    if today is None:
        today = workout_exercise_sets(store, workout_id, exercise.slug) if workout_id is not None else []
    if variants is None:
        variants = [v for v in store.catalog.variants(exercise.variant_group) if v.slug != exercise.slug]
    return suggest_next(
        exercise,
        target or default_target(exercise),
        recent_sessions(store, exercise.slug, exclude_workout_id=workout_id),
        today,
        unit,
        increments=settings.increments(unit),
        bodyweight_kg=settings.bodyweight_kg,
        variants=variants,
        bar_kg=settings.bar_kg(unit),
        hold_step=settings.hold_step,
    )
