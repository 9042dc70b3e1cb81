"""Importing 100,000 Strong rows: backtui import against a floor measured in the same run.

Floor: the csv module reading the same file and executemany into one bare SQLite
table in one transaction (WAL, synchronous=FULL, as backtui opens its database).
"""

from __future__ import annotations

import csv
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from backtui.domain.catalog import load_catalog
from backtui.domain.importers import parse_import
from backtui.storage.db import open_database
from backtui.storage.importing import import_parsed
from backtui.storage.store import Store

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
EXERCISES = ["Deadlift (Barbell)", "Bent Over Row (Barbell)", "Lat Pulldown (Cable)", "Pull Up (Assisted)",
             "Seated Row (Cable)", "Bench Press (Barbell)", "Squat (Barbell)", "Shrug (Barbell)", "Plank",
             "Face Pull (Cable)", "Bicep Curl (Dumbbell)", "Romanian Deadlift (Barbell)"]


def strong_file(rows: int, seed: int = 6) -> str:
    """Strong's comma layout: ~20 sets a workout, rest rows, float noise, '1h 3m'."""
    rng = random.Random(seed)
    lines = [HEADER]
    start = datetime(2015, 1, 1, 18, 0, 0)
    written = 0
    while written < rows:
        start += timedelta(days=rng.choice([1, 2, 2, 3]), minutes=rng.randint(-60, 60))
        name, duration = rng.choice(["Pull", "Push", "Legs", "Back, Core"]), rng.choice(["41m", "1h 3m", "58m"])
        for exercise in rng.sample(EXERCISES, 5):
            for number in range(1, 5):
                order = "W" if number == 1 and rng.random() < 0.3 else str(number)
                if exercise == "Plank":
                    lines.append(f'{start:%Y-%m-%d %H:%M:%S},"{name}",{duration},"{exercise}",{order},0,0.0,0,60.0,,,\n')
                else:
                    weight = rng.choice([60, 62.5, 149.99999999999997, 100.0, 42.5])
                    reps = rng.randint(3, 12)
                    lines.append(f'{start:%Y-%m-%d %H:%M:%S},"{name}",{duration},"{exercise}",{order},{weight},'
                                 f'{reps}.0,0,0,"",,{rng.choice(["", "8", "9"])}\n')
                written += 1
                if rng.random() < 0.1:
                    lines.append(f'{start:%Y-%m-%d %H:%M:%S},"{name}",{duration},"{exercise}",Rest Timer,0,0.0,0,'
                                 "120.0,,,\n")
                    written += 1
                if written >= rows:
                    break
            if written >= rows:
                break
    return "".join(lines)


def floor(path: Path, folder: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE sets (date TEXT, workout TEXT, exercise TEXT, set_order TEXT, weight REAL, reps REAL)")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = [(r[0], r[1], r[3], r[4], float(r[5] or 0), float(r[6] or 0)) for r in reader]
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO sets VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def backtui(path: Path, folder: Path) -> tuple[float, float, float, int]:
    store = Store(open_database(folder / "backtui.db"), load_catalog())
    start = time.perf_counter()
    parsed = parse_import(path.read_bytes(), unit="kg")  # the file is in kg (its weights are made up)
    parsed_at = time.perf_counter()
    summary = import_parsed(store, parsed)
    end = time.perf_counter()
    store.db.close()
    return end - start, parsed_at - start, end - parsed_at, summary.sets


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "strong.csv"
        path.write_text(strong_file(ROWS), encoding="utf-8")
        floor_s = floor(path, folder)
        total, parse_s, write_s, sets = backtui(path, folder)
    print(f"{'rows in the file':38s} {ROWS:>10,}")
    print(f"{'floor: csv + executemany (bare table)':38s} {floor_s:8.2f} s  {ROWS / floor_s:>10,.0f} rows/s")
    print(f"{'backtui import (parse + write)':38s} {total:8.2f} s  {ROWS / total:>10,.0f} rows/s"
          f"   (parse {parse_s:.2f} s, write {write_s:.2f} s, {sets:,} sets stored)")
    print(f"{'ratio (backtui / floor)':38s} {total / floor_s:8.2f}x")


if __name__ == "__main__":
    main()
