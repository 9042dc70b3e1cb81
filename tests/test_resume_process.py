"""A real backtui process in a pseudo-terminal, killed with SIGKILL right after a set."""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tui_wait import wait_for_tracker

from backtui.app import make_app


def read_until(fd: int, needle: bytes, timeout: float = 30.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"never saw {needle!r}; last output: {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def count_sets(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM sets").fetchone()[0]
    finally:
        conn.close()


def spawn_app(db_path: Path) -> tuple[subprocess.Popen, int]:
    leader, follower = pty.openpty()
    os.set_inheritable(follower, True)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "TEXTUAL_ANIMATIONS": "none"}
    process = subprocess.Popen(
        [sys.executable, "-m", "backtui", "--db", str(db_path), "--routine", "lower-back-focus"],
        stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True, start_new_session=True,
    )
    os.close(follower)
    return process, leader


@pytest.mark.slow
async def test_sigkill_after_a_set_keeps_it_and_the_workout_resumes(db_path: Path):
    process, fd = spawn_app(db_path)
    try:
        read_until(fd, b"Target")  # the tracker card, not the picker
        os.write(fd, b"30s\r")
        read_until(fd, b"saved")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(fd)
    assert count_sets(db_path) == 1

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if type(app.screen).__name__ == "ResumeScreen":
                break
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("enter")
        await wait_for_tracker(pilot, app)
        tracker = app.screen
        assert tracker.slot.exercise == "cat-cow"
        assert [s.seconds for s in tracker.today_sets()] == [30]
