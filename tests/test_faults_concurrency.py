"""Two writers on one database at once: every set stored once, none lost, no
"database is locked".

- two shells, each running `backtui log` 60 times, at the same time (real processes;
  bench/stress_concurrent_log.py runs the issue's full 2 x 500);
- two Store objects (two connections) logging from two threads into one workout;
- two apps in two pseudo-terminals typing sets into the same file.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from ptyio import SAVED, backtui_argv, kill_all, spawn

from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store

PROCESSES_PER_SHELL = 60


def sets_of(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT s.workout_id, e.slug, s.set_number, s.weight_kg, s.reps, s.note FROM sets s "
            "JOIN exercises e ON e.id = s.exercise_id ORDER BY s.id"
        ).fetchall()
    finally:
        conn.close()


def switches(notes: list[str]) -> int:
    """How often the writer changes from one row to the next (interleaving)."""
    return sum(a[0] != b[0] for a, b in zip(notes, notes[1:]))


@pytest.mark.slow
def test_two_shells_logging_at_once_store_every_set_once(db_path: Path):
    # Create the file first, as a lifter's first `backtui log` would.
    open_database(db_path).close()
    results: dict[str, list] = {"a": [], "b": []}

    def shell(name: str) -> None:
        for i in range(PROCESSES_PER_SHELL):
            began = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "backtui", "log", "barbell-row", "60x8", f"# {name}{i:03d}",
                 "--at", "2026-11-18T18:30:00", "--db", str(db_path)],
                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
            )
            results[name].append((began, time.monotonic(), done.returncode, done.stdout + done.stderr))

    threads = [threading.Thread(target=shell, args=(name,)) for name in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for name, runs in results.items():
        for _began, _ended, code, output in runs:
            assert code == 0, f"shell {name}: {output}"
            assert "locked" not in output.lower() and "Traceback" not in output
    # The two shells really ran at the same time.
    a_span = (results["a"][0][0], results["a"][-1][1])
    b_span = (results["b"][0][0], results["b"][-1][1])
    overlap = min(a_span[1], b_span[1]) - max(a_span[0], b_span[0])
    assert overlap > 0.5 * min(a_span[1] - a_span[0], b_span[1] - b_span[0])

    rows = sets_of(db_path)
    notes = [row[5] for row in rows]
    expected = {f"{name}{i:03d}" for name in results for i in range(PROCESSES_PER_SHELL)}
    assert sorted(notes) == sorted(expected)  # every set, each once
    assert {row[0] for row in rows} == {rows[0][0]}  # one workout for the day, not two
    assert [row[2] for row in rows] == list(range(1, len(rows) + 1))  # numbers in commit order, no gaps
    assert switches(notes) >= 10  # interleaved, not one shell after the other


def test_two_connections_in_two_threads_store_every_set_once(db_path: Path):
    catalog = load_catalog()
    first = Store(open_database(db_path), catalog)
    workout = first.start_workout("essential-back", "Essential back strength")
    second = Store(open_database(db_path), catalog)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(store: Store, name: str) -> None:
        try:
            start.wait()
            for i in range(300):
                store.log_sets(workout.id, "deadlift", parse_entry(f"100x5 # {name}{i:03d}"))
                time.sleep(0.0003)  # a breath between sets, so the other thread gets the lock too
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s, n)) for s, n in ((first, "a"), (second, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = sets_of(db_path)
    notes = [row[5] for row in rows]
    assert sorted(notes) == sorted(f"{n}{i:03d}" for n in "ab" for i in range(300))
    assert [row[2] for row in rows] == list(range(1, 601))
    assert switches(notes) >= 10
    # Each connection sees the other's sets.
    assert len(first.workout_sets(workout.id)) == len(second.workout_sets(workout.id)) == 600
    first.db.close()
    second.db.close()


@pytest.mark.slow
def wait_new_saved(app, seen: set[int], since: int, timeout: float = 30.0) -> None:
    """Wait until this app says a set number it has not said before was saved."""
    deadline = time.perf_counter() + timeout
    while True:
        for found in SAVED.finditer(app.output, since):
            fresh = {int(n) for n in found[1].split(b", ")} - seen
            if fresh:
                seen |= fresh
                return
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no new set saved; last output: {bytes(app.output[-400:])!r}")
        app._read_some(0.2)


def test_two_apps_typing_into_one_workout(db_path: Path):
    """The same routine opened twice (the laptop, then the phone over SSH): the second
    app finds the first one's workout unfinished and resumes it. Both type at once."""
    first = spawn(backtui_argv("--db", str(db_path), "--routine", "lower-back-focus", "--start"))
    apps = [first]
    try:
        first.wait_for(b"Next:", timeout=60)  # the workout has started
        first.write(b"20s # a-start\r")
        first.wait_saved(1, since=0)
        second = spawn(backtui_argv("--db", str(db_path), "--routine", "lower-back-focus", "--start"))
        apps.append(second)
        second.wait_for(b"Unfinished workout", timeout=60)
        mark = len(second.output)
        second.write(b"\r")  # resume it
        # The first app's set in the table: the workout is attached. ("Last time" is on
        # the card from the first frame, before the file is read: a line typed then stays
        # on the line, "the workout has not started yet", and is not logged.)
        second.wait_for(b"a-start", timeout=30, since=mark)
        seen: list[set[int]] = [{1}, set()]
        for i in range(10):
            marks = []
            for name, app in zip("ab", apps):  # both Enters are sent before either is read
                marks.append(len(app.output))
                app.write(f"{20 + i}s # {name}{i}\r".encode())
            for app, mark, numbers in zip(apps, marks, seen):
                wait_new_saved(app, numbers, mark)
    finally:
        kill_all(apps)
    for app in apps:
        assert app.process.returncode == -signal.SIGKILL
    rows = sets_of(db_path)
    assert sorted(row[5] for row in rows) == sorted(["a-start"] + [f"{n}{i}" for n in "ab" for i in range(10)])
    assert len({row[0] for row in rows}) == 1  # one workout, not one hidden behind another
    numbers = [row[2] for row in rows]
    assert sorted(numbers) == list(range(1, 22))  # every set numbered once, none twice
