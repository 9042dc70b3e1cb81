"""Cold start: process start to the first frame of the picker and of the tracker.

In a real 80x24 pseudo-terminal, measured in the same run, interleaved, N runs each:
- picker: `python -m backtui --db X` until a routine name is painted;
- tracker: `python -m backtui --db X --routine essential-back` until "Target" is painted
  (the card is painted from the catalog while the database opens);
- minimal floor: `python bench/floor_apps.py minimal`, a Textual app of Header, Label and
  Footer, until the same words are painted (issue 17's target: at most 1.25x it);
- same-tree floors: `python bench/floor_apps.py picker|tracker`, bare apps with as many
  widgets as the screens, node for node (what backtui adds on top of its own widgets).
Each timed process is killed once its frame is read. A first run of each, not timed, is
left running for a while first, as a lifter's first start would be: what a second start
finds (the database, the disk cache, backtui's cached catalog and parsed styles) is there.

    python bench/bench_startup.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from ptyio import backtui_argv, percentile, spawn  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
TARGET = 1.25
SETTLE = 2.0  # seconds the warm-up run of each program is left running after its first frame
MINIMAL = "floor: minimal app (Header, Label, Footer)"


def first_frame_ms(argv: list[str], marker: bytes, *, settle: float = 0.0) -> float:
    proc = spawn(argv)
    try:
        ms = (proc.read_until(marker) - proc.started) * 1000
        proc.drain(settle)  # the warm-up: left to run as a lifter's first start runs
        return ms
    finally:
        proc.stop()


def main() -> None:
    floor = [sys.executable, str(HERE / "floor_apps.py")]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "backtui.db"
        variants = {
            MINIMAL: (floor + ["minimal"], b"Essential back strength"),
            "floor: same tree as the picker": (floor + ["picker"], b"Essential back strength"),
            "backtui: picker": (backtui_argv("--db", str(db)), b"Essential back strength"),
            "floor: same tree as the tracker": (floor + ["tracker"], b"Target"),
            "backtui: tracker (--routine)": (backtui_argv("--db", str(db), "--routine", "essential-back", "--start"),
                                             b"Target"),
        }
        # Warm the disk cache and create the database, as a lifter's second start would find
        # it: the first run is not killed at its first frame but left to open the file and
        # settle (what it keeps for the next start, backtui writes once the first frames are out).
        for argv, marker in variants.values():
            first_frame_ms(argv, marker, settle=SETTLE)
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(RUNS):
            for name, (argv, marker) in variants.items():
                times[name].append(first_frame_ms(argv, marker))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{RUNS} runs each, interleaved; 80x24 pty; milliseconds from spawn to the first frame")
    for name, values in times.items():
        print(f"{name:44s} median {medians[name]:6.0f}   p90 {percentile(values, 90):6.0f}")
    minimal = medians[MINIMAL]
    for screen, same_tree in (("picker", "floor: same tree as the picker"),
                              ("tracker (--routine)", "floor: same tree as the tracker")):
        ours = medians[f"backtui: {screen}"]
        verdict = "met" if ours / minimal <= TARGET else "missed"
        print(f"target start-up {screen:20s} {ours / minimal:5.2f}x minimal floor (target <= {TARGET}x: {verdict})"
              f"   {ours / medians[same_tree]:5.2f}x same-tree floor")


if __name__ == "__main__":
    main()
