"""A file backtui must not use: every command, and the app, says so in one line,
exits with status 1 and leaves the file (and its folder) exactly as it was.

The files: not SQLite at all, another app's SQLite, a truncated database, one from a
newer schema; and, for the commands that write, a read-only file and a read-only
folder (commands that only read use those: test_threat_damage_and_read_only.py).
The commands: log, export (JSON and CSV), history, import, suggest, plates, config
get/set/list, and `backtui --db X`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store
from backtui.storage.version import SCHEMA_VERSION

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    "2024-01-01 10:00:00,Pull,41m,Deadlift (Barbell),1,100,5,0,0,,,\n"
)
COMMANDS = {
    "log": ["log", "deadlift", "100x5"],
    "export json": ["export"],
    "export csv": ["export", "--format", "csv"],
    "history": ["history"],
    "history exercise": ["history", "--exercise", "deadlift"],
    "import": ["import", "{strong}"],
    "suggest": ["suggest", "deadlift"],
    "plates": ["plates", "100"],
    "config list": ["config", "list"],
    "config get": ["config", "get", "unit"],
    "config set": ["config", "set", "unit", "lb"],
}
WORDS = {
    "not sqlite": "is not a backtui database (it is not an SQLite file)",
    "other app": "is an SQLite file but not a backtui database",
    "truncated": "is truncated",
    "newer schema": "was written by a newer backtui",
    "read-only file": "is read-only on disk: nothing was saved",
    "read-only folder": "is read-only (SQLite needs it for its journal): nothing was saved",
}
READ_ONLY = {"read-only file", "read-only folder"}
WRITERS = {"log", "import", "config set"}


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real database with a workout in it, closed and checkpointed (no -wal left)."""
    path = tmp_path_factory.mktemp("template") / "backtui.db"
    db = open_database(path)
    store = Store(db, load_catalog())
    workout = store.start_workout("essential-back", "Essential back strength")
    store.log_sets(workout.id, "deadlift", parse_entry("100x5x3 # template"))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def make_bad(kind: str, folder: Path, good_db: Path) -> Path:
    path = folder / "backtui.db"
    if kind == "not sqlite":
        path.write_text("bench 60x8, rows 50x10 -- my old notes\n")
    elif kind == "other app":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    else:
        shutil.copy(good_db, path)
        if kind == "truncated":
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2])
        elif kind == "newer schema":
            conn = sqlite3.connect(path)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
            conn.commit()
            conn.close()
        elif kind == "read-only file":
            path.chmod(0o400)
        elif kind == "read-only folder":
            folder.chmod(0o500)
    return path


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def bad_folder(tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    yield folder
    folder.chmod(0o700)


@pytest.mark.parametrize("kind", list(WORDS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_a_bad_file_in_one_line(kind: str, command: str, bad_folder: Path, tmp_path: Path,
                                                       good_db: Path):
    path = make_bad(kind, bad_folder, good_db)
    strong = tmp_path / "strong.csv"
    strong.write_text(STRONG)
    before = fingerprint(bad_folder)
    args = [arg.format(strong=strong) for arg in COMMANDS[command]]
    result = CliRunner().invoke(main, [*args, "--db", str(path)])
    if kind in READ_ONLY and command not in WRITERS:
        assert result.exit_code == 0, result.output  # reading needs no write
        assert fingerprint(bad_folder) == before
        return
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert WORDS[kind] in lines[0] and str(bad_folder) in lines[0]  # names the file or its folder
    assert "Traceback" not in result.output
    assert fingerprint(bad_folder) == before


@pytest.mark.slow
@pytest.mark.parametrize("kind", [kind for kind in WORDS if kind not in READ_ONLY])
def test_the_app_refuses_a_bad_file_before_it_paints(kind: str, bad_folder: Path, good_db: Path):
    path = make_bad(kind, bad_folder, good_db)
    before = fingerprint(bad_folder)
    done = subprocess.run(
        [sys.executable, "-m", "backtui", "--db", str(path)],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    assert done.returncode == 1
    assert done.stdout == ""  # nothing painted
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and WORDS[kind] in lines[0], done.stderr
    assert fingerprint(bad_folder) == before


def test_a_good_copy_of_the_template_opens(good_db: Path, tmp_path: Path):
    """The control: the same steps without the damage give a working database."""
    path = tmp_path / "copy.db"
    shutil.copy(good_db, path)
    result = CliRunner().invoke(main, ["history", "--json", "--db", str(path)])
    assert result.exit_code == 0 and "template" in result.output
