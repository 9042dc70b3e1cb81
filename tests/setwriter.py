"""A second process logging sets into a database, for the tests that need one.

    python tests/setwriter.py DB COUNT [--cli] [--pause SECONDS] [--hold SECONDS]

Default: one connection held open the whole time, as the app holds it, each set
committed on its own (`Store.log_sets`). --cli: each set through `backtui log`'s
own code, which opens and closes the file every time. Notes are set00000,
set00001, ... in commit order. Prints "ready" once it is about to write, "done"
at the end; --hold keeps the file open that long afterwards (an idle app).
"""

from __future__ import annotations

import contextlib
import gc
import io
import select
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__)


def next_line(process: subprocess.Popen, timeout: float = 60) -> str:
    """The writer's next line of output, waiting at most `timeout` seconds."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().strip() if ready else f"(nothing within {timeout} s)"


def writer(db_path: Path, count: int, *extra: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(SCRIPT), str(db_path), str(count), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    line = next_line(process)
    if line != "ready":
        process.kill()
        raise AssertionError(f"writer did not start: {line!r} {process.communicate(timeout=30)}")
    return process


def finish(process: subprocess.Popen, timeout: float = 120) -> None:
    try:
        _out, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode == 0, err


def _option(argv: list[str], name: str) -> float:
    return float(argv[argv.index(name) + 1]) if name in argv else 0.0


def main(argv: list[str]) -> None:
    db, count = Path(argv[0]), int(argv[1])
    pause, hold = _option(argv, "--pause"), _option(argv, "--hold")
    if "--cli" in argv:
        from backtui.cli import main as backtui

        print("ready", flush=True)
        for i in range(count):
            with contextlib.redirect_stdout(io.StringIO()):
                backtui(["--db", str(db), "log", "barbell-row", "60x8", f"# set{i:05d}"], standalone_mode=False)
            # `backtui log` leaves closing its connection to the end of its process; in this
            # loop that is the next collection, and the next call's plain open() and close()
            # of the file (db.check_database_file) would drop that connection's POSIX locks.
            gc.collect()
            time.sleep(pause)
    else:
        from backtui.domain.catalog import load_catalog
        from backtui.domain.entry import parse_entry
        from backtui.storage.db import open_database
        from backtui.storage.store import Store

        store = Store(open_database(db), load_catalog())
        workout = store.start_workout("essential-back", "Essential back strength")
        print("ready", flush=True)
        for i in range(count):
            store.log_sets(workout.id, "deadlift", parse_entry(f"100x5 # set{i:05d}"))
            time.sleep(pause)
    print("done", flush=True)
    time.sleep(hold)


if __name__ == "__main__":
    main(sys.argv[1:])
