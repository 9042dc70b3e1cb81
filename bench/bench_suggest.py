"""The coach's suggestion on a long history: core.coach.suggest with the settings read
(settings + last sessions + rules, as `backtui suggest` and the tracker's Next take it)
against a floor of one indexed raw sqlite3 query for an exercise's last 10 sets, on the
same database, in the same run. Also the plate calculator on its own.

The history is synthetic: every shipped exercise, 3 sets per session, a session every
other day for HISTORY_DAYS days (about 100k sets at the default).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from backtui.core.coach import suggest
from backtui.domain.catalog import load_catalog
from backtui.domain.plates import DEFAULT_PLATES, load_bar
from backtui.storage.db import open_database
from backtui.storage.store import Store, write_transaction
from backtui.storage.workouts import SqliteWorkouts

HISTORY_DAYS = int(sys.argv[1]) if len(sys.argv) > 1 else 1800
N = 300


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def fill(store: Store) -> int:
    exercises = list(store.catalog.exercises.values())
    conn = store.conn
    count = 0
    with write_transaction(conn):
        for day in range(0, HISTORY_DAYS, 2):
            at = f"{2000 + day // 365:04d}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}T18:00:00.000000+00:00"
            workout_id = conn.execute(
                "INSERT INTO workouts (profile_id, started_at, ended_at) VALUES (1, ?, ?)", [at, at]
            ).lastrowid
            rows = []
            for exercise in exercises:
                exercise_id = store.exercise_id(exercise.slug)
                for number in (1, 2, 3):
                    weight, reps, seconds = (None, None, 30) if exercise.timed else (60.0, 8, None)
                    rows.append((workout_id, exercise_id, number, weight, reps, seconds, at))
            conn.executemany(
                "INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, weight_kg, reps, seconds, "
                "logged_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            count += len(rows)
    return count


def timed(call) -> list[float]:
    times = []
    for _ in range(N):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "backtui.db"
        store = Store(open_database(path), load_catalog())
        sets = fill(store)
        row = store.catalog.exercises["barbell-row"]
        row_id = store.exercise_id("barbell-row")
        raw = sqlite3.connect(path)

        def floor() -> None:
            raw.execute(
                "SELECT weight_kg, reps FROM sets WHERE profile_id = 1 AND exercise_id = ? "
                "ORDER BY logged_at DESC LIMIT 10",
                [row_id],
            ).fetchall()

        floor_times = timed(floor)
        storage = SqliteWorkouts(store)
        ours = timed(lambda: suggest(storage, store.catalog, row, storage.settings()))
        plates = timed(lambda: load_bar(142.5, 20.0, DEFAULT_PLATES["kg"]))
    print(f"history: {sets} sets")
    for name, values in (
        ("floor: raw last-10-sets query", floor_times),
        ("backtui: coach (core)", ours),
        ("backtui: plates for 142.5 kg", plates),
    ):
        print(f"{name:32s} p50 {statistics.median(values) * 1000:7.3f} ms   p99 {percentile(values, 99) * 1000:7.3f} ms")
    print(f"{'ratio (coach / floor)':32s} p50 {statistics.median(ours) / statistics.median(floor_times):7.1f}x"
          f"    p99 {percentile(ours, 99) / percentile(floor_times, 99):7.1f}x")


if __name__ == "__main__":
    main()
