"""Rows read by column name, typed.

Each query's rows come back as a TypedDict whose keys are the query's column names
(aliases where a column is computed). The cursor's columns are compared with the
TypedDict's keys on every call, so a renamed, missing or extra column fails at once
with both lists, instead of shifting every value one place along.

The bulk reads on hot paths (a workout's sets, an exercise's sessions: up to
thousands of rows) use read_columns instead: the same check, then each row's values
picked by column name through one itemgetter made per query, with no dict per row.

The values are what SQLite holds; the TypedDicts say what the schema promises (a
boolean column is an int 0 or 1 here, turned into a bool where the row is mapped).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, TypeVar, cast

# What SQLite hands back for one column.
SqlValue = int | float | str | bytes | None
# TypedDict classes: at run time dict subclasses with __required_keys__.
Row = TypeVar("Row", bound=Mapping[str, object])


class ColumnMismatch(LookupError):
    """A query's columns are not the ones its row type names (a bug, never bad data)."""


def _check(shape: type[Mapping[str, object]], names: Sequence[str]) -> None:
    expected: frozenset[str] = getattr(shape, "__required_keys__", frozenset())
    if len(names) != len(expected) or not expected.issuperset(names):
        raise ColumnMismatch(f"{shape.__name__} names {sorted(expected)}, the query gives {list(names)}")


def _names(cursor: sqlite3.Cursor) -> tuple[str, ...]:
    return tuple(column[0] for column in cursor.description)


def read_rows(conn: sqlite3.Connection, shape: type[Row], sql: str, params: Sequence[object] = ()) -> list[Row]:
    """Every row of a query, each a `shape` keyed by column name."""
    cursor = conn.execute(sql, params)  # sql: the caller's text, checked at its call by test_sql_safety
    names = _names(cursor)
    _check(shape, names)
    # The cast is the one step from SQLite's values to the declared row type; _check
    # has just matched the keys.
    return [cast(Row, dict(zip(names, values))) for values in cursor]


def read_row(conn: sqlite3.Connection, shape: type[Row], sql: str, params: Sequence[object] = ()) -> Row | None:
    """The first row of a query (None when there is none)."""
    cursor = conn.execute(sql, params)  # sql: the caller's text, checked at its call by test_sql_safety
    names = _names(cursor)
    _check(shape, names)
    values = cursor.fetchone()
    return None if values is None else cast(Row, dict(zip(names, values)))


def as_rows(shape: type[Row], rows: Iterable[Mapping[str, object]]) -> list[Row]:
    """Rows that are dicts already (sqlite-utils' table API), checked and typed as `shape`."""
    typed = []
    for row in rows:
        _check(shape, list(row))
        typed.append(cast(Row, row))
    return typed


def read_columns(conn: sqlite3.Connection, shape: type[Mapping[str, object]], names: Sequence[str], sql: str,
                 params: Sequence[object] = ()) -> Iterator[tuple[Any, ...]]:
    """Each row's values of the columns `names`, in that order (every column of `shape`,
    named as the caller unpacks them). The values are typed where they are unpacked:
    their types are `shape`'s."""
    cursor = conn.execute(sql, params)  # sql: the caller's text, checked at its call by test_sql_safety
    found = _names(cursor)
    _check(shape, found)
    _check(shape, names)
    pick = itemgetter(*(found.index(name) for name in names))
    return map(pick, cursor)


def read_value(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> SqlValue:
    """The one value of a one-column query (None when there is no row): a count, a max."""
    cursor = conn.execute(sql, params)  # sql: the caller's text, checked at its call by test_sql_safety
    if len(cursor.description) != 1:
        raise ColumnMismatch(f"a single value was asked for, the query gives {list(_names(cursor))}")
    row = cursor.fetchone()
    if row is None:
        return None
    value: SqlValue = row[0]
    return value


def read_int(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> int | None:
    """read_value for an integer (a count, an id, a set number)."""
    value = read_value(conn, sql, params)  # sql: the caller's text, checked at its call
    if value is not None and not isinstance(value, int):
        raise ColumnMismatch(f"an integer was expected, the query gives {value!r}")
    return value


def read_float(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> float | None:
    """read_value for a number (SQLite may hand back an int for a whole REAL)."""
    value = read_value(conn, sql, params)  # sql: the caller's text, checked at its call
    if value is not None and not isinstance(value, (int, float)):
        raise ColumnMismatch(f"a number was expected, the query gives {value!r}")
    return None if value is None else float(value)


def read_text(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> str | None:
    """read_value for text (an instant, a JSON value)."""
    value = read_value(conn, sql, params)  # sql: the caller's text, checked at its call
    if value is not None and not isinstance(value, str):
        raise ColumnMismatch(f"text was expected, the query gives {value!r}")
    return value


def inserted_id(rowid: int | None) -> int:
    """The rowid of the row an INSERT just made (a cursor's lastrowid, a sqlite-utils
    table's last_rowid): None there would mean nothing was inserted."""
    if rowid is None:
        raise RuntimeError("the INSERT made no row")
    return rowid
