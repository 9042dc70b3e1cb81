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
