"""Issue 14's rules through the real command line: units stated and questioned, broken
files refused with nothing written, --map remembered, --list and --undo, --tz, inert text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main

QUIRKS = Path(__file__).parent / "fixtures" / "import" / "quirks"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def table_rows(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_the_summary_and_the_dry_run_state_the_unit_and_the_zone(db_path: Path):
    dry = invoke("import", str(QUIRKS / "strong_older.csv"), "--dry-run", "--db", str(db_path))
    assert dry.exit_code == 0, dry.output
    assert "weights    kg (assumed: the file does not say; give --unit kg or --unit lb)" in dry.output
    assert "times      local times in" in dry.output and "this computer's zone" in dry.output
    done = invoke("import", str(QUIRKS / "strong_older.csv"), "--unit", "kg", "--tz", "Europe/Berlin",
                  "--db", str(db_path))
    assert "weights    kg (--unit kg)" in done.output
    assert "times      local times in Europe/Berlin (--tz)" in done.output


def test_implausible_values_stop_the_import_and_ask_for_the_unit(db_path: Path):
    result = invoke("import", str(QUIRKS / "strong_belt_load_lb.csv"), "--db", str(db_path))
    assert result.exit_code == 2
    assert "does not say its weight unit, and its values do not fit kg" in result.output
    assert "Deadlift (Barbell): 1 of 2 sets over 350 kg (heaviest 420 kg)" in result.output
    assert "--unit lb" in result.output and "Nothing was imported" in result.output
    assert table_rows(db_path).get("sets", 0) == 0
    ok = invoke("import", str(QUIRKS / "strong_belt_load_lb.csv"), "--unit", "lb", "--db", str(db_path))
    assert ok.exit_code == 0, ok.output
    assert "weights    lb (--unit lb)" in ok.output
    assert "bodyweight Pull Up: read as load on a belt (2 sets, 25-45 lb" in ok.output


@pytest.mark.parametrize(("name", "line"), [("strong_stray_quote.csv", 4), ("strong_cut_row.csv", 3)])
def test_broken_quoting_exits_2_with_the_line_and_the_database_unchanged(db_path: Path, name: str, line: int):
    invoke("import", str(QUIRKS / "strong_older.csv"), "--unit", "kg", "--db", str(db_path))
    before = table_rows(db_path)
    result = invoke("import", str(QUIRKS / name), "--unit", "kg", "--db", str(db_path))
    assert result.exit_code == 2
    assert f"line {line}:" in result.output and "quote" in result.output
    assert "Traceback" not in result.output
    assert table_rows(db_path) == before


def test_map_places_a_name_and_is_remembered_for_that_lifter(db_path: Path, tmp_path: Path):
    first = tmp_path / "first.csv"
    first.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                     "2026-01-02 10:00:00,Pull,Wide Grip Cable Pulldown,1,50,10\n")
    unmatched = invoke("import", str(first), "--unit", "kg", "--dry-run", "--db", str(db_path))
    assert "Wide Grip Cable Pulldown -> new wide-grip-cable-pulldown (weight reps); closest lift:" in unmatched.output
    mapped = invoke("import", str(first), "--unit", "kg", "--map", "Wide Grip Cable Pulldown=lat-pulldown",
                    "--db", str(db_path))
    assert mapped.exit_code == 0, mapped.output
    assert "Wide Grip Cable Pulldown -> lat-pulldown (--map)" in mapped.output
    later = tmp_path / "later.csv"
    later.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                     "2026-01-09 10:00:00,Pull,wide grip cable pulldown,1,55,8\n")
    again = invoke("import", str(later), "--unit", "kg", "--db", str(db_path))
    assert "wide grip cable pulldown -> lat-pulldown (--map)" in again.output
    other = invoke("--profile", "other", "profile", "add", "other", "--db", str(db_path))
    assert other.exit_code == 0, other.output
    theirs = invoke("import", str(later), "--unit", "kg", "--profile", "other", "--db", str(db_path))
    assert "wide grip cable pulldown -> new" in theirs.output  # remembered for that lifter only
    wrong = invoke("import", str(first), "--map", "Wide Grip Cable Pulldown=lat-pulldwn", "--db", str(db_path))
    assert wrong.exit_code == 2 and "no exercise 'lat-pulldwn'" in wrong.output and "lat-pulldown" in wrong.output
    shape = invoke("import", str(first), "--map", "no equals sign", "--db", str(db_path))
    assert shape.exit_code == 2 and "Name in the file=slug" in shape.output


def test_import_list_and_undo_on_the_command_line(db_path: Path):
    assert "No imports recorded yet." in invoke("import", "--list", "--db", str(db_path)).output
    done = invoke("import", str(QUIRKS / "strong_older.csv"), "--unit", "kg", "--db", str(db_path))
    assert "Imported as import 1 (undo it with: backtui import --undo 1)." in done.output
    listed = invoke("import", "--list", "--db", str(db_path))
    assert listed.exit_code == 0
    assert "strong_older.csv" in listed.output and "Strong (comma layout" in listed.output
    undone = invoke("import", "--undo", "1", "--db", str(db_path))
    assert undone.exit_code == 0 and "Import 1 undone: 4 sets removed, 2 workouts removed." in undone.output
    assert table_rows(db_path)["sets"] == 0
    again = invoke("import", "--undo", "1", "--db", str(db_path))
    assert again.exit_code == 2 and "undone already" in again.output
    missing = invoke("import", "--undo", "9", "--db", str(db_path))
    assert missing.exit_code == 2 and "no import 9" in missing.output
    both = invoke("import", str(QUIRKS / "strong_older.csv"), "--list", "--db", str(db_path))
    assert both.exit_code == 2


def test_undo_refused_on_the_command_line_removes_nothing(db_path: Path):
    invoke("import", str(QUIRKS / "strong_older.csv"), "--unit", "kg", "--db", str(db_path))
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE sets SET reps = 9 WHERE reps = 8")
    conn.commit()
    conn.close()
    before = table_rows(db_path)
    refused = invoke("import", "--undo", "1", "--db", str(db_path))
    assert refused.exit_code == 2
    assert "import 1 cannot be undone: 1 set of it changed since" in refused.output
    assert "Bent-over barbell row set 1: edited since the import" in refused.output
    assert "Nothing was removed." in refused.output
    assert table_rows(db_path) == before


def test_tz_names_the_zone_and_the_dst_rule_is_stated(db_path: Path):
    result = invoke("import", str(QUIRKS / "strong_dst_berlin.csv"), "--unit", "kg", "--tz", "Europe/Berlin",
                    "--dry-run", "--db", str(db_path))
    assert "twice -> the first, never -> as if the clocks had not changed yet" in result.output
    assert "line 2: 2024-03-31 02:30 never happened in Europe/Berlin (clocks went forward): read as 03:30" in result.output
    bad = invoke("import", str(QUIRKS / "strong_dst_berlin.csv"), "--tz", "Mars/Olympus", "--db", str(db_path))
    assert bad.exit_code == 2 and "Europe/Berlin" in bad.output


def test_names_and_notes_from_a_file_are_printed_inert(db_path: Path, tmp_path: Path):
    path = tmp_path / "evil.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes\n"
                    '2026-01-02 10:00:00,A,"Row\x1b]0;owned\x07 \u202eevil",1,50,10,x\n'
                    '2026-01-02 10:00:00,A,"Row\x1b]0;owned\x07 \u202eevil",bogus\x1b[31m,50,10,x\n')
    result = invoke("import", str(path), "--unit", "kg", "--dry-run", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "Row\\x1b]0;owned\\x07 \\u202eevil" in result.output


@pytest.mark.slow
def test_a_failed_import_on_a_terminal_clears_its_progress_bar_first(tmp_path: Path):
    import os
    import sys

    from ptyio import run_with_stderr_on_a_pty

    broken = tmp_path / "broken.csv"
    rows = "".join(f'2024-03-01 18:00:00,"Back",45m,"Deadlift (Barbell)",{n},100,5,0,0,"",,\n' for n in range(1, 5000))
    broken.write_text("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
                      "Workout Notes,RPE\n" + rows + '2024-03-01 18:00:00,"Back,45m,"Deadlift",1,1,1,0,0,"",,\n')
    env = {**os.environ, "BACKTUI_DB": str(tmp_path / "tty.db")}
    done, seen = run_with_stderr_on_a_pty([sys.executable, "-m", "backtui", "import", str(broken), "--unit", "kg"], env)
    assert done.returncode == 2
    assert b"Reading [" in seen
    before_error = seen[:seen.index(b"Error:")]
    assert before_error.endswith(b"\r\x1b[2K")  # the bar is erased, the error line stands alone
    assert b"line 5001" in seen
