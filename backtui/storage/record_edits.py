"""Correcting the record (issue 13): the writes behind editing a past workout, each
one transaction. backtui.core.record_edit decides; this only reads and writes.

The summaries (exercise_sessions, rep_bests) follow by their triggers: an update of a
set's load, reps or instant, a delete and an insert each recompute the sessions they
touch, so records, history, weekly volume and the coach read the corrected file at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from backtui.domain.clock import iso, parse_iso
from backtui.domain.errors import StorageError
from backtui.domain.models import LoggedSet, SetDraft, Workout
from backtui.storage.rows import inserted_id
from backtui.storage.store import SET_SELECT, Store, read_sets, write_transaction
from backtui.storage.workouts import SqliteWorkouts


@dataclass(frozen=True)
class WorkoutLine:
    """One workout in the list: `backtui workouts`."""

    id: int
    started_at: str
    ended_at: str | None
    name: str | None
    note: str
    sets: int


class SqliteRecord(SqliteWorkouts):
    """The record's storage on one lifter's Store (the workout core's, plus edits)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)

    def workout_lines(self, limit: int = 1000) -> list[WorkoutLine]:
        rows = self.conn.execute(
            "SELECT w.id, w.started_at, w.ended_at, w.routine_name, w.note, "
            "(SELECT count(*) FROM sets s WHERE s.workout_id = w.id) FROM workouts w "
            "WHERE w.profile_id = ? ORDER BY w.started_at DESC, w.id DESC LIMIT ?",
            [self.store.profile_id, limit]).fetchall()
        return [WorkoutLine(int(r[0]), str(r[1]), r[2], r[3], str(r[4] or ""), int(r[5])) for r in rows]

    def set_by_id(self, set_id: int) -> LoggedSet | None:
        found = read_sets(self.conn, SET_SELECT + "WHERE s.id = ? AND s.profile_id = ?", [set_id, self.store.profile_id])
        return found[0] if found else None

    def add_sets(self, workout_id: int, slug: str, drafts: Sequence[SetDraft], at: str,
                 bodyweight_kg: float | None) -> list[LoggedSet]:
        """Sets added to any workout of the lifter's, open or finished."""
        self._know(slug)
        with write_transaction(self.conn):
            ids = self.store._insert_sets(workout_id, slug, drafts, at, bodyweight_kg)
        return self.store.sets_by_id(ids)

    def change_workout(self, workout_id: int, *, shift_s: int, routine_name: str | None, note: str) -> Workout:
        """Move the workout and its sets by `shift_s` seconds, and set its name and note."""
        profile = self.store.profile_id

        def moved(text: str) -> str:
            return iso(parse_iso(text) + timedelta(seconds=shift_s))

        with write_transaction(self.conn):
            row = self.conn.execute("SELECT started_at, ended_at FROM workouts WHERE id = ? AND profile_id = ?",
                                    [workout_id, profile]).fetchone()
            if row is None:
                raise StorageError(f"workout {workout_id} does not exist")
            if shift_s:
                self.conn.execute("UPDATE workouts SET started_at = ?, ended_at = ? WHERE id = ?",
                                  [moved(row[0]), moved(row[1]) if row[1] else None, workout_id])
                for set_id, logged_at in self.conn.execute(
                        "SELECT id, logged_at FROM sets WHERE workout_id = ? AND profile_id = ?",
                        [workout_id, profile]).fetchall():
                    self.conn.execute("UPDATE sets SET logged_at = ? WHERE id = ?", [moved(logged_at), set_id])
            self.conn.execute("UPDATE workouts SET routine_name = ?, note = ? WHERE id = ? AND profile_id = ?",
                              [routine_name, note, workout_id, profile])
        return self.store.workout(workout_id)

    def delete_workout(self, workout_id: int) -> None:
        profile = self.store.profile_id
        with write_transaction(self.conn):
            self.conn.execute("DELETE FROM sets WHERE workout_id = ? AND profile_id = ?", [workout_id, profile])
            self.conn.execute("DELETE FROM workouts WHERE id = ? AND profile_id = ?", [workout_id, profile])

    def restore_workout(self, workout: Workout, sets: Sequence[LoggedSet], source: str = "app") -> None:
        """Put a deleted workout back under its id, with its sets under theirs (undo)."""
        import json

        from backtui.storage.store import SET_RESTORE

        profile = self.store.profile_id
        with write_transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO workouts (id, profile_id, routine_slug, routine_name, started_at, ended_at, note, source, "
                "plan, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [workout.id, profile, workout.routine_slug, workout.routine_name, workout.started_at,
                 workout.ended_at, workout.note, source, json.dumps(workout.plan), workout.position])
            inserted_id(cursor.lastrowid)
            for s in sets:
                self.conn.execute(SET_RESTORE, [
                    s.id, profile, s.workout_id, self.store.exercise_id(s.exercise), s.set_number, s.kind,
                    s.weight_kg, s.reps, s.seconds, int(s.straps), s.rpe, int(s.form_broke), s.note, s.unit,
                    s.logged_at, s.bodyweight_kg])
