"""Per-session summaries kept up to date by triggers, so an exercise's all-time history
reads one row per session instead of every set (at 1,000,000 sets an exercise can have
60,000 sets in 20,000 sessions).

- exercise_sessions: one row per (profile, exercise, workout) with the working sets'
  first instant, heaviest load, top set, best e1RM, volume, count, strapped count,
  longest hold and heaviest unstrapped load;
- rep_bests: one row per (profile, exercise, load to the gram) with the most reps.

The marks that make records (heaviest, top set, e1RM, hold, unstrapped, reps at a load)
come from sets without the form-broke flag only: a rep where form broke is no record.
Such sets still count in a session's volume, sets and strapped sets.

The SQL for a set's e1RM comes from backtui.domain.records.e1rm_sql (the one place the
formula lives); a test checks that the triggers in a database still embed exactly it.
Inserts (every logged set) update the summaries in place; updates and deletes recompute
the one session they touch, and the rep best only when the set was the best.

summaries_ddl() and backfill_sql() are what migration m004 runs: change them only
together with a new migration that drops and recreates the triggers and rebuilds
(as m005 does with rebuild_sql(), when form-broke sets stopped making records).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypedDict

from backtui.domain.records import e1rm_sql, load_sql

# A set's (weight, reps) as one integer that orders like the pair: micro-kg x 10000 + reps
# (reps stay under 10000), so one max() finds a session's top set.
TOP_KEY_MAX_REPS = 10000


def top_key_sql(weight: str = "weight_kg", reps: str = "reps") -> str:
    return f"CAST(round({weight} * 1000000) AS INTEGER) * {TOP_KEY_MAX_REPS} + {reps}"


def volume_sql(weight: str = "weight_kg", reps: str = "reps", bodyweight: str = "bodyweight_kg",
               exercise_id: str | None = "exercise_id") -> str:
    """A set's volume: load x reps, the load counting the exercise's share of the body
    weight kept with a bodyweight move's set; an unknown or zero load adds none."""
    load = load_sql(weight, bodyweight, exercise_id)
    return f"CASE WHEN {load} > 0 AND {reps} IS NOT NULL THEN {load} * {reps} END"


def _record(value: str, row: str = "") -> str:
    """A set's value as a record mark: NULL when the set is flagged form-broke."""
    return f"CASE WHEN {row}form_broke = 0 THEN {value} END"


def _loaded_sql(row: str = "") -> str:
    return f"CASE WHEN {row}reps IS NOT NULL AND {row}form_broke = 0 THEN {row}weight_kg END"


def _unstrapped_sql(row: str = "") -> str:
    return (f"CASE WHEN {row}reps IS NOT NULL AND {row}straps = 0 AND {row}form_broke = 0 "
            f"THEN {row}weight_kg END")


def rep_best_where(row: str = "") -> str:
    """The sets that can hold a rep best (the triggers', and history's and the
    tracker's when they read reps at a load from the sets themselves)."""
    return (f"{row}kind != 'warmup' AND {row}reps IS NOT NULL AND {row}weight_kg IS NOT NULL "
            f"AND {row}seconds IS NULL AND {row}form_broke = 0")


# An exercise's kept rep bests: (load, most reps) rows, read as RepBestRow.
KEPT_REP_BESTS = "SELECT weight_kg, reps FROM rep_bests WHERE profile_id = ? AND exercise_id = ?"


class RepBestRow(TypedDict):
    weight_kg: float
    reps: int


def _greater(column: str) -> str:
    """max() that ignores a NULL on either side (SQLite's max(a, NULL) is NULL)."""
    return (f"{column} = CASE WHEN excluded.{column} IS NULL THEN {column} WHEN {column} IS NULL "
            f"THEN excluded.{column} ELSE max({column}, excluded.{column}) END")


_SESSION_COLUMNS = ("profile_id, exercise_id, workout_id, first_at, top_kg, top_key, e1rm, volume, sets, "
                    "strap_sets, hold_s, top_unstrapped_kg")


def session_rows_sql(where: str = "1", *, share: bool = True) -> str:
    """exercise_sessions rows computed from the sets (working sets matching `where`).
    `share` False: the SQL of the migrations before m010 (all of the body weight)."""
    exercise_id = "exercise_id" if share else None
    return (f"SELECT profile_id, exercise_id, workout_id, min(logged_at), max({_loaded_sql()}), "
            f"max({_record(top_key_sql())}), max({_record(e1rm_sql(exercise_id=exercise_id))}), "
            f"coalesce(sum({volume_sql(exercise_id=exercise_id)}), 0), "
            f"count(*), sum(straps), max({_record('seconds')}), max({_unstrapped_sql()}) FROM sets WHERE kind != 'warmup' AND {where} "
            "GROUP BY profile_id, exercise_id, workout_id")


def rep_best_rows_sql(where: str = "1") -> str:
    """rep_bests rows computed from the sets matching `where`."""
    return (f"SELECT profile_id, exercise_id, round(weight_kg, 3), max(reps) FROM sets "
            f"WHERE {rep_best_where('')} AND {where} GROUP BY profile_id, exercise_id, round(weight_kg, 3)")


def _recompute_session(row: str, share: bool = True) -> str:
    """Rebuild the summary of the session of the set `row` (OLD or NEW) from its sets."""
    key = (f"profile_id = {row}.profile_id AND exercise_id = {row}.exercise_id "
           f"AND workout_id = {row}.workout_id")
    return (f"DELETE FROM exercise_sessions WHERE {key};\n"
            f"        INSERT INTO exercise_sessions ({_SESSION_COLUMNS}) {session_rows_sql(key, share=share)};")


def _recompute_rep_best(row: str) -> str:
    key = (f"profile_id = {row}.profile_id AND exercise_id = {row}.exercise_id "
           f"AND round(weight_kg, 3) = round({row}.weight_kg, 3)")
    return (f"DELETE FROM rep_bests WHERE profile_id = {row}.profile_id AND exercise_id = {row}.exercise_id "
            f"AND weight_kg = round({row}.weight_kg, 3);\n"
            f"        INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps) {rep_best_rows_sql(key)};")


def _was_rep_best(row: str) -> str:
    return (f"{rep_best_where(row + '.')} AND {row}.reps >= (SELECT reps FROM rep_bests "
            f"WHERE profile_id = {row}.profile_id AND exercise_id = {row}.exercise_id "
            f"AND weight_kg = round({row}.weight_kg, 3))")


# While a bulk change runs (an import adding whole workouts, a lifter's profile deleted)
# the triggers stand aside (this row in meta, inside that change's own transaction) and
# the summaries are brought up to date once at the end: row by row, deleting 100,000
# sets took 29 s, importing them twice as long.
PAUSED = "summaries_paused"
_LIVE = f"NOT EXISTS (SELECT 1 FROM meta WHERE key = '{PAUSED}')"

# The columns whose change can change a summary (set_number, notes and RPE cannot).
_SUMMARY_COLUMNS = ("profile_id, workout_id, exercise_id, kind, weight_kg, reps, seconds, straps, logged_at, "
                    "bodyweight_kg, form_broke")
TRIGGERS = ("sets_summarise_insert", "sets_summarise_delete", "sets_rep_best_delete", "sets_summarise_update",
            "sets_rep_best_update_old", "sets_rep_best_update_new")


def summaries_ddl(*, share: bool = True) -> str:
    """Tables, index and triggers of the summaries (migration m004)."""
    return _tables_ddl() + triggers_ddl(share=share)


def _tables_ddl() -> str:
    return """
    CREATE TABLE exercise_sessions (
        profile_id INTEGER NOT NULL,
        exercise_id INTEGER NOT NULL,
        workout_id INTEGER NOT NULL,  -- no foreign key: the triggers remove a session with its last set
        first_at TEXT NOT NULL,
        top_kg REAL,
        top_key INTEGER,
        e1rm REAL,
        volume REAL NOT NULL,
        sets INTEGER NOT NULL,
        strap_sets INTEGER NOT NULL,
        hold_s INTEGER,
        top_unstrapped_kg REAL,
        -- Stored in the order history reads them: one exercise's sessions, oldest first.
        PRIMARY KEY (profile_id, exercise_id, first_at, workout_id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX idx_exercise_sessions_workout ON exercise_sessions(profile_id, exercise_id, workout_id);
    CREATE TABLE rep_bests (
        profile_id INTEGER NOT NULL,
        exercise_id INTEGER NOT NULL,
        weight_kg REAL NOT NULL,
        reps INTEGER NOT NULL,
        PRIMARY KEY (profile_id, exercise_id, weight_kg)
    ) WITHOUT ROWID;
    """


def triggers_ddl(*, share: bool = True) -> str:
    """The triggers that keep the summaries (named in TRIGGERS). `share` False: as the
    migrations before m010 made them (a set counts all of the body weight kept with it)."""
    n = "NEW."
    new_id = "NEW.exercise_id" if share else None
    return f"""
    CREATE TRIGGER sets_summarise_insert AFTER INSERT ON sets WHEN NEW.kind != 'warmup' AND {_LIVE} BEGIN
        INSERT INTO exercise_sessions ({_SESSION_COLUMNS})
        VALUES (NEW.profile_id, NEW.exercise_id, NEW.workout_id, NEW.logged_at, {_loaded_sql(n)},
                {_record(top_key_sql("NEW.weight_kg", "NEW.reps"), n)},
                {_record(e1rm_sql("NEW.weight_kg", "NEW.reps", "NEW.seconds", "NEW.kind", "NEW.bodyweight_kg",
                                  new_id), n)},
                coalesce({volume_sql("NEW.weight_kg", "NEW.reps", "NEW.bodyweight_kg", new_id)}, 0), 1,
                NEW.straps,
                {_record("NEW.seconds", n)}, {_unstrapped_sql(n)})
        ON CONFLICT (profile_id, exercise_id, workout_id) DO UPDATE SET
            first_at = min(first_at, excluded.first_at), {_greater("top_kg")}, {_greater("top_key")},
            {_greater("e1rm")}, volume = volume + excluded.volume, sets = sets + 1,
            strap_sets = strap_sets + excluded.strap_sets, {_greater("hold_s")}, {_greater("top_unstrapped_kg")};
        INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps)
        SELECT NEW.profile_id, NEW.exercise_id, round(NEW.weight_kg, 3), NEW.reps WHERE {rep_best_where(n)}
        ON CONFLICT (profile_id, exercise_id, weight_kg) DO UPDATE SET reps = max(reps, excluded.reps);
    END;

    CREATE TRIGGER sets_summarise_delete AFTER DELETE ON sets WHEN OLD.kind != 'warmup' AND {_LIVE} BEGIN
        {_recompute_session("OLD", share)}
    END;
    CREATE TRIGGER sets_rep_best_delete AFTER DELETE ON sets WHEN {_was_rep_best("OLD")} AND {_LIVE} BEGIN
        {_recompute_rep_best("OLD")}
    END;

    CREATE TRIGGER sets_summarise_update AFTER UPDATE OF {_SUMMARY_COLUMNS} ON sets WHEN {_LIVE} BEGIN
        {_recompute_session("OLD", share)}
        {_recompute_session("NEW", share)}
    END;
    CREATE TRIGGER sets_rep_best_update_old AFTER UPDATE OF {_SUMMARY_COLUMNS} ON sets
    WHEN {_was_rep_best("OLD")} AND {_LIVE} BEGIN
        {_recompute_rep_best("OLD")}
    END;
    CREATE TRIGGER sets_rep_best_update_new AFTER UPDATE OF {_SUMMARY_COLUMNS} ON sets
    WHEN {rep_best_where("NEW.")} AND {_LIVE} BEGIN
        INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps)
        VALUES (NEW.profile_id, NEW.exercise_id, round(NEW.weight_kg, 3), NEW.reps)
        ON CONFLICT (profile_id, exercise_id, weight_kg) DO UPDATE SET reps = max(reps, excluded.reps);
    END;
    """


@contextmanager
def summaries_paused(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a write transaction: the summary triggers stand aside until the block ends.
    The caller brings the summaries up to date itself (see the two uses below)."""
    conn.execute("INSERT INTO meta (key, value) VALUES (?, '1')", [PAUSED])
    yield
    conn.execute("DELETE FROM meta WHERE key = ?", [PAUSED])


@contextmanager
def paused_for_new_workouts(conn: sqlite3.Connection, profile_id: int,
                            first_workout_id: Callable[[], int | None]) -> Iterator[None]:
    """Inside a write transaction that only adds workouts with their sets: summarise the
    new workouts in two statements at the end (an import writes about twice as fast)."""
    with summaries_paused(conn):
        yield
    first = first_workout_id()
    if first is None:
        return
    new_sets = "profile_id = ? AND workout_id >= ?"
    conn.execute(f"INSERT INTO exercise_sessions ({_SESSION_COLUMNS}) {session_rows_sql(new_sets)}",
                 [profile_id, first])
    conn.execute(
        f"INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps) {rep_best_rows_sql(new_sets)} "
        "ON CONFLICT (profile_id, exercise_id, weight_kg) DO UPDATE SET reps = max(reps, excluded.reps)",
        [profile_id, first],
    )


def forget_profile(conn: sqlite3.Connection, profile_id: int) -> None:
    """Delete a lifter's summaries (with summaries_paused, when their sets are deleted)."""
    conn.execute("DELETE FROM exercise_sessions WHERE profile_id = ?", [profile_id])
    conn.execute("DELETE FROM rep_bests WHERE profile_id = ?", [profile_id])


def rebuild_sql(*, share: bool = True) -> str:
    """Recreate the triggers and refill the summaries from the sets (a migration that
    changes what the summaries hold runs this)."""
    drops = "".join(f"DROP TRIGGER IF EXISTS {name};\n" for name in TRIGGERS)
    return (drops + triggers_ddl(share=share) + "\nDELETE FROM exercise_sessions;\nDELETE FROM rep_bests;\n"
            + backfill_sql(share=share))


def backfill_sql(*, share: bool = True) -> str:
    """Fill the summaries from the sets already there (once, in the migration)."""
    return (f"INSERT INTO exercise_sessions ({_SESSION_COLUMNS}) {session_rows_sql(share=share)};\n"
            f"INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps) {rep_best_rows_sql()};")


def resummarise(conn: sqlite3.Connection, profile_id: int, pairs: list[tuple[int, int]]) -> None:
    """Rebuild from the sets the summaries of these (exercise, workout) sessions and the
    rep bests of their exercises, after a bulk change made with the triggers paused
    (undoing an import)."""
    workouts = sorted({w for _, w in pairs})
    for start in range(0, len(workouts), 500):
        chunk = workouts[start:start + 500]
        where = f"profile_id = ? AND workout_id IN ({', '.join('?' * len(chunk))})"
        conn.execute(f"DELETE FROM exercise_sessions WHERE {where}", [profile_id, *chunk])
        conn.execute(f"INSERT INTO exercise_sessions ({_SESSION_COLUMNS}) {session_rows_sql(where)}",
                     [profile_id, *chunk])
    for exercise_id in sorted({e for e, _ in pairs}):
        where = "profile_id = ? AND exercise_id = ?"
        conn.execute(f"DELETE FROM rep_bests WHERE {where}", [profile_id, exercise_id])
        conn.execute(f"INSERT INTO rep_bests (profile_id, exercise_id, weight_kg, reps) {rep_best_rows_sql(where)}",
                     [profile_id, exercise_id])


def resummarise_exercises(conn: sqlite3.Connection, slugs: list[str]) -> None:
    """Rebuild every lifter's session summaries of these shipped exercises from their
    sets (their share of body weight changed; rep bests do not depend on it)."""
    for start in range(0, len(slugs), 500):
        chunk = slugs[start:start + 500]
        ids = f"SELECT id FROM exercises WHERE profile_id IS NULL AND slug IN ({', '.join('?' * len(chunk))})"
        conn.execute(f"DELETE FROM exercise_sessions WHERE exercise_id IN ({ids})", chunk)
        conn.execute(f"INSERT INTO exercise_sessions ({_SESSION_COLUMNS}) "
                     f"{session_rows_sql(f'exercise_id IN ({ids})')}", chunk)
