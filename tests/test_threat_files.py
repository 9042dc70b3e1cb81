"""Threat: files backtui makes end up readable by others, mistyped paths become new
databases, and a read-only copy cannot even be read.

Files backtui creates are 0600 however they come to exist (through a symlink, over
an empty file, an export with --force); commands that only read never create a
database; a read-only file, or any file with --read-only, opens view only: reading
works, every write is refused with the reason (exit 1) and the file is unchanged.
"""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tui_wait import wait_for_screen

from backtui.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


def fingerprint(folder: Path) -> dict[str, str]:
    # Commands run in this process leave their connections to the collector; closing
    # them is what a real process's exit does (and SQLite tidies -wal and -shm away).
    gc.collect()
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


# -- 0600 however the file comes to exist ------------------------------------------

def test_a_database_made_through_a_dangling_symlink_is_private(tmp_path: Path, open_umask):
    target = tmp_path / "real" / "gym.db"
    target.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(target)
    assert run("--db", str(link), "log", "deadlift", "100x5").exit_code == 0
    assert target.is_file() and mode(target) == "0o600"
    for extra in target.parent.glob("gym.db-*"):
        assert extra.stat().st_mode & 0o077 == 0, extra


def test_an_existing_empty_file_becomes_a_private_database(tmp_path: Path, open_umask):
    empty = tmp_path / "empty.db"
    empty.touch(mode=0o644)
    assert mode(empty) == "0o644"
    assert run("--db", str(empty), "log", "deadlift", "100x5").exit_code == 0
    assert mode(empty) == "0o600"


def test_an_export_with_force_over_an_open_file_is_private(db_path: Path, tmp_path: Path, open_umask):
    run("--db", str(db_path), "log", "deadlift", "100x5")
    out = tmp_path / "export.csv"
    out.write_text("old")
    out.chmod(0o644)
    result = run("--db", str(db_path), "export", "--format", "csv", "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert mode(out) == "0o600" and "deadlift" in out.read_text().lower()


def test_an_export_never_follows_a_planted_link_without_force(db_path: Path, tmp_path: Path):
    run("--db", str(db_path), "log", "deadlift", "100x5")
    elsewhere = tmp_path / "elsewhere.txt"
    planted = tmp_path / "export.json"
    planted.symlink_to(elsewhere)  # dangling: 'exists' says no
    result = run("--db", str(db_path), "export", "-o", str(planted))
    assert result.exit_code == 2 and "exists" in result.output
    assert not elsewhere.exists()


# -- commands that read never create a database ----------------------------------

@pytest.mark.parametrize("args", [["history"], ["history", "--exercise", "deadlift"], ["export"],
                                  ["suggest", "deadlift"], ["plates", "100"], ["config", "list"],
                                  ["config", "get", "unit"], ["profile", "list"], ["exercises"], ["routines"],
                                  ["check"]])
def test_reading_a_mistyped_path_creates_nothing(tmp_path: Path, args: list[str]):
    typo = tmp_path / "gmy.db"
    result = run("--db", str(typo), *args)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_suggest_and_plates_work_before_there_is_a_database(tmp_path: Path):
    typo = tmp_path / "new.db"
    result = run("--db", str(typo), "plates", "100")
    assert result.exit_code == 0 and "20 kg bar" in result.output, result.output
    result = run("--db", str(typo), "suggest", "deadlift")
    assert result.exit_code == 0, result.output
    assert not typo.exists()


# -- view only ------------------------------------------------------------------------

@pytest.fixture
def logged(db_path: Path, tmp_path: Path) -> Path:
    """A finished workout, copied into a folder of its own: the file alone, as a
    backup or a replica is."""
    import sqlite3

    for entry in ("100x5", "105x5"):
        assert run("--db", str(db_path), "log", "deadlift", entry).exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE workouts SET ended_at = started_at")
    conn.commit()
    copy = tmp_path / "copy" / "backtui.db"
    copy.parent.mkdir()
    target = sqlite3.connect(copy)
    conn.backup(target)
    target.close()
    conn.close()
    copy.chmod(0o600)
    return copy


READS = [["history"], ["history", "--exercise", "deadlift"], ["history", "--json"], ["export"],
         ["export", "--format", "csv"], ["suggest", "deadlift"], ["plates", "100"], ["config", "list"],
         ["profile", "list"], ["exercises"], ["routines"], ["check"]]
WRITES = [["log", "deadlift", "100x5"], ["config", "set", "unit", "lb"], ["profile", "add", "Sam"],
          ["profile", "rename", "default", "Me"], ["profile", "delete", "default", "--yes"]]


@pytest.mark.parametrize("how", ["--read-only", "read-only file"])
def test_view_only_reads_everything_and_refuses_every_write_with_the_reason(logged: Path, how: str):
    flags = ["--read-only"] if how == "--read-only" else []
    if how == "read-only file":
        logged.chmod(0o400)
    before = fingerprint(logged.parent)
    try:
        for args in READS:
            result = run("--db", str(logged), *flags, *args)
            assert result.exit_code == 0, (args, result.output)
        assert "105" in run("--db", str(logged), *flags, "history").output
        for args in WRITES:
            result = run("--db", str(logged), *flags, *args)
            assert result.exit_code == 1, (args, result.output)
            reason = "--read-only" if how == "--read-only" else "read-only on disk"
            assert reason in result.output and "nothing was saved" in result.output, (args, result.output)
            assert len(result.output.strip().splitlines()) == 1
    finally:
        logged.chmod(0o600)
    assert fingerprint(logged.parent) == before


def test_routine_and_history_imports_are_refused_in_view_only(logged: Path, tmp_path: Path):
    routine = tmp_path / "r.toml"
    routine.write_text('slug = "mine"\nname = "Mine"\n\n[[item]]\nexercise = "deadlift"\n')
    strong = tmp_path / "s.csv"
    strong.write_text("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
                      "Workout Notes,RPE\n2024-01-01 10:00:00,Pull,41m,Deadlift (Barbell),1,100,5,0,0,,,\n")
    for args in (["routines", "import", str(routine)], ["import", str(strong)]):
        result = run("--db", str(logged), "--read-only", *args)
        assert result.exit_code == 1 and "--read-only" in result.output, result.output


def test_read_only_never_creates_a_database(tmp_path: Path):
    missing = tmp_path / "nope.db"
    for args in (["history"], ["log", "deadlift", "100x5"]):
        result = run("--db", str(missing), "--read-only", *args)
        assert result.exit_code == 1, result.output
    assert not missing.exists()


async def test_the_app_in_view_only_says_why_and_saves_nothing(logged: Path):
    from backtui.app import make_app

    before = fingerprint(logged.parent)
    app = make_app(logged, read_only=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.pause()
        assert app.view_only and "--read-only" in app.view_only
        assert "view only" in app.title
        said = [n.message for n in app._notifications]
        assert any(m.startswith("View only, logging is off:") for m in said), said
        await pilot.press("enter")  # the plan of the first routine
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        await pilot.press("enter")  # start it: refused
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("nothing was saved" in m for m in said), said
        await pilot.press("escape", "h")  # history, records and balance read fine
        history = await wait_for_screen(pilot, app, "HistoryScreen")
        for tab in "2345":
            await pilot.press(tab)
            await pilot.pause()
        assert history.workouts
    app.db.close()  # what the process's exit does
    assert fingerprint(logged.parent) == before


@pytest.mark.slow
def test_the_app_opens_a_read_only_file_from_the_shell(logged: Path):
    from ptyio import backtui_argv, spawn

    logged.chmod(0o400)
    before = fingerprint(logged.parent)
    proc = spawn(backtui_argv("--db", str(logged)))
    try:
        proc.wait_for(b"view only")
        proc.write(b"\x11")  # ctrl+q
        code = proc.process.wait(timeout=30)
    finally:
        proc.stop()
        logged.chmod(0o600)
    assert code == 0
    assert fingerprint(logged.parent) == before


def test_the_launcher_passes_read_only_through(logged: Path):
    from backtui.launch import app_options

    assert app_options(["--db", str(logged), "--read-only"]) == {"--db": str(logged), "--read-only": True}
    done = subprocess.run([sys.executable, "-m", "backtui", "--db", str(logged.parent / "missing.db"), "--read-only"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1 and "never creates" in done.stderr
    assert not (logged.parent / "missing.db").exists()
