"""A full disk: writes fail in words and change nothing; the app never calls a set saved
that is not on disk.

Two ways to fill the disk. Everywhere: SQLite's max_page_count, set on backtui's own
connection, so the database cannot grow. As root (this machine, CI containers): a real
1 MB tmpfs filled to the last byte, where even the WAL index cannot be created.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ptyio import SAVED, backtui_argv, spawn
from tui_wait import wait_for_tracker

from backtui.app import make_app
from backtui.cli import main
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage import db as db_module
from backtui.storage.db import open_database
from backtui.storage.store import Store
from backtui.widgets.entry_line import EntryLine

LONG_NOTE = "# " + "n" * 480
UNLIMITED_PAGES = 1073741823


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def strong_file(path: Path, rows: int) -> Path:
    lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"]
    for i in range(rows):
        lines.append(f"2024-01-{1 + i // 40:02d} 10:00:00,Pull,41m,Deadlift (Barbell),{i % 40 + 1},100,5,0,0,"
                     f"\"{'x' * 200}\",,")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    """A database with a workout in it, checkpointed and closed."""
    db = open_database(db_path)
    store = Store(db, load_catalog())
    workout = store.start_workout()
    store.log_sets(workout.id, "deadlift", parse_entry("100x5x3 # before the disk filled"))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return db_path


@pytest.fixture
def no_room_to_grow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection backtui opens may not grow the file past its current size."""
    real_connect = db_module._connect

    def connect_full(path):
        db = real_connect(path)
        pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(db_module, "_connect", connect_full)


@pytest.mark.parametrize("args", [
    ["log", "deadlift", "100x5x20", LONG_NOTE],
    ["import", "{strong}"],
], ids=["log", "import"])
def test_writing_commands_on_a_full_disk_say_so_and_change_nothing(filled_db: Path, tmp_path: Path, args,
                                                                   no_room_to_grow):
    strong = strong_file(tmp_path / "strong.csv", 400)
    before, rows_before = digest(filled_db), dump(filled_db)
    result = CliRunner().invoke(main, [*[a.format(strong=strong) for a in args], "--db", str(filled_db)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "the disk is full: nothing was saved" in lines[0], result.output
    assert dump(filled_db) == rows_before
    assert digest(filled_db) == before


@pytest.mark.parametrize("args", [
    ["export"], ["export", "--format", "csv"], ["history"], ["history", "--exercise", "deadlift"],
    ["suggest", "deadlift"], ["plates", "100"], ["config", "list"], ["config", "get", "unit"],
])
def test_reading_commands_still_work_on_a_full_disk(filled_db: Path, args, no_room_to_grow):
    before = digest(filled_db)
    result = CliRunner().invoke(main, [*args, "--db", str(filled_db)])
    assert result.exit_code == 0, result.output
    assert digest(filled_db) == before


def one_set(measure: str, note: str) -> str:
    return {"seconds": "30s", "bodyweight_reps": "12", "weight_reps": "40x8"}[measure] + f" {note}"


def twenty_sets(measure: str, note: str) -> str:
    return {"seconds": "30s x20", "bodyweight_reps": "bw x 12 x20", "weight_reps": "40x8x20"}[measure] + f" {note}"


async def test_a_full_disk_mid_workout_is_shown_in_words_and_no_set_is_called_saved(db_path: Path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_tracker(pilot, app)
        tracker = app.screen
        entry = tracker.query_one(EntryLine)
        measure = tracker.view.card.measure
        entry.value = one_set(measure, "# before")
        await pilot.press("enter")
        assert "saved" in str(tracker.query_one("#status").render())

        def on_the_workout_connection(sql: str) -> None:  # the tracker writes on the database thread's
            app.db_thread.submit(lambda storage: storage.conn.execute(sql)).result()

        pages = app.db_thread.submit(lambda storage: storage.conn.execute("PRAGMA page_count").fetchone()[0]).result()
        on_the_workout_connection(f"PRAGMA max_page_count = {pages}")
        for attempt in range(60):
            text = twenty_sets(measure, LONG_NOTE.replace("n", str(attempt % 10)))
            entry.value = text
            status_before = str(tracker.query_one("#status").render())
            await pilot.press("enter")
            error = str(tracker.query_one("#entry-error").render())
            if error:
                break
        else:
            raise AssertionError("the disk never filled")
        assert error.startswith("Not saved: the disk is full")
        assert str(tracker.query_one("#status").render()) == status_before  # no "saved" for it
        assert entry.value == text  # the line is kept to try again
        stored = sqlite3.connect(db_path).execute("SELECT count(*) FROM sets").fetchone()[0]
        assert stored == tracker.view.set_count  # the screen holds exactly what is on disk

        on_the_workout_connection(f"PRAGMA max_page_count = {UNLIMITED_PAGES}")  # space freed
        await pilot.press("enter")
        assert "saved" in str(tracker.query_one("#status").render())
        assert str(tracker.query_one("#entry-error").render()) == ""
        stored_after = sqlite3.connect(db_path).execute("SELECT count(*) FROM sets").fetchone()[0]
        assert stored_after == stored + 20 == tracker.view.set_count


async def test_starting_a_workout_on_a_full_disk_keeps_the_app_up(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    from backtui.storage.errors import StorageError

    def full(*args, **kwargs):
        raise StorageError("the disk is full: nothing was saved")

    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.store is not None:
                break
        from backtui.storage.workouts import SqliteWorkouts

        monkeypatch.setattr(SqliteWorkouts, "start_workout", full)  # where the workout core starts one
        await pilot.press("enter")  # the plan of the highlighted routine
        await pilot.pause()
        await pilot.press("enter")  # start it
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ != "TrackerScreen"
        await pilot.press("escape")  # back on the picker, which still answers
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"


# -- a real full disk ---------------------------------------------------------

@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 1 MB tmpfs of our own (needs root and mount; skipped elsewhere)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tiny tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    assert os.statvfs(folder).f_bavail == 0


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "backtui", *args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


@pytest.mark.slow
def test_every_command_on_a_really_full_disk(tiny_disk: Path, tmp_path: Path):
    path = tiny_disk / "backtui.db"
    assert run_cli("log", "deadlift", "100x5", "--db", str(path)).returncode == 0
    strong = strong_file(tmp_path / "strong.csv", 5)
    fill(tiny_disk)
    before, listing = digest(path), sorted(os.listdir(tiny_disk))
    for args in (["log", "deadlift", "100x5"], ["export"], ["export", "--format", "csv"], ["history"],
                 ["import", str(strong)], ["suggest", "deadlift"], ["plates", "100"], ["config", "list"],
                 ["config", "get", "unit"], ["config", "set", "unit", "lb"]):
        done = run_cli(*args, "--db", str(path))
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert len(lines) == 1 and "the disk is full" in lines[0], (args, done.stderr)
        assert digest(path) == before, args
        # SQLite may leave the WAL index (-shm, never data) and an empty -wal it had no room for.
        extra = set(os.listdir(tiny_disk)) - set(listing)
        assert extra <= {"backtui.db-wal", "backtui.db-shm"}, extra
        assert not (tiny_disk / "backtui.db-wal").exists() or (tiny_disk / "backtui.db-wal").stat().st_size == 0
    # The app: it cannot open the file, so it ends at once with the same line, status 1.
    app = spawn(backtui_argv("--db", str(path)))
    try:
        app.wait_for(b"Error: the disk is full")
        assert app.process.wait(timeout=30) == 1
    finally:
        app.stop(signal.SIGKILL)
    assert digest(path) == before
    # A new database on the full disk: refused, and the file is not left behind.
    done = run_cli("log", "deadlift", "100x5", "--db", str(tiny_disk / "new.db"))
    assert done.returncode == 1 and "the disk is full" in done.stderr
    assert not (tiny_disk / "new.db").exists()


@pytest.mark.slow
def test_the_app_on_a_disk_that_fills_mid_workout(tiny_disk: Path):
    path = tiny_disk / "backtui.db"
    proc = spawn(backtui_argv("--db", str(path), "--routine", "lower-back-focus", "--start"))
    try:
        proc.wait_for(b"Next:")  # the workout has started: a set typed now is logged
        proc.write(b"21s # before\r")
        proc.wait_saved(1, since=0)
        fill(tiny_disk)
        mark = len(proc.output)
        proc.write(b"22s # after the disk filled\r")
        proc.wait_for(b"disk is full", since=mark)
        proc.drain(0.2)
        # The old status may be repainted; a second set must never be called saved.
        claims = {found[1] for found in SAVED.finditer(proc.output, mark)}
        assert claims <= {b"1"}, "a set was called saved on a full disk"
    finally:
        proc.stop(signal.SIGKILL)
    (tiny_disk / "filler").unlink()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT seconds, note FROM sets").fetchall() == [(21, "before")]
    conn.close()
