"""Keypress to saved: Enter on a typed set until the row is committed and the screen says
so, in a real 80x24 pseudo-terminal, p50 and p99 over 500 sets.

backtui: `python -m backtui --routine width-and-thickness`, 5 sets per exercise (PageDown
to the next), 50 sets per app process, 10 processes (a realistic workout length, so the
table of today's sets stays the size a lifter sees). Floor: a bare Textual app updating
one label per key plus one raw sqlite3 INSERT+COMMIT (WAL, synchronous=FULL) per Enter
(bench/floor_apps.py label), driven the same way, interleaved in the same run.
Target: backtui's p99 at most 2x the floor's p99.

    python bench/bench_keypress.py [SETS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from ptyio import percentile  # noqa: E402
from tracker_session import floor_sets, tracker_sets  # noqa: E402

SETS = int(sys.argv[1]) if len(sys.argv) > 1 else 500
PER_PROCESS = 50
TARGET = 2.0


def main() -> None:
    floor: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rounds = max(1, SETS // PER_PROCESS)
        for _ in range(rounds):
            floor += [s.enter_to_saved_ms for s in floor_sets(folder / "floor.db", PER_PROCESS).sets]
            ours += [s.enter_to_saved_ms for s in tracker_sets(folder / "backtui.db", PER_PROCESS).sets]
    print(f"{len(ours)} sets each, 80x24 pty, Enter written until 'saved' is read back (ms)")
    for name, values in (("floor: label + raw INSERT+COMMIT", floor), ("backtui: tracker Enter", ours)):
        print(f"{name:34s} p50 {statistics.median(values):6.2f}   p99 {percentile(values, 99):6.2f}   "
              f"max {max(values):6.2f}")
    p50 = statistics.median(ours) / statistics.median(floor)
    p99 = percentile(ours, 99) / percentile(floor, 99)
    print(f"{'ratio (backtui / floor)':34s} p50 {p50:6.2f}x  p99 {p99:6.2f}x   "
          f"(target p99 <= {TARGET}x: {'met' if p99 <= TARGET else 'missed'})")


if __name__ == "__main__":
    main()
