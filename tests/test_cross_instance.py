"""The file is the truth: an app in a real terminal while `backtui log` or a second app
does the inconvenient thing. 0 sets lost, 0 sets logged into a finished workout.

Each case was a bug before the workout core (issue 12):
- sets logged from the shell into the app's empty workout were deleted by ctrl+f
  ("Nothing was logged: finishing discards this workout"), and by the resume
  question's f when they came after it opened;
- of two apps asked about one unfinished workout, one finished it and the other
  resumed it from its stale question and logged into it;
- keys typed while the app opened answered the resume question under them;
- a write waiting for another program's lock froze the countdown and the keyboard.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ptyio import SAVED, backtui_argv, kill_all, spawn

from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.domain.session import plan_routine
from backtui.storage.db import open_database
from backtui.storage.store import Store

pytestmark = pytest.mark.slow
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
PAGE_DOWN = b"\x1b[6~"


def shell_log(db_path: Path, *entry: str) -> str:
    done = subprocess.run([sys.executable, "-m", "backtui", "log", *entry, "--db", str(db_path)],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def query(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def sets_after_the_end(db_path: Path) -> int:
    """Sets logged into a workout after it was finished: must stay 0."""
    return query(db_path, "SELECT count(*) FROM sets s JOIN workouts w ON w.id = s.workout_id "
                          "WHERE w.ended_at IS NOT NULL AND s.logged_at > w.ended_at")[0][0]


def open_workout_with(db_path: Path, *lines: str) -> int:
    """An unfinished workout started now (as a killed app leaves one), with these deadlift sets."""
    catalog = load_catalog()
    store = Store(open_database(db_path), catalog)
    plan = [slot.to_json() for slot in plan_routine(catalog.routines["lower-back-focus"], catalog, {})]
    workout = store.start_workout("lower-back-focus", "Lower back focus", plan)
    for line in lines:
        store.log_sets(workout.id, "deadlift", parse_entry(line, "weight_reps"))
    store.db.close()
    return workout.id


def screen_text(chunk: bytes) -> bytes:
    return ANSI.sub(b"", chunk)


def press(app, key: bytes, then: bytes) -> None:
    """Press `key` and read until `then` is painted after it."""
    mark = len(app.output)
    app.write(key)
    app.wait_for(then, since=mark)


def finished_with(db_path: Path, sets: int) -> None:
    assert query(db_path, "SELECT count(*) FROM sets") == [(sets,)]  # none lost
    assert query(db_path, "SELECT count(*) FROM workouts WHERE ended_at IS NOT NULL") == [(1,)]


def test_finishing_an_empty_workout_keeps_the_sets_the_shell_logged_into_it(db_path: Path):
    app = spawn(backtui_argv("--db", str(db_path), "--routine", "lower-back-focus", "--start"))
    try:
        app.wait_for(b"Next:", timeout=60)  # the workout has started, with no set
        for _ in range(3):
            assert "Saved 1 set of Deadlift" in shell_log(db_path, "deadlift", "100x5")
        mark = len(app.output)
        app.write(b"\x06")  # ctrl+f
        app.wait_for(b"Finish workout?", since=mark)
        app.drain(0.3)
        summary = screen_text(bytes(app.output[mark:]))
        assert b"Nothing was logged" not in summary and b"3 sets" in summary
        press(app, b"\r", then=b"Workout saved")
    finally:
        kill_all([app])
    finished_with(db_path, 3)


def test_finishing_from_the_resume_question_keeps_sets_logged_after_it_was_asked(db_path: Path):
    open_workout_with(db_path)  # left open and empty
    app = spawn(backtui_argv("--db", str(db_path)))
    try:
        app.wait_for(b"Unfinished workout", timeout=60)  # the question, about an empty workout
        assert "Saved 1 set" in shell_log(db_path, "deadlift", "100x5")  # into that open workout
        press(app, b"f", then=b"Saved the unfinished workout")
    finally:
        kill_all([app])
    finished_with(db_path, 1)


def test_of_two_apps_asked_about_one_workout_the_late_one_never_logs_into_it(db_path: Path):
    open_workout_with(db_path, "100x5")
    first = spawn(backtui_argv("--db", str(db_path)))
    second = spawn(backtui_argv("--db", str(db_path)))
    try:
        for app in (first, second):
            app.wait_for(b"Unfinished workout", timeout=60)
        press(first, b"f", then=b"Saved the unfinished workout")  # finish it as it is
        mark = len(second.output)
        second.write(b"\r")  # resume it, from a question asked before it was finished
        second.wait_for(b"That workout was finished", since=mark)  # in a notice
        second.write(b"60x8\r")
        second.drain(1.0)
    finally:
        kill_all([first, second])
    assert query(db_path, "SELECT count(*) FROM sets") == [(1,)]
    assert sets_after_the_end(db_path) == 0


def test_an_app_on_a_workout_finished_elsewhere_keeps_the_line_and_offers_a_new_one(db_path: Path):
    workout_id = open_workout_with(db_path, "100x5")
    first = spawn(backtui_argv("--db", str(db_path)))
    second = spawn(backtui_argv("--db", str(db_path)))
    try:
        for app in (first, second):
            app.wait_for(b"Unfinished workout", timeout=60)
        mark = len(second.output)
        second.write(b"\r")  # resumed here first...
        second.wait_for(b"Next:", since=mark)
        second.write(b"31s # late")  # a set typed, not logged yet
        second.drain(0.5)
        press(first, b"f", then=b"Saved the unfinished workout")  # ...and finished there
        mark = len(second.output)
        second.wait_for(b"This workout has ended", since=mark)  # noticed while idle
        assert not SAVED.search(second.output, mark)
        mark = len(second.output)
        second.write(b"\r")  # a new workout with the same plan
        second.wait_for(b"a new workout, with the same plan", since=mark)  # said once it has started
        mark = len(second.output)
        second.write(b"\r")  # the line was kept in the entry line: it goes into the new one
        second.wait_saved(1, since=mark)
    finally:
        kill_all([first, second])
    assert sets_after_the_end(db_path) == 0
    assert query(db_path, f"SELECT count(*) FROM sets WHERE workout_id = {workout_id}") == [(1,)]
    assert query(db_path, "SELECT note FROM sets ORDER BY id DESC LIMIT 1") == [("late",)]


def test_keys_typed_while_the_app_opens_never_answer_the_resume_question(db_path: Path):
    open_workout_with(db_path, "100x5")
    app = spawn(backtui_argv("--db", str(db_path), "--routine", "lower-back-focus", "--start"))
    line = b"16s # felt ok, form fine"  # f, r and n are the question's keys
    try:
        app.wait_for(b"Target", timeout=60)  # the first frame: the file opens now, under the typing
        for key in line:
            app.write(bytes([key]))
            app.drain(0.1)  # a lifter's pace: the question appears in the middle of it
        assert b"Unfinished workout" in app.output
        app.drain(0.6)  # the typing stops; the question has been read
        assert query(db_path, "SELECT count(*) FROM workouts WHERE ended_at IS NULL") == [(1,)]
        mark = len(app.output)
        app.write(b"\r")  # resume
        app.wait_for(b"Next:", since=mark)
        mark = len(app.output)
        app.write(b"\r")  # the whole line was kept in the entry line: Enter logs it, now
        app.wait_saved(1, since=mark)  # cat-cow's first set
    finally:
        kill_all([app])
    assert query(db_path, "SELECT count(*) FROM workouts WHERE ended_at IS NULL") == [(1,)]
    assert query(db_path, "SELECT seconds, note FROM sets ORDER BY id") == [(None, ""), (16, "felt ok, form fine")]


LOCK_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(3)
conn.execute("COMMIT")
print("released", flush=True)
"""


def test_a_write_waiting_for_another_programs_lock_never_freezes_the_tracker(db_path: Path):
    app = spawn(backtui_argv("--db", str(db_path), "--routine", "essential-back", "--start"))
    holder = None
    try:
        app.wait_for(b"Next:", timeout=60)
        mark = len(app.output)
        app.write(PAGE_DOWN + PAGE_DOWN)  # pull-ups: a working set starts the rest countdown
        app.wait_for(b"Pull-up", since=mark)
        mark = len(app.output)
        app.write(b"8\r")
        app.wait_saved(1, since=mark)
        app.wait_for(b"Rest ", since=mark)
        holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "locked"
        mark, sent = len(app.output), time.perf_counter()
        app.write(b"9\r")  # waits for the lock
        app.wait_for(b"waiting for the database", since=mark, timeout=2.0)
        app.write(b"11 @7")  # the next set, typed while the last one waits
        app.drain(2.3 - (time.perf_counter() - sent))  # two seconds and more: two ticks of the countdown
        during = screen_text(bytes(app.output[mark:]))
        assert holder.poll() is None, "the lock was released before the checks"
        assert b"11 @7" in during  # the keys landed
        assert b"911 @7" not in during  # on an empty line: the waiting set's line was taken at once
        assert len(set(re.findall(rb"Rest \d+:\d\d", during))) >= 2  # the countdown went on
        assert not SAVED.search(app.output, mark)  # not called saved while not committed
        assert holder.stdout.readline().strip() == "released"
        app.wait_saved(2, since=mark)
        app.drain(0.3)
    finally:
        if holder is not None:
            holder.wait(timeout=10)
        kill_all([app])
    assert query(db_path, "SELECT reps FROM sets ORDER BY id") == [(8,), (9,)]
