"""`backtui profile`, --profile on every command, and routines as TOML files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main


@pytest.fixture
def cli(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict | None = None):
        return runner.invoke(main, [*args, "--db", str(db_path)], input=input, env=env, catch_exceptions=False)

    return invoke


def test_profile_add_list_rename_delete(cli):
    assert cli("profile", "add", "Anna").exit_code == 0
    result = cli("profile", "add", "ANNA")
    assert result.exit_code == 2 and "already a profile called 'Anna'" in result.output
    assert cli("profile", "add", "x" * 41).exit_code == 2
    cli("log", "deadlift", "100x5", "--profile", "anna")
    data = json.loads(cli("profile", "list", "--json").output)
    assert [(p["name"], p["default"], p["sets"]) for p in data] == [("default", True, 0), ("Anna", False, 1)]
    assert cli("profile", "rename", "anna", "Anna K").exit_code == 0
    assert cli("profile", "rename", "bob", "carl").exit_code == 2
    refused = cli("profile", "delete", "Anna K", input="Anna\n")
    assert refused.exit_code == 2 and "not deleted" in refused.output
    asked = cli("profile", "delete", "anna k", input="Anna K\n")
    assert asked.exit_code == 0 and "1 workout, 1 set and 0 routines" in asked.output
    assert [p["name"] for p in json.loads(cli("profile", "list", "--json").output)] == ["default"]
    only = cli("profile", "delete", "default", "--yes")
    assert only.exit_code == 2 and "only profile" in only.output


def test_unknown_profile_is_refused_with_the_list_everywhere(cli, db_path, tmp_path):
    cli("profile", "add", "Anna")
    csv = tmp_path / "strong.csv"
    csv.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-01-02 10:00:00,Pull,Deadlift,1,60,10\n")
    commands = [
        ("log", "deadlift", "100x5"), ("export",), ("history",), ("suggest", "deadlift"), ("config", "list"),
        ("config", "get", "unit"), ("config", "set", "unit", "lb"), ("plates", "100"), ("exercises",),
        ("routines",), ("routines", "export", "essential-back"), ("serve",), ("import", str(csv)),
    ]
    for command in commands:
        for args in ((*command, "--profile", "zed"), ("--profile", "zed", *command)):
            result = cli(*args)
            assert result.exit_code == 2, (args, result.output)
            assert "no profile called 'zed'; profiles: default, Anna" in result.output, args
    # The app is refused before it starts.
    result = CliRunner().invoke(main, ["--db", str(db_path), "--profile", "zed"])
    assert result.exit_code == 2 and "profiles: default, Anna" in result.output


def test_each_command_works_on_the_chosen_profile(cli, db_path):
    cli("profile", "add", "Anna")
    cli("log", "deadlift", "100x5", "--at", "2026-11-18T10:00", "--profile", "Anna")
    cli("--profile", "anna", "config", "set", "unit", "lb")
    cli("log", "barbell-row", "60x8", "--at", "2026-11-18T10:00")
    anna = json.loads(cli("export", "--profile", "Anna").output)
    assert [s["exercise"] for s in anna] == ["deadlift"]
    assert [s["exercise"] for s in json.loads(cli("export").output)] == ["barbell-row"]
    assert cli("--profile", "Anna", "config", "get", "unit").output.strip() == "lb"
    assert cli("config", "get", "unit").output.strip() == "kg"
    history = json.loads(cli("history", "--json", "--profile", "Anna").output)
    assert [s["exercise"] for w in history for s in w["sets"]] == ["deadlift"]
    assert json.loads(cli("history", "--json", "--exercise", "deadlift").output)["sessions"] == []
    assert json.loads(cli("suggest", "deadlift", "--json", "--profile", "Anna").output)["unit"] == "lb"
    env_export = json.loads(cli("export", env={"BACKTUI_PROFILE": "Anna"}).output)
    assert [s["exercise"] for s in env_export] == ["deadlift"]
    assert cli("plates", "100", "--profile", "Anna").exit_code == 0


def test_exercises_lists_the_lifters_own(cli):
    cli("profile", "add", "Anna")
    csv = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-01-02 10:00:00,Pull,Zercher Carry,1,60,10\n"
    assert cli("import", "-", "--profile", "Anna", input=csv).exit_code == 0
    anna = {e["slug"]: e for e in json.loads(cli("exercises", "--json", "--profile", "Anna").output)}
    assert anna["zercher-carry"]["custom"] is True and anna["deadlift"]["custom"] is False
    assert "zercher-carry" not in cli("exercises").output
    assert "(yours)" in cli("exercises", "--profile", "Anna").output
    logged = cli("log", "zercher carry", "70x8", "--profile", "Anna")
    assert logged.exit_code == 0, logged.output
    assert cli("log", "zercher carry", "70x8").exit_code == 2


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINE = """\
slug = "my-pull"
name = "My pull [b]"
description = "Pairs \\"in turn\\""

[[item]]
exercise = "lat-pulldown"
superset = "A"
sets = 2
reps = [10, 15]

[[item]]
exercise = "seated-cable-row"
superset = "A"
rest = 120
ramp = true

[[item]]
exercise = "knee-to-chest"
role = "stretch"
seconds = 40
note = "slow # breaths"
"""


def test_routine_import_export_round_trip(cli, tmp_path):
    path = write(tmp_path, "mine.toml", MINE)
    result = cli("routines", "import", str(path))
    assert result.exit_code == 0 and "Imported 'My pull [b]' (my-pull), 3 exercises" in result.output
    listed = json.loads(cli("routines", "--json").output)
    mine = next(r for r in listed if r["slug"] == "my-pull")
    assert mine["shipped"] is False and [i["superset"] for i in mine["exercises"]] == ["A", "A", None]
    out = tmp_path / "out.toml"
    assert cli("routines", "export", "my-pull", "-o", str(out)).exit_code == 0
    from backtui.domain.catalog import load_catalog, parse_routine

    exercises = load_catalog().exercises
    assert parse_routine(out.read_text(), exercises, shipped=False) == parse_routine(MINE, exercises, shipped=False)
    again = cli("routines", "import", str(out))
    assert again.exit_code == 2 and "--replace" in again.output
    assert cli("routines", "import", str(out), "--replace").exit_code == 0
    # Not the other lifter's.
    cli("profile", "add", "Bob")
    assert "my-pull" not in cli("routines", "--profile", "Bob").output
    assert cli("routines", "export", "my-pull", "--profile", "Bob").exit_code == 2


def test_a_shipped_routine_exports_and_comes_back_under_its_own_slug(cli, tmp_path):
    text = cli("routines", "export", "essential-back").output
    shipped = write(tmp_path, "essential.toml", text)
    result = cli("routines", "import", str(shipped))
    assert result.exit_code == 2 and "shipped routine's" in result.output
    renamed = text.replace('slug = "essential-back"', 'slug = "essential-mine"')
    result = cli("routines", "import", str(write(tmp_path, "e2.toml", renamed)))
    assert result.exit_code == 2 and "already a routine called" in result.output
    renamed = renamed.replace('name = "Essential back strength"', 'name = "Essential, mine"')
    assert cli("routines", "import", str(write(tmp_path, "e3.toml", renamed))).exit_code == 0


@pytest.mark.parametrize(("text", "where", "words"), [
    ('slug = "x"\nname = "X"\n[[item]\nexercise = "deadlift"\n', ":3:", "not valid TOML"),
    ('slug = "x"\nname = "X"\n\n[[item]]\nexercise = "deadlfit"\n', ":5:", "unknown exercise 'deadlfit'"),
    ('slug = "x"\nname = "X"\n\n[[item]]\nexercise = "deadlift"\nsuperset = "A"\n\n[[item]]\nexercise = "shrug"\n',
     ":6:", "superset 'A' has one item"),
    ('slug = "x"\nname = "X"\n\n[[item]]\nexercise = "deadlift"\nsets = 0\n', ":6:", "'sets' must be"),
    ('slug = "x"\nname = "X"\n', "", "has no [[item]] tables"),
])
def test_bad_routine_files_say_file_and_line(cli, tmp_path, text, where, words):
    path = write(tmp_path, "bad.toml", text)
    result = cli("routines", "import", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}{where}" in result.output and words in result.output
    assert "Traceback" not in result.output


def test_routines_listing_never_creates_a_database(tmp_path, db_path):
    assert CliRunner().invoke(main, ["routines", "--db", str(db_path)]).exit_code == 0
    assert CliRunner().invoke(main, ["exercises", "--json", "--db", str(db_path)]).exit_code == 0
    assert not db_path.exists()


def test_routine_flag_accepts_a_lifters_own_routine(cli, tmp_path, db_path):
    from backtui.starting import LaunchError as UserError
    from backtui.starting import _check_choices

    path = write(tmp_path, "mine.toml", MINE)
    cli("profile", "add", "Bob")
    cli("routines", "import", str(path), "--profile", "Bob")
    _check_choices(db_path, "bob", "my-pull")
    _check_choices(db_path, None, "essential-back")
    _check_choices(db_path, None, "my-pull")  # two lifters: the app asks who, then opens it
    with pytest.raises(UserError, match="unknown routine"):
        _check_choices(db_path, "default", "my-pull")
    with pytest.raises(UserError, match="unknown routine"):
        _check_choices(db_path, None, "nobodys")
