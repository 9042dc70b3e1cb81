"""Workouts and sets: every write is one short transaction, committed before return.

A Store is bound to one profile; every query filters by it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any, TypedDict

from sqlite_utils import Database

from backtui.domain.catalog import Catalog
from backtui.domain.clock import now_iso
from backtui.domain.models import Exercise, LoggedSet, SetDraft, Workout
from backtui.storage.db import friendly_error
from backtui.storage.errors import StorageError
from backtui.storage.rows import as_rows, inserted_id, read_columns, read_int, read_row, read_rows, read_text
from backtui.storage.summaries import resummarise_exercises


class SetRow(TypedDict):
    """A set as SET_SELECT reads it (straps and form_broke are 0 or 1)."""

    id: int
    workout_id: int
    exercise: str
    set_number: int
    kind: str
    weight_kg: float | None
    reps: int | None
    seconds: int | None
    straps: int
    rpe: float | None
    note: str
    unit: str
    logged_at: str
    form_broke: int
    bodyweight_kg: float | None


class WorkoutRow(TypedDict):
    id: int
    routine_slug: str | None
    routine_name: str | None
    started_at: str
    ended_at: str | None
    note: str
    position: int
    plan: str  # JSON: the slots as Slot.to_json() gives them


# SetRow's columns in the order read_sets unpacks them.
_SET_COLUMNS = ("id", "workout_id", "exercise", "set_number", "kind", "weight_kg", "reps", "seconds", "straps",
                "rpe", "note", "unit", "logged_at", "form_broke", "bodyweight_kg")
# Sets as read_sets reads them (SetRow); the caller adds WHERE and ORDER BY.
SET_SELECT = (
    "SELECT s.id, s.workout_id, e.slug AS exercise, s.set_number, s.kind, s.weight_kg, s.reps, s.seconds, "
    "s.straps, s.rpe, s.note, s.unit, s.logged_at, s.form_broke, s.bodyweight_kg "
    "FROM sets s JOIN exercises e ON e.id = s.exercise_id "
)
# A workout's sets in the order they were logged. "+s.logged_at": without the plus
# SQLite walks the profile's whole (profile, logged_at) index to skip the sort, instead
# of the workout's few sets (18 ms at 100,000 sets; tests/test_storage_rows.py checks).
# `+s.profile_id`: the workout's id picks the rows; on the profile's index (the planner's
# pick without the `+`) this read walked the whole history, 11 ms at 100,000 sets.
WORKOUT_SETS = SET_SELECT + "WHERE s.workout_id = ? AND +s.profile_id = ? ORDER BY s.logged_at, s.id"
_WORKOUT_COLUMNS = "id, routine_slug, routine_name, started_at, ended_at, note, position, plan"  # WorkoutRow
# A new set (the tracker, `backtui log`, imports).
SET_INSERT = (
    "INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, "
    "straps, rpe, form_broke, note, unit, logged_at, bodyweight_kg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# A deleted set put back (undo): SET_INSERT's columns under its old id, body weight included.
SET_RESTORE = (
    "INSERT INTO sets (id, profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, "
    "straps, rpe, form_broke, note, unit, logged_at, bodyweight_kg) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def read_sets(conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[LoggedSet]:
    """The sets of a SET_SELECT query: the tracker reads them on every command and
    history by the thousand, so each row is picked by column name without a dict."""
    return [
        LoggedSet(id=ident, workout_id=workout_id, exercise=exercise, set_number=number, kind=kind, weight_kg=weight,
                  reps=reps, seconds=seconds, straps=bool(straps), rpe=rpe, note=note, unit=unit, logged_at=logged_at,
                  form_broke=bool(form_broke), bodyweight_kg=bodyweight)
        for (ident, workout_id, exercise, number, kind, weight, reps, seconds, straps, rpe, note, unit, logged_at,
             form_broke, bodyweight) in read_columns(conn, SetRow, _SET_COLUMNS, sql, params)  # sql: SET_SELECT + ...
    ]


def _workout_from_row(row: WorkoutRow) -> Workout:
    return Workout(
        id=row["id"], routine_slug=row["routine_slug"], routine_name=row["routine_name"],
        started_at=row["started_at"], ended_at=row["ended_at"], note=row["note"], position=row["position"],
        plan=json.loads(row["plan"] or "[]"),
    )


class _ExerciseId(TypedDict):
    id: int
    slug: str


class _Setting(TypedDict):
    value: str


class _SetPlace(TypedDict):
    workout_id: int
    exercise_id: int
    set_number: int


class _RoutineDone(TypedDict):
    routine_slug: str
    last_started_at: str


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE: take the write lock up front, so a second backtui waits
    (busy timeout) instead of failing half way; COMMIT before returning. A view-only
    file (read-only, or found damaged) refuses here, with the reason, before any write."""
    reason = getattr(conn, "view_only", None)
    if reason:
        raise StorageError(f"{reason}: nothing was saved")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc)) from None
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StorageError(friendly_error(exc)) from None
        raise


class Store:
    def __init__(self, db: Database, catalog: Catalog, profile_id: int = 1):
        self.db = db
        self.conn = db.conn
        self.catalog = catalog
        self.profile_id = profile_id
        self._exercise_ids: dict[str, int] = {}
        self.sync_catalog()

    # -- exercises -------------------------------------------------------
    def sync_catalog(self) -> None:
        """Mirror the shipped exercises into the database (only when they changed),
        so SQL, views and Datasette users see names and regions."""
        rows = _catalog_rows(self.catalog)
        digest = _digest(rows)
        current = read_text(self.conn, "SELECT value FROM meta WHERE key = 'catalog_hash'")
        if current != digest and not getattr(self.conn, "view_only", None):
            with write_transaction(self.conn):
                shares = dict(self.conn.execute("SELECT slug, load_share FROM exercises WHERE profile_id IS NULL"))
                for row in rows:
                    columns = ", ".join(row)  # sql: column names, the keys of _exercise_row
                    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "slug")  # sql: the same
                    self.conn.execute(
                        f"INSERT INTO exercises ({columns}) VALUES ({', '.join('?' * len(row))}) "
                        f"ON CONFLICT (ifnull(profile_id, 0), slug) DO UPDATE SET {updates}",
                        list(row.values()),
                    )
                changed = [str(row["slug"]) for row in rows if shares.get(row["slug"]) != row["load_share"]]
                if changed:  # a set's volume and e1RM count its exercise's share: summarise them again
                    resummarise_exercises(self.conn, changed)
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('catalog_hash', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [digest],
                )
        self.refresh_exercises()

    def refresh_exercises(self) -> None:
        """Reload the slug -> id map (after an import added custom exercises)."""
        self._exercise_ids = self.read_exercise_ids()

    def read_exercise_ids(self) -> dict[str, int]:
        """Slug -> id of the exercises this profile can log, as the database has them now."""
        rows = read_rows(
            self.conn, _ExerciseId,
            "SELECT id, slug FROM exercises WHERE profile_id IS NULL OR profile_id = ? "
            "ORDER BY profile_id IS NOT NULL",  # a profile's own exercise wins over a shipped one
            [self.profile_id],
        )
        return {row["slug"]: row["id"] for row in rows}

    def exercise_id(self, slug: str) -> int:
        try:
            return self._exercise_ids[slug]
        except KeyError:
            raise StorageError(f"unknown exercise {slug!r}") from None

    # -- workouts --------------------------------------------------------
    def start_workout(
        self,
        routine_slug: str | None = None,
        routine_name: str | None = None,
        plan: list[dict[str, Any]] | None = None,
        *,
        at: str | None = None,
        source: str = "app",
    ) -> Workout:
        started = at or now_iso()
        with write_transaction(self.conn):
            # One open workout per lifter (the file's idx_workouts_one_open): one still
            # open is closed at its last set first (at its start when it has none).
            self.conn.execute(
                "UPDATE workouts SET ended_at = coalesce((SELECT max(logged_at) FROM sets "
                "WHERE workout_id = workouts.id), started_at) WHERE profile_id = ? AND ended_at IS NULL",
                [self.profile_id])
            table = self.db.table("workouts").insert({
                "profile_id": self.profile_id, "routine_slug": routine_slug, "routine_name": routine_name,
                "started_at": started, "source": source, "plan": json.dumps(plan or []),
            })
        return self.workout(inserted_id(table.last_rowid))

    def workout(self, workout_id: int) -> Workout:
        row = read_row(
            self.conn, WorkoutRow, f"SELECT {_WORKOUT_COLUMNS} FROM workouts WHERE id = ? AND profile_id = ?",
            [workout_id, self.profile_id],
        )
        if row is None:
            raise StorageError(f"workout {workout_id} does not exist")
        return _workout_from_row(row)

    def unfinished_workout(self) -> Workout | None:
        """The newest workout that was never finished (the app was killed, SSH dropped)."""
        row = read_row(
            self.conn, WorkoutRow,
            f"SELECT {_WORKOUT_COLUMNS} FROM workouts WHERE profile_id = ? AND ended_at IS NULL "
            "ORDER BY started_at DESC LIMIT 1",
            [self.profile_id],
        )
        return _workout_from_row(row) if row else None

    def save_plan(self, workout_id: int, plan: list[dict[str, Any]], position: int) -> None:
        with write_transaction(self.conn):
            self.conn.execute(
                "UPDATE workouts SET plan = ?, position = ? WHERE id = ? AND profile_id = ?",
                [json.dumps(plan), position, workout_id, self.profile_id],
            )

    def finish_workout(self, workout_id: int, *, at: str | None = None, note: str | None = None) -> None:
        with write_transaction(self.conn):
            self.conn.execute(
                "UPDATE workouts SET ended_at = ?, note = coalesce(?, note) WHERE id = ? AND profile_id = ?",
                [at or now_iso(), note, workout_id, self.profile_id],
            )

    def discard_workout(self, workout_id: int) -> None:
        """Delete a workout and its sets (used for an empty workout the lifter abandons)."""
        with write_transaction(self.conn):
            self.db.table("workouts").delete_where("id = ? AND profile_id = ?", [workout_id, self.profile_id])

    def day_workout_for_log(
        self, day_start: str, day_end: str, at: str, routine_slug: str | None, routine_name: str | None
    ) -> int:
        """The open workout of that day (of that routine, when one is named), or a new
        one. Runs inside a write transaction so two loggers never start two workouts."""
        found = self.open_workout_between(day_start, day_end, routine_slug)
        if found is not None:
            return found
        table = self.db.table("workouts").insert({
            "profile_id": self.profile_id, "routine_slug": routine_slug, "routine_name": routine_name,
            "started_at": at, "source": "cli",
        })
        return inserted_id(table.last_rowid)

    def open_workout_between(self, day_start: str, day_end: str, routine_slug: str | None = None) -> int | None:
        """The newest unfinished workout started in [day_start, day_end) (UTC ISO text),
        of that routine when one is named."""
        query = (
            "SELECT id FROM workouts WHERE profile_id = ? AND ended_at IS NULL "
            "AND started_at >= ? AND started_at < ?"
        )
        params: list[object] = [self.profile_id, day_start, day_end]
        if routine_slug is not None:
            query += " AND routine_slug = ?"
            params.append(routine_slug)
        return read_int(self.conn, query + " ORDER BY started_at DESC LIMIT 1", params)

    # -- sets ------------------------------------------------------------
    def _insert_sets(
        self, workout_id: int, slug: str, drafts: Sequence[SetDraft], at: str, bodyweight_kg: float | None = None
    ) -> list[int]:
        exercise_id = self.exercise_id(slug)
        # A workout id from elsewhere must belong to this lifter too.
        owner = read_int(self.conn, "SELECT 1 FROM workouts WHERE id = ? AND profile_id = ?",
                         [workout_id, self.profile_id])
        if owner is None:
            raise StorageError(f"workout {workout_id} does not exist")
        number = read_int(
            self.conn,
            "SELECT coalesce(max(set_number), 0) FROM sets WHERE workout_id = ? AND exercise_id = ? AND profile_id = ?",
            [workout_id, exercise_id, self.profile_id],
        ) or 0
        ids: list[int] = []
        for draft in drafts:
            number += 1
            cursor = self.conn.execute(
                SET_INSERT,
                [
                    self.profile_id, workout_id, exercise_id, number, draft.kind, draft.weight_kg,
                    draft.reps, draft.seconds, int(draft.straps), draft.rpe, int(draft.form_broke),
                    draft.note, draft.unit, at, bodyweight_kg,
                ],
            )
            ids.append(inserted_id(cursor.lastrowid))
        return ids

    def log_sets(
        self,
        workout_id: int,
        exercise_slug: str,
        drafts: Sequence[SetDraft],
        *,
        at: str | None = None,
        bodyweight_kg: float | None = None,
    ) -> list[LoggedSet]:
        """Store one entry line's sets in one transaction; they are on disk when this returns.
        `bodyweight_kg`: the lifter's body weight, kept with bodyweight moves' sets."""
        with write_transaction(self.conn):
            ids = self._insert_sets(workout_id, exercise_slug, drafts, at or now_iso(), bodyweight_kg)
        return self.sets_by_id(ids)

    def sets_by_id(self, ids: Sequence[int]) -> list[LoggedSet]:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return read_sets(self.conn, f"{SET_SELECT}WHERE s.id IN ({marks}) AND s.profile_id = ? ORDER BY s.id",
                          [*ids, self.profile_id])

    def workout_sets(self, workout_id: int) -> list[LoggedSet]:
        return read_sets(self.conn, WORKOUT_SETS, [workout_id, self.profile_id])

    def recent_sessions(
        self, exercise_slug: str, before_workout_id: int | None = None, limit: int = 5, *, working_only: bool = False
    ) -> list[list[LoggedSet]]:
        """The exercise's sets in its latest `limit` other workouts, newest first
        (`working_only`: workouts where it had a working or failure set). Walks the
        (profile, exercise, logged_at) index one workout at a time, so the cost does
        not grow with years of history."""
        exercise_id = self._exercise_ids.get(exercise_slug)
        if exercise_id is None:
            return []
        sessions: list[list[LoggedSet]] = []
        cursor = "9999"
        newest = "SELECT workout_id FROM sets WHERE profile_id = ? AND exercise_id = ? AND logged_at < ? AND workout_id IS NOT ? "
        if working_only:
            newest += "AND kind IN ('working', 'failure') "
        newest += "ORDER BY logged_at DESC LIMIT 1"
        while len(sessions) < limit:
            workout_id = read_int(
                self.conn,
                newest,
                [self.profile_id, exercise_id, cursor, before_workout_id],
            )
            if workout_id is None:
                break
            session = read_sets(
                self.conn,
                SET_SELECT + "WHERE s.workout_id = ? AND s.exercise_id = ? AND s.profile_id = ? ORDER BY s.set_number",
                [workout_id, exercise_id, self.profile_id],
            )
            sessions.append(session)
            cursor = min(s.logged_at for s in session)
        return sessions

    def last_session_sets(self, exercise_slug: str, before_workout_id: int | None = None) -> list[LoggedSet]:
        """All sets of this exercise in the most recent other workout that had it."""
        sessions = self.recent_sessions(exercise_slug, before_workout_id, limit=1)
        return sessions[0] if sessions else []

    def update_set(self, set_id: int, draft: SetDraft) -> LoggedSet:
        with write_transaction(self.conn):
            self.conn.execute(
                "UPDATE sets SET kind = ?, weight_kg = ?, reps = ?, seconds = ?, straps = ?, rpe = ?, "
                "form_broke = ?, note = ?, unit = ? WHERE id = ? AND profile_id = ?",
                [
                    draft.kind, draft.weight_kg, draft.reps, draft.seconds, int(draft.straps), draft.rpe,
                    int(draft.form_broke), draft.note, draft.unit, set_id, self.profile_id,
                ],
            )
        return self.sets_by_id([set_id])[0]

    def delete_set(self, set_id: int) -> None:
        """Delete a set and close the gap in its exercise's numbering."""
        with write_transaction(self.conn):
            row = read_row(
                self.conn, _SetPlace,
                "SELECT workout_id, exercise_id, set_number FROM sets WHERE id = ? AND profile_id = ?",
                [set_id, self.profile_id],
            )
            if row is None:
                return
            self.conn.execute("DELETE FROM sets WHERE id = ? AND profile_id = ?", [set_id, self.profile_id])
            self._shift_numbers(row["workout_id"], row["exercise_id"], row["set_number"], -1)

    def restore_set(self, logged: LoggedSet) -> LoggedSet:
        """Put a deleted set back under its old id and number (undo)."""
        exercise_id = self.exercise_id(logged.exercise)
        with write_transaction(self.conn):
            self._shift_numbers(logged.workout_id, exercise_id, logged.set_number - 1, +1)
            self.conn.execute(
                SET_RESTORE,
                [
                    logged.id, self.profile_id, logged.workout_id, exercise_id, logged.set_number, logged.kind,
                    logged.weight_kg, logged.reps, logged.seconds, int(logged.straps), logged.rpe,
                    int(logged.form_broke), logged.note, logged.unit, logged.logged_at, logged.bodyweight_kg,
                ],
            )
        return self.sets_by_id([logged.id])[0]

    def _shift_numbers(self, workout_id: int, exercise_id: int, after: int, delta: int) -> None:
        # Via a large offset, so UNIQUE(workout, exercise, number) holds row by row.
        self.conn.execute(
            "UPDATE sets SET set_number = set_number + 1000000 + ? WHERE workout_id = ? AND exercise_id = ? "
            "AND profile_id = ? AND set_number > ?",
            [delta, workout_id, exercise_id, self.profile_id, after],
        )
        self.conn.execute(
            "UPDATE sets SET set_number = set_number - 1000000 WHERE workout_id = ? AND exercise_id = ? "
            "AND profile_id = ? AND set_number > 1000000",
            [workout_id, exercise_id, self.profile_id],
        )

    # -- what was done when --------------------------------------------
    def routine_last_done(self) -> dict[str, str]:
        rows = read_rows(
            self.conn, _RoutineDone,
            "SELECT routine_slug, max(started_at) AS last_started_at FROM workouts WHERE profile_id = ? "
            "AND routine_slug IS NOT NULL GROUP BY routine_slug",
            [self.profile_id],
        )
        return {row["routine_slug"]: row["last_started_at"] for row in rows}

    def exercise_last_done(self, slugs: Sequence[str]) -> dict[str, str]:
        """When each exercise was last logged (exercises never done are absent)."""
        result = {}
        for slug in slugs:
            exercise_id = self._exercise_ids.get(slug)
            if exercise_id is None:
                continue
            last = read_text(self.conn, "SELECT max(logged_at) FROM sets WHERE profile_id = ? AND exercise_id = ?",
                             [self.profile_id, exercise_id])
            if last:
                result[slug] = last
        return result

    # -- settings --------------------------------------------------------
    # Settings are JSON values of any kind; backtui.domain.settings checks each against its kind.
    def get_setting(self, key: str, default: Any = None) -> Any:
        rows = as_rows(_Setting, self.db.table("settings").rows_where(
            "profile_id = ? AND key = ?", [self.profile_id, key], select="value"))
        return json.loads(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with write_transaction(self.conn):
            self.db.table("settings").upsert(
                {"profile_id": self.profile_id, "key": key, "value": json.dumps(value)}, pk=("profile_id", "key"))


def _catalog_rows(catalog: Catalog) -> list[dict[str, object]]:
    return [_exercise_row(e) for e in catalog.exercises.values() if not e.custom]


def _digest(rows: list[dict[str, object]]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


def catalog_digest(catalog: Catalog) -> str:
    """The shipped exercises' hash, as sync_catalog keeps it in meta (the quick
    `backtui log` path checks the file has them before logging without a Store)."""
    return _digest(_catalog_rows(catalog))


def _exercise_row(exercise: Exercise) -> dict[str, object]:
    data = asdict(exercise)
    return {
        "slug": data["slug"],
        "name": data["name"],
        "region": data["region"],
        "pattern": data["pattern"],
        "mechanic": data["mechanic"],
        "equipment": data["equipment"],
        "measure": data["measure"],
        "sets": data["sets"],
        "rep_low": data["rep_low"],
        "rep_high": data["rep_high"],
        "seconds": data["seconds"],
        "rest_s": data["rest"],
        "straps_ok": int(data["straps"]),
        "variant_group": exercise.variant_group,
        "ramp": int(data["ramp"]),
        "per_side": int(data["per_side"]),
        "cues": json.dumps(list(data["cues"])),
        "load_share": exercise.load_share,
        "source": "catalog",
    }
