"""History queries on a real database: they agree with the plain core, filter by
profile, routine, exercise and dates, and read the covering indexes."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest

from backtui.domain.entry import parse_entry
from backtui.domain.history import HistoryFilter, last_weeks, reps_at_weight, summarise_sessions
from backtui.storage import history


def at(text: str) -> str:
    return pendulum.parse(text).in_tz("UTC").isoformat(timespec="microseconds")


def log(store, workout, slug, entry, when, measure="weight_reps"):
    return store.log_sets(workout.id, slug, parse_entry(entry, measure), at=at(when))


@pytest.fixture
def history_store(store):
    """Three workouts over two weeks, and a stranger's set in profile 2."""
    w1 = store.start_workout("essential-back", "Essential back strength", at=at("2026-11-02T10:00"))
    sets = log(store, w1, "deadlift", "w 60x5", "2026-11-02T10:05")
    sets += log(store, w1, "deadlift", "100x5", "2026-11-02T10:10")
    sets += log(store, w1, "deadlift", "110x3 s", "2026-11-02T10:12")
    sets += log(store, w1, "deadlift", "110x2 s", "2026-11-02T10:15")
    sets += log(store, w1, "pull-up", "8 6", "2026-11-02T10:30", "bodyweight_reps")
    store.finish_workout(w1.id, at=at("2026-11-02T11:00"), note="solid [day]")
    w2 = store.start_workout("lower-back-focus", "Lower back focus", at=at("2026-11-09T18:00"))
    sets += log(store, w2, "deadlift", "90x12", "2026-11-09T18:10")
    sets += log(store, w2, "deadlift", "120x1 s", "2026-11-09T18:12")
    log(store, w2, "superman-hold", "30s 45s", "2026-11-09T18:30", "seconds")
    store.finish_workout(w2.id, at=at("2026-11-09T18:45"))
    # Empty (closed at its start when the next one starts: one open workout): never listed.
    store.start_workout(None, None, at=at("2026-11-15T07:00"))
    w3 = store.start_workout(None, None, at=at("2026-11-16T07:00"))
    log(store, w3, "barbell-row", "60x8 60x8", "2026-11-16T07:10")
    store.conn.execute("INSERT INTO profiles (id, name, created_at) VALUES (2, 'other', '2026-01-01')")
    other = store.conn.execute(
        "INSERT INTO workouts (profile_id, started_at) VALUES (2, ?)", [at("2026-11-03T10:00")]).lastrowid
    store.conn.execute(
        "INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, weight_kg, reps, logged_at) "
        "VALUES (2, ?, ?, 1, 300, 5, ?)", [other, store.exercise_id("deadlift"), at("2026-11-03T10:05")])
    store.conn.commit()
    store.deadlift_sets = [s for s in sets if s.exercise == "deadlift"]
    store.workouts = (w1, w2, w3)
    return store


def test_sessions_agree_with_the_core(history_store):
    got = history.exercise_sessions(history_store, "deadlift")
    expected = summarise_sessions(history_store.deadlift_sets, lambda s: s[:10])
    assert got == expected
    first, second = got
    assert (first.top_weight_kg, first.top_reps, first.e1rm_kg, first.volume_kg) == (110, 3, 121.0, 1050)
    assert (first.sets, first.strap_sets) == (3, 2)
    assert (second.top_weight_kg, second.top_reps, second.e1rm_kg, second.strap_sets) == (120, 1, 120, 1)


def test_records_skip_warmups_and_other_profiles(history_store):
    sessions, records = history.exercise_history(history_store, "deadlift")
    assert records.heaviest_kg == 120  # not the 300 of profile 2
    assert records.best_e1rm_kg == 121.0
    assert records.best_volume_kg == 1200
    assert records.reps_at_weight == reps_at_weight(history_store.deadlift_sets) == {100: 5, 110: 3, 90: 12, 120: 1}
    hold_sessions, hold_records = history.exercise_history(history_store, "superman-hold")
    assert hold_records.longest_hold_s == 45 and hold_sessions[0].e1rm_kg is None
    assert history.heaviest_kg(history_store, "deadlift") == 120
    assert history.heaviest_kg(history_store, "deadlift", straps=False) == 100


def test_filters_on_sessions(history_store):
    assert [s.date for s in history.exercise_sessions(history_store, "deadlift",
                                                      HistoryFilter(since=date(2026, 11, 5)))] == ["2026-11-09"]
    assert [s.date for s in history.exercise_sessions(history_store, "deadlift",
                                                      HistoryFilter(until=date(2026, 11, 2)))] == ["2026-11-02"]
    assert len(history.exercise_sessions(history_store, "deadlift", HistoryFilter(routine="lower-back-focus"))) == 1


def test_workout_summaries_newest_first_with_filters(history_store):
    w1, w2, w3 = history_store.workouts
    listed = history.workout_summaries(history_store)
    assert [w.id for w in listed] == [w3.id, w2.id, w1.id]
    first = listed[-1]
    assert (first.sets, first.working_sets, first.exercises) == (6, 5, 2)
    assert first.volume_kg == 1050  # pull-ups at bodyweight add no volume
    assert first.duration_s == 3600 and first.note == "solid [day]"
    assert listed[0].ended_at is None and listed[0].duration_s == 600  # unfinished: up to its last set
    assert [w.id for w in history.workout_summaries(history_store, HistoryFilter(routine="essential-back"))] == [w1.id]
    assert [w.id for w in history.workout_summaries(history_store, HistoryFilter(exercise="barbell-row"))] == [w3.id]
    assert [w.id for w in history.workout_summaries(
        history_store, HistoryFilter(since=date(2026, 11, 3), until=date(2026, 11, 9)))] == [w2.id]
    assert [w.id for w in history.workout_summaries(history_store, limit=1, offset=1)] == [w2.id]


def test_sets_of_workouts_grouped(history_store):
    w1, _, _ = history_store.workouts
    sets = history.sets_of_workouts(history_store, [w1.id])[w1.id]
    assert [s.exercise for s in sets] == ["deadlift"] * 4 + ["pull-up"] * 2


def test_weekly_rows_and_training_days(history_store):
    with pendulum.travel_to(pendulum.datetime(2026, 11, 18, 12), freeze=True):
        weeks = last_weeks(history.today(), 12)
        rows = {(r.exercise, r.week): (r.sets, r.volume_kg, strapped) for r, strapped in
                history.weekly_rows(history_store, weeks)}
    assert rows[("deadlift", date(2026, 11, 2))] == (3, 1050, 2)
    assert rows[("deadlift", date(2026, 11, 9))] == (2, 1200, 1)
    assert rows[("barbell-row", date(2026, 11, 16))] == (2, 960, 0)
    assert ("superman-hold", date(2026, 11, 9)) in rows
    assert history.training_days(history_store, date(2026, 10, 1), date(2026, 11, 30)) == {
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)}


def test_unknown_exercise_is_a_storage_error(history_store):
    from backtui.storage.errors import StorageError

    with pytest.raises(StorageError):
        history.exercise_sessions(history_store, "no-such-lift")


def test_queries_read_covering_indexes(history_store):
    plan = " ".join(r[-1] for r in history_store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT workout_id, max(weight_kg), sum(weight_kg * reps), sum(straps) FROM sets "
        "WHERE profile_id = 1 AND exercise_id = 5 AND kind != 'warmup' GROUP BY workout_id"))
    assert "COVERING INDEX idx_sets_history" in plan
    plan = " ".join(r[-1] for r in history_store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT exercise_id, date(logged_at, 'localtime', 'weekday 0', '-6 days') AS week, "
        "count(*), sum(straps) FROM sets WHERE profile_id = 1 AND logged_at >= '2026-08-31' "
        "AND logged_at < '2026-11-23' AND kind != 'warmup' GROUP BY exercise_id, week"))
    assert "COVERING INDEX idx_sets_recent" in plan


def test_routines_and_exercises_done(history_store):
    assert history.routines_done(history_store) == {
        "essential-back": "Essential back strength", "lower-back-focus": "Lower back focus"}
    done = history.exercises_done(history_store)
    assert set(done) == {"deadlift", "pull-up", "superman-hold", "barbell-row"}
