"""Rows read by column name (backtui.storage.rows): a query whose columns are not the
ones its row type names fails at once, naming both, instead of shifting values."""

from __future__ import annotations

import sqlite3
from typing import TypedDict

import pytest

from backtui.domain.entry import parse_entry
from backtui.storage.rows import ColumnMismatch, as_rows, read_columns, read_float, read_int, read_row, read_rows
from backtui.storage.store import WORKOUT_SETS


class Pair(TypedDict):
    weight_kg: float
    reps: int


@pytest.fixture
def conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (weight_kg REAL, reps INTEGER, note TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", [(60.0, 8, "a"), (62.5, 6, "b")])
    return conn


def test_rows_come_back_keyed_by_column_name(conn: sqlite3.Connection) -> None:
    rows = read_rows(conn, Pair, "SELECT reps, weight_kg FROM t ORDER BY reps")  # any order of columns
    assert rows == [{"weight_kg": 62.5, "reps": 6}, {"weight_kg": 60.0, "reps": 8}]
    assert read_row(conn, Pair, "SELECT weight_kg, reps FROM t WHERE reps = ?", [8]) == {"weight_kg": 60.0, "reps": 8}
    assert read_row(conn, Pair, "SELECT weight_kg, reps FROM t WHERE reps = ?", [99]) is None
    picked = list(read_columns(conn, Pair, ("reps", "weight_kg"), "SELECT weight_kg, reps FROM t ORDER BY reps"))
    assert picked == [(6, 62.5), (8, 60.0)]


@pytest.mark.parametrize("sql", [
    "SELECT weight_kg FROM t",  # a column missing
    "SELECT weight_kg, reps, note FROM t",  # one too many
    "SELECT weight_kg, reps AS rep FROM t",  # renamed
])
def test_a_query_that_does_not_match_its_row_type_fails_naming_both(conn: sqlite3.Connection, sql: str) -> None:
    with pytest.raises(ColumnMismatch, match=r"Pair names \['reps', 'weight_kg'\], the query gives"):
        read_rows(conn, Pair, sql)
    with pytest.raises(ColumnMismatch):
        read_columns(conn, Pair, ("weight_kg", "reps"), sql)
    with pytest.raises(ColumnMismatch):
        as_rows(Pair, [{"weight_kg": 1.0}])


def test_single_values_are_checked_for_their_kind(conn: sqlite3.Connection) -> None:
    assert read_int(conn, "SELECT count(*) FROM t") == 2
    assert read_float(conn, "SELECT max(reps) FROM t") == 8.0  # an integer is a number too
    assert read_int(conn, "SELECT reps FROM t WHERE reps > 100") is None
    with pytest.raises(ColumnMismatch, match="an integer was expected"):
        read_int(conn, "SELECT note FROM t")
    with pytest.raises(ColumnMismatch, match="a single value"):
        read_int(conn, "SELECT reps, note FROM t")


def test_a_workouts_sets_are_read_through_the_workout_index(store) -> None:
    """The tracker reads a workout's sets on every command: the plan must start from the
    workout (idx_sets_workout), not walk the lifter's whole history in time order."""
    workout = store.start_workout()
    store.log_sets(workout.id, "deadlift", parse_entry("100x5 100x5", "weight_reps"))
    plan = " ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + WORKOUT_SETS, [workout.id, 1]))
    assert "(workout_id=?)" in plan and "idx_sets_recent" not in plan, plan
    assert [s.set_number for s in store.workout_sets(workout.id)] == [1, 2]
