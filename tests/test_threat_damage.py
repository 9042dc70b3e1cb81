"""Threat: a damaged database (one inner page overwritten, as a bad disk or a bad copy
leaves it) goes unnoticed: commands write to it and exit 0, export says "internal
error", the app crashes with a traceback full of the lifter's data.

Now: writing commands and export run SQLite's quick check first; every damaged read
is one line, exit 1; `backtui check` runs the full check; the app checks off its
screen's thread and turns writing off; an unexpected error in the app is one line
and a private log, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tui_wait import wait_for_screen

from backtui.cli import main
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store

DAMAGED = "the database file is damaged"


def build(db_path: Path, workouts: int = 30) -> None:
    """A real database with a few hundred sets, closed and checkpointed."""
    db = open_database(db_path)
    store = Store(db, load_catalog())
    for day in range(workouts):
        workout = store.start_workout("essential-back", "Essential back strength",
                                      at=f"2026-0{1 + day // 28}-{1 + day % 28:02d}T18:00:00+00:00")
        for slug in ("deadlift", "barbell-row", "lat-pulldown"):
            store.log_sets(workout.id, slug, parse_entry(f"{60 + day}x8x4 # a note long enough to fill pages"),
                           at=f"2026-0{1 + day // 28}-{1 + day % 28:02d}T18:10:00+00:00")
        store.finish_workout(workout.id, at=f"2026-0{1 + day // 28}-{1 + day % 28:02d}T19:00:00+00:00")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def damage(db_path: Path, table: str = "sets") -> tuple[int, bytes]:
    """Overwrite one inner leaf page of `table` with junk; (offset, the old bytes)."""
    conn = sqlite3.connect(db_path)
    pages = [row[0] for row in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table])]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert len(pages) >= 3, "the table must span several pages"
    offset = (pages[len(pages) // 2] - 1) * size
    with db_path.open("r+b") as handle:
        handle.seek(offset)
        old = handle.read(size)
        handle.seek(offset)
        handle.write(b"\xa5" * size)
    return offset, old


def mend(db_path: Path, offset: int, old: bytes) -> None:
    with db_path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(old)


@pytest.fixture
def damaged_db(db_path: Path):
    build(db_path)
    offset, old = damage(db_path)
    return db_path, offset, old


def run(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args])


def one_line_damage(result) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and DAMAGED in lines[0] and "internal error" not in lines[0], result.output


@pytest.mark.parametrize("args", [["config", "set", "unit", "lb"], ["profile", "add", "Sam"],
                                  ["profile", "rename", "default", "Me"], ["export"], ["export", "--format", "csv"],
                                  ["history"]])
def test_commands_refuse_a_damaged_file_in_one_line_and_write_nothing(damaged_db, args: list[str]):
    db, offset, old = damaged_db
    one_line_damage(run(db, *args))
    mend(db, offset, old)
    # Nothing was written while it was damaged.
    assert run(db, "config", "get", "unit").output.strip() == "kg"
    assert "Sam" not in run(db, "profile", "list").output and "Me " not in run(db, "profile", "list").output


def test_log_starts_without_a_full_scan_and_still_never_tracebacks(damaged_db):
    """`log` checks nothing it does not read (a set must be quick to log): it either
    saves or says the file is damaged, in one line."""
    db, _, _ = damaged_db
    result = run(db, "log", "deadlift", "100x5")
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        one_line_damage(result)
    assert "Traceback" not in result.output


def test_check_reads_every_page(damaged_db, db_path: Path):
    db, offset, old = damaged_db
    result = run(db, "check")
    assert result.exit_code == 1 and DAMAGED in result.output, result.output
    mend(db, offset, old)
    result = run(db, "check")
    assert result.exit_code == 0 and result.output.startswith("ok:"), result.output


def test_check_never_creates_a_file(tmp_path: Path):
    missing = tmp_path / "typo.db"
    result = run(missing, "check")
    assert result.exit_code == 1 and "no database" in result.output
    assert not missing.exists()


async def test_the_app_checks_after_its_first_frame_and_turns_writing_off(damaged_db):
    from backtui.app import make_app

    db, offset, old = damaged_db
    app = make_app(db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        for _ in range(100):
            if app.view_only:
                break
            await pilot.pause(0.05)
        assert app.view_only and DAMAGED in app.view_only
        await pilot.pause()
        assert "view only" in app.title
        await pilot.press("o")  # sorting is a write (a setting): refused with the reason
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("damaged" in m and "nothing was saved" in m for m in said), said
    mend(db, offset, old)
    assert run(db, "config", "get", "unit").exit_code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM settings WHERE key = 'picker_sort'").fetchone() == (0,)
    conn.close()


def test_crash_line_writes_a_private_log(tmp_path: Path):
    from backtui.crash import crash_line

    try:
        raise RuntimeError("the lifter's secret note")
    except RuntimeError as exc:
        line = crash_line(exc, tmp_path / "logs")
    assert "secret" not in line and "RuntimeError" in line
    (log,) = (tmp_path / "logs").iterdir()
    assert str(log) in line and oct(log.stat().st_mode & 0o777) == "0o600"
    assert "the lifter's secret note" in log.read_text()


CRASHING_APP = """
import sys
from backtui.screens import picker

def boom(self):
    secret = "the lifter's secret note"
    raise RuntimeError(secret)

picker.PickerScreen.action_sort = boom
sys.argv = ["backtui", "--db", sys.argv[1]]
from backtui.launch import main
main()
"""


def press_until_it_ends(argv: list[str], state: Path, shown: bytes, key: bytes) -> tuple[int, str]:
    """Run the app in a real terminal, wait for `shown`, press `key`: (exit status,
    everything it wrote)."""
    from ptyio import spawn

    proc = spawn(argv, env={"XDG_STATE_HOME": str(state)})
    try:
        proc.wait_for(shown)
        proc.write(key)
        code = proc.process.wait(timeout=30)
        proc.drain(0.5)
    finally:
        proc.stop()
    return code, bytes(proc.output).decode("utf-8", "replace")


@pytest.mark.slow
def test_an_unexpected_error_in_the_app_is_one_line_and_a_private_log(db_path: Path, tmp_path: Path):
    build(db_path, workouts=2)
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING_APP)
    state = tmp_path / "state"
    code, out = press_until_it_ends([sys.executable, str(script), str(db_path)], state, b"Pick a routine", b"o")
    assert code == 1
    assert "Traceback" not in out and "secret" not in out and "locals" not in out
    assert "backtui stopped on an unexpected error (RuntimeError); the details are in" in out
    (log,) = (state / "backtui" / "log").iterdir()
    assert oct(log.stat().st_mode & 0o777) == "0o600" and "secret note" in log.read_text()


@pytest.mark.slow
def test_the_app_says_a_damaged_page_in_one_line(damaged_db, tmp_path: Path):
    """Opening History reads the damaged page: one line and exit 1, no traceback."""
    from ptyio import backtui_argv

    db, _, _ = damaged_db
    # "view only": the quick check found it first.
    code, out = press_until_it_ends(backtui_argv("--db", str(db)), tmp_path / "state", b"view only", b"h")
    assert code == 1, out[-600:]
    assert "Traceback" not in out and DAMAGED in out


def test_a_damaged_header_or_a_file_that_is_not_sqlite_is_still_refused_at_once(tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    result = run(bad, "history")
    assert result.exit_code == 1 and "Traceback" not in result.output
