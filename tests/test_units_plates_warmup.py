"""Units without drift, plate math (kg, lb, impossible loads) and the warm-up ramp."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backtui.domain.formatting import format_sets
from backtui.domain.models import SetDraft
from backtui.domain.plates import DEFAULT_PLATES, describe_load, heaviest_load, load_bar
from backtui.domain.records import Bests, effective_load_kg, set_e1rm, set_volume_kg
from backtui.domain.units import display_weight, from_kg, to_kg
from backtui.domain.warmup import warmup_ramp

KG, LB = DEFAULT_PLATES["kg"], DEFAULT_PLATES["lb"]


# -- units -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kg", "unit", "shown"),
    [
        (to_kg(135, "lb"), "lb", "135 lb"),
        (to_kg(135, "lb"), "kg", "61.25 kg"),  # a conversion lands on the 0.25 grid
        (to_kg(137.5, "lb"), "lb", "137.5 lb"),
        (22.7, "kg", "22.7 kg"),  # typed in this unit: shown as typed
        (62.5, "kg", "62.5 kg"),
        (20.0, "lb", "44 lb"),
        (149.99999999999997, "kg", "150 kg"),
        (0.1 + 0.2, "kg", "0.3 kg"),
        (-20.0, "kg", "-20 kg"),
    ],
)
def test_display_weight_never_shows_noise(kg, unit, shown):
    assert display_weight(kg, unit) == shown


def test_display_weight_without_unit_and_none():
    assert display_weight(to_kg(225, "lb"), "lb", with_unit=False) == "225"
    assert display_weight(None, "kg") == ""


@given(st.integers(min_value=1, max_value=200_000))
def test_lb_round_trip_through_kg_has_no_drift(hundredths):
    pounds = hundredths / 100
    stored = to_kg(pounds, "lb")
    for _ in range(3):  # switching units back and forth changes nothing
        stored = to_kg(from_kg(stored, "lb"), "lb")
    assert display_weight(stored, "lb", with_unit=False) == f"{pounds:.2f}".rstrip("0").rstrip(".")


@given(st.integers(min_value=1, max_value=100_000))
def test_kg_round_trip_through_lb_has_no_drift(hundredths):
    kilos = hundredths / 100
    back = to_kg(from_kg(to_kg(kilos, "kg"), "lb"), "lb")
    assert display_weight(back, "kg", with_unit=False) == f"{kilos:.2f}".rstrip("0").rstrip(".")


def test_135_lb_to_kg_and_back_prints_135():
    kg_shown = from_kg(to_kg(135, "lb"), "kg")
    assert display_weight(to_kg(from_kg(kg_shown, "lb"), "lb"), "lb") == "135 lb"


# -- plates ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("weight", "bar", "plates", "per_side"),
    [
        (20, 20, KG, ()),
        (60, 20, KG, (20,)),
        (100, 20, KG, (25, 15)),
        (105, 20, KG, (25, 15, 2.5)),
        (102.5, 20, KG, (25, 15, 1.25)),
        (142.5, 20, KG, (25, 25, 10, 1.25)),
        (135, 45, LB, (45,)),
        (225, 45, LB, (45, 45)),
        (140, 45, LB, (45, 2.5)),
        (185, 45, LB, (45, 25)),
        # counts matter: one 15 and two 10s per side make 35, greedy would not
        (90, 20, ((15, 1), (10, 2)), (15, 10, 10)),
    ],
)
def test_plates_per_side_largest_first(weight, bar, plates, per_side):
    load = load_bar(weight, bar, plates)
    assert load.loadable and load.per_side == per_side
    assert load.total == pytest.approx(weight)


@pytest.mark.parametrize(
    ("weight", "bar", "plates", "below", "above"),
    [
        (101, 20, KG, 100, 102.5),
        (10, 20, KG, None, 20),
        (400, 20, KG, 335, None),
        (137.5, 45, LB, 135, 140),
        (46, 45, LB, 45, 50),
        (50, 20, ((20, 1),), 20, 60),
    ],
)
def test_impossible_loads_name_the_nearest(weight, bar, plates, below, above):
    load = load_bar(weight, bar, plates)
    assert not load.loadable and load.per_side == ()
    assert (load.below, load.above) == (below, above)


def test_plate_words():
    assert describe_load(load_bar(105, 20, KG), "kg") == "25 + 15 + 2.5 per side"
    assert describe_load(load_bar(20, 20, KG), "kg") == "just the bar"
    assert describe_load(load_bar(101, 20, KG), "kg") == "cannot load 101 kg: nearest 100 kg below, 102.5 kg above"
    assert describe_load(load_bar(10, 20, KG), "kg") == "cannot load 10 kg: the lightest is 20 kg"
    assert describe_load(load_bar(400, 20, KG), "kg") == "cannot load 400 kg: the heaviest is 335 kg"
    assert heaviest_load(20, KG) == 335


def test_converted_weights_still_load():
    # 135 lb stored in kg comes back as exactly 135 on lb plates
    assert load_bar(from_kg(to_kg(135, "lb"), "lb"), 45, LB).per_side == (45,)


# -- warm-up ramp ------------------------------------------------------------
@pytest.mark.parametrize(
    ("working", "unit", "bar", "expected"),
    [
        (100, "kg", 20, "w 20x10, w 40x5, w 60x3, w 80x2"),
        (62.5, "kg", 20, "w 20x10, w 25x5, w 37.5x3, w 50x2"),
        (40, "kg", 20, "w 20x10, w 22.5x3, w 30x2"),  # 40% is below the bar: skipped
        (25, "kg", 20, "w 20x10"),  # everything else collapses onto the bar
        (20, "kg", 20, ""),  # working with the empty bar: nothing to ramp
        (225, "lb", 45, "w 45x10, w 90x5, w 135x3, w 180x2"),
        (30, "kg", None, "w 10x5, w 17.5x3, w 22.5x2"),  # no bar: start at 40%
    ],
)
def test_warmup_ramp(working, unit, bar, expected):
    sets = warmup_ramp(to_kg(working, unit), unit, bar_kg=to_kg(bar, unit) if bar else None)
    assert format_sets(sets, "weight_reps", unit) == expected
    assert all(s.kind == "warmup" and s.unit == unit for s in sets)
    reps = [s.reps for s in sets]
    assert reps == sorted(reps, reverse=True)


def test_warmups_count_for_nothing():
    ramp = warmup_ramp(100.0)
    bests = Bests()
    for s in ramp:
        bests.absorb(s)
        assert set_e1rm(s) is None and set_volume_kg(s, "weight_reps") == 0
    assert bests.heaviest_kg is None


# -- body weight in load, e1RM and volume ---------------------------------------
@pytest.mark.parametrize(
    ("weight", "body", "load", "e1rm"),
    [
        (0.0, 80.0, 80.0, 96.0),  # plain pull-up x6
        (-20.0, 80.0, 60.0, 72.0),  # assisted
        (10.0, 80.0, 90.0, 108.0),  # weighted
        (0.0, None, None, None),  # body weight unknown
        (10.0, None, 10.0, 12.0),  # body weight unknown: the added load, as the SQL counts it
        (-20.0, None, None, None),  # assisted, body weight unknown
    ],
)
def test_bodyweight_moves_count_the_body(weight, body, load, e1rm):
    s = SetDraft(weight_kg=weight, reps=6)
    assert effective_load_kg(s, "bodyweight_reps", body) == load
    assert set_e1rm(s, bodyweight_kg=body) == e1rm
    assert set_volume_kg(s, "bodyweight_reps", body) == (load * 6 if load else 0)


def test_weighted_moves_ignore_body_weight():
    s = SetDraft(weight_kg=100.0, reps=5)
    assert effective_load_kg(s, "weight_reps", 80) == 100
    assert set_e1rm(s) == pytest.approx(116.67)
    assert set_volume_kg(s, "weight_reps") == 500
