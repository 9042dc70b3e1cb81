"""The full backup: every table of the database as JSON, written and read row by row.

`backtui export --format backup` writes it; `backtui restore FILE` reads it into an
empty database, which then holds the same rows in every table (ids included, so sets
still point at their workouts and exercises). It carries everything every lifter of the
file owns: profiles, settings, body weights, custom exercises, routines, workouts with
their sets, import batches and the names mapped by hand, and the history summaries.

The file is one JSON document laid out one row per line:

    {"format": "backtui-backup", "version": 1, "schema": 7, ..., "tables": [
    {"name": "profiles", "columns": ["id", "name", "created_at"], "rows": [
    [1, "default", "2026-11-18T18:00:00.000000+00:00"]
    ]},
    ...
    ]}

so both ends stream: memory stays flat however many sets there are. A backup that was
reformatted by a tool is still read, whole, as plain JSON.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from backtui.domain.clock import now_iso
from backtui.storage.errors import StorageError
from backtui.storage.store import write_transaction
from backtui.storage.summaries import PAUSED
from backtui.storage.version import SCHEMA_VERSION

FORMAT = "backtui-backup"
VERSION = 1
# The migrations' own bookkeeping belongs to the database that runs them, not to a lifter.
_NOT_BACKED_UP = frozenset({"_sqlite_migrations"})
# Parents before children, so a reader sees a set's workout before the set.
_ORDER = ("profiles", "meta", "settings", "body_weights", "exercises", "user_routines", "workouts", "sets")
_TABLES_OPENING = ', "tables": ['
_ROWS_OPENING = ', "rows": ['
_CHUNK = 2000


class BackupError(ValueError):
    """A file that is not a backup this backtui can restore, in words."""


@dataclass
class BackupInfo:
    schema: int
    created_at: str
    app_version: str
    rows: dict[str, int] = field(default_factory=dict)


def looks_like_backup(head: bytes) -> bool:
    """The first bytes of a file: does it open like a JSON backup?"""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def backed_up_tables(conn: sqlite3.Connection) -> list[str]:
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name") if n not in _NOT_BACKED_UP]
    return [n for n in _ORDER if n in names] + [n for n in names if n not in _ORDER]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", [table])]


def _order_by(conn: sqlite3.Connection, table: str) -> str:
    keys = [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [table])]
    return ", ".join(_quoted(k) for k in keys) if keys else "rowid"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cell(value: Any) -> Any:
    return {"base64": base64.b64encode(value).decode("ascii")} if isinstance(value, bytes) else value


def _uncell(value: Any) -> Any:
    return base64.b64decode(value["base64"]) if isinstance(value, dict) and "base64" in value else value


def write_backup(conn: sqlite3.Connection, out: TextIO, app_version: str) -> dict[str, int]:
    """Every table, one read transaction (a backtui writing meanwhile does not tear it);
    returns the rows written per table."""
    from backtui.storage.db import friendly_error

    counts: dict[str, int] = {}
    try:
        conn.execute("BEGIN")
        try:
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            header = {"format": FORMAT, "version": VERSION, "schema": schema, "created_at": now_iso(),
                      "app_version": app_version}
            out.write(json.dumps(header)[:-1] + _TABLES_OPENING + "\n")
            tables = backed_up_tables(conn)
            for index, table in enumerate(tables):
                columns = _columns(conn, table)
                out.write(json.dumps({"name": table, "columns": columns})[:-1] + _ROWS_OPENING + "\n")
                count = 0
                select = ", ".join(_quoted(c) for c in columns)
                for row in conn.execute(f"SELECT {select} FROM {_quoted(table)} "  # sql: names from the schema
                                        f"ORDER BY {_order_by(conn, table)}"):
                    out.write((",\n" if count else "") + json.dumps([_cell(v) for v in row], ensure_ascii=False))
                    count += 1
                out.write(("\n" if count else "") + "]}" + ("," if index < len(tables) - 1 else "") + "\n")
                counts[table] = count
            out.write("]}\n")
        finally:
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc)) from None
    return counts


@dataclass
class _Table:
    name: str
    columns: list[str]
    rows: Iterator[list[Any]]


class _LineReader:
    """The header and the tables of a backup laid out one row per line."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._source = iter(lines)
        self._number = 0
        self._table_done = True

    def header(self) -> dict[str, Any]:
        first = self._next().lstrip("\ufeff").strip()
        if not first.endswith(_TABLES_OPENING):
            raise _NotLineShaped(first)
        header = _json(first[: -len(_TABLES_OPENING)] + "}", 1)
        if not isinstance(header, dict):
            raise BackupError("not a backtui backup (its first line is not a backup's)")
        return header

    def _next(self) -> str:
        self._number += 1
        return next(self._source, "")

    def tables(self) -> Iterator[_Table]:
        while True:
            if not self._table_done:
                raise BackupError("a table of the backup was not read to its end")
            line = self._next()
            text = line.strip()
            if text == "]}":
                return
            if not line:
                raise BackupError("the backup ends before its last line: it is cut short")
            if not text.endswith(_ROWS_OPENING):
                raise BackupError(f"line {self._number}: expected the start of a table")
            table = _json(text[: -len(_ROWS_OPENING)] + "}", self._number)
            self._table_done = False
            yield _Table(str(table.get("name")), list(table.get("columns") or []), self._rows())

    def _rows(self) -> Iterator[list[Any]]:
        while True:
            line = self._next()
            if not line:
                raise BackupError("the backup ends in the middle of a table: it is cut short")
            text = line.strip()
            if text in ("]}", "]},"):
                self._table_done = True
                return
            row = _json(text.removesuffix(","), self._number)
            if not isinstance(row, list):
                raise BackupError(f"line {self._number}: a row is not a list of values")
            yield [_uncell(v) for v in row]


class _NotLineShaped(Exception):
    def __init__(self, first: str) -> None:
        self.first = first


def _json(text: str, line: int) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise BackupError(f"line {line}: not the JSON a backup holds (is the file damaged or cut short?)") from None


def _whole(text: str) -> tuple[dict[str, Any], Iterator[_Table]]:
    """A backup that a tool reformatted: read as one JSON document."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BackupError(f"not a backup: the JSON is broken ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        raise BackupError("not a backtui backup (no list of tables)")
    tables = [_Table(str(t.get("name")), list(t.get("columns") or []), iter([[_uncell(v) for v in row]
                                                                            for row in t.get("rows") or []]))
              for t in data["tables"] if isinstance(t, dict)]
    return data, iter(tables)


def _empty(conn: sqlite3.Connection) -> str | None:
    """Why the database is not an empty one to restore into (None: it is)."""
    found = []
    for table in backed_up_tables(conn):
        if table in ("meta", "exercise_sessions", "rep_bests"):
            continue
        where = {"profiles": " WHERE id != 1 OR name != 'default'", "exercises": " WHERE profile_id IS NOT NULL"}
        count = conn.execute(f"SELECT count(*) FROM {_quoted(table)}{where.get(table, '')}").fetchone()[0]  # sql: schema
        if count:
            found.append(f"{count:,} {table.replace('_', ' ')}")
    return ", ".join(found[:4]) if found else None


def restore_backup(conn: sqlite3.Connection, lines: Iterable[str],
                   read_whole: Callable[[], str] | None = None) -> BackupInfo:
    """Fill an empty database (migrated to this backtui's schema) from a backup, in one
    transaction: a backup that turns out damaged half way leaves the database empty.
    `read_whole()` gives the whole text, for a backup that is not laid out by line."""
    reader = _LineReader(lines)
    tables: Iterator[_Table]
    try:
        header = reader.header()
        tables = reader.tables()
    except _NotLineShaped:
        if read_whole is None:
            raise BackupError("not a backtui backup (its first line is not a backup's)") from None
        header, tables = _whole(read_whole())
    _check_header(header)
    info = BackupInfo(schema=int(header["schema"]), created_at=str(header.get("created_at", "")),
                      app_version=str(header.get("app_version", "")))
    with write_transaction(conn):
        why = _empty(conn)
        if why is not None:
            raise BackupError(f"the database is not empty ({why}): restore writes into an empty database only; "
                              "choose a new file with --db")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        known = set(backed_up_tables(conn))
        for name in known:
            conn.execute(f"DELETE FROM {_quoted(name)}")  # sql: names from the schema
        conn.execute("INSERT INTO meta (key, value) VALUES (?, '1')", [PAUSED])  # the summaries come as they were
        for table in tables:
            if table.name not in known:
                raise BackupError(f"the backup holds a table {table.name!r} this backtui does not know")
            info.rows[table.name] = _restore_table(conn, table)
        conn.execute("DELETE FROM meta WHERE key = ?", [PAUSED])
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise BackupError(f"the backup's rows do not fit together ({len(problems)} point at rows it lacks, "
                              f"first in {problems[0][0]}): it is damaged")
    return info


def _check_header(header: dict[str, Any]) -> None:
    if header.get("format") != FORMAT:
        raise BackupError("not a backtui backup (made by `backtui export --format backup`)")
    if header.get("version") != VERSION:
        raise BackupError(f"backup format version {header.get('version')!r}: this backtui reads version {VERSION}")
    schema = header.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise BackupError(f"the backup was made by a newer backtui (schema {schema}, this one knows "
                          f"{SCHEMA_VERSION}): upgrade backtui to restore it")


def _restore_table(conn: sqlite3.Connection, table: _Table) -> int:
    have = set(_columns(conn, table.name))
    extra = [c for c in table.columns if c not in have]
    if extra:
        raise BackupError(f"the backup's {table.name} has columns this backtui does not know: {', '.join(extra)}")
    names = ", ".join(_quoted(c) for c in table.columns)
    insert = f"INSERT INTO {_quoted(table.name)} ({names}) VALUES ({', '.join('?' * len(table.columns))})"
    skip_paused = table.name == "meta" and "key" in table.columns
    key_at = table.columns.index("key") if skip_paused else -1
    count = 0
    chunk: list[list[Any]] = []
    for row in table.rows:
        if len(row) != len(table.columns):
            raise BackupError(f"a row of {table.name} has {len(row)} values for {len(table.columns)} columns")
        if skip_paused and row[key_at] == PAUSED:
            continue
        chunk.append(row)
        if len(chunk) >= _CHUNK:
            count += _insert(conn, insert, table.name, chunk)
    if chunk:
        count += _insert(conn, insert, table.name, chunk)
    return count


def _insert(conn: sqlite3.Connection, insert: str, table: str, chunk: list[list[Any]]) -> int:
    try:
        conn.executemany(insert, chunk)  # sql: built by _restore_table from the schema's own names
    except sqlite3.IntegrityError as exc:
        raise BackupError(f"a row of {table} does not fit this database ({exc}): the backup is damaged") from None
    done = len(chunk)
    chunk.clear()
    return done
