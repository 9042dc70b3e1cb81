"""Correcting the record from the command line (issue 13): each command with a good
and a bad id, the plausibility rule at its boundaries, `log --at` on a past day, and
the file's one-open-workout rule with two real writers racing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backtui.domain.models import Exercise, SetDraft
from backtui.domain.plausible import PLAUSIBLE_KG, implausible
from backtui.domain.records import Bests


def _export(run) -> list[dict]:
    return json.loads(run("export", "--format", "json").output)


def _rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def logged(run):
    assert run("log", "barbell-row", "60x8", "60x8", "--at", "2026-11-18T18:30").exit_code == 0
    return run


def test_workouts_lists_ids_dates_names_and_set_counts(logged):
    data = json.loads(logged("workouts", "--json").output)
    assert [(w["id"], w["sets"], w["name"]) for w in data] == [(1, 2, None)]
    text = logged("workouts").output
    assert "Wed 18 Nov 2026 18:30" in text and "2 sets" in text


def test_workout_show_gives_each_set_its_id(logged):
    data = json.loads(logged("workout", "show", "1", "--json").output)
    assert [(s["id"], s["set_number"], s["weight_kg"]) for s in data["sets"]] == [(1, 1, 60.0), (2, 2, 60.0)]
    assert "[id 2]" in logged("workout", "show", "1").output


@pytest.mark.parametrize("args", [
    ("workout", "show", "9"), ("workout", "edit", "9", "--name", "x"), ("workout", "delete", "9", "--yes"),
    ("set", "edit", "9", "65x8"), ("set", "delete", "9"),
])
def test_an_unknown_id_exits_2_and_changes_nothing(logged, db_path, args):
    before = _rows(db_path, "SELECT * FROM sets") + _rows(db_path, "SELECT * FROM workouts")
    result = logged(*args)
    assert result.exit_code == 2 and "no " in result.output and "9" in result.output
    assert _rows(db_path, "SELECT * FROM sets") + _rows(db_path, "SELECT * FROM workouts") == before


def test_set_edit_says_what_changed_and_records_follow(logged, db_path):
    result = logged("set", "edit", "2", "65x8", "@8")
    assert result.exit_code == 0
    assert "set 2: 60x8 -> 65x8 @8" in result.output
    assert [s["weight_kg"] for s in _export(logged)] == [60.0, 65.0]
    assert _rows(db_path, "SELECT top_kg FROM exercise_sessions") == [(65.0,)]


def test_set_delete_and_workout_edit_and_delete(logged, db_path):
    assert "deleted Bent-over barbell row set 1, 60x8" in logged("set", "delete", "1").output
    assert [s["set_number"] for s in _export(logged)] == [1]
    result = logged("workout", "edit", "1", "--at", "2026-11-17T07:00", "--name", "Pull day", "--note", "fixed")
    assert result.exit_code == 0
    assert "Wed 18 Nov 2026 18:30 -> Tue 17 Nov 2026 07:00" in result.output and "'Pull day'" in result.output
    shown = json.loads(logged("workout", "show", "1", "--json").output)
    assert shown["name"] == "Pull day" and shown["note"] == "fixed"
    assert shown["sets"][0]["logged_at"].startswith("2026-11-17T07:00")  # the sets move with it
    assert _rows(db_path, "SELECT first_at FROM exercise_sessions")[0][0].startswith("2026-11-17T07:00")
    assert logged("workout", "edit", "1").exit_code == 2  # nothing to change
    refused = logged("workout", "delete", "1")
    assert refused.exit_code == 2 and _rows(db_path, "SELECT count(*) FROM workouts") == [(1,)]
    assert "deleted workout 1 (Pull day" in logged("workout", "delete", "1", "--yes").output
    assert _rows(db_path, "SELECT count(*) FROM sets") == [(0,)]
    assert _rows(db_path, "SELECT count(*) FROM exercise_sessions") == [(0,)]


def test_output_is_inert(logged):
    logged("workout", "edit", "1", "--name", "evil\x1b[31m", "--note", "\x07bell")
    for args in (("workouts",), ("workout", "show", "1")):
        out = logged(*args).output
        assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out


# -- no silent typos ---------------------------------------------------------
ROW = Exercise("barbell-row", "Bent-over barbell row", "lats", "row", "compound", "barbell", "weight_reps", 3, 90)


def _bests(*pairs: tuple[float, int]) -> Bests:
    bests = Bests()
    for weight, reps in pairs:
        bests.absorb(SetDraft(weight_kg=weight, reps=reps))
    return bests


def test_weight_rule_at_its_boundary():
    bests = _bests((100, 1))  # heaviest 100, e1RM 100
    assert implausible([SetDraft(weight_kg=150, reps=1)], ROW, _bests((100, 1), (40, 30)), "kg") is None or True
    high = _bests((100, 1), (100.0, 1))
    high.best_e1rm_kg = 1000  # only the weight rule can speak
    assert implausible([SetDraft(weight_kg=150, reps=1)], ROW, high, "kg") is None
    assert "1.5x" in (implausible([SetDraft(weight_kg=150.5, reps=1)], ROW, high, "kg") or "")
    assert bests.heaviest_kg == 100


def test_e1rm_rule_at_its_boundary():
    bests = _bests((100, 1))
    bests.heaviest_kg = 1000  # only the e1RM rule can speak
    assert implausible([SetDraft(weight_kg=130, reps=1)], ROW, bests, "kg") is None  # exactly 30% above
    assert "above your best" in (implausible([SetDraft(weight_kg=130.5, reps=1)], ROW, bests, "kg") or "")


def test_no_history_uses_the_plausible_range():
    limit = PLAUSIBLE_KG["barbell"]
    assert implausible([SetDraft(weight_kg=limit, reps=5)], ROW, Bests(), "kg") is None
    assert "plausibly" in (implausible([SetDraft(weight_kg=limit + 0.5, reps=5)], ROW, Bests(), "kg") or "")


def test_log_asks_before_a_typo_and_yes_saves_it(logged):
    refused = logged("log", "barbell-row", "1000x1")
    assert refused.exit_code == 2 and "1.5x" in refused.output and "--yes" in refused.output
    assert len(_export(logged)) == 2
    assert logged("log", "barbell-row", "90x1").exit_code == 0  # 1.5x exactly, e1RM +18%: no question
    assert logged("log", "barbell-row", "1000x1", "--yes").exit_code == 0
    assert len(_export(logged)) == 4


def test_set_edit_asks_too(logged):
    assert logged("set", "edit", "1", "1000x1").exit_code == 2
    assert logged("set", "edit", "1", "1000x1", "--yes").exit_code == 0


# -- one open workout ---------------------------------------------------------
def test_log_at_a_past_day_closes_that_workout_unless_open(run, db_path):
    run("log", "barbell-row", "60x8", "--at", "2026-11-18T18:30")
    run("log", "barbell-row", "60x8", "--at", "2026-11-18T18:40")
    assert _rows(db_path, "SELECT id, ended_at FROM workouts") == [(1, "2026-11-18T18:40:00.000000+00:00")]
    assert run("log", "barbell-row", "60x8", "--at", "2026-11-19T18:30", "--open").exit_code == 0
    assert _rows(db_path, "SELECT count(*) FROM workouts WHERE ended_at IS NULL") == [(1,)]
    # Today's workout is open (the stale past one is closed on the way): another open
    # one on a past day would be a second open workout, refused.
    assert "closed at its last set" in run("log", "barbell-row", "60x8").output
    refused = run("log", "barbell-row", "60x8", "--at", "2026-11-20T18:30", "--open")
    assert refused.exit_code == 2 and "one at a time" in refused.output


def test_the_file_refuses_a_second_open_workout(run, db_path):
    run("log", "barbell-row", "60x8")
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO workouts (profile_id, started_at) VALUES (1, '2026-12-01T10:00:00+00:00')")
    conn.close()


def test_a_stale_open_workout_closes_at_its_last_set_and_says_so(run, db_path):
    run("log", "barbell-row", "60x8")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE workouts SET started_at = '2026-11-01T10:00:00.000000+00:00'")
    conn.execute("UPDATE sets SET logged_at = '2026-11-01T10:30:00.000000+00:00'")
    conn.commit()
    conn.close()
    result = run("log", "barbell-row", "60x8")
    assert "was open more than 6 h: closed at its last set" in result.output
    rows = _rows(db_path, "SELECT id, ended_at FROM workouts ORDER BY id")
    assert rows[0] == (1, "2026-11-01T10:30:00.000000+00:00") and rows[1][1] is None


def test_two_writers_racing_to_open_one_wins_the_other_joins(tmp_path):
    db = tmp_path / "race.db"
    env = {**os.environ, "BACKTUI_DB": str(db)}
    subprocess.run([sys.executable, "-m", "backtui", "profile", "list"], env=env, capture_output=True)
    procs = [subprocess.Popen([sys.executable, "-m", "backtui", "log", "barbell-row", f"{50 + i}x8"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(4)]
    results = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    assert _rows(db, "SELECT count(*), sum(ended_at IS NULL) FROM workouts") == [(1, 1)]
    assert _rows(db, "SELECT count(*), count(DISTINCT workout_id) FROM sets") == [(4, 1)]


def test_migration_closes_extra_open_workouts(tmp_path):
    from sqlite_utils import Database

    from backtui.storage.schema import migrations

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m009_one_open_workout")
    db.execute("INSERT INTO workouts (profile_id, started_at) VALUES (1, '2026-11-01T10:00:00+00:00')")
    db.execute("INSERT INTO workouts (profile_id, started_at) VALUES (1, '2026-11-02T10:00:00+00:00')")
    db.conn.commit()
    migrations.apply(db)
    rows = db.execute("SELECT id, ended_at FROM workouts ORDER BY id").fetchall()
    assert rows == [(1, "2026-11-01T10:00:00+00:00"), (2, None)]


def test_a_correction_on_the_live_workouts_connection_reaches_its_coach(db_path):
    """History corrects a past workout on the database thread's own connection (no
    data_version change): the live workout still reads the corrected history."""
    from backtui.core import lifecycle
    from backtui.core.record_edit import RecordEditor
    from backtui.domain.catalog import load_catalog
    from backtui.domain.entry import parse_entry
    from backtui.storage.db import open_database
    from backtui.storage.record_edits import SqliteRecord
    from backtui.storage.store import Store
    from backtui.storage.workouts import SqliteWorkouts

    catalog = load_catalog()
    store = Store(open_database(db_path), catalog)
    try:
        past = store.start_workout(None, None, at="2026-11-18T18:00:00+00:00")
        typo, = store.log_sets(past.id, "barbell-row", parse_entry("1000x1"), at="2026-11-18T18:05:00+00:00")
        store.finish_workout(past.id, at="2026-11-18T19:00:00+00:00")
        storage = SqliteWorkouts(store)
        begun = lifecycle.start(storage, catalog, catalog.routines["essential-back"])
        live = begun.live
        live.add("barbell-row", catalog)
        assert live.bests_before("barbell-row").heaviest_kg == 1000
        RecordEditor(SqliteRecord(store), catalog).edit_set(typo.id, "60x8")
        storage.touched()
        live.look()
        assert live.bests_before("barbell-row").heaviest_kg == 60
    finally:
        store.db.close()
