"""Storing one set: backtui's Store.log_sets against a raw sqlite3 insert-and-commit.

Both use WAL and synchronous=FULL on the same disk, measured in the same run.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store

N = 500


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def floor_raw_sqlite(folder: Path) -> list[float]:
    conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE sets (id INTEGER PRIMARY KEY, weight REAL, reps INTEGER, at TEXT)")
    times = []
    for i in range(N):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO sets (weight, reps, at) VALUES (?, ?, ?)", [60.0, 8, str(i)])
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    return times


def backtui_store(folder: Path) -> list[float]:
    store = Store(open_database(folder / "backtui.db"), load_catalog())
    workout = store.start_workout()
    times = []
    for _ in range(N):
        start = time.perf_counter()
        drafts = parse_entry("60x8 s @8", "weight_reps")
        store.log_sets(workout.id, "barbell-row", drafts)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = floor_raw_sqlite(folder)
        ours = backtui_store(folder)
    for name, values in (("floor: raw sqlite3 insert+commit", floor), ("backtui: parse + log_sets", ours)):
        print(f"{name:36s} p50 {statistics.median(values) * 1000:6.3f} ms   p99 {percentile(values, 99) * 1000:6.3f} ms")
    print(f"{'ratio (backtui / floor)':36s} p50 {statistics.median(ours) / statistics.median(floor):6.2f}x    "
          f"p99 {percentile(ours, 99) / percentile(floor, 99):6.2f}x")


if __name__ == "__main__":
    main()
