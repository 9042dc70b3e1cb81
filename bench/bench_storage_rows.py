"""The storage hot paths on their own, to see what reading rows by column name costs.

The fsync of a commit (synchronous=FULL) dwarfs everything else in bench_log_set.py,
so the set insert is timed here twice: as the app runs it (FULL), and with
synchronous=OFF, which leaves the Python and SQL work that the row mapping adds to.
The reads run on a history database built by build_history_db.py:

- the tracker's reads: a workout's sets (Store.workout_sets) and an exercise's last
  five sessions (Store.recent_sessions, the coach's history);
- the history screen's: the 50 newest workouts with their aggregates
  (workout_summaries), every set of those 50 workouts (sets_of_workouts, about
  1,100 rows), an exercise's sessions and records (exercise_history), 12 weeks of
  per-exercise volume (weekly_rows).

Each figure is the median of ROUNDS runs and, beside it, the fastest run (steadier on
a machine shared with other work). Run it before and after a storage change on the
same machine and compare.

    python bench/bench_storage_rows.py [--sets 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_history_db import build  # noqa: E402

from backtui.domain.catalog import load_catalog  # noqa: E402
from backtui.domain.entry import parse_entry  # noqa: E402
from backtui.domain.history import last_weeks  # noqa: E402
from backtui.storage import history  # noqa: E402
from backtui.storage.db import open_database  # noqa: E402
from backtui.storage.store import Store  # noqa: E402

ROUNDS = 31
INSERTS = 400


def timed_ms(func: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """(median, fastest) in ms."""
    func()  # warm the page cache and the statement cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def inserts(folder: Path, synchronous: str) -> tuple[float, float]:
    """(median, fastest) ms of one entry line's set stored by Store.log_sets."""
    store = Store(open_database(folder / f"insert-{synchronous}.db"), load_catalog())
    store.conn.execute(f"PRAGMA synchronous = {synchronous}")
    workout = store.start_workout()
    drafts = parse_entry("60x8 s @8", "weight_reps")
    times = []
    for _ in range(INSERTS):
        start = time.perf_counter()
        store.log_sets(workout.id, "barbell-row", drafts)
        times.append(time.perf_counter() - start)
    store.db.close()
    return statistics.median(times) * 1000, min(times) * 1000


def reads(path: Path) -> dict[str, tuple[float, float]]:
    store = Store(open_database(path), load_catalog())
    newest = history.workout_summaries(store, limit=50)
    ids = [w.id for w in newest]
    busiest = max(newest, key=lambda w: w.sets).id
    weeks = last_weeks(history.today(), 12)
    result = {
        "tracker: workout_sets (one workout)": timed_ms(lambda: store.workout_sets(busiest)),
        "tracker: recent_sessions (5, deadlift)": timed_ms(lambda: store.recent_sessions("deadlift", limit=5)),
        "history: workout_summaries (50)": timed_ms(lambda: history.workout_summaries(store, limit=50)),
        "history: sets_of_workouts (50 workouts)": timed_ms(lambda: history.sets_of_workouts(store, ids)),
        "history: exercise_history (deadlift)": timed_ms(lambda: history.exercise_history(store, "deadlift")),
        "history: weekly_rows (12 weeks)": timed_ms(lambda: history.weekly_rows(store, weeks)),
    }
    rows = sum(len(v) for v in history.sets_of_workouts(store, ids).values())
    store.db.close()
    print(f"(sets_of_workouts reads {rows} rows)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="storage hot paths")
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the history database in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"history-{args.sets}.db"
        if not path.exists():
            build(path, args.sets, years=10, seed=1)
        with tempfile.TemporaryDirectory() as scratch:
            figures = {
                "insert: log_sets, synchronous=FULL": inserts(Path(scratch), "FULL"),
                "insert: log_sets, synchronous=OFF": inserts(Path(scratch), "OFF"),
            }
        figures.update(reads(path))
    print(f"{'':44s} {'median':>9s} {'fastest':>9s}")
    for name, (median, fastest) in figures.items():
        print(f"{name:44s} {median:6.3f} ms {fastest:6.3f} ms")


if __name__ == "__main__":
    main()
