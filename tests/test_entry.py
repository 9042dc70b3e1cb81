"""The entry grammar: what it accepts, what it refuses, and that it never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.units import KG_PER_LB

W, BW, SEC = "weight_reps", "bodyweight_reps", "seconds"


def one(text: str, measure: str = W, unit: str = "kg"):
    sets = parse_entry(text, measure, unit)
    assert len(sets) == 1
    return sets[0]


@pytest.mark.parametrize("text", ["60x8", "60 x 8", "60kg x8", "60 kg x 8", "60X8", "60×8", "60*8"])
def test_weight_by_reps_spellings(text):
    s = one(text)
    assert (s.weight_kg, s.reps, s.unit, s.kind) == (60.0, 8, "kg", "working")


@pytest.mark.parametrize("text", ["62.5x8", "62,5x8"])
def test_decimal_point_or_comma(text):
    assert one(text).weight_kg == 62.5


def test_pounds_are_stored_in_kg_and_keep_their_unit():
    s = one("135lb x 5")
    assert s.unit == "lb"
    assert s.weight_kg == pytest.approx(135 * KG_PER_LB, abs=1e-6)


def test_default_unit_is_the_lifters():
    s = one("135x5", unit="lb")
    assert s.unit == "lb" and s.weight_kg == pytest.approx(61.23497, abs=1e-5)


def test_sets_multiplier():
    sets = parse_entry("60x8x3", W)
    assert len(sets) == 3 and all(s.reps == 8 for s in sets)


@pytest.mark.parametrize("text", ["12", "bw x 12", "bwx12"])
def test_bodyweight_reps(text):
    s = one(text, BW)
    assert (s.weight_kg, s.reps) == (0.0, 12)


def test_added_load_and_assistance():
    assert one("+10x6", BW).weight_kg == 10.0
    assert one("-20x8", BW).weight_kg == -20.0


@pytest.mark.parametrize("text,seconds", [("45s", 45), ("90 s", 90), ("1:30", 90), ("20 sec", 20)])
def test_holds(text, seconds):
    s = one(text, SEC)
    assert (s.seconds, s.reps, s.weight_kg) == (seconds, None, None)


def test_full_line_in_any_order():
    expected = one("60x8 s @8 # felt strong")
    assert (expected.straps, expected.rpe, expected.note) == (True, 8.0, "felt strong")
    assert one("@8 straps 60x8 # felt strong") == expected
    assert one("s @ 8 60 x 8 #felt strong") == expected


def test_warmup_rpe_half_step_and_form_flag():
    s = one("w 40x10 @6.5 !")
    assert (s.kind, s.rpe, s.form_broke) == ("warmup", 6.5, True)


def test_note_is_kept_exactly_as_typed():
    note = "[bold]it's \"fine\"; DROP TABLE sets;-- 💪 שלום # still note"
    assert one(f"60x8 # {note}").note == note


@pytest.mark.parametrize(
    "text,measure,fragment",
    [
        ("60x", W, "missing reps"),
        ("x", W, "missing weight"),
        ("abc", W, "don't understand 'abc'"),
        ("60x0", W, "reps must be at least 1"),
        ("0x-3", W, "'-3'"),
        ("60x8x0", W, "number of sets must be at least 1"),
        ("60x8 @11", W, "RPE runs from 1 to 10"),
        ("nanx8", W, "'nan' is not a number"),
        ("infx8", W, "'inf' is not a number"),
        ("1e9x8", W, "'1e9' is not a number"),
        ("1000.5x8", W, "weight over 1000 kg"),
        ("2205lbx8", W, "weight over 2205 lb"),
        ("60x1001", W, "reps over 1000"),
        ("3601s", SEC, "over 1 hour"),
        ("61:00", SEC, "over 1 hour"),
        ("60x8x21", W, "number of sets over 20"),
        ("60x8x15 60x8x7", W, "22 sets in one line"),
        ("60x8 # " + "n" * 501, W, "keep it to 500"),
        ("45s", W, "counts reps"),
        ("60x8", SEC, "is timed"),
        ("12", SEC, "is timed"),
        ("-20x8", W, "assistance"),
        ("+10x8", W, "added load"),
        ("12", W, "needs a weight"),
        ("", W, "nothing to log"),
        ("s @8", W, "nothing to log"),
        ("60x8 @8 @9", W, "two RPEs"),
        ("60x8 w d", W, "cannot be both"),
        ("60kg", W, "has no reps"),
        ("60x8 @8.3", W, "half steps"),
        ("1:75", SEC, "under 60"),
    ],
)
def test_refused_with_a_message_naming_the_problem(text, measure, fragment):
    with pytest.raises(EntryError) as info:
        parse_entry(text, measure)
    assert fragment in str(info.value)


def test_huge_numbers_are_refused_not_crashed():
    for text in ["9" * 5000 + "x8", "60x" + "9" * 5000, "9" * 5000 + "s", "60x8x" + "9" * 5000]:
        with pytest.raises(EntryError):
            parse_entry(text, SEC if text.endswith("s") else W)


_pieces = st.sampled_from(list("0123456789xX.,:@#!+- sbwdfkglq") + ["kg", "lb", "bw", "straps", "nan", "١"])
_lines = st.lists(_pieces, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_lines, st.sampled_from([W, BW, SEC]), st.sampled_from(["kg", "lb"]))
def test_parser_only_ever_raises_its_own_error(text, measure, unit):
    try:
        sets = parse_entry(text, measure, unit)
    except EntryError:
        return
    assert 1 <= len(sets) <= 20
    for s in sets:
        if measure == SEC:
            assert 1 <= s.seconds <= 3600 and s.reps is None
        else:
            assert 1 <= s.reps <= 1000 and s.seconds is None
            assert -1000 <= s.weight_kg <= 1000.000001
            if measure == W:
                assert s.weight_kg >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_parser_survives_any_text(text):
    try:
        parse_entry(text, W)
    except EntryError:
        pass


def test_a_spaced_s_is_a_hold_on_timed_exercises_and_straps_on_reps_ones():
    assert one("90 s", SEC).seconds == 90
    strapped = one("12 s", BW)
    assert (strapped.reps, strapped.straps, strapped.seconds) == (12, True, None)
    assert one("bw x 12 s !", BW).straps  # what editing a strapped bodyweight set pre-fills
    with pytest.raises(EntryError, match="counts reps"):
        parse_entry("45s", BW)  # a hold typed as one token is still refused on a reps exercise
