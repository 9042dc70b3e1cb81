"""`backtui import` and the export round trip, through the real command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main
from backtui.domain.entry import parse_entry

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def table_counts(path: Path) -> tuple[int, int]:
    if not path.exists():
        return (0, 0)
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("workouts", "sets"))
    finally:
        conn.close()


def test_import_prints_a_summary_and_is_idempotent(db_path: Path):
    result = invoke("import", str(FIXTURES / "strong_comma.csv"), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Strong (comma layout" in out and "12 rows" in out
    assert "workouts   3 new" in out and "sets       9" in out
    assert "3 matched to the catalog, 2 new custom" in out
    assert "Pull Up (Assisted) -> assisted-pull-up" in out
    assert "rest timer row (not a set): 2 (lines 6, 10)" in out
    assert "unfinished set (no weight, reps or time): 1 (line 11)" in out
    assert "Reading" not in out  # no progress bar when not on a terminal
    assert table_counts(db_path) == (3, 9)
    again = invoke("import", str(FIXTURES / "strong_comma.csv"), "--db", str(db_path))
    assert "0 new, 3 already in the database" in again.output and "Nothing new" in again.output
    assert table_counts(db_path) == (3, 9)


def test_unit_option_for_files_without_a_unit(db_path: Path):
    invoke("import", str(FIXTURES / "strong_comma.csv"), "--unit", "lb", "--db", str(db_path))
    sets = json.loads(invoke("export", "--db", str(db_path)).output)
    row = next(s for s in sets if s["exercise"] == "seated-cable-row")
    assert (row["unit"], row["weight_kg"]) == ("lb", 63.502932)


def test_dry_run_writes_nothing(db_path: Path, tmp_path: Path):
    missing = tmp_path / "never.db"
    result = invoke("import", str(FIXTURES / "hevy_kg.csv"), "--dry-run", "--db", str(missing))
    assert result.exit_code == 0 and "Dry run: nothing was written." in result.output
    assert "workouts   2 new" in result.output
    assert not missing.exists()
    invoke("import", str(FIXTURES / "fitnotes_2017.csv"), "--db", str(db_path))
    before = db_path.read_bytes(), table_counts(db_path)
    result = invoke("import", str(FIXTURES / "hevy_kg.csv"), "--dry-run", "--db", str(db_path))
    assert result.exit_code == 0
    assert table_counts(db_path) == before[1]


def test_a_file_broken_half_way_exits_2_with_the_line_and_changes_nothing(db_path: Path):
    invoke("import", str(FIXTURES / "fitnotes_2017.csv"), "--db", str(db_path))
    before = table_counts(db_path)
    result = CliRunner().invoke(main, ["import", str(FIXTURES / "broken_halfway.csv"), "--db", str(db_path)])
    assert result.exit_code == 2
    assert "line 41" in result.output and "'heavy' is not a number" in result.output
    assert "Traceback" not in result.output
    assert table_counts(db_path) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"name,age\nbob,3\n", "line 1: not a Strong, Hevy or FitNotes export"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_unknown_or_malformed_files_exit_2(tmp_path: Path, db_path: Path, content: bytes, words: str):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(path), "--db", str(db_path)])
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


def test_missing_file_and_wrong_from(tmp_path: Path, db_path: Path):
    result = CliRunner().invoke(main, ["import", str(tmp_path / "nope.csv"), "--db", str(db_path)])
    assert result.exit_code == 2 and "cannot read" in result.output
    result = CliRunner().invoke(main, ["import", str(FIXTURES / "hevy_kg.csv"), "--from", "fitnotes",
                                       "--db", str(db_path)])
    assert result.exit_code == 2 and "looks like a Hevy export" in result.output


def _log(store, slug: str, workout_id: int, entry: str, at: str):
    exercise = store.catalog.exercises.get(slug)
    measure = exercise.measure if exercise else "weight_reps"
    unit = "lb" if " lb" in entry else "kg"
    store.log_sets(workout_id, slug, parse_entry(entry.replace(" lb", ""), measure, unit), at=at)


def _sets(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT e.name, s.set_number, s.kind, s.weight_kg, s.reps, s.seconds, s.straps, s.rpe, s.form_broke, "
            "s.note, s.unit, s.logged_at, w.routine_slug, w.routine_name, w.note "
            "FROM sets s JOIN exercises e ON e.id = s.exercise_id JOIN workouts w ON w.id = s.workout_id "
            "ORDER BY s.logged_at, s.id").fetchall()
    finally:
        conn.close()


def test_export_then_import_into_an_empty_database_gives_back_the_same_sets(store, db_path: Path, tmp_path: Path):
    # A custom exercise with a name a spreadsheet would run, made by an import.
    weird = tmp_path / "weird.csv"
    weird.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                     '2026-11-01 09:00:00,"@Home",=SUM(A1:A2),1,20,10\n')
    invoke("import", str(weird), "--db", str(db_path))
    store.refresh_exercises()
    workout = store.start_workout("essential-back", "Essential back strength", at="2026-11-18T18:00:00.000000+00:00")
    _log(store, "deadlift", workout.id, "60x5 w", "2026-11-18T18:05:00.000000+00:00")
    _log(store, "deadlift", workout.id, "140x5 s @8.5 # -grip went", "2026-11-18T18:10:00.000000+00:00")
    _log(store, "deadlift", workout.id, "100x8 d !", "2026-11-18T18:15:00.000000+00:00")
    _log(store, "barbell-row", workout.id, "135x5 lb f # +1 rep", "2026-11-18T18:20:00.000000+00:00")
    _log(store, "assisted-pull-up", workout.id, "-20x8 # 'quoted", "2026-11-18T18:25:00.000000+00:00")
    _log(store, "pull-up", workout.id, "+10x5", "2026-11-18T18:26:00.000000+00:00")
    _log(store, "back-extension", workout.id, "15", "2026-11-18T18:27:00.000000+00:00")
    _log(store, "superman-hold", workout.id, "30s x2", "2026-11-18T18:30:00.000000+00:00")
    store.finish_workout(workout.id, at="2026-11-18T19:03:00.000000+00:00", note="=ok, a good one")
    out = tmp_path / "export.csv"
    assert invoke("export", "--format", "csv", "-o", str(out), "--db", str(db_path)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    weird_row = next(r for r in rows if r["Weight"] == "20")
    assert weird_row["Exercise Name"] == "'=SUM(A1:A2)" and weird_row["Workout Name"] == "'@Home"
    assert {r["Notes"] for r in rows} >= {"'-grip went", "'+1 rep", "''quoted"}
    assert rows[-1]["Workout Notes"] == "'=ok, a good one"
    fresh = tmp_path / "fresh.db"
    result = invoke("import", str(out), "--db", str(fresh))
    assert result.exit_code == 0 and "backtui CSV" in result.output, result.output
    assert _sets(fresh) == _sets(db_path)
    assert len(_sets(fresh)) == 10
    again = invoke("import", str(out), "--db", str(fresh))
    assert "Nothing new" in again.output and len(_sets(fresh)) == 10


def test_csv_weights_are_in_the_sets_own_unit_without_float_noise_and_round_trip(store, db_path: Path,
                                                                                  tmp_path: Path):
    # Issue 17: the CSV said 102.058283 for a 225 lb deadlift.
    workout = store.start_workout(at="2026-11-18T18:00:00.000000+00:00")
    for minute, entry in enumerate(("225x5 lb", "137.5x3 lb", "102.5x5", "61.235x2", "-20x8 lb"), start=1):
        slug = "assisted-pull-up" if entry.startswith("-") else "deadlift"
        _log(store, slug, workout.id, entry, f"2026-11-18T18:{minute:02d}:00.000000+00:00")
    store.finish_workout(workout.id, at="2026-11-18T19:00:00.000000+00:00")
    out = tmp_path / "export.csv"
    assert invoke("export", "--format", "csv", "-o", str(out), "--db", str(db_path)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["Weight"], r["Weight Unit"], r["Entry Unit"]) for r in rows] == [
        ("225", "lb", "lb"), ("137.5", "lb", "lb"), ("102.5", "kg", "kg"), ("61.235", "kg", "kg"), ("-20", "lb", "lb")]
    fresh = tmp_path / "fresh.db"
    result = invoke("import", str(out), "--db", str(fresh))
    assert result.exit_code == 0 and "Weight Unit" in result.output, result.output
    assert _sets(fresh) == _sets(db_path)
    assert [row[3] for row in _sets(fresh)] == [102.058283, 62.368951, 102.5, 61.235, -9.071847]
    # The JSON backup stays exact kg.
    backup = json.loads(invoke("export", "--format", "json", "--db", str(db_path)).stdout)
    assert [s["weight_kg"] for s in backup] == [102.058283, 62.368951, 102.5, 61.235, -9.071847]


def test_a_csv_of_older_backtui_without_weight_unit_reads_weight_as_kg(db_path: Path, tmp_path: Path):
    old = tmp_path / "old.csv"
    old.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE,"
        "Straps,Set Kind,Entry Unit,Form Broke,Logged At,Routine,Body Weight,Distance Unit,Region,Pattern\n"
        "2026-11-18 18:00:00,Workout,41m,Deadlift,1,102.058283,5,0,0,,,,no,working,lb,no,"
        "2026-11-18T18:05:00.000000+00:00,,,,,\n")
    result = invoke("import", str(old), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert [(row[3], row[10]) for row in _sets(db_path)] == [(102.058283, "lb")]


def test_importing_our_own_export_into_the_same_database_adds_nothing(store, db_path: Path, tmp_path: Path):
    workout = store.start_workout(at="2026-11-18T18:00:00.000000+00:00")
    _log(store, "deadlift", workout.id, "100x5", "2026-11-18T18:05:00.000000+00:00")
    out = tmp_path / "export.csv"
    invoke("export", "--format", "csv", "-o", str(out), "--db", str(db_path))
    result = invoke("import", str(out), "--db", str(db_path))
    assert "0 new, 1 already in the database" in result.output


def test_a_copy_of_a_fixture_with_crlf_and_bom_imports(tmp_path: Path, db_path: Path):
    copy = tmp_path / "copy.csv"
    shutil.copy(FIXTURES / "strong_quoted_kg_bom_crlf.csv", copy)
    result = invoke("import", str(copy), "--db", str(db_path))
    assert result.exit_code == 0 and "sets       3" in result.output


@pytest.mark.slow
def test_progress_bar_only_on_a_terminal(tmp_path: Path):
    import os
    import subprocess
    import sys

    from ptyio import run_with_stderr_on_a_pty

    env = {**os.environ, "BACKTUI_DB": str(tmp_path / "tty.db")}
    args = [sys.executable, "-m", "backtui", "import", str(FIXTURES / "strong_comma.csv")]
    done, seen = run_with_stderr_on_a_pty(args, env)
    assert done.returncode == 0 and b"sets       9" in done.stdout
    assert b"Reading" in seen and b"Writing" in seen
    piped = subprocess.run(args, capture_output=True, env={**env, "BACKTUI_DB": str(tmp_path / "pipe.db")}, timeout=60)
    assert piped.returncode == 0 and b"Reading" not in piped.stderr + piped.stdout


def test_imported_custom_exercises_can_be_logged_from_the_shell(db_path: Path):
    invoke("import", str(FIXTURES / "strong_quoted_lbs.csv"), "--db", str(db_path))
    result = invoke("log", "bench-press-barbell", "100x5", "--db", str(db_path))
    assert result.exit_code == 0 and "Bench Press (Barbell)" in result.output
    by_name = invoke("log", "Push Up", "20", "--db", str(db_path))
    assert by_name.exit_code == 0, by_name.output
    unknown = CliRunner().invoke(main, ["log", "no-such-lift", "5x5", "--db", str(db_path)])
    assert unknown.exit_code == 2 and "unknown exercise" in unknown.output


def test_custom_exercises_are_never_mirrored_as_shipped_ones(store):
    from backtui.domain.importers import parse_import
    from backtui.storage.importing import import_parsed, with_custom_exercises
    from backtui.storage.store import Store

    import_parsed(store, parse_import((FIXTURES / "hevy_lbs.csv").read_bytes()))
    merged = with_custom_exercises(store.catalog, store)
    assert "running" in merged.exercises and "deadlift" in merged.exercises
    Store(store.db, merged)  # even if someone passes the merged catalog
    shipped = store.conn.execute("SELECT count(*) FROM exercises WHERE profile_id IS NULL").fetchone()[0]
    assert shipped == len(store.catalog.exercises)


def test_import_from_standard_input(db_path: Path):
    data = (FIXTURES / "hevy_lbs.csv").read_bytes()
    result = CliRunner().invoke(main, ["import", "-", "--db", str(db_path)], input=data)
    assert result.exit_code == 0 and "sets       3" in result.output
