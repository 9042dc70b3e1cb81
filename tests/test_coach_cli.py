"""`backtui suggest`, `backtui plates` and `backtui config` through click's runner."""

from __future__ import annotations

import json

import pendulum
import pytest


def log_sessions(run, slug: str, *sessions: str) -> None:
    for day, entry in enumerate(sessions, 1):
        for line in entry.split(","):
            result = run("log", slug, *line.split(), "--at", f"2026-11-{day:02d}T18:00")
            assert result.exit_code == 0, result.output


# -- suggest -------------------------------------------------------------------
def test_suggest_json_after_hitting_the_top(run):
    log_sessions(run, "barbell-row", "60x10 @8, 60x10 @8, 60x10 @7")
    result = run("suggest", "barbell-row", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"exercise", "weight_kg", "reps", "seconds", "rep_range", "reason"} <= set(data)
    assert data["exercise"] == "barbell-row"
    assert (data["weight_kg"], data["reps"], data["seconds"]) == (62.5, 6, None)
    assert data["rep_range"] == [6, 10]
    assert data["reason"] == "+2.5 kg: all sets hit 10 @8"
    assert data["plates_per_side"] == [20, 1.25]
    assert [w["weight_kg"] for w in data["warmups"]] == [20, 25, 37.5, 50]


def test_suggest_text_names_the_set_and_why(run):
    log_sessions(run, "barbell-row", "60x10, 60x9, 60x8")
    result = run("suggest", "Bent-over barbell row")
    assert result.exit_code == 0
    assert "set 1: 60 kg x 10" in result.output
    assert "+1 rep at 60 kg: last 10/9/8, top 10" in result.output
    assert "plates: 20 per side (20 kg bar)" in result.output


def test_suggest_stall_and_swap(run):
    log_sessions(run, "barbell-row", *["60x8, 60x8, 60x7"] * 3)
    data = json.loads(run("suggest", "barbell-row", "--json").stdout)
    assert data["weight_kg"] == 55 and data["action"] == "deload"
    assert data["swap_to"] == "pendlay-row" and "Pendlay row" in data["reason"]


def test_suggest_timed_hold(run):
    log_sessions(run, "dead-hang", "30s, 30s")
    data = json.loads(run("suggest", "dead-hang", "--json").stdout)
    assert (data["seconds"], data["reps"], data["weight_kg"], data["rep_range"]) == (35, None, None, None)
    assert data["reason"] == "+5 s: held 30 s on every set"


def test_suggest_counts_todays_open_workout(run):
    log_sessions(run, "barbell-row", "60x10, 60x9, 60x8")
    with pendulum.travel_to(pendulum.datetime(2026, 11, 21, 12, tz="UTC"), freeze=True):
        assert run("log", "barbell-row", "60x9").exit_code == 0
        data = json.loads(run("suggest", "barbell-row", "--json").stdout)
    assert data["set_number"] == 2 and data["reps"] == 9
    assert "fell short" in data["reason"]


def test_suggest_in_lb_and_first_time(run):
    assert run("config", "set", "unit", "lb").exit_code == 0
    data = json.loads(run("suggest", "deadlift", "--json").stdout)
    assert data["weight_kg"] is None and data["reason"].startswith("first time")
    log_sessions(run, "deadlift", "225x8, 225x8, 225x8")
    data = json.loads(run("suggest", "deadlift", "--json").stdout)
    assert (data["weight"], data["unit"], data["reps"]) == (230, "lb", 5)
    assert data["reason"].startswith("+5 lb")


def test_suggest_unknown_exercise(run):
    result = run("suggest", "barbel-row")
    assert result.exit_code == 2 and "barbell-row" in result.output


# -- plates ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "per_side"),
    [
        (["100"], [25, 15]),
        (["62.5"], [20, 1.25]),
        (["62,5"], [20, 1.25]),
        (["20"], []),
        (["225", "--unit", "lb"], [45, 45]),
        (["135lb"], [45]),
    ],
)
def test_plates_json(run, args, per_side):
    result = run("plates", *args, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["per_side"] == per_side


def test_plates_text(run):
    result = run("plates", "105")
    assert result.exit_code == 0 and "105 kg: 25 + 15 + 2.5 per side (20 kg bar)" in result.output


@pytest.mark.parametrize(("weight", "below", "above"), [("101", 100, 102.5), ("10", None, 20), ("500", 335, None)])
def test_plates_impossible_exit_2_with_nearest(run, weight, below, above):
    result = run("plates", weight, "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["loadable"] is False and (data["below"], data["above"]) == (below, above)
    text = run("plates", weight)
    assert text.exit_code == 2 and "cannot load" in text.output and "Traceback" not in text.output


def test_plates_use_the_configured_bar_and_plates(run):
    assert run("config", "set", "bar.kg", "15").exit_code == 0
    assert run("config", "set", "plates.kg", "20x1", "10x1", "5x2").exit_code == 0
    assert json.loads(run("plates", "65", "--json").stdout)["per_side"] == [20, 5]
    result = run("plates", "105", "--json")
    assert result.exit_code == 2 and json.loads(result.stdout)["below"] == 95


@pytest.mark.parametrize("args", [["abc"], ["0"], ["2000"], ["100kg", "--unit", "lb"], ["100st"]])
def test_plates_bad_weight(run, args):
    result = run("plates", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output


# -- config ----------------------------------------------------------------------
def test_config_set_get_list(run):
    assert run("config", "get", "unit").output.strip() == "kg"
    result = run("config", "set", "unit", "lb")
    assert result.exit_code == 0 and result.output.strip() == "unit = lb"
    assert run("config", "get", "unit").output.strip() == "lb"
    assert run("config", "set", "bell", "off").exit_code == 0
    assert json.loads(run("config", "get", "bell", "--json").output) is False
    assert run("config", "set", "rest_default", "1:30").exit_code == 0
    assert json.loads(run("config", "get", "rest_default", "--json").output) == 90
    assert run("config", "set", "rest_default", "").exit_code == 0
    assert json.loads(run("config", "get", "rest_default", "--json").output) is None
    assert run("config", "set", "theme", "nord").exit_code == 0
    listed = {row["key"]: row for row in json.loads(run("config", "list", "--json").output)}
    assert listed["theme"]["value"] == "nord" and listed["bell"]["value"] is False
    assert listed["increment.barbell.kg"]["value"] == 2.5 and listed["increment.barbell.lb"]["value"] == 5
    assert all(row["allowed"] and row["help"] for row in listed.values())
    table = run("config", "list")
    assert table.exit_code == 0 and "increment.dumbbell.kg" in table.output


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("unit", "stone", "kg or lb"),
        ("bell", "loud", "on or off"),
        ("rest_default", "5", "10 to 900"),
        ("theme", "neon", "textual-dark"),
        ("increment.barbell.kg", "50", "0.25 to 20 kg"),
        ("bar.lb", "200", "0 to 110 lb"),
        ("bodyweight", "3", "20 to 400 kg"),
        ("colour", "red", "unknown setting"),
    ],
)
def test_config_refuses_with_the_allowed_range(run, key, value, words):
    result = run("config", "set", key, value)
    assert result.exit_code == 2 and words in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_config_body_weight_keeps_history(run, db_path):
    assert run("config", "get", "bodyweight").output.strip() == "not set"
    assert run("config", "set", "bodyweight", "82.5").exit_code == 0
    assert run("config", "set", "bodyweight", "81kg").exit_code == 0
    assert run("config", "get", "bodyweight").output.strip() == "81 kg"
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT weight_kg FROM body_weights ORDER BY id")] == [82.5, 81.0]


def test_config_get_unknown_key(run):
    result = run("config", "get", "nope")
    assert result.exit_code == 2 and "unknown setting" in result.output
