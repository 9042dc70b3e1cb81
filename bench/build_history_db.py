"""Build a believable training history of N sets through the real schema.

    python bench/build_history_db.py OUT.db [--sets 100000] [--years 10] [--seed 1]

Workouts follow the shipped routines in turn, ending today: warm-ups on the lifts that
ramp, 2-4 working sets per exercise, loads that climb with small plateaus and deloads,
grip straps on heavy pulls more often as the years go by, timed holds and bodyweight
reps with added load. A second profile gets a sliver of sets so that every query's
profile filter is exercised. At 1,000,000 sets over 10 years the lifter trains several
times a day: that size is a stress test, not a life.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backtui.domain.catalog import load_catalog  # noqa: E402
from backtui.domain.clock import iso  # noqa: E402
from backtui.storage.db import open_database  # noqa: E402
from backtui.storage.store import Store  # noqa: E402

SETS_PER_WORKOUT = 22  # on average, warm-ups included


def _start_kg(exercise) -> float:
    if exercise.measure != "weight_reps":
        return 0.0
    heavy = {"deadlift": 100, "rack-pull": 120, "romanian-deadlift": 70, "barbell-row": 60, "pendlay-row": 55,
             "t-bar-row": 50, "shrug": 80, "lat-pulldown": 45, "seated-cable-row": 45}
    return float(heavy.get(exercise.slug, 25))


def build(path: Path, total_sets: int, years: int, seed: int) -> dict:
    rng = random.Random(seed)
    catalog = load_catalog()
    db = open_database(path)
    store = Store(db, catalog)
    ids = store._exercise_ids
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")  # a throwaway build: speed over durability
    conn.execute("BEGIN")
    conn.execute("INSERT OR IGNORE INTO profiles (id, name, created_at) VALUES (2, 'partner', ?)",
                 [iso(datetime.now(timezone.utc))])
    routines = list(catalog.routines.values())
    workouts_needed = max(1, total_sets // SETS_PER_WORKOUT)
    end = datetime.now(timezone.utc).replace(microsecond=0)
    span = timedelta(days=365 * years)
    step = span / workouts_needed
    load = {slug: _start_kg(e) for slug, e in catalog.exercises.items()}
    workout_rows, set_rows = [], []
    sets_made, workout_id, set_id = 0, 0, 0
    started = end - span
    while sets_made < total_sets:
        workout_id += 1
        if sets_made:
            # Spread the workouts still to come evenly over the time that is left.
            per_workout = sets_made / (workout_id - 1)
            step = (end - timedelta(hours=3) - started) / max(1.0, (total_sets - sets_made) / per_workout)
        started += step * rng.uniform(0.8, 1.2)
        profile = 2 if workout_id % 100 == 0 else 1
        routine = routines[workout_id % len(routines)]
        progress = (started - (end - span)) / span  # 0 .. 1 over the years
        at = started
        for item in routine.items:
            if sets_made >= total_sets:
                break
            exercise = catalog.exercises[item.exercise]
            number = 0
            kinds = ["warmup"] * (2 if exercise.ramp else 0) + ["working"] * rng.randint(2, 4)
            if rng.random() < 0.05:
                kinds.append("drop")
            # Slow progress over the years, with a lighter block now and then.
            deload = 0.9 if (workout_id // 40) % 6 == 5 else 1.0
            base = load[exercise.slug] * (1 + 0.8 * progress) * deload * rng.uniform(0.97, 1.03)
            for kind in kinds:
                if sets_made >= total_sets:
                    break
                number += 1
                set_id += 1
                at += timedelta(seconds=rng.randint(60, 180))
                weight = reps = seconds = None
                if exercise.timed:
                    seconds = rng.randint(15, 60) + int(30 * progress)
                else:
                    reps = rng.randint(exercise.rep_low or 5, exercise.rep_high or 10)
                    weight = base * (0.5 if kind == "warmup" else 1.0)
                    if kind == "drop":
                        weight *= 0.8
                    if exercise.bodyweight:
                        weight = rng.choice([0.0, 0.0, 5.0, 10.0]) if exercise.slug != "assisted-pull-up" else -20.0
                    weight = round(weight / 2.5) * 2.5
                straps = int(exercise.straps and kind != "warmup" and rng.random() < 0.2 + 0.6 * progress)
                set_rows.append((set_id, profile, workout_id, ids[exercise.slug], number, kind, weight, reps,
                                 seconds, straps, None, 0, "", "kg", iso(at)))
                sets_made += 1
        workout_rows.append((workout_id, profile, routine.slug, routine.name, iso(started),
                             iso(at + timedelta(minutes=5)), "", "bench"))
    conn.executemany(
        "INSERT INTO workouts (id, profile_id, routine_slug, routine_name, started_at, ended_at, note, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        workout_rows,
    )
    conn.executemany(
        "INSERT INTO sets (id, profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, "
        "straps, rpe, form_broke, note, unit, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        set_rows,
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA synchronous = FULL")
    db.close()
    return {"sets": sets_made, "workouts": workout_id}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists: choose a new file")
    began = time.perf_counter()
    made = build(args.out, args.sets, args.years, args.seed)
    print(f"{args.out}: {made['sets']:,} sets in {made['workouts']:,} workouts "
          f"({time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
