"""e1RM (Epley) and the records the tracker announces."""

from __future__ import annotations

import pytest

from backtui.domain.entry import parse_entry
from backtui.domain.models import SetDraft
from backtui.domain.records import Bests, epley, new_records, set_e1rm
from backtui.storage.bests import bests_for


def test_epley_and_singles():
    assert epley(100, 5) == pytest.approx(116.6667, abs=1e-4)
    assert epley(100, 1) == 100
    assert set_e1rm(SetDraft(weight_kg=100, reps=10)) == pytest.approx(133.33)


@pytest.mark.parametrize(
    "draft",
    [
        SetDraft(weight_kg=100, reps=11),
        SetDraft(weight_kg=100, reps=5, kind="warmup"),
        SetDraft(seconds=30),
        SetDraft(weight_kg=0.0, reps=5),
        SetDraft(weight_kg=-20.0, reps=5),
    ],
)
def test_no_estimate_where_it_would_mislead(draft):
    assert set_e1rm(draft) is None


def test_new_records_in_words():
    before = Bests()
    for s in parse_entry("60x10 60x8", "weight_reps"):
        before.absorb(s)
    assert new_records(parse_entry("62.5x6", "weight_reps")[0], before) == ["heaviest: 62.5 kg"]
    assert new_records(parse_entry("60x11", "weight_reps")[0], before) == ["most reps at 60 kg: 11"]
    assert new_records(parse_entry("60x9", "weight_reps")[0], before) == []
    assert "best e1RM" in " ".join(new_records(parse_entry("65x10", "weight_reps")[0], before))
    assert new_records(parse_entry("w 70x5", "weight_reps")[0], before) == []
    assert new_records(parse_entry("60x8", "weight_reps")[0], Bests()) == []


def test_hold_record():
    before = Bests()
    before.absorb(parse_entry("30s", "seconds")[0])
    assert new_records(parse_entry("35s", "seconds")[0], before) == ["longest hold: 35 s"]


def test_sql_bests_agree_with_python(store):
    workout = store.start_workout()
    logged = store.log_sets(workout.id, "deadlift", parse_entry("w 60x5", "weight_reps"))
    logged += store.log_sets(workout.id, "deadlift", parse_entry("100x5 110x3 100x8", "weight_reps"))
    expected = Bests()
    for s in logged:
        expected.absorb(s)
    got = bests_for(store, "deadlift")
    assert got.heaviest_kg == expected.heaviest_kg == 110
    assert got.best_e1rm_kg == expected.best_e1rm_kg
    assert got.reps_at_weight == expected.reps_at_weight
    assert bests_for(store, "deadlift", exclude_ids=[logged[2].id]).heaviest_kg == 100


def test_format_number_never_shows_float_noise_or_eats_zeros():
    from backtui.domain.units import format_number

    assert format_number(1500, 0) == "1500"
    assert format_number(149.99999999999997) == "150"
    assert format_number(62.5) == "62.5"
    assert format_number(-0.0001) == "0"
