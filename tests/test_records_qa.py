"""Records as a new user expects them: one line per load with its best, and no record
from a set flagged form-broke (it still counts in volume). Migration m005 rebuilds the
summaries of an older database that counted such sets."""

from __future__ import annotations

from pathlib import Path

from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.domain.records import Bests, new_records, records_of_sets
from backtui.storage import history
from backtui.storage.bests import bests_for
from backtui.storage.db import open_database
from backtui.storage.store import Store
from backtui.storage.summaries import rep_best_rows_sql, session_rows_sql
from backtui.storage.version import SCHEMA_VERSION


def test_sets_logged_together_name_each_record_once_with_its_best():
    before = Bests(heaviest_kg=0.0, reps_at_weight={0.0: 15})
    found = records_of_sets(parse_entry("20 30", "bodyweight_reps"), before, "kg", "bodyweight_reps")
    assert found == ["most reps at bodyweight: 30"]
    assert before.reps_at_weight[0.0] == 30


def test_a_form_broke_set_is_no_record():
    before = Bests(heaviest_kg=120.0, best_e1rm_kg=130.0, reps_at_weight={140.0: 1})
    (broke,) = parse_entry("150x3 !", "weight_reps")
    assert new_records(broke, before) == []
    before.absorb(broke)
    assert before.heaviest_kg == 120.0 and before.best_e1rm_kg == 130.0 and 150.0 not in before.reps_at_weight


def _log(store: Store, entries: list[str]) -> None:
    workout = store.start_workout()
    for entry in entries:
        store.log_sets(workout.id, "deadlift", parse_entry(entry, "weight_reps"))


def test_history_and_bests_leave_form_broke_sets_out_of_records(store: Store):
    _log(store, ["120x3", "140x1 !"])
    sessions, records = history.exercise_history(store, "deadlift")
    assert records.heaviest_kg == 120 and records.best_e1rm_kg == 132.0
    assert 140 not in records.reps_at_weight
    assert sessions[0].volume_kg == 500 and sessions[0].sets == 2  # still volume and a set
    assert (sessions[0].top_weight_kg, sessions[0].top_reps) == (120, 3)
    assert history.heaviest_kg(store, "deadlift", straps=False) == 120
    bests = bests_for(store, "deadlift")
    assert bests.heaviest_kg == 120 and 140 not in bests.reps_at_weight
    assert bests_for(store, "deadlift", exclude_ids=[999]).heaviest_kg == 120


def test_flagging_a_set_afterwards_takes_its_record_away(store: Store):
    _log(store, ["120x3", "140x1"])
    (top,) = [s for s in store.workout_sets(1) if s.weight_kg == 140]
    assert history.exercise_history(store, "deadlift")[1].heaviest_kg == 140
    store.update_set(top.id, parse_entry("140x1 !", "weight_reps")[0])  # as the tracker's form toggle does
    assert history.exercise_history(store, "deadlift")[1].heaviest_kg == 120
    assert 140 not in history.exercise_reps_at_weight(store, "deadlift")


def test_m005_rebuilds_summaries_that_counted_form_broke_sets(tmp_path: Path):
    path = tmp_path / "v4.db"
    db = open_database(path)
    store = Store(db, load_catalog())
    _log(store, ["120x3", "140x1 !"])
    # What schema 4's triggers kept: the form-broke single as the session's top and a rep best.
    db.conn.execute("UPDATE exercise_sessions SET top_kg = 140, e1rm = 140, top_unstrapped_kg = 140")
    db.conn.execute("INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps) "
                    "SELECT profile_id, exercise_id, 140, 1 FROM exercise_sessions")
    db.conn.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm005%'")
    db.conn.execute("PRAGMA user_version = 4")
    db.conn.commit()
    db.close()
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 5
    assert sorted(db.conn.execute("SELECT * FROM exercise_sessions")) == sorted(db.conn.execute(session_rows_sql()))
    assert sorted(db.conn.execute("SELECT * FROM rep_bests")) == sorted(db.conn.execute(rep_best_rows_sql()))
    store = Store(db, load_catalog())
    assert history.exercise_history(store, "deadlift")[1].heaviest_kg == 120
    _log(store, ["150x1 !"])  # the recreated triggers leave it out too
    assert history.exercise_history(store, "deadlift")[1].heaviest_kg == 120
    db.close()
