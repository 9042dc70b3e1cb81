"""The command line, through click's runner and one real process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui import __version__
from backtui.cli import main


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str, env: dict | None = None):
        return runner.invoke(main, [*args, "--db", str(db_path)] if args and args[0] in
                             ("log", "export") else list(args), env=env, catch_exceptions=False)

    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_exercises_json_shape(run):
    data = json.loads(run("exercises", "--json").output)
    by_slug = {e["slug"]: e for e in data}
    assert {"slug", "name", "region", "pattern", "measure", "equipment", "cues"} <= set(by_slug["deadlift"])
    assert by_slug["knee-to-chest"]["measure"] == "seconds"


def test_routines_json_shape(run):
    data = json.loads(run("routines", "--json").output)
    assert len(data) >= 7
    for routine in data:
        assert {"slug", "name", "description", "exercises"} <= set(routine)
        for item in routine["exercises"]:
            assert {"slug", "name", "measure"} <= set(item)


def test_tables_are_readable(run):
    result = run("exercises")
    assert result.exit_code == 0 and "deadlift" in result.output
    assert "essential-back" in run("routines").output


@pytest.mark.parametrize("command", ["exercises", "routines"])
def test_tables_fit_80_columns_without_splitting_a_slug(run, command):
    output = run(command, env={"COLUMNS": "80"}).output
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = {word.strip(",") for line in lines for word in line.split()}
    slugs = [e["slug"] for e in json.loads(run("exercises", "--json").output)]
    shown = [slug for slug in slugs if slug in words]
    # Every exercise appears whole in its table (the routines table lists the ones it uses).
    assert shown == slugs if command == "exercises" else len(shown) > 20
    if command == "exercises":
        # Grouped under region headings, lats (width) apart from the upper back (thickness).
        headings = [line.strip() for line in lines]
        assert "Lats" in headings and "Upper back / traps" in headings


def test_log_then_export_json(run, db_path: Path):
    result = run("log", "barbell-row", "60x8", "s", "@8", "# felt strong", "--at", "2026-11-18T18:30:00")
    assert result.exit_code == 0, result.output
    assert "60x8 straps @8" in result.output
    run("log", "barbell-row", "60x7", "--at", "2026-11-18T18:35:00")
    run("log", "assisted-pull-up", "-20x8", "--at", "2026-11-18T18:40:00")
    sets = json.loads(run("export", "--format", "json").output)
    assert len(sets) == 3
    first = sets[0]
    expected = {"workout_id", "workout_started_at", "routine", "exercise", "exercise_name", "set_number",
                "kind", "weight_kg", "reps", "seconds", "straps", "rpe", "note", "logged_at"}
    assert expected <= set(first)
    assert (first["exercise"], first["set_number"], first["weight_kg"], first["reps"]) == ("barbell-row", 1, 60.0, 8)
    assert first["straps"] is True and first["rpe"] == 8.0 and first["note"] == "felt strong"
    assert first["logged_at"].endswith("+00:00")
    assert sets[1]["set_number"] == 2 and sets[1]["workout_id"] == first["workout_id"]
    assert sets[2]["weight_kg"] == -20.0


def test_log_on_another_day_starts_another_workout(run):
    run("log", "deadlift", "100x5", "--at", "2026-11-17T10:00")
    run("log", "deadlift", "100x5", "--at", "2026-11-18T10:00")
    sets = json.loads(run("export").output)
    assert len({s["workout_id"] for s in sets}) == 2


def test_log_with_routine(run):
    run("log", "deadlift", "100x5", "--routine", "essential-back", "--at", "2026-11-18T10:00")
    assert json.loads(run("export").output)[0]["routine"] == "essential-back"


def test_unknown_exercise_suggests(run):
    result = run("log", "barbel-row", "60x8")
    assert result.exit_code == 2
    assert "barbell-row" in result.output and "Traceback" not in result.output


def test_an_unknown_option_after_the_entries_is_named_as_one(run, db_path: Path):
    result = run("log", "pull-up", "8", "--bogus")
    assert result.exit_code == 2 and "no such option: --bogus" in result.output
    assert not db_path.exists()  # refused before anything was opened or stored


@pytest.mark.parametrize("entry", ["60x", "abc", "60x8 @11", "-20x8"])
def test_bad_entry_exits_2_and_stores_nothing(run, entry):
    result = run("log", "barbell-row", *entry.split())
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert json.loads(run("export").output) == []


def test_bad_at_exits_2(run):
    result = run("log", "deadlift", "100x5", "--at", "yesterday-ish")
    assert result.exit_code == 2 and "--at" in result.output


def test_export_csv_layout_and_formula_escaping(run, db_path: Path, tmp_path: Path):
    run("log", "barbell-row", "60x8", "s", "# =HYPERLINK(\"x\")", "--at", "2026-11-18T18:30:00")
    out = tmp_path / "out.csv"
    result = run("export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows[0]["Exercise Name"] and rows[0]["Weight"] == "60" and rows[0]["Reps"] == "8"
    assert rows[0]["Straps"] == "yes" and rows[0]["Set Kind"] == "working"
    assert rows[0]["Notes"].startswith("'=")
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_not_a_database_is_one_line_exit_1(run, db_path: Path):
    db_path.write_text("not a database")
    result = run("export")
    assert result.exit_code == 1
    assert "not a backtui database" in result.output
    assert "Traceback" not in result.output


def test_app_refuses_a_bad_file_before_starting(db_path: Path):
    db_path.write_text("not a database")
    result = CliRunner().invoke(main, ["--db", str(db_path)])
    assert result.exit_code == 1 and "not a backtui database" in result.output


def test_app_refuses_unknown_routine(db_path: Path):
    result = CliRunner().invoke(main, ["--db", str(db_path), "--routine", "nope"])
    assert result.exit_code == 2 and "unknown routine" in result.output


def test_bactui_db_env_is_used(tmp_path: Path):
    env_db = tmp_path / "env.db"
    result = CliRunner().invoke(main, ["log", "deadlift", "100x5"], env={"BACKTUI_DB": str(env_db)})
    assert result.exit_code == 0 and env_db.exists()


def test_real_process(tmp_path: Path):
    env = {**os.environ, "BACKTUI_DB": str(tmp_path / "p.db")}
    done = subprocess.run(
        [sys.executable, "-m", "backtui", "log", "knee-to-chest", "20s", "x2"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Saved 2 sets" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "backtui", "log", "knee-to-chest", "60x8"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert bad.returncode == 2 and "timed" in bad.stderr and "Traceback" not in bad.stderr


def test_plain_app_options_start_without_click():
    from backtui.launch import app_options

    assert app_options([]) == {}
    assert app_options(["--db", "x.db", "--routine=lower-back-focus", "--no-mouse"]) == {
        "--db": "x.db", "--routine": "lower-back-focus", "--no-mouse": True}
    assert app_options(["--routine", "x", "--start"]) == {"--routine": "x", "--start": True}
    # Everything else goes through the full command line, which explains mistakes.
    for args in (["log", "deadlift", "100x5"], ["--help"], ["--version"], ["--demo"], ["--db"],
                 ["--db", "--routine", "x"], ["--db", "a", "--db", "b"], ["--colour"],
                 ["--start"]):
        assert app_options(args) is None, args


def test_the_app_path_imports_no_click_sqlite_utils_or_pendulum_before_the_first_frame():
    code = ("import sys, backtui.launch, backtui.app, backtui.screens.picker;"
            "print(sorted(m for m in ('click', 'sqlite_utils', 'pendulum', 'textual_plotext') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_log_from_the_shell_loads_none_of_the_app_or_the_live_workout(tmp_path: Path):
    # Issue 17: `backtui log` from a script pays for what it stores, not for the app.
    code = ("import sys; from backtui.launch import main; sys.argv = ['backtui'] + sys.argv[1:]\n"
            "try:\n    main()\nfinally:\n"
            "    print(sorted(m for m in ('textual', 'rich', 'backtui.core.lifecycle', 'backtui.core.workout',"
            " 'backtui.core.coach', 'backtui.domain.progression', 'backtui.storage.schema') if m in sys.modules))")
    db = str(tmp_path / "b.db")
    subprocess.run([sys.executable, "-m", "backtui", "log", "--db", db, "deadlift", "100x5"], check=True,
                   capture_output=True, timeout=60)  # creates the file: the schema module's work
    done = subprocess.run([sys.executable, "-c", code, "log", "--db", db, "deadlift", "100x5"],
                          capture_output=True, text=True, timeout=60)
    assert "set 2: 100x5" in done.stdout, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_launch_refuses_a_bad_file_in_one_line(tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    done = subprocess.run([sys.executable, "-m", "backtui", "--db", str(bad)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: {bad} is not a backtui database (it is not an SQLite file)"
