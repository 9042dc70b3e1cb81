"""Every test gets its own temporary database and a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TZ", "UTC")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKTUI_DB", raising=False)
    monkeypatch.delenv("BACKTUI_DEBUG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))  # crash logs


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
