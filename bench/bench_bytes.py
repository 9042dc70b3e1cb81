"""Bytes written to the terminal at 80x24: what an SSH link from a phone carries.

In a real pseudo-terminal, for backtui's tracker and the bare label app (one label per
key, one INSERT+COMMIT per Enter), driven the same way in the same run:
- one set: the entry typed at once, then Enter until the screen says saved (median);
- by hand: the same entry key by key, each echo awaited (bytes per key: median, max);
- idle: bytes per second with nothing typed, during a rest countdown and after it.
Targets (issue 17): a set <= 1,000 B, a key <= 150 B, idle 0 B/s, a rest countdown at
most one short update a second (<= 100 B/s).

    python bench/bench_bytes.py [SETS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from tracker_session import floor_sets, idle_rates, tracker_sets

SETS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ROUNDS = 3
TARGETS = {"set": 1000, "key": 150, "idle": 0, "rest": 100}


def verdict(value: float, target: float) -> str:
    return f"(target <= {target:,}: {'met' if value <= target else 'missed'})"


def main() -> None:
    floor, ours, floor_hand, ours_hand = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(ROUNDS):
            floor += floor_sets(folder / "floor.db", SETS // ROUNDS).sets
            ours += tracker_sets(folder / "backtui.db", SETS // ROUNDS).sets
            floor_hand += floor_sets(folder / "floor.db", 3, by_hand=True).sets
            ours_hand += tracker_sets(folder / "backtui.db", 3, by_hand=True).sets
        rates = idle_rates(folder / "idle.db")
        floor_rates = idle_rates(None)
    print(f"{len(ours)} sets typed at once, {len(ours_hand)} by hand; 80x24 pty; bytes the app wrote")
    sets = {}
    for name, typed, hand in (("floor: bare label app", floor, floor_hand), ("backtui: tracker", ours, ours_hand)):
        one_set = statistics.median(s.typing_bytes + s.enter_bytes for s in typed)
        keys = [k for s in hand for k in s.key_bytes]
        sets[name] = (one_set, statistics.median(keys), max(keys))
        print(f"{name:24s} one set {one_set:6.0f} (typing {statistics.median(s.typing_bytes for s in typed):4.0f}, "
              f"Enter to saved {statistics.median(s.enter_bytes for s in typed):5.0f})   "
              f"per key by hand {statistics.median(keys):4.0f} (max {max(keys)})   "
              f"a set by hand {statistics.median(s.typing_bytes + s.enter_bytes for s in hand):5.0f}")
    print(f"{'floor: bare label app':24s} idle {floor_rates['idle']:6.1f} B/s")
    print(f"{'backtui: tracker':24s} idle {rates['idle']:6.1f} B/s   during a rest countdown {rates['rest']:6.1f} B/s")
    one_set, key, key_max = sets["backtui: tracker"]
    floor_set, floor_key, _ = sets["floor: bare label app"]
    print(f"{'ratio (backtui / floor)':24s} one set {one_set / floor_set:4.1f}x   per key {key / floor_key:4.1f}x")
    print(f"target one set            {one_set:6.0f} B {verdict(one_set, TARGETS['set'])}")
    print(f"target per key by hand    {key_max:6.0f} B max {verdict(key_max, TARGETS['key'])}")
    print(f"target idle               {rates['idle']:6.1f} B/s {verdict(rates['idle'], TARGETS['idle'])}")
    print(f"target rest countdown     {rates['rest']:6.1f} B/s {verdict(rates['rest'], TARGETS['rest'])}")


if __name__ == "__main__":
    main()
