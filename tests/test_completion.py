"""Shell completion (bash, zsh, fish) and `backtui log --json`: what scripts and
phones lean on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from clirun import invoker

from backtui.cli import main


def completions(args: list[str], incomplete: str, env: dict[str, str] | None = None) -> list[str]:
    """What click offers for `backtui ARGS INCOMPLETE<Tab>`."""
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        complete = ShellComplete(main, {}, "backtui", "_BACKTUI_COMPLETE")
        return [item.value for item in complete.get_completions(args, incomplete)]
    finally:
        os.environ.clear()
        os.environ.update(old)


def test_log_dead_completes_exercise_slugs():
    found = completions(["log"], "dead")
    assert "deadlift" in found and "dead-hang" in found
    assert all(slug.startswith("dead") for slug in found)


def test_commands_options_and_routines_complete():
    assert "log" in completions([], "lo")
    assert "--routine" in completions([], "--rou")
    assert "--json" in completions(["log", "deadlift"], "--j")
    assert "essential-back" in completions(["--routine"], "ess")
    assert "essential-back" in completions(["log", "deadlift", "--routine"], "ess")
    assert "deadlift" in completions(["history", "--exercise"], "deadl")


def test_own_exercises_routines_and_profiles_come_from_the_file(db_path: Path):
    run = invoker(db_path)
    assert run("profile", "add", "Robin").exit_code == 0
    env = {"BACKTUI_DB": str(db_path)}
    assert "Robin" in completions(["--profile"], "Ro", env)
    assert "Robin" in completions(["log", "deadlift", "--profile"], "R", env)
    assert completions(["--profile"], "Zz", env) == []


def test_completion_never_fails_on_a_missing_or_broken_file(tmp_path: Path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    assert "deadlift" in completions(["log"], "deadl", {"BACKTUI_DB": str(broken)})
    assert completions(["--profile"], "", {"BACKTUI_DB": str(tmp_path / "none.db")}) == ["default"]


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o"), ("zsh", "#compdef backtui"),
                                           ("fish", "complete --no-files --command backtui")])
def test_the_script_is_printed_not_the_app(shell: str, marker: str, tmp_path: Path):
    """The launcher bypasses click to start fast; the shell's request still reaches click."""
    env = {**os.environ, "_BACKTUI_COMPLETE": f"{shell}_source", "BACKTUI_DB": str(tmp_path / "x.db")}
    done = subprocess.run([sys.executable, "-m", "backtui"], env=env, capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout and "_BACKTUI_COMPLETE" in done.stdout
    assert "\x1b[" not in done.stdout  # no full-screen app


def test_bash_asks_for_words_through_the_launcher(tmp_path: Path):
    env = {**os.environ, "_BACKTUI_COMPLETE": "bash_complete", "COMP_WORDS": "backtui log dead", "COMP_CWORD": "2",
           "BACKTUI_DB": str(tmp_path / "x.db")}
    done = subprocess.run([sys.executable, "-m", "backtui"], env=env, capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)
    assert "plain,deadlift" in done.stdout.splitlines()


def test_log_json_prints_the_saved_sets(db_path: Path):
    run = invoker(db_path)
    result = run("log", "deadlift", "100x5x2", "s", "# grip", "--json")
    assert result.exit_code == 0, result.output
    saved = json.loads(result.output)
    assert [s["set_number"] for s in saved] == [1, 2]
    assert saved[0]["exercise"] == "deadlift" and saved[0]["weight_kg"] == 100.0 and saved[0]["reps"] == 5
    assert saved[0]["straps"] is True and saved[0]["note"] == "grip"
    assert saved[0]["workout_id"] == saved[1]["workout_id"] and saved[0]["id"] != saved[1]["id"]
    again = json.loads(run("log", "--json", "deadlift", "110x3").output)
    assert again[0]["set_number"] == 3
