"""Drive a real backtui tracker (or the bare label floor) in a pseudo-terminal, set by set.

Shared by bench_keypress.py (Enter to saved, p50/p99) and bench_bytes.py (bytes on the
wire per logged set). Each set: type the entry (at once, or `by_hand`: key by key, each
echo awaited and its bytes counted), wait until the app is quiet, write Enter, and read
until the screen says that set was saved.

"Quiet" is QUIET_S without output: longer than Textual's frame timer can hold a
repaint back (1/60 s, up to twice), so a set never starts while the last one's frame
is still on its way and the frame wait lands in the Enter it belongs to.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent))

from ptyio import PtyProcess, backtui_argv, spawn  # noqa: E402

ROUTINE = "width-and-thickness"
ENTRY = {"weight_reps": "60x8", "bodyweight_reps": "12", "seconds": "30s"}
SETS_PER_EXERCISE = 5
NEXT_EXERCISE = b"\x1b[6~"  # PageDown
QUIET_S = 0.05


@dataclass
class SetRecord:
    enter_to_saved_ms: float
    typing_bytes: int
    enter_bytes: int
    key_bytes: list[int] = field(default_factory=list)  # by hand: the bytes each key cost


@dataclass
class Run:
    sets: list[SetRecord] = field(default_factory=list)


def _plan_measures(routine: str, db: Path) -> list[tuple[str, str, str]]:
    """(slug, measure, name) per slot, as the app will plan it: the app's own planning
    (core.lifecycle.routine_plan: rotation rules, stalls, pins) over this database."""
    from backtui.core.lifecycle import routine_plan
    from backtui.domain.catalog import load_catalog
    from backtui.domain.session import plan_routine

    catalog = load_catalog()
    chosen = catalog.routines[routine]
    if db.exists():
        from backtui.storage.db import open_database
        from backtui.storage.store import Store
        from backtui.storage.workouts import SqliteWorkouts

        store = Store(open_database(db), catalog)
        try:
            slots = routine_plan(SqliteWorkouts(store), catalog, chosen)
        finally:
            store.db.close()
    else:
        slots = plan_routine(chosen, catalog, {})
    return [(slot.exercise, catalog.exercises[slot.exercise].measure, catalog.exercises[slot.exercise].name)
            for slot in slots]


def _quiet(proc: PtyProcess, gap: float = QUIET_S, limit: float = 1.0) -> None:
    """Read until nothing arrives for `gap` seconds (or `limit` passes)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        before = len(proc.output)
        proc.drain(gap)
        if len(proc.output) == before:
            return


def _type(proc: PtyProcess, text: str, by_hand: bool, echo: bytes) -> tuple[int, list[int]]:
    """Type `text` (at once, or key by key waiting for each echo): (bytes, bytes per key)."""
    mark = len(proc.output)
    if not by_hand:
        proc.write(text.encode())
        proc.wait_for(echo, since=mark)
        _quiet(proc)
        return len(proc.output) - mark, []
    per_key = []
    for index, character in enumerate(text):
        key_mark = len(proc.output)
        proc.write(character.encode())
        proc.wait_for(echo[: index + 1] if echo == text.encode() else text[: index + 1].encode(), since=key_mark)
        _quiet(proc)
        per_key.append(len(proc.output) - key_mark)
    return len(proc.output) - mark, per_key


def _started(proc: PtyProcess) -> None:
    """Wait for the tracker; a workout the previous process left open is finished first
    (f on the question), as a lifter would."""
    found = proc.wait_for(re.compile(rb"Unfinished workout|Next:"))
    if found[0] == b"Unfinished workout":
        mark = len(proc.output)
        proc.write(b"f")
        proc.wait_for(b"Next:", since=mark)


def tracker_sets(db: Path, count: int, size: tuple[int, int] = (80, 24), *, by_hand: bool = False,
                 env: dict | None = None) -> Run:
    """Log `count` sets in one app process: 5 per exercise, then PageDown to the next."""
    proc = spawn(backtui_argv("--db", str(db), "--routine", ROUTINE, "--start"), size=size, env=env)
    run = Run()
    try:
        # The previous process was killed mid-workout: this one is asked about it first
        # (f finishes it as it is and starts). The tracker's keys show once it has started.
        # (The Next line shows once the workout has started: a set typed before that stays
        # in the entry line and is not logged.)
        _started(proc)
        # Planned as the app planned it: after the last workout was finished (f), since
        # the variants rotate by what was done last.
        plan = _plan_measures(ROUTINE, db)
        _quiet(proc, 0.1)
        index, on_this, number = 0, 0, {}
        for _ in range(count):
            if on_this == SETS_PER_EXERCISE and index + 1 < len(plan):
                mark = len(proc.output)
                proc.write(NEXT_EXERCISE)
                index += 1
                proc.wait_for(plan[index][2].encode(), since=mark)
                _quiet(proc, 0.1)
                on_this = 0
            slug, measure, _name = plan[index]
            text = ENTRY[measure]
            typed, per_key = _type(proc, text, by_hand, text.encode())
            mark = len(proc.output)
            began = time.perf_counter()
            proc.write(b"\r")
            number[slug] = number.get(slug, 0) + 1
            proc.wait_saved(number[slug], since=mark)
            elapsed = (time.perf_counter() - began) * 1000
            _quiet(proc)
            run.sets.append(SetRecord(elapsed, typed, len(proc.output) - mark, per_key))
            on_this += 1
    finally:
        proc.stop()
    return run


def floor_sets(db: Path, count: int, size: tuple[int, int] = (80, 24), *, by_hand: bool = False,
               env: dict | None = None) -> Run:
    """The same keys into the bare label app (one label per key, one INSERT+COMMIT per Enter)."""
    proc = spawn([sys.executable, str(HERE / "floor_apps.py"), "label", str(db)], size=size, env=env)
    run = Run()
    try:
        proc.wait_for(b"value 0")
        _quiet(proc, 0.1)
        for n in range(1, count + 1):
            typed, per_key = _type(proc, "60x8", by_hand, b"value 60x8")
            mark = len(proc.output)
            began = time.perf_counter()
            proc.write(b"\r")
            proc.wait_for(f"saved {n}".encode(), since=mark)
            elapsed = (time.perf_counter() - began) * 1000
            _quiet(proc)
            run.sets.append(SetRecord(elapsed, typed, len(proc.output) - mark, per_key))
    finally:
        proc.stop()
    return run


def idle_rates(db: Path | None, seconds: float = 5.0, size: tuple[int, int] = (80, 24)) -> dict[str, float]:
    """Bytes per second with nothing typed: backtui during a rest countdown and once it is
    skipped (db given), or the bare label app (db None)."""
    if db is None:
        proc = spawn([sys.executable, str(HERE / "floor_apps.py"), "label", "/tmp/backtui-idle-floor.db"], size=size)
        try:
            proc.wait_for(b"value 0")
            _quiet(proc, 0.3)
            return {"idle": _rate(proc, seconds)}
        finally:
            proc.stop()
    proc = spawn(backtui_argv("--db", str(db), "--routine", ROUTINE, "--start"), size=size)
    try:
        _started(proc)
        plan = _plan_measures(ROUTINE, db)  # as the app planned it, after finishing the last
        _quiet(proc, 0.3)
        for index, (_slug, measure, name) in enumerate(plan):  # the first working exercise starts a rest
            if index:
                mark = len(proc.output)
                proc.write(NEXT_EXERCISE)
                proc.wait_for(name.encode(), since=mark)
                _quiet(proc, 0.1)
            mark = len(proc.output)
            proc.write(ENTRY[measure].encode() + b"\r")
            try:
                proc.wait_for(b"Rest ", since=mark, timeout=2)
                break
            except TimeoutError:
                continue
        _quiet(proc, 0.3)
        rest = _rate(proc, seconds)
        mark = len(proc.output)
        proc.write(b"\x1b")  # Esc skips the rest
        _quiet(proc, 0.5)
        return {"rest": rest, "idle": _rate(proc, seconds)}
    finally:
        proc.stop()


def _rate(proc: PtyProcess, seconds: float) -> float:
    mark = len(proc.output)
    proc.drain(seconds)
    return (len(proc.output) - mark) / seconds
