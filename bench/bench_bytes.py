"""Bytes written to the terminal for one logged set at 80x24: what an SSH link carries.

In a real pseudo-terminal: type the entry, then Enter until the screen says saved and
goes quiet; the bytes the app wrote for each part are counted (median over the sets).
backtui: the tracker (5 sets per exercise, 3 app processes); floor: the bare label app
(one label per key, one INSERT+COMMIT per Enter), driven the same way in the same run.

    python bench/bench_bytes.py [SETS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from tracker_session import floor_sets, tracker_sets

SETS = int(sys.argv[1]) if len(sys.argv) > 1 else 60
ROUNDS = 3


def main() -> None:
    floor, ours = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(ROUNDS):
            floor += floor_sets(folder / "floor.db", SETS // ROUNDS).sets
            ours += tracker_sets(folder / "backtui.db", SETS // ROUNDS).sets
    print(f"{len(ours)} sets each, 80x24 pty, bytes written by the app (median per set)")
    rows = {}
    for name, sets in (("floor: bare label app", floor), ("backtui: tracker", ours)):
        typing = statistics.median(s.typing_bytes for s in sets)
        enter = statistics.median(s.enter_bytes for s in sets)
        total = statistics.median(s.typing_bytes + s.enter_bytes for s in sets)
        rows[name] = total
        print(f"{name:26s} typing {typing:7.0f}   Enter to saved {enter:7.0f}   one set {total:7.0f} bytes")
    ratio = rows["backtui: tracker"] / rows["floor: bare label app"]
    print(f"{'ratio (backtui / floor)':26s} {ratio:.1f}x   (one set at 80x24: about "
          f"{rows['backtui: tracker'] / 1024:.1f} KiB, {rows['backtui: tracker'] * 8 / 1000 / 0.064:.0f} ms "
          "on a 64 kbit/s link)")


if __name__ == "__main__":
    main()
