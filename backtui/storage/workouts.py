"""The workout core's storage (backtui.core.ports.WorkoutStorage) on the SQLite file.

A thin layer over Store. The writes that decide something do it inside their own
write transaction (BEGIN IMMEDIATE), from what the file holds then: sets go only
into a workout still open, a workout starts only when none is open, and closing
finishes a workout that has sets and discards one that has none.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from backtui.domain.clock import now_iso
from backtui.domain.errors import OpenWorkoutExists, StorageError, WorkoutEnded
from backtui.domain.models import ClosedWorkout, LoggedSet, SetDraft, Workout
from backtui.domain.records import Bests
from backtui.domain.settings import Settings
from backtui.storage.bests import bests_for
from backtui.storage.db import friendly_error
from backtui.storage.settings_store import bodyweight_on, load_settings
from backtui.storage.store import Store, write_transaction

P = ParamSpec("P")
R = TypeVar("R")

_OPEN_WORKOUT = "SELECT id FROM workouts WHERE profile_id = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1"
_WORKOUT_END = "SELECT ended_at FROM workouts WHERE id = ? AND profile_id = ?"


def _worded(method: Callable[P, R]) -> Callable[P, R]:
    """An sqlite3 error on a read becomes a StorageError in words (a damaged or
    vanished file), as the writes' errors already are."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            raise StorageError(friendly_error(exc)) from None

    return wrapper


class SqliteWorkouts:
    """WorkoutStorage for one lifter's Store. Like its connection, use it from the
    thread that opened it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self._data_version: int | None = None

    # -- reads ------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    @_worded
    def changed(self) -> bool:
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def touched(self) -> None:
        """A write on this connection the live workout must read as someone else's (a
        past workout corrected from History): the next `changed()` says True."""
        self._data_version = -1

    @_worded
    def settings(self) -> Settings:
        return load_settings(self.store)

    @_worded
    def workout(self, workout_id: int) -> Workout | None:
        if self.conn.execute(_WORKOUT_END, [workout_id, self.store.profile_id]).fetchone() is None:
            return None
        return self.store.workout(workout_id)

    @_worded
    def workout_sets(self, workout_id: int) -> list[LoggedSet]:
        return self.store.workout_sets(workout_id)

    @_worded
    def recent_sessions(self, slug: str, before_workout_id: int | None, limit: int, *,
                        working_only: bool = False) -> list[list[LoggedSet]]:
        self._know(slug)
        return self.store.recent_sessions(slug, before_workout_id, limit, working_only=working_only)

    @_worded
    def last_done(self, slugs: Sequence[str]) -> dict[str, str]:
        return self.store.exercise_last_done(slugs)

    @_worded
    def bests(self, slug: str, exclude_ids: Sequence[int]) -> Bests:
        self._know(slug)
        return bests_for(self.store, slug, exclude_ids=exclude_ids)

    @_worded
    def bodyweight_at(self, at: str | None) -> float | None:
        found: float | None = bodyweight_on(self.store, at)
        return found

    @_worded
    def week_sets(self, since: str, until: str | None = None) -> dict[str, int]:
        rows = self.store.conn.execute(
            "SELECT e.slug, count(*) FROM sets s JOIN exercises e ON e.id = s.exercise_id "
            "WHERE s.profile_id = ? AND s.logged_at >= ? AND s.logged_at < ? AND s.kind != 'warmup' GROUP BY e.slug",
            [self.store.profile_id, since, until or "9999"]).fetchall()
        return {str(slug): int(count) for slug, count in rows}

    @_worded
    def setting(self, key: str) -> Any:
        return self.store.get_setting(key)

    @_worded
    def unfinished_workout(self) -> Workout | None:
        return self.store.unfinished_workout()

    @_worded
    def open_workout_on(self, day_start: str, day_end: str) -> int | None:
        return self.store.open_workout_between(day_start, day_end)

    def _know(self, slug: str) -> None:
        """An exercise the lifter made after this connection read the list (the app's
        other screens write on their own connection): read the list again."""
        try:
            self.store.exercise_id(slug)
        except StorageError:
            self.store.refresh_exercises()

    # -- writes -----------------------------------------------------------
    def start_workout(self, routine_slug: str | None, routine_name: str | None, plan: list[dict[str, Any]]) -> Workout:
        profile = self.store.profile_id
        open_one = None
        try:
            with write_transaction(self.conn):
                open_one = self.conn.execute(_OPEN_WORKOUT, [profile]).fetchone()
                if open_one is None:
                    cursor = self.conn.execute(
                        "INSERT INTO workouts (profile_id, routine_slug, routine_name, started_at, source, plan) "
                        "VALUES (?, ?, ?, ?, 'app', ?)",
                        [profile, routine_slug, routine_name, now_iso(), json.dumps(plan)],
                    )
        except StorageError:
            # The file's own rule (idx_workouts_one_open) refused a second open workout.
            open_one = self.conn.execute(_OPEN_WORKOUT, [profile]).fetchone()
            if open_one is None:
                raise
        if open_one is not None:
            raise OpenWorkoutExists(self.store.workout(open_one[0]))
        return self.store.workout(int(cursor.lastrowid or 0))

    def log_sets(self, workout_id: int, slug: str, drafts: Sequence[SetDraft], *,
                 bodyweight_kg: float | None) -> list[LoggedSet]:
        self._know(slug)
        with write_transaction(self.conn):
            row = self.conn.execute(_WORKOUT_END, [workout_id, self.store.profile_id]).fetchone()
            if row is None or row[0] is not None:
                raise WorkoutEnded(workout_id, row[0] if row else None)
            ids = self.store._insert_sets(workout_id, slug, drafts, now_iso(), bodyweight_kg)
        return self.store.sets_by_id(ids)

    def update_set(self, set_id: int, draft: SetDraft) -> LoggedSet | None:
        try:
            return self.store.update_set(set_id, draft)
        except IndexError:  # deleted meanwhile: the update changed no row
            return None

    def delete_set(self, set_id: int) -> None:
        self.store.delete_set(set_id)

    def restore_set(self, logged: LoggedSet) -> LoggedSet:
        return self.store.restore_set(logged)

    def save_plan(self, workout_id: int, plan: list[dict[str, Any]], position: int) -> None:
        self.store.save_plan(workout_id, plan, position)

    def close_workout(self, workout_id: int, *, note: str | None, at_last_set: bool) -> ClosedWorkout:
        profile = self.store.profile_id
        with write_transaction(self.conn):
            row = self.conn.execute(_WORKOUT_END, [workout_id, profile]).fetchone()
            if row is None:
                return ClosedWorkout("gone")
            count, last = self.conn.execute(
                "SELECT count(*), max(logged_at) FROM sets WHERE workout_id = ? AND profile_id = ?", [workout_id, profile]
            ).fetchone()
            if row[0] is not None:
                return ClosedWorkout("was_finished", count, row[0])
            if not count:
                self.conn.execute("DELETE FROM workouts WHERE id = ? AND profile_id = ?", [workout_id, profile])
                return ClosedWorkout("discarded")
            ended = last if at_last_set else now_iso()
            self.conn.execute("UPDATE workouts SET ended_at = ?, note = coalesce(?, note) WHERE id = ? AND profile_id = ?",
                              [ended, note, workout_id, profile])
        return ClosedWorkout("finished", count, ended)

    def log_to_day(self, slug: str, drafts: Sequence[SetDraft], *, day_start: str, day_end: str, at: str,
                   routine_slug: str | None, routine_name: str | None, bodyweight_kg: float | None,
                   close: bool = False, join_other: bool = True) -> list[LoggedSet]:
        """The sets go into that day's open workout, else the lifter's open workout
        (one at a time), else a new one; on a past day (`close`), into the workout an
        earlier `backtui log` made that day, finished or not. `close`: a past day's workout, closed at its
        last set in the same transaction (it started closed: another open workout
        stays the only one). `join_other`: when that day has none, join the open
        workout of another day rather than refuse (OpenWorkoutExists)."""
        self._know(slug)
        profile = self.store.profile_id
        with write_transaction(self.conn):
            workout_id = self.store.open_workout_between(day_start, day_end, routine_slug)
            if workout_id is None and close:
                # A past day logged set by set: the workout an earlier `log --at` made and closed.
                query = ("SELECT id FROM workouts WHERE profile_id = ? AND source = 'cli' AND started_at >= ? "
                         "AND started_at < ?" + (" AND routine_slug = ?" if routine_slug is not None else "")
                         + " ORDER BY started_at DESC LIMIT 1")
                found = self.conn.execute(query, [profile, day_start, day_end,
                                                  *([routine_slug] if routine_slug is not None else [])]).fetchone()
                workout_id = int(found[0]) if found else None
            if workout_id is None:
                workout_id = self.store.open_workout_between(day_start, day_end)
            if workout_id is None and not close:
                other = self.conn.execute(_OPEN_WORKOUT, [profile]).fetchone()
                if other is not None and not join_other:
                    raise OpenWorkoutExists(self.store.workout(other[0]))
                if other is not None:
                    workout_id = int(other[0])
            if workout_id is None:
                cursor = self.conn.execute(
                    "INSERT INTO workouts (profile_id, routine_slug, routine_name, started_at, ended_at, source) "
                    "VALUES (?, ?, ?, ?, ?, 'cli')",
                    [profile, routine_slug, routine_name, at, at if close else None],
                )
                workout_id = int(cursor.lastrowid or 0)
            ids = self.store._insert_sets(workout_id, slug, drafts, at, bodyweight_kg)
            if close:
                self.conn.execute(
                    "UPDATE workouts SET ended_at = (SELECT max(logged_at) FROM sets WHERE workout_id = workouts.id) "
                    "WHERE id = ? AND profile_id = ?", [workout_id, profile])
        return self.store.sets_by_id(ids)

    def close_stale(self, before: str) -> list[tuple[Workout, ClosedWorkout]]:
        """Close every open workout whose last set (its start, when it has none) is
        before `before`, at its last set; an empty one is discarded."""
        profile = self.store.profile_id
        closed: list[tuple[Workout, ClosedWorkout]] = []
        with write_transaction(self.conn):
            rows = self.conn.execute(
                "SELECT w.id, coalesce((SELECT max(s.logged_at) FROM sets s WHERE s.workout_id = w.id), w.started_at) "
                "FROM workouts w WHERE w.profile_id = ? AND w.ended_at IS NULL", [profile]).fetchall()
            for workout_id, last in rows:
                if last >= before:
                    continue
                workout = self.store.workout(workout_id)
                count = self.conn.execute("SELECT count(*) FROM sets WHERE workout_id = ?", [workout_id]).fetchone()[0]
                if count:
                    self.conn.execute("UPDATE workouts SET ended_at = ? WHERE id = ?", [last, workout_id])
                    closed.append((workout, ClosedWorkout("finished", count, last)))
                else:
                    self.conn.execute("DELETE FROM workouts WHERE id = ?", [workout_id])
                    closed.append((workout, ClosedWorkout("discarded")))
        return closed
