"""Threat: names and notes from a file send escape sequences to the lifter's terminal
through the command line (a new window title, the clipboard through OSC 52, OSC 8
links, hidden output, text reordered by a bidirectional override).

Every command prints them spelled out (`\\x1b`); JSON escapes them (same data for a
reader); a CSV export is exact in a pipe and spelled out on a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import (
    CUE,
    EXERCISE,
    EXERCISE_SLUG,
    PROFILE,
    ROUTINE,
    ROUTINE_SLUG,
    SET_NOTE,
    TITLE,
    UNSAFE,
    WORKOUT_NAME,
    WORKOUT_NOTE,
    seed,
)
from ptyio import backtui_argv, spawn

from backtui.cli import main
from backtui.domain.inert import visible

# What a terminal would act on, as bytes: ESC-led OSC/DCS/APC/PM, BEL, C1 (as UTF-8)
# and the bidirectional controls. Rich's own colour codes (ESC [ ... m) are ours.
ACTING = re.compile(rb"\x1b[\]P_^X]|\x07|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    seed(db_path)
    return db_path


def invoke(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), "--profile", PROFILE, *args])


COMMANDS = [
    ["history"], ["history", "--json"], ["history", "--exercise", EXERCISE_SLUG],
    ["history", "--exercise", EXERCISE_SLUG, "--json"], ["history", "--routine", ROUTINE_SLUG],
    ["exercises"], ["exercises", "--json"], ["routines"], ["routines", "--json"],
    ["routines", "export", ROUTINE_SLUG], ["profile", "list"], ["profile", "list", "--json"],
    ["export"], ["export", "--format", "json"], ["suggest", EXERCISE_SLUG], ["suggest", EXERCISE_SLUG, "--json"],
    ["log", EXERCISE_SLUG, "60x8", "# " + TITLE], ["config", "list"], ["config", "list", "--json"],
    # Mistakes quote what was typed or found.
    ["history", "--exercise", "nope" + TITLE], ["log", "nope" + TITLE, "60x8"],
    ["routines", "export", "nope" + TITLE],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args)[:40].encode("unicode_escape").decode())
def test_no_command_prints_a_control_character_raw(hostile_db: Path, args: list[str]):
    result = invoke(hostile_db, *args)
    assert result.exit_code in (0, 2), result.output
    assert not UNSAFE.search(result.output), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_human_output_spells_the_names_and_notes_out(hostile_db: Path):
    shown = invoke(hostile_db, "history").output
    assert visible(WORKOUT_NAME) in shown and visible(EXERCISE) in shown and "set note" in shown
    assert "\\x1b]0;PWN\\x07" in shown and "\\u202e" in shown


def test_json_output_is_escaped_yet_the_same_data(hostile_db: Path):
    history = json.loads(invoke(hostile_db, "history", "--json").output)
    finished = next(w for w in history if w["note"])
    assert finished["routine_name"] == WORKOUT_NAME and finished["note"] == WORKOUT_NOTE
    assert {s["note"] for s in finished["sets"]} == {SET_NOTE}
    exported = json.loads(invoke(hostile_db, "export").output)
    assert {s["exercise_name"] for s in exported} >= {EXERCISE}
    exercises = json.loads(invoke(hostile_db, "exercises", "--json").output)
    assert next(e for e in exercises if e["slug"] == EXERCISE_SLUG)["cues"][0] == CUE
    routines = json.loads(invoke(hostile_db, "routines", "--json").output)
    assert next(r for r in routines if r["slug"] == ROUTINE_SLUG)["name"] == ROUTINE


def test_csv_export_is_exact_in_a_pipe(hostile_db: Path, tmp_path: Path):
    """A pipe is data (`export | import -`): every byte as stored."""
    text = invoke(hostile_db, "export", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["Notes"] for row in rows} == {SET_NOTE}
    assert {row["Workout Name"] for row in rows} == {WORKOUT_NAME}


def test_a_routine_file_keeps_every_control_character_as_an_escape(hostile_db: Path, tmp_path: Path):
    text = invoke(hostile_db, "routines", "export", ROUTINE_SLUG).output
    assert not UNSAFE.search(text)
    import tomllib

    data = tomllib.loads(text)
    assert data["name"] == ROUTINE and data["item"][0]["note"].startswith("item note")


def read_all(proc, timeout: float = 30.0) -> bytes:
    deadline = time.monotonic() + timeout
    while proc.process.poll() is None or proc._read_some(0.05):
        if time.monotonic() > deadline:
            raise TimeoutError(bytes(proc.output[-400:]))
        proc._read_some(0.1)
    while proc._read_some(0.05) and proc.output:
        if time.monotonic() > deadline:
            break
    return bytes(proc.output)


@pytest.mark.slow
@pytest.mark.parametrize("args", [["history"], ["history", "--exercise", EXERCISE_SLUG], ["routines"],
                                  ["export", "--format", "csv"], ["export", "--format", "json"]])
def test_in_a_real_terminal_nothing_acts(hostile_db: Path, args: list[str]):
    """Rich styles its tables on a terminal; none of the file's escapes go with them."""
    proc = spawn(backtui_argv("--db", str(hostile_db), "--profile", PROFILE, *args), size=(120, 40),
                 env={"COLORTERM": "truecolor"})
    try:
        out = read_all(proc)
    finally:
        proc.stop()
    assert proc.process.returncode == 0, out[-600:]
    found = ACTING.search(out)
    assert found is None, f"{found.group()!r} reached the terminal: {out[max(0, found.start() - 80):found.end() + 80]!r}"
    assert b"\\x1b]0;PWN\\x07" in out or b"\\u001b]0;PWN\\u0007" in out


@pytest.mark.slow
def test_the_terminal_title_is_unchanged_after_history(hostile_db: Path, tmp_path: Path):
    """In tmux, `backtui history` over such a file used to rename the pane."""
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed (.ci/run installs it)")
    socket = str(tmp_path / "tmux.sock")
    session = "threat"
    # The shell waits for Enter, so the title is set before anything is printed; OSC 52
    # writes a tmux buffer when set-clipboard is on.
    command = " ".join(["read _;", sys.executable, "-m", "backtui", "--db", str(hostile_db), "--profile",
                        f"'{PROFILE}'", "history", ";", "echo", "DONE", ";", "sleep", "30"])
    base = [tmux, "-S", socket, "-f", "/dev/null"]
    subprocess.run([*base, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True,
                   timeout=30)
    try:
        subprocess.run([*base, "set-option", "-g", "set-clipboard", "on"], check=True, timeout=10)
        subprocess.run([*base, "select-pane", "-t", session, "-T", "untouched"], check=True, timeout=10)
        subprocess.run([*base, "send-keys", "-t", session, "Enter"], check=True, timeout=10)
        deadline = time.monotonic() + 60
        screen = ""
        while "DONE" not in screen and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = subprocess.run([*base, "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                                    timeout=10).stdout
        assert "DONE" in screen, screen
        title = subprocess.run([*base, "display-message", "-p", "-t", session, "#{pane_title}"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        assert title == "untouched"
        assert "\\x1b]0;PWN\\x07" in screen
        buffers = subprocess.run([*base, "list-buffers"], capture_output=True, text=True, timeout=10).stdout
        assert buffers.strip() == "", f"the clipboard (OSC 52) was written: {buffers}"
    finally:
        subprocess.run([*base, "kill-server"], timeout=10)


# -- NUL never gets in -----------------------------------------------------------

def test_an_entry_with_nul_is_refused():
    from backtui.domain.entry import EntryError, parse_entry

    with pytest.raises(EntryError, match="NUL"):
        parse_entry("60x8 # a\x00b")


def test_a_command_line_argument_with_nul_is_refused_and_nothing_is_written(db_path: Path):
    result = CliRunner().invoke(main, ["--db", str(db_path), "log", "deadlift", "100x5", "# a\x00b"])
    assert result.exit_code == 2 and "NUL" in result.output and "\x00" not in result.output
    assert not db_path.exists()
    result = CliRunner().invoke(main, ["--db", str(db_path), "profile", "add", "Sam\x00"])
    assert result.exit_code == 2 and not db_path.exists()


def test_a_routine_file_with_an_escaped_nul_is_refused_with_its_line(db_path: Path, tmp_path: Path):
    shared = tmp_path / "from-a-stranger.toml"
    shared.write_text('slug = "strange"\nname = "Strange"\n\n[[item]]\nexercise = "deadlift"\nnote = "a\\u0000b"\n')
    result = CliRunner().invoke(main, ["--db", str(db_path), "routines", "import", str(shared)])
    assert result.exit_code == 2, result.output
    assert f"{shared}:6" in result.output and "NUL" in result.output


async def test_the_tracker_refuses_a_line_with_nul_and_keeps_it(db_path: Path):
    from sqlrows import rows
    from tui_wait import wait_for_tracker

    from backtui.app import make_app
    from backtui.widgets.entry_line import EntryLine

    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        entry = screen.query_one(EntryLine)
        entry.value = "12 # pasted\x00"
        await pilot.press("enter")
        await pilot.pause()
        error = str(screen.query_one("#entry-error").render())
        assert "NUL" in error and "\x00" not in error
        assert entry.value == "12 # pasted\x00"  # kept, to be mended
    assert rows(db_path) == []
