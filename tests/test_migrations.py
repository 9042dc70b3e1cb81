"""A database made by the first released schema still opens, migrated, with every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backtui.storage.db import open_database
from backtui.storage.version import SCHEMA_VERSION

FIXTURE = Path(__file__).parent / "fixtures" / "schema_v1.sql"
TABLES = ["profiles", "settings", "body_weights", "exercises", "user_routines", "workouts", "sets"]


def build_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.commit()
    conn.close()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        data = {}
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            data[table] = (columns, conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall())
        return data
    finally:
        conn.close()


def test_fixture_is_schema_one(tmp_path: Path):
    path = tmp_path / "v1.db"
    build_v1(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sets").fetchone()[0] == 9


def test_first_schema_migrates_keeping_every_row(tmp_path: Path):
    path = tmp_path / "v1.db"
    build_v1(path)
    before = snapshot(path)
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    after = snapshot(path)
    for table in TABLES:
        old_columns, old_rows = before[table]
        new_columns, new_rows = after[table]
        assert set(old_columns) <= set(new_columns), table
        positions = [new_columns.index(c) for c in old_columns]
        kept = [tuple(row[i] for i in positions) for row in new_rows]
        if table == "exercises":
            # Shipped exercises are re-mirrored from the catalog; every old row must survive.
            assert {r[:3] for r in old_rows} <= {r[:3] for r in kept}
        else:
            assert kept == old_rows, table


def test_migrated_data_reads_back_exactly(tmp_path: Path):
    from backtui.domain.catalog import load_catalog
    from backtui.storage.store import Store

    path = tmp_path / "v1.db"
    build_v1(path)
    store = Store(open_database(path), load_catalog())
    notes = {s.note for w in (1, 2) for s in store.workout_sets(w)}
    assert 'grip went, "strap" it' in notes
    assert "💪 שלום [bold]" in notes
    assignment = [s.weight_kg for s in store.workout_sets(1) if s.exercise == "assisted-pull-up"]
    assert assignment == [-20.0, -15.0]
