"""Keypress to saved: Enter on a typed set until the row is committed and the screen says
so, in a real 80x24 pseudo-terminal, p50 and p99.

backtui: `python -m backtui --routine width-and-thickness`, 5 sets per exercise (PageDown
to the next), 50 sets per app process (a realistic workout length, so the table of
today's sets stays the size a lifter sees). Floor: a bare Textual app updating one label
per key plus one raw sqlite3 INSERT+COMMIT (WAL, synchronous=FULL) per Enter
(bench/floor_apps.py label), driven the same way, interleaved in the same run.

Textual paints at most 60 frames a second: a change made just after a frame waits for
the next one (up to 1/60 s, more when a frame is late). That frame wait is reported
apart: every app is also run with TEXTUAL_FPS=1000, where it all but vanishes, so
"without frame wait" is the app's own work. Each set starts only after 50 ms without
output (longer than the frame timer's worst case), so a frame wait is counted in the
Enter it belongs to. Target: backtui at most 2x the floor at p50 and at p99.

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

SETS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
PER_PROCESS = 50
TARGET = 2.0
MODES = {"with frame wait (60 fps)": None, "without frame wait (TEXTUAL_FPS=1000)": {"TEXTUAL_FPS": "1000"}}


def main() -> None:
    results: dict[str, tuple[list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rounds = max(1, SETS // PER_PROCESS)
        for mode in MODES:
            results[mode] = ([], [])
        for _ in range(rounds):
            for mode, env in MODES.items():
                floor, ours = results[mode]
                per = min(PER_PROCESS, SETS)
                floor += [s.enter_to_saved_ms for s in floor_sets(folder / "floor.db", per, env=env).sets]
                ours += [s.enter_to_saved_ms for s in tracker_sets(folder / "backtui.db", per, env=env).sets]
    print(f"{len(results[next(iter(MODES))][1])} sets each, 80x24 pty, Enter written until 'saved' is read back (ms)")
    for mode, (floor, ours) in results.items():
        print(f"-- {mode}")
        for name, values in (("floor: label + raw INSERT+COMMIT", floor), ("backtui: tracker Enter", ours)):
            print(f"{name:34s} p50 {statistics.median(values):6.2f}   p99 {percentile(values, 99):6.2f}   "
                  f"max {max(values):6.2f}")
        p50 = statistics.median(ours) / statistics.median(floor)
        p99 = percentile(ours, 99) / percentile(floor, 99)
        met = "met" if p50 <= TARGET and p99 <= TARGET else "missed"
        print(f"target Enter to saved, {mode.split(' (')[0]}: p50 {p50:5.2f}x  p99 {p99:5.2f}x floor "
              f"(target <= {TARGET}x both: {met})")
    (floor60, ours60), (floor_fast, ours_fast) = results.values()
    print(f"frame wait (median, 60 fps minus 1000 fps): floor {statistics.median(floor60) - statistics.median(floor_fast):5.2f} ms"
          f"   backtui {statistics.median(ours60) - statistics.median(ours_fast):5.2f} ms")


if __name__ == "__main__":
    main()
