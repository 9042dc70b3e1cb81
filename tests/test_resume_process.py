"""A real backtui process in a pseudo-terminal, killed with SIGKILL right after a set."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from ptyio import backtui_argv, spawn
from sqlrows import rows
from tui_wait import current_slot, wait_for_screen, wait_for_tracker

from backtui.app import make_app


def count_sets(db_path: Path) -> int:
    return rows(db_path, "SELECT count(*) FROM sets")[0][0]


@pytest.mark.slow
async def test_sigkill_after_a_set_keeps_it_and_the_workout_resumes(db_path: Path):
    proc = spawn(backtui_argv("--db", str(db_path), "--routine", "lower-back-focus", "--start"))
    try:
        proc.wait_for(b"Next:")  # the tracker, its workout started: a set typed now is logged
        proc.write(b"30s\r")
        proc.wait_for(b"saved")
    finally:
        proc.stop(signal.SIGKILL)
    assert count_sets(db_path) == 1

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen", 50)
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("enter")
        await wait_for_tracker(pilot, app)
        tracker = app.screen
        assert current_slot(tracker).exercise == "cat-cow"
        assert [row.text for row in tracker.view.today] == ["w 30 s"]  # cat-cow is a warm-up slot
