"""Peak memory with 100,000 sets: the app in a real pseudo-terminal opens the history
(F2), shows the exercise tab, switches between five exercises, visits every tab, and
its peak resident size (VmHWM) is read from /proc. Floors measured in the same run: a
bare Textual app with the tracker's widgets, and backtui doing the same on an empty
database. Target: under 120 MB.

    python bench/bench_memory.py [SETS] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from ptyio import PtyProcess, backtui_argv, spawn  # noqa: E402

EXERCISES = ("Lat pulldown", "Deadlift", "Bent-over barbell row", "Pull-up", "Seated cable row")
F2 = b"\x1bOQ"
TARGET_MB = 120


def peak_mb(proc: PtyProcess) -> float:
    for line in Path(f"/proc/{proc.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc (Linux only)")


def settle(proc: PtyProcess, seconds: float = 0.3) -> None:
    proc.drain(seconds)


def backtui_peak(db: Path) -> float:
    # The big database holds a second lifter: name the first, or the app asks who trains.
    proc = spawn(backtui_argv("--db", str(db), "--profile", "default"), size=(120, 40))
    try:
        proc.wait_for(b"Essential back strength")
        settle(proc, 1.0)
        mark = len(proc.output)
        proc.write(F2)
        proc.wait_for(b"Dates", since=mark)  # the history footer
        settle(proc)
        proc.write(b"2")  # the exercise tab
        settle(proc, 0.6)
        for name in EXERCISES:
            mark = len(proc.output)
            proc.write(b"e")
            proc.wait_for(b"ype to search", since=mark)  # the cursor sits on the "t" (no blink)
            proc.write(name.lower().encode())
            settle(proc)
            mark = len(proc.output)
            proc.write(b"\r")
            proc.wait_for(name.encode(), since=mark)
            settle(proc, 0.5)
        for tab in b"345":
            proc.write(bytes([tab]))
            settle(proc, 0.6)
        return peak_mb(proc)
    finally:
        proc.stop()


def floor_peak() -> float:
    proc = spawn([sys.executable, str(HERE / "floor_apps.py"), "tracker"], size=(120, 40))
    try:
        proc.wait_for(b"Target")
        settle(proc, 1.0)
        return peak_mb(proc)
    finally:
        proc.stop()


def main() -> None:
    from build_history_db import build

    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="?", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        big = folder / f"history-{args.sets}.db"
        if not big.exists():
            began = time.perf_counter()
            build(big, args.sets, years=10, seed=1)
            print(f"(built {args.sets:,} sets in {time.perf_counter() - began:.1f} s)")
        empty = Path(tmp) / "empty.db"
        floor = floor_peak()
        bare = backtui_peak(empty)
        full = backtui_peak(big)
    print("peak resident memory (VmHWM), 120x40 pty")
    print(f"{'floor: bare Textual app, tracker widgets':44s} {floor:7.1f} MB")
    print(f"{'backtui, empty database, same walk':44s} {bare:7.1f} MB   {bare / floor:5.2f}x floor")
    print(f"{f'backtui, {args.sets:,} sets, history walk':44s} {full:7.1f} MB   {full / floor:5.2f}x floor   "
          f"(target < {TARGET_MB} MB: {'met' if full < TARGET_MB else 'missed'})")


if __name__ == "__main__":
    main()
