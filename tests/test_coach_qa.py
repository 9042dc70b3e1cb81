"""What a new lifter met in the coach: units switched mid-history, sets typed in the
other unit, first-time bodyweight moves, short holds, absurd added loads."""

from __future__ import annotations

import pytest
from test_progression import CATALOG, session, suggest

from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.formatting import entry_text, format_set
from backtui.domain.models import Target
from backtui.domain.plates import DEFAULT_BAR, DEFAULT_PLATES, load_bar
from backtui.domain.units import from_kg
from backtui.domain.warmup import warmup_ramp

ROW = Target(sets=3, rep_low=6, rep_high=10)


# -- 1. today's sets in kg, the unit now lb: the next set is loadable in lb -------
@pytest.mark.parametrize("slug", ["barbell-row", "deadlift"])
def test_today_in_kg_then_lb_suggests_on_the_lb_grid(slug):
    shown, result = suggest(slug, [], "60kgx8, 62.5kgx7, 62.5kgx7", unit="lb", target=ROW)
    lb = from_kg(result.draft.weight_kg, "lb")
    assert lb in (135.0, 140.0), result
    assert shown.startswith(f"{lb:g}x")
    assert load_bar(lb, DEFAULT_BAR["lb"], DEFAULT_PLATES["lb"]).loadable


def test_today_in_kg_then_lb_with_history_too():
    shown, result = suggest("barbell-row", ["60x8, 60x8, 60x8"], "62.5kgx8", unit="lb", logged_in="kg",
                            target=ROW)
    assert from_kg(result.draft.weight_kg, "lb") % 5 == 0, shown


def test_warmup_ramp_in_lb_lands_on_the_lb_grid():
    ramp = warmup_ramp(62.5, "lb", bar_kg=DEFAULT_BAR["lb"] * 0.45359237, step=5.0)
    shown = [round(from_kg(s.weight_kg, "lb"), 2) for s in ramp]
    assert shown[0] == 45 and all(w % 5 == 0 for w in shown), shown


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


# -- 3. a first-time bodyweight or timed move follows today's sets ----------------
@pytest.mark.parametrize(("slug", "today", "expected", "reason"), [
    ("chin-up", "8 @8", "bw x 8", "same as set 1"),
    ("back-extension", "+20x12 @7, 12", "bw x 12", "same as set 2"),
    ("back-extension", "+20x12 @7", "+20x12", "same as set 1"),
    ("dead-hang", "40s", "40 s", "same as set 1"),
])
def test_first_time_follows_todays_sets(slug, today, expected, reason):
    shown, result = suggest(slug, [], today)
    assert (shown, reason) == (expected, reason) and reason in result.reason, result.reason
    assert "first time" not in result.reason


def test_first_time_short_set_is_not_pushed():
    shown, result = suggest("chin-up", [], "3")
    assert shown == "bw x 3" and "fell short" in result.reason


# -- 4. holds: short goes back to the target, met goes +5 s; stretches hold ------
@pytest.mark.parametrize(("history", "expected", "reason", "action"), [
    # superman hold: 3 x 10 s; progress from last session's typical (middle) hold
    (["10s, 5s, 5s"], "10 s", "hold 10 s on every set (last time 10, 5, 5 s)", "repeat"),
    (["10s, 10s, 10s"], "15 s", "+5 s: held 10 s on every set", "longer"),
    # one interrupted hold does not drag the plan down
    (["10s, 5s, 10s"], "15 s", "+5 s: held 10 s typically", "longer"),
    (["20s, 20s, 25s"], "25 s", "+5 s: held 20 s on every set", "longer"),
    # RPE 10 stays, but not below the target; only a form break goes below it
    (["10s, 8s @10"], "10 s", "stay at 10 s", "stay"),
    (["10s, 6s !"], "6 s", "stay at 6 s: form broke", "stay"),
])
def test_holds_never_drop_below_the_target(history, expected, reason, action):
    shown, result = suggest("superman-hold", history)
    assert shown == expected and reason in result.reason and result.action == action, result


@pytest.mark.parametrize(("history", "expected", "reason"), [
    # knee-to-chest: 20 s target. A stretch holds its target, or a longer hold it had.
    (["20s, 5s"], "20 s", "stretch: hold 20 s"),
    (["20s, 20s, 20s, 20s"], "20 s", "stretch: hold 20 s"),
    (["20s, 5s, 45s, 90s"], "1:30", "stretch: hold 90 s, as last time"),
])
def test_stretches_hold_their_target(history, expected, reason):
    shown, result = suggest("knee-to-chest", history)
    assert shown == expected and reason in result.reason and result.action == "repeat", result


def test_short_hold_today_goes_back_to_the_target():
    shown, result = suggest("knee-to-chest", ["30s, 30s, 30s, 30s"], "5s")
    assert shown == "20 s" and "fell short (5 s of 30): hold 20 s" in result.reason


def test_cli_suggest_after_a_short_hold(run):
    result = run("log", "knee-to-chest", "20s", "5s", "--at", "2026-01-18T18:30")
    assert result.exit_code == 0, result.output
    result = run("suggest", "knee-to-chest")
    assert result.exit_code == 0, result.output
    assert "set 1: 20 s" in result.output and "stretch: hold 20 s" in result.output


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
