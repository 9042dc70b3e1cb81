"""Kill or hang up the app at random moments: a set the screen called saved is in the
database exactly once, nothing is half written, and the next start resumes the workout.

One real `python -m backtui` process per round, in a pseudo-terminal, on one database
kept across the rounds. A round starts the app (resuming the unfinished workout when
there is one), types sets key by key with random pauses, and is cut at a random moment:
while starting, mid-word, just after Enter (while the set may be committing) or after
"saved" was shown. The cut is SIGKILL, SIGHUP, or closing the terminal (what a dropped
SSH link does). After each round the database is read back and checked.
"""

from __future__ import annotations

import random
import signal
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from ptyio import PtyProcess, backtui_argv, spawn
from tui_wait import current_slot, wait_for_screen, wait_for_tracker

from backtui.app import make_app

ROUTINE = "lower-back-focus"  # opens on cat-cow, a timed warm-up: no rest timer in the way
ROUNDS = 20
CUTS = ("SIGKILL", "SIGHUP", "hang up")
MOMENTS = ("starting", "typing", "saving", "saved")


@dataclass
class Attempt:
    note: str
    seconds: int
    state: str = "typing"  # -> "sent" once Enter is written -> "saved" once the screen says so


def read_db(path: Path) -> tuple[list[tuple], list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'workouts'").fetchone()[0]:
            return [], []  # cut before the first start had created the tables: a fresh file
        workouts = conn.execute("SELECT id, ended_at FROM workouts ORDER BY id").fetchall()
        sets = conn.execute(
            "SELECT s.workout_id, e.slug, s.set_number, s.kind, s.seconds, s.reps, s.weight_kg, s.note "
            "FROM sets s JOIN exercises e ON e.id = s.exercise_id ORDER BY s.set_number"
        ).fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return workouts, sets
    finally:
        conn.close()


def check_invariants(path: Path, attempts: dict[str, Attempt]) -> int:
    """Every saved set once, no set that was never sent, each row whole; returns the count."""
    workouts, rows = read_db(path)
    assert len(workouts) <= 1, f"a kill left more than one workout: {workouts}"
    if rows:
        assert workouts[0][1] is None, "the workout must stay unfinished (resumable)"
    notes = [row[7] for row in rows]
    assert len(notes) == len(set(notes)), f"a set was stored twice: {notes}"
    assert [row[2] for row in rows] == list(range(1, len(rows) + 1)), "set numbers have a gap or a repeat"
    for workout_id, slug, _number, kind, seconds, reps, weight, note in rows:
        attempt = attempts.get(note)
        assert attempt is not None, f"a row nobody typed: {note!r}"
        assert attempt.state != "typing", f"{note!r} is stored but Enter was never pressed"
        assert (workout_id, slug, kind, seconds, reps, weight) == (workouts[0][0], "cat-cow", "warmup",
                                                                    attempt.seconds, None, None)
    for attempt in attempts.values():
        if attempt.state == "saved":
            assert attempt.note in notes, f"{attempt.note!r} was shown as saved but is not in the database"
    return len(rows)


def has_open_workout(path: Path) -> bool:
    if not path.exists():
        return False
    workouts, _ = read_db(path)
    return any(ended is None for _id, ended in workouts)


def cut(proc: PtyProcess, how: str) -> None:
    if how == "hang up":
        proc.hang_up()
        proc.stop(signal.SIGKILL, timeout=10)  # it should be gone already; never leave one behind
    else:
        proc.stop(getattr(signal, how))


def run_round(path: Path, rng: random.Random, round_no: int, attempts: dict[str, Attempt]) -> tuple[str, str]:
    stored_before = check_invariants(path, attempts) if path.exists() else 0
    resume = has_open_workout(path)
    texts = []
    for j in range(rng.randint(1, 3)):
        attempt = Attempt(note=f"r{round_no:02d}-{j} \"q\" [b]x[/b]", seconds=10 + (round_no * 3 + j) % 50)
        attempts[attempt.note] = attempt
        texts.append(attempt)
    # The round as a list of steps; it is cut after a random number of them.
    steps: list[tuple] = []
    if resume:
        steps += [("wait", b"Unfinished workout"), ("write", b"\r")]
    steps.append(("wait", b"Next:"))  # the workout has started: sets typed now are logged
    for attempt in texts:
        for char in f"{attempt.seconds}s # {attempt.note}":
            steps.append(("write", char.encode()))
        steps += [("enter", attempt), ("saved", attempt)]
    # Each round cuts in one kind of moment (in turn), at a random step of that kind.
    moment = MOMENTS[round_no % len(MOMENTS)]
    if moment == "starting":
        candidates = [0] + [i for i, (kind, _) in enumerate(steps) if kind == "wait"]
    else:
        last_of = {"typing": "write", "saving": "enter", "saved": "saved"}[moment]
        candidates = [i + 1 for i, (kind, _) in enumerate(steps) if kind == last_of and i > 0]
    stop_after = rng.choice(candidates)
    how = CUTS[round_no % len(CUTS)]
    proc = spawn(backtui_argv("--db", str(path)) if resume else backtui_argv("--db", str(path), "--routine", ROUTINE, "--start"))
    try:
        expected_number = stored_before
        for kind, arg in steps[:stop_after]:
            if kind == "wait":
                proc.wait_for(arg)
            elif kind == "write":
                proc.write(arg)
                proc.drain(rng.uniform(0, 0.012))
            elif kind == "enter":
                mark = len(proc.output)
                proc.write(b"\r")
                arg.state = "sent"
            elif kind == "saved":
                expected_number += 1
                proc.wait_saved(expected_number, since=mark)  # and no later number: never counted twice
                arg.state = "saved"
        # A random moment: while starting (long), or a few ms after the last key or save.
        proc.drain(rng.uniform(0, 0.5) if moment == "starting" else rng.uniform(0, 0.02))
    finally:
        cut(proc, how)
    return moment, how


@pytest.mark.slow
async def test_kills_and_hang_ups_at_random_moments_lose_no_saved_set(tmp_path: Path):
    path = tmp_path / "backtui.db"
    rng = random.Random(7)
    attempts: dict[str, Attempt] = {}
    cuts = [run_round(path, rng, n, attempts) for n in range(ROUNDS)]
    stored = check_invariants(path, attempts)
    assert {how for _, how in cuts} == set(CUTS) and {moment for moment, _ in cuts} == set(MOMENTS)
    assert sum(a.state == "saved" for a in attempts.values()) >= ROUNDS // 2  # the rounds did log sets
    assert any(a.state == "sent" for a in attempts.values())  # some were cut between Enter and "saved"
    _, rows = read_db(path)

    # The next start offers the workout, and Enter brings back every set in it.
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen", 100)
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("enter")
        tracker = await wait_for_tracker(pilot, app, 100)
        assert current_slot(tracker).exercise == "cat-cow"
        assert [(s.set_number, s.seconds, s.note) for s in tracker.live.today()] == [
            (number, seconds, note) for _w, _slug, number, _kind, seconds, _reps, _weight, note in rows
        ]
        assert len(tracker.view.today) == stored
