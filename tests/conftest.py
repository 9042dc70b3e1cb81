"""Every test gets its own temporary database and a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TZ", "UTC")


def pytest_sessionstart(session: pytest.Session) -> None:
    """A snapshot report left by an earlier run would be taken for this run's: it goes
    (pytest-textual-snapshot writes a new one when a screen differs)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        report = session.config.getoption("--snapshot-report", default=None)
        if report:
            (Path.cwd() / report).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKTUI_DB", raising=False)
    monkeypatch.delenv("BACKTUI_DEBUG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))  # crash logs


@pytest.fixture(autouse=True)
def pilot_waits_for_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app runs workout commands on a database thread: a Pilot key press or pause
    returns once those it caused are answered, as a lifter sees them before the next
    key. (The tests of the thread itself, a lock held elsewhere, use real processes.)"""
    from textual.pilot import Pilot
    from tui_wait import settle

    press, pause = Pilot.press, Pilot.pause

    async def press_and_settle(self, *keys: str) -> None:
        await press(self, *keys)
        await settle(self.app, lambda: pause(self))

    async def pause_and_settle(self, delay: float | None = None) -> None:
        await pause(self, delay)
        await settle(self.app, lambda: pause(self))

    monkeypatch.setattr(Pilot, "press", press_and_settle)
    monkeypatch.setattr(Pilot, "pause", pause_and_settle)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "backtui.db"


@pytest.fixture
def store(db_path: Path):
    from backtui.domain.catalog import load_catalog
    from backtui.storage.db import open_database
    from backtui.storage.store import Store

    db = open_database(db_path)
    yield Store(db, load_catalog())
    db.close()


@pytest.fixture
def run(db_path: Path):
    """`backtui --db <db_path> ARGS...` through click's runner (test_cli.py has its own)."""
    from click.testing import CliRunner

    from backtui.cli import main

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke
