"""`backtui log` from a shell: process start to exit, against a raw sqlite3 insert script.

Each run is a new process, as a shell script or a phone's SSH command makes them:
- `python -c pass`: the interpreter alone;
- floor: a Python script that opens an SQLite file (WAL, synchronous=FULL) and commits one
  INSERT, the least a command that stores a set can do;
- backtui: `python -m backtui log --db X deadlift 100x5`.
Interleaved, N runs each, same run. Target (issue 17): backtui at most 3x the floor.
Bytecode is cached as on a lifter's install (pip compiles what it installs; a source
checkout writes __pycache__ on the first run): with PYTHONDONTWRITEBYTECODE set in the
environment, every run would compile backtui's modules from source again (tens of
milliseconds that no installed backtui pays), so the runs here go without it. The
warm-up run writes the cache.

    python bench/bench_log_cli.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
TARGET = 3.0
INSERT = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = FULL")
conn.execute("CREATE TABLE IF NOT EXISTS sets (id INTEGER PRIMARY KEY, exercise TEXT, weight REAL, reps INTEGER, at TEXT)")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO sets (exercise, weight, reps, at) VALUES ('deadlift', 100.0, 5, datetime('now'))")
conn.execute("COMMIT")
"""


ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, stdin=subprocess.DEVNULL, env=ENV)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed: {done.stderr.decode(errors='replace')[-400:]}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        variants = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "floor: raw sqlite3 insert script": [sys.executable, "-c", INSERT, str(folder / "floor.db")],
            "backtui log deadlift 100x5": [sys.executable, "-m", "backtui", "log", "--db", str(folder / "b.db"),
                                           "deadlift", "100x5"],
        }
        for argv in variants.values():  # create the files, warm the disk cache
            timed(argv)
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(RUNS):
            for name, argv in variants.items():
                times[name].append(timed(argv))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{RUNS} processes each, interleaved; milliseconds from start to exit")
    for name, values in times.items():
        print(f"{name:36s} median {medians[name]:6.1f}   max {max(values):6.1f}")
    ratio = medians["backtui log deadlift 100x5"] / medians["floor: raw sqlite3 insert script"]
    print(f"target backtui log                   {ratio:5.2f}x floor (target <= {TARGET}x: "
          f"{'met' if ratio <= TARGET else 'missed'})   "
          f"{medians['backtui log deadlift 100x5'] / medians['python -c pass']:5.2f}x python -c pass")


if __name__ == "__main__":
    main()
