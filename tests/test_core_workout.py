"""The workout core on a real file, with a second connection doing the inconvenient
thing: the file decides, never a list in memory."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backtui.core import lifecycle
from backtui.core.workout import LiveWorkout
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import connect_again, open_database
from backtui.storage.store import Store
from backtui.storage.workouts import SqliteWorkouts

CATALOG = load_catalog()


@pytest.fixture
def storage(db_path: Path):
    store = Store(open_database(db_path), CATALOG)
    yield SqliteWorkouts(store)
    store.db.close()


@pytest.fixture
def elsewhere(db_path: Path, storage):
    """Another backtui on the same file (its own connection)."""
    store = Store(connect_again(db_path), CATALOG)
    yield store
    store.db.close()


def start(storage, routine: str = "essential-back") -> LiveWorkout:
    begun = lifecycle.start(storage, CATALOG, CATALOG.routines[routine])
    assert isinstance(begun, lifecycle.Begun)
    return begun.live


def go_to(live: LiveWorkout, slug: str) -> None:
    live.go_to(next(i for i, s in enumerate(live.slots) if s.exercise == slug))


def test_a_logged_set_is_in_the_view_and_rests(storage):
    live = start(storage)
    go_to(live, "pull-up")
    outcome = live.log_line("8")
    assert outcome.error == "" and outcome.entry == ""
    assert [row.text for row in outcome.view.today] == ["bw x 8"]
    assert outcome.rest == 120 and "saved" in "".join(text for text, _ in outcome.message)
    assert storage.workout_sets(live.workout.id)[0].reps == 8


def test_sets_another_connection_logged_show_on_the_next_command_and_the_idle_poll(storage, elsewhere):
    live = start(storage)
    go_to(live, "pull-up")
    assert live.poll() is None  # nobody else wrote: nothing to show, nothing sent
    elsewhere.log_sets(live.workout.id, "pull-up", parse_entry("9", "bodyweight_reps"))
    polled = live.poll()
    assert polled is not None and [row.text for row in polled.view.today] == ["bw x 9"]
    assert live.poll() is None
    elsewhere.log_sets(live.workout.id, "pull-up", parse_entry("7", "bodyweight_reps"))
    outcome = live.log_line("6")
    assert [row.number for row in outcome.view.today] == [1, 2, 3]  # numbered after theirs


def test_finishing_decides_from_the_file_not_from_memory(storage, elsewhere):
    live = start(storage)
    elsewhere.log_sets(live.workout.id, "deadlift", parse_entry("100x5", "weight_reps"))
    closed = lifecycle.finish(live, "")
    assert (closed.outcome, closed.sets) == ("finished", 1)
    assert storage.workout(live.workout.id).ended_at is not None


def test_an_empty_workout_is_discarded_and_one_finished_elsewhere_is_left_alone(storage, elsewhere):
    empty = start(storage)
    assert lifecycle.finish(empty, "").outcome == "discarded"
    assert storage.workout(empty.workout.id) is None
    live = start(storage)
    elsewhere.log_sets(live.workout.id, "deadlift", parse_entry("100x5", "weight_reps"))
    elsewhere.finish_workout(live.workout.id, note="theirs")
    assert lifecycle.finish(live, "mine").outcome == "was_finished"
    assert storage.workout(live.workout.id).note == "theirs"


def test_a_workout_finished_elsewhere_is_never_logged_into(storage, elsewhere):
    live = start(storage)
    go_to(live, "pull-up")
    elsewhere.finish_workout(live.workout.id)
    outcome = live.log_line("8 # mine")
    assert outcome.ended and outcome.entry == "8 # mine" and "ended elsewhere" in outcome.error
    assert storage.workout_sets(live.workout.id) == []
    assert lifecycle.resume(storage, CATALOG, live.workout.id) is None


def test_the_refusal_is_decided_in_the_writing_transaction(storage, elsewhere):
    """Finished between the command's read and its write: still refused."""
    live = start(storage)
    go_to(live, "pull-up")
    live.read()
    elsewhere.finish_workout(live.workout.id)
    changed = storage.changed
    storage.changed = lambda: False  # the read before the write saw nothing new
    try:
        outcome = live.log_line("8")
    finally:
        storage.changed = changed
    assert outcome.ended and storage.workout_sets(live.workout.id) == []


def test_one_open_workout_at_a_time(storage):
    first = start(storage)
    asked = lifecycle.start(storage, CATALOG, CATALOG.routines["lower-back-focus"])
    assert isinstance(asked, lifecycle.OpenWorkout) and asked.workout.id == first.workout.id
    resumed = lifecycle.resume(storage, CATALOG, first.workout.id)
    assert resumed is not None and resumed.live.workout.id == first.workout.id


def test_undo_keeps_what_it_takes_back_and_where_the_lifter_was(storage, elsewhere):
    live = start(storage)
    go_to(live, "pull-up")
    live.log_line("8 8")
    change = live.undo.latest()
    assert change.action == "log" and change.before == () and len(change.after) == 2
    assert change.exercise == "pull-up" and change.slot_index == live.index
    elsewhere.delete_set(change.after[1].id)  # another backtui took one back already
    outcome = live.undo_last()
    assert "undone: Pull-up sets 1, 2, bw x 8, bw x 8" in outcome.message[0][0]
    assert storage.workout_sets(live.workout.id) == []
    assert "nothing to undo" in live.undo_last().message[0][0]


def test_an_edit_of_a_set_deleted_elsewhere_changes_nothing(storage, elsewhere):
    live = start(storage)
    go_to(live, "pull-up")
    live.log_line("8")
    chosen = live.sets[0]
    assert live.begin_edit(chosen.id).entry == "8"
    elsewhere.delete_set(chosen.id)
    outcome = live.log_line("9")
    assert "deleted elsewhere" in "".join(text for text, _ in outcome.message)
    assert storage.workout_sets(live.workout.id) == []


def test_the_sets_are_read_with_one_indexed_query(storage):
    live = start(storage)
    statements: list[str] = []
    storage.conn.set_trace_callback(statements.append)
    live.read()
    storage.conn.set_trace_callback(None)
    reads = [s for s in statements if s.startswith("SELECT")]
    assert len(reads) == 1 and "FROM sets s" in reads[0]  # nobody else wrote: no other read
    plan = storage.conn.execute("EXPLAIN QUERY PLAN " + reads[0]).fetchall()
    # By the workout's id (the UNIQUE (workout, exercise, number) index), never a walk of the history.
    assert any("(workout_id=?)" in row[3] for row in plan) and not any("profile_id=?" in row[3] for row in plan), plan


def test_a_second_connection_keeps_the_write_ahead_log_when_another_process_leaves(db_path: Path, storage):
    """The database thread's connection never reopens the file with Python (that
    dropped SQLite's locks): a `backtui log` that ends does not delete the log under it."""
    live = start(storage)
    second = SqliteWorkouts(Store(connect_again(db_path), CATALOG))
    done = subprocess.run([sys.executable, "-m", "backtui", "log", "deadlift", "100x5", "--db", str(db_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert lifecycle.finish(lifecycle.resume(second, CATALOG, live.workout.id).live, "").outcome == "finished"
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT ended_at IS NOT NULL FROM workouts").fetchall() == [(1,)]
    conn.close()
    second.store.db.close()


def test_the_workout_thread_refuses_writes_when_the_app_is_view_only(db_path: Path, storage):
    """--read-only and a damaged file: the live workout's own connection (the database
    thread) refuses to write with the app's reason, from the start or from when damage is found."""
    from backtui.domain.errors import StorageError
    from backtui.storage.db_thread import DatabaseThread

    live = start(storage)  # a workout open in the file before the app comes up view only
    go_to(live, "pull-up")

    def log_one(thread_storage):
        live.storage = thread_storage
        return live.log_line("8")

    def refused(thread: DatabaseThread) -> str:
        try:
            outcome = thread.submit(log_one).result(timeout=10)
        except StorageError as exc:
            return str(exc)
        finally:
            thread.close()
        return outcome.error + "".join(text for text, _ in outcome.message)

    assert "--read-only" in refused(DatabaseThread(db_path, 1, CATALOG, view_only="opened with --read-only"))
    later = DatabaseThread(db_path, 1, CATALOG)
    later.go_view_only("the file is damaged")
    assert "damaged" in refused(later)
    assert storage.workout_sets(live.workout.id) == []
