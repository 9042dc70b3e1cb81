"""The per-session summaries (migration m004) always equal what the sets say, whatever is
logged, edited, deleted, restored, discarded or imported; the triggers embed the one
e1RM formula; the all-time history reads them, not the sets."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.domain.importers import parse_import
from backtui.domain.records import e1rm_sql
from backtui.storage import history
from backtui.storage.db import open_database
from backtui.storage.importing import import_parsed
from backtui.storage.store import Store
from backtui.storage.summaries import rep_best_rows_sql, session_rows_sql


def assert_summaries_match(conn: sqlite3.Connection) -> None:
    kept = sorted(conn.execute("SELECT * FROM exercise_sessions").fetchall())
    fresh = sorted(conn.execute(session_rows_sql()).fetchall())
    assert [r[:6] + r[7:] for r in kept] == [r[:6] + r[7:] for r in fresh]
    for k, f in zip(kept, fresh):  # volume: a running sum may differ from sum() in the last bits
        assert abs(k[7] - f[7]) < 1e-6, (k, f)
    assert sorted(conn.execute("SELECT * FROM rep_bests").fetchall()) == sorted(conn.execute(rep_best_rows_sql()))


ENTRIES = {
    "deadlift": ["100x5", "110x3 s", "w 60x5", "120x1", "100x8 @9", "90x12", "62.5x8", "135lb x 5", "100x5 s",
                 "130x2 !", "120x1 !", "110x3 s !"],  # form broke: volume, no record
    "pull-up": ["12", "+10x6", "-20x8", "bw x 8", "w 5", "15 !"],
    "superman-hold": ["45s", "1:30", "w 20s", "2:00 !"],
}
_action = st.one_of(
    st.tuples(st.just("log"), st.sampled_from(sorted(ENTRIES)), st.integers(0, 8), st.integers(0, 2)),
    st.tuples(st.just("update"), st.integers(0, 50), st.integers(0, 8)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("undo delete")),
    st.tuples(st.just("new workout")),
    st.tuples(st.just("discard workout")),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "b.db"
    open_database(path).close()
    return path


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(_action, min_size=1, max_size=25))
def test_summaries_follow_every_change(template: Path, tmp_path_factory, actions):
    path = tmp_path_factory.mktemp("sum") / "b.db"
    shutil.copy(template, path)
    store = Store(open_database(path), load_catalog())
    store.conn.execute("PRAGMA synchronous = OFF")  # a scratch file: no fsync per step
    measures = {slug: store.catalog.exercises[slug].measure for slug in ENTRIES}
    workouts = [store.start_workout()]
    deleted = []
    for action in actions:
        kind = action[0]
        live = store.conn.execute("SELECT id FROM sets ORDER BY id").fetchall()
        if kind == "log":
            _, slug, pick, which = action
            entries = ENTRIES[slug]
            store.log_sets(workouts[which % len(workouts)].id, slug,
                           parse_entry(entries[pick % len(entries)], measures[slug]))
        elif kind == "update" and live:
            set_id = live[action[1] % len(live)][0]
            (logged,) = store.sets_by_id([set_id])
            entries = ENTRIES[logged.exercise]
            store.update_set(set_id, parse_entry(entries[action[2] % len(entries)], measures[logged.exercise])[0])
        elif kind == "delete" and live:
            (logged,) = store.sets_by_id([live[action[1] % len(live)][0]])
            store.delete_set(logged.id)
            deleted.append(logged)
        elif kind == "undo delete" and deleted:
            logged = deleted.pop()
            workout_there = store.conn.execute("SELECT 1 FROM workouts WHERE id = ?", [logged.workout_id]).fetchone()
            id_free = not store.conn.execute("SELECT 1 FROM sets WHERE id = ?", [logged.id]).fetchone()
            if workout_there and id_free:  # as the tracker's undo (last action first) would find it
                store.restore_set(logged)
        elif kind == "new workout":
            workouts.append(store.start_workout())
        elif kind == "discard workout" and len(workouts) > 1:
            store.discard_workout(workouts.pop().id)
        assert_summaries_match(store.conn)
    store.db.close()


def test_an_import_fills_the_summaries(store: Store):
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
            + "".join(f"2024-01-{d:02d} 10:00:00,Pull,41m,Deadlift (Barbell),{n},{90 + 5 * n},{6 - n},0,0,,,\n"
                      for d in range(1, 20) for n in range(1, 5))
            + "2024-01-02 10:00:00,Pull,41m,Plank,1,0,0,0,60,,,\n")
    import_parsed(store, parse_import(text.encode()))
    assert_summaries_match(store.conn)
    sessions, records = history.exercise_history(store, "deadlift")
    assert len(sessions) == 19 and records.heaviest_kg == 110 and records.reps_at_weight[95] == 5


def test_the_triggers_embed_the_one_e1rm_formula(store: Store):
    """Change e1rm_sql and this fails: add a migration that recreates the triggers and
    rebuilds the summaries (backtui/storage/summaries.py has both)."""
    triggers = dict(store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    insert = e1rm_sql("NEW.weight_kg", "NEW.reps", "NEW.seconds", "NEW.kind", "NEW.bodyweight_kg", "NEW.exercise_id")
    assert insert in triggers["sets_summarise_insert"]
    assert e1rm_sql() in triggers["sets_summarise_update"] and e1rm_sql() in triggers["sets_summarise_delete"]


def test_all_time_history_reads_the_summaries_not_the_sets(store: Store):
    workout = store.start_workout()
    store.log_sets(workout.id, "deadlift", parse_entry("100x5x3"))
    exercise_id = store.exercise_id("deadlift")
    plan = " ".join(r[-1] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT es.workout_id, es.top_key FROM exercise_sessions es "
        "WHERE es.profile_id = 1 AND es.exercise_id = ? ORDER BY es.first_at, es.workout_id", [exercise_id]))
    assert "PRIMARY KEY" in plan and "sets" not in plan.replace("exercise_sessions", "")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    history.exercise_history(store, "deadlift")
    history.heaviest_kg(store, "deadlift", straps=False)
    store.conn.set_trace_callback(None)
    assert statements and not any(" FROM sets" in s for s in statements)


def test_the_first_schema_is_migrated_with_summaries(tmp_path: Path):
    from test_migrations import build_v1

    path = tmp_path / "v1.db"
    build_v1(path)
    db = open_database(path)
    assert db.conn.execute("SELECT count(*) FROM exercise_sessions").fetchone()[0] > 0
    assert_summaries_match(db.conn)
    db.close()


def test_deleting_a_lifter_removes_their_summaries_in_bulk(store: Store):
    from backtui.storage.profiles import add_profile, delete_profile

    workout = store.start_workout()
    store.log_sets(workout.id, "deadlift", parse_entry("100x5x3"))
    add_profile(store.conn, "Bob")
    bob = Store(store.db, store.catalog, 2)
    theirs = bob.start_workout()
    bob.log_sets(theirs.id, "deadlift", parse_entry("60x8x2"))
    delete_profile(store.conn, "Bob")
    assert_summaries_match(store.conn)
    assert store.conn.execute("SELECT count(*) FROM exercise_sessions WHERE profile_id = 2").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM meta WHERE key = 'summaries_paused'").fetchone()[0] == 0
    store.log_sets(workout.id, "deadlift", parse_entry("110x3"))  # the triggers are live again
    assert_summaries_match(store.conn)
