"""Reading a test's database back with plain sqlite3, on a connection of its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SETS = ("SELECT e.slug, s.set_number, s.kind, s.weight_kg, s.reps, s.seconds, s.straps, s.rpe, s.note "
        "FROM sets s JOIN exercises e ON e.id = s.exercise_id ORDER BY s.id")


def rows(db_path: Path, sql: str = SETS, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def table_contents(path: Path) -> dict[str, list[tuple]]:
    """Every table (and its schema) in a database, row by row (sorted: some tables have no rowid)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        found = {"!schema": conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()}
        for table in tables:
            found[table] = sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
        found["!version"] = [conn.execute("PRAGMA user_version").fetchone()]
        return found
    finally:
        conn.close()
