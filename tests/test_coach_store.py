"""The coach on a real database: history by workout, today's sets, the lifter's settings."""

from __future__ import annotations

from backtui.core import coach
from backtui.domain.entry import parse_entry
from backtui.domain.models import Target
from backtui.domain.session import Slot
from backtui.domain.warmup import ramp_for
from backtui.storage.settings_store import load_settings, record_bodyweight, set_from_text
from backtui.storage.workouts import SqliteWorkouts


def recent_sessions(store, slug: str, *, limit: int = coach.COACH_SESSIONS, exclude_workout_id: int | None = None):
    return SqliteWorkouts(store).recent_sessions(slug, exclude_workout_id, limit)


def suggest_for(store, exercise, target: Target | None = None, *, workout_id: int | None = None):
    """The one coach path, as the tracker calls it: a slot with `target`, today's sets of the workout."""
    storage = SqliteWorkouts(store)
    slot = None if target is None else Slot(exercise.slug, sets=target.sets, rep_low=target.rep_low,
                                            rep_high=target.rep_high)
    today = [s for s in storage.workout_sets(workout_id) if s.exercise == exercise.slug] if workout_id else []
    return coach.suggest(storage, store.catalog, exercise, storage.settings(), slot=slot, workout_id=workout_id,
                         today=today)


def workout_with(store, slug: str, entry: str, day: int, *, finish: bool = True) -> int:
    at = f"2026-11-{day:02d}T18:00:00.000000+00:00"
    workout = store.start_workout(at=at)
    measure = store.catalog.exercises[slug].measure
    for line in entry.split(","):
        store.log_sets(workout.id, slug, parse_entry(line, measure), at=at)
    if finish:
        store.finish_workout(workout.id, at=f"2026-11-{day:02d}T19:00:00.000000+00:00")
    return workout.id


def test_recent_sessions_newest_first_without_the_current_workout(store):
    for day, reps in ((1, 8), (3, 9), (5, 10)):
        workout_with(store, "barbell-row", f"60x{reps}x3", day)
    current = workout_with(store, "barbell-row", "62.5x6", 7, finish=False)
    sessions = recent_sessions(store, "barbell-row", exclude_workout_id=current)
    assert [s[0].reps for s in sessions] == [10, 9, 8]
    assert all(len(s) == 3 for s in sessions)
    assert len(recent_sessions(store, "barbell-row", limit=2)) == 2
    assert recent_sessions(store, "deadlift") == []


def test_suggest_for_reads_today_and_settings(store):
    workout_with(store, "barbell-row", "60x10x3 @8", 1)
    row = store.catalog.exercises["barbell-row"]
    first = suggest_for(store, row)
    assert (first.draft.weight_kg, first.draft.reps) == (62.5, 6)
    today = workout_with(store, "barbell-row", "62.5x4", 3, finish=False)
    second = suggest_for(store, row, Target(sets=3, rep_low=6, rep_high=10), workout_id=today)
    assert second.set_number == 2 and second.draft.weight_kg == 60 and "too heavy" in second.reason
    set_from_text(store, "increment.barbell.kg", "5")
    assert suggest_for(store, row, workout_id=today).draft.weight_kg == 60  # today's set still rules
    store.discard_workout(today)
    assert suggest_for(store, row).draft.weight_kg == 65


def test_body_weight_steers_bodyweight_deloads(store):
    for day in (1, 3):
        workout_with(store, "pull-up", "+20x6 !, +20x6", day)
    record_bodyweight(store, 80.0)
    pull_up = store.catalog.exercises["pull-up"]
    assert suggest_for(store, pull_up).draft.weight_kg == 10.0


def test_ramp_for_uses_the_lifters_bar_and_unit(store):
    row = store.catalog.exercises["barbell-row"]
    assert ramp_for(store.catalog.exercises["lat-pulldown"], 60.0, load_settings(store)) == []
    assert [s.weight_kg for s in ramp_for(row, 60.0, load_settings(store))] == [20, 22.5, 35, 47.5]
    set_from_text(store, "unit", "lb")
    ramp = ramp_for(row, 102.058283, load_settings(store))  # 225 lb
    assert [round(s.weight_kg / 0.45359237) for s in ramp] == [45, 90, 135, 180]
