"""Opening the history screen and switching exercise, at 100,000 and 1,000,000 sets.

For each size a database is built through the real schema (build_history_db.py), then:
- floors, raw sqlite3 on the same file: the 50 newest workouts with their set counts
  and volume, and one exercise's sets grouped by workout (count, max, volume) — the
  raw SQL aggregation a screen would need at the least;
- backtui's data-loading calls (backtui.storage.history) for each tab;
- the screen in a headless App.run_test (120x40): push HistoryScreen until its first
  frame (call_after_refresh) and until the app is idle (the Lazy tabs mounted too),
  and picking another exercise on the Exercise tab until idle again; the UI floor is
  a bare screen (header, 50-row table, footer) pushed the same way.
Each is a median, printed with its ratio to the floor it corresponds to. The target
(issue 7): opening the history and switching exercise load their data in under 100 ms
at both sizes; the screen times are shown against the bare screen.

    python bench/bench_history.py [--sizes 100000,1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_history_db import build  # noqa: E402

ROUNDS = 9
TARGET_MS = 100
EXERCISES = ("deadlift", "lat-pulldown", "barbell-row", "pull-up", "seated-cable-row")


def median_ms(func, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def floors(path: Path) -> dict[str, float]:
    conn = sqlite3.connect(path)
    exercise_id = conn.execute("SELECT id FROM exercises WHERE slug = 'deadlift'").fetchone()[0]
    newest = (
        "SELECT w.id, count(*), sum(s.weight_kg * s.reps) FROM (SELECT id FROM workouts WHERE profile_id = 1 "
        "ORDER BY started_at DESC LIMIT 50) w JOIN sets s ON s.workout_id = w.id GROUP BY w.id"
    )
    grouped = (
        "SELECT workout_id, count(*), max(weight_kg), sum(weight_kg * reps) FROM sets "
        "WHERE profile_id = 1 AND exercise_id = ? GROUP BY workout_id"
    )
    result = {
        "workouts": median_ms(lambda: conn.execute(newest).fetchall()),
        "exercise": median_ms(lambda: conn.execute(grouped, [exercise_id]).fetchall()),
    }
    conn.close()
    return result


def data_calls(path: Path) -> dict[str, float]:
    from backtui.domain.balance import pull_drift, weekly_balance
    from backtui.domain.catalog import load_catalog
    from backtui.domain.history import last_weeks
    from backtui.storage import history
    from backtui.storage.db import open_database
    from backtui.storage.store import Store

    catalog = load_catalog()
    store = Store(open_database(path), catalog)
    today = history.today()
    weeks = last_weeks(today, 12)
    cycle = iter(EXERCISES * 100)

    def balance():
        rows = [row for row, _ in history.weekly_rows(store, weeks)]
        weekly_balance(rows, catalog.exercises, weeks)
        pull_drift(rows, catalog.exercises, weeks)

    result = {
        "workouts": median_ms(lambda: history.workout_summaries(store, limit=50)),
        "exercise": median_ms(lambda: history.exercise_history(store, next(cycle))),
        "balance (12 weeks)": median_ms(balance),
        "calendar (53 weeks)": median_ms(lambda: history.training_days(store, today - timedelta(weeks=53), today)),
    }
    store.db.close()
    return result


def bare_screen():
    """The UI floor: a screen with a header, a 50-row table and a footer."""
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header

    class Bare(Screen):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("When", "Routine", "Time", "Sets", "Volume")
            table.add_rows([("Tue 18 Nov, 2 days ago", "Essential back", "52 min", "24", "4,800 kg")] * 50)

    return Bare()


async def screen_timings(path: Path) -> dict[str, float]:
    from backtui.app import make_app
    from backtui.screens.history import HistoryScreen

    opened, switched, bare, first_frame, bare_frame = [], [], [], [], []
    app = make_app(path, profile="default")  # the database holds a second lifter: no chooser
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause()
            if app.store is not None:
                break
        assert app.store is not None, "the database did not open"
        for round_ in range(ROUNDS):
            start = time.perf_counter()
            floor_screen = bare_screen()
            app.push_screen(floor_screen)
            floor_screen.call_after_refresh(lambda s=start: bare_frame.append(time.perf_counter() - s))
            await pilot.pause()
            bare.append(time.perf_counter() - start)
            app.pop_screen()
            await pilot.pause()
            start = time.perf_counter()
            screen = HistoryScreen()
            app.push_screen(screen)
            screen.call_after_refresh(lambda s=start: first_frame.append(time.perf_counter() - s))
            await pilot.pause()
            opened.append(time.perf_counter() - start)
            screen.action_show_tab("exercise")
            await pilot.pause()
            start = time.perf_counter()
            screen._exercise_picked(EXERCISES[round_ % len(EXERCISES)])
            await pilot.pause()
            switched.append(time.perf_counter() - start)
            app.pop_screen()
            await pilot.pause()
    return {"open screen": statistics.median(opened) * 1000, "switch exercise": statistics.median(switched) * 1000,
            "bare screen": statistics.median(bare) * 1000, "first frame": statistics.median(first_frame) * 1000,
            "bare frame": statistics.median(bare_frame) * 1000}


def report(size: int, path: Path) -> None:
    floor = floors(path)
    calls = data_calls(path)
    screen = asyncio.run(screen_timings(path))
    print(f"-- {size:,} sets")
    print(f"{'floor: raw SQL, 50 newest workouts':44s} {floor['workouts']:8.2f} ms")
    print(f"{'floor: raw SQL, one exercise by workout':44s} {floor['exercise']:8.2f} ms")
    print(f"{'floor: push a bare screen (header, 50-row table)':44s} {screen['bare screen']:8.2f} ms")
    print(f"{'floor: bare screen, first frame':44s} {screen['bare frame']:8.2f} ms")
    floor["bare screen"] = screen["bare screen"]
    floor["bare frame"] = screen["bare frame"]
    rows = [
        ("data: workout list (50, as the screen)", calls["workouts"], "workouts"),
        ("data: exercise sessions + records", calls["exercise"], "exercise"),
        ("data: weekly balance", calls["balance (12 weeks)"], "exercise"),
        ("data: calendar", calls["calendar (53 weeks)"], "exercise"),
        ("screen: open, first frame (workout list)", screen["first frame"], "bare frame"),
        ("screen: open until idle (all tabs mounted)", screen["open screen"], "bare screen"),
        ("screen: switch exercise", screen["switch exercise"], "bare screen"),
    ]
    for name, value, against in rows:
        print(f"{name:44s} {value:8.2f} ms   {value / floor[against]:6.2f}x floor ({against})")
    for name, value in (("open history: data of the first tab", calls["workouts"]),
                        ("switch exercise: data", calls["exercise"])):
        verdict = "met" if value < TARGET_MS else "missed"
        print(f"{'target ' + name:44s} {value:8.2f} ms   (< {TARGET_MS} ms: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description="history screen benchmark")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the databases in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in (int(s) for s in args.sizes.split(",")):
            path = folder / f"history-{size}.db"
            if not path.exists():
                began = time.perf_counter()
                build(path, size, years=10, seed=1)
                print(f"(built {size:,} sets in {time.perf_counter() - began:.1f} s)")
            report(size, path)


if __name__ == "__main__":
    main()
