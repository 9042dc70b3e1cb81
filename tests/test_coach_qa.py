"""What a new lifter met in the coach: units switched mid-history, sets typed in the
other unit, first-time bodyweight moves, short holds, absurd added loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main
from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.formatting import entry_text, format_set
from backtui.domain.models import Target
from tests.test_progression import CATALOG, session

ROW = Target(sets=3, rep_low=6, rep_high=10)


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


# -- 2. a set typed in the other unit is shown as typed ---------------------------
def test_a_set_typed_in_lb_reads_as_typed_in_a_kg_display():
    (typed,) = parse_entry("135lb x 5", "weight_reps", "kg")
    assert format_set(typed, "weight_reps", "kg") == "135lbx5"
    assert format_set(typed, "weight_reps", "lb") == "135x5"
    assert entry_text(typed, "weight_reps", "kg") == "135lbx5"
    (again,) = parse_entry(entry_text(typed, "weight_reps", "kg"), "weight_reps", "kg")
    assert again.weight_kg == typed.weight_kg and again.unit == "lb"
    (added,) = parse_entry("+20lbx5 @8", "bodyweight_reps", "kg")
    assert format_set(added, "bodyweight_reps", "kg") == "+20lbx5 @8"
    (plain,) = parse_entry("bw x 8", "bodyweight_reps", "lb")
    assert format_set(plain, "bodyweight_reps", "kg") == "bw x 8"


def test_cli_log_echo_and_suggest_show_the_typed_unit(run):
    result = run("log", "deadlift", "135lbx5", "--at", "2026-01-18T18:30")
    assert result.exit_code == 0, result.output
    assert "set 1: 135lbx5" in result.output and "61.25" not in result.output


# -- 5. added load and assistance have a sane bound -------------------------------
@pytest.mark.parametrize(("text", "unit", "words"), [
    ("+999x8", "kg", ["'+999x8'", "-200 to +200 kg", "Chin-up"]),
    ("-250x8", "kg", ["assistance", "'-250x8'", "-200 to +200 kg"]),
    ("+441lbx8", "kg", ["'+441lbx8'", "-440 to +440 lb"]),
    ("999x8", "kg", ["'999x8'", "-200 to +200 kg"]),
])
def test_added_load_is_bounded(text, unit, words):
    with pytest.raises(EntryError) as caught:
        parse_entry(text, "bodyweight_reps", unit, "Chin-up")
    assert caught.value.token == text.lower()
    for word in words:
        assert word in str(caught.value)


def test_added_load_at_the_bound_is_fine():
    assert parse_entry("+200x3", "bodyweight_reps", "kg")[0].weight_kg == 200
    assert parse_entry("-440lbx3", "bodyweight_reps", "kg")[0].weight_kg < 0


def test_weight_over_the_limit_names_the_range():
    with pytest.raises(EntryError, match=r"weight over 1000 kg in '1200x5': weights run from 0 to 1000 kg"):
        parse_entry("1200x5", "weight_reps", "kg")


def test_cli_refuses_an_absurd_added_load(run):
    result = run("log", "chin-up", "+999x8", "--at", "2026-01-18T18:30")
    assert result.exit_code == 2 and "-200 to +200 kg" in result.output


def test_catalog_has_the_moves_these_tests_use():
    for slug in ("chin-up", "back-extension", "knee-to-chest", "dead-hang", "deadlift"):
        assert slug in CATALOG.exercises
    assert session("20s", "knee-to-chest")[0].seconds == 20
