"""Issue 16: the coach means what a lifter means. One table row per quoted case, for
the entry grammar and the coach; the tracker (Pilot) and `backtui suggest` give the
same answers (tests/test_coach_lifter_ui.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_progression import CATALOG, session, suggest

from backtui.core import coach
from backtui.domain.catalog import RoutineItem
from backtui.domain.entry import EntryError, example_entry, parse_entry
from backtui.domain.formatting import entry_text, format_set
from backtui.domain.models import LoggedSet, default_target
from backtui.domain.progression import suggest_next
from backtui.domain.session import slot_for
from backtui.domain.settings import Settings


# -- assisted moves read assistance ---------------------------------------------
@pytest.mark.parametrize(("line", "weight", "reps", "shown"), [
    ("20x8", -20.0, 8, "assist 20 kg x 8"),
    ("-20x8", -20.0, 8, "assist 20 kg x 8"),
    ("20kg x 8", -20.0, 8, "assist 20 kg x 8"),
    ("8", 0.0, 8, "bw x 8"),
    ("bw x 8", 0.0, 8, "bw x 8"),
])
def test_the_number_on_an_assisted_move_is_the_help(line, weight, reps, shown):
    exercise = CATALOG.exercise("assisted-pull-up")
    assert exercise.assisted
    (draft,) = parse_entry(line, exercise.measure, "kg", exercise.name, assisted=True)
    assert (draft.weight_kg, draft.reps) == (weight, reps)
    assert format_set(draft, exercise.measure, "kg", assisted=True) == shown
    # editing the set offers the line as the lifter types it, and it reads back the same
    again = parse_entry(entry_text(draft, exercise.measure, "kg", assisted=True), exercise.measure, "kg",
                        assisted=True)
    assert again[0].weight_kg == weight


def test_added_load_on_an_assisted_move_is_refused():
    with pytest.raises(EntryError, match=r"the number is the help: write 20x8 for 20 kg of assistance"):
        parse_entry("+20x8", "bodyweight_reps", "kg", "Machine-assisted pull-up", assisted=True)


def test_importers_and_the_entry_line_agree_on_which_moves_are_assisted():
    from backtui.domain.importers.resolve import ASSISTED_SLUGS

    assert {e.slug for e in CATALOG.exercises.values() if e.assisted} == set(ASSISTED_SLUGS)


@pytest.mark.parametrize(("measure", "assisted", "example", "reads_as"), [
    ("weight_reps", False, "60x8", (60.0, 8)),
    ("bodyweight_reps", True, "20x8", (-20.0, 8)),
    ("bodyweight_reps", False, "+10x8", (10.0, 8)),
    ("seconds", False, "45s", (None, None)),
])
def test_hints_give_an_example_that_reads_as_they_say(measure, assisted, example, reads_as):
    hint = example_entry(measure, "kg", assisted=assisted)
    assert example in hint and "40x10" not in hint
    (draft,) = parse_entry(example, measure, "kg", assisted=assisted)
    assert (draft.weight_kg, draft.reps) == reads_as


# -- ambiguous entries are asked, not guessed ----------------------------------
@pytest.mark.parametrize(("line", "words"), [
    ("12x3", ["'12x3'", "+12x3 for 12 kg added", "bw x12x3 or 12 12 12 for 3 sets of 12"]),
    ("10x8x3", ["+10x8x3 for 10 kg added"]),
    ("12.5x3", ["+12.5x3 for 12.5 kg added"]),
])
def test_a_bare_weight_on_a_bodyweight_move_is_asked(line, words):
    with pytest.raises(EntryError) as caught:
        parse_entry(line, "bodyweight_reps", "kg", "Pull-up")
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize(("line", "expected"), [
    ("+12x3", [(12.0, 3)]),
    ("12kg x 3", [(12.0, 3)]),
    ("bw x12x3", [(0.0, 12)] * 3),
    ("bw x 12 x 3", [(0.0, 12)] * 3),
    ("12 12 12", [(0.0, 12)] * 3),
    ("0x10", [(0.0, 10)]),
])
def test_both_readings_spelled_out_parse(line, expected):
    drafts = parse_entry(line, "bodyweight_reps", "kg", "Pull-up")
    assert [(d.weight_kg, d.reps) for d in drafts] == expected


# -- suggestions never go backwards without a stated reason ----------------------
@pytest.mark.parametrize(("slug", "history", "today", "expected", "reason"), [
    # the quoted pyramid: the working weight is 60, not the first set's 55
    ("lat-pulldown", ["55x12, 60x10 @9, 60x10 @9"], "", "60x11", "+1 rep at 60 kg"),
    ("lat-pulldown", ["55x12, 60x12 @9, 60x12 @9"], "", "62.5x8", "+2.5 kg: all sets hit 12"),
    ("lat-pulldown", ["55x12, 60x10 @9, 60x10 @9"], "60x11", "60x11", "+1 rep at 60 kg"),
    # a stretch holds its target; a 90 s child's pose stays 90 s
    ("child-pose", ["90s, 45s"], "", "1:30", "stretch: hold 90 s"),
    ("child-pose", ["30s"], "", "30 s", "stretch: hold 30 s"),
    # isometric holds progress from last session's typical hold
    ("dead-hang", ["40s, 30s, 40s"], "", "45 s", "+5 s: held 40 s typically"),
    ("dead-hang", ["20s, 25s"], "", "30 s", "hold 30 s on every set"),
])
def test_suggestions_do_not_go_backwards(slug, history, today, expected, reason):
    shown, result = suggest(slug, history, today)
    assert shown == expected and reason in result.reason, result


def test_after_a_failure_set_and_a_drop_set_no_more_failure():
    shown, result = suggest("lat-pulldown", ["60x10, 60x10, 60x10"], "60x11, 60x10, 60x8 f, 45x10 d")
    assert shown is None and result.action == "done"
    assert "failure on set 3, then a drop set" in result.reason and "move on" in result.reason


@pytest.mark.parametrize(("today", "number", "reason"), [
    # set numbers are the table's: warm-ups are rows too
    ("w 20x10, w 40x5, 60x10, 60x9", 5, "same as set 4"),
    ("w 40x5, 60x10 @10", 3, "set 2 was RPE 10"),
    ("w 40x5, 60x10 !", 3, "form broke on set 2"),
])
def test_one_set_numbering(today, number, reason):
    _, result = suggest("barbell-row", ["60x10, 60x10, 60x10"], today)
    assert result.set_number == number and reason in result.reason, result


def test_a_short_set_is_named_by_its_row():
    _, result = suggest("lat-pulldown", ["60x10, 60x10, 60x10"], "w 30x10, w 45x5, 60x11, 60x9")
    assert result.set_number == 5 and "set 4 fell short (9 of 11)" in result.reason, result


# -- warm-up slots ----------------------------------------------------------------
class _Reads:
    """History reads over a fixed list of sessions (newest first)."""

    def __init__(self, sessions: list[list[LoggedSet]]) -> None:
        self.sessions = sessions

    def recent_sessions(self, slug, before_workout_id, limit, *, working_only=False):
        found = [[s for s in done if not working_only or s.kind != "warmup"] for done in self.sessions]
        return [done for done in found if done][:limit]

    def last_done(self, slugs):
        return {}


@pytest.mark.parametrize(("history", "today", "words", "not_words"), [
    # a warm-up slot with a last time says what it was, never "first time"
    (["w 30s"], "", "hold 30 s", "first time"),
    # after the single 30 s Cat-cow set, the warm-up is done
    ([], "w 30s", "warm-up done (1 of 1 sets)", "first time"),
    (["w 30s"], "w 30s", "warm-up done", "first time"),
    # never done: it is still a warm-up, not a "first time"
    ([], "", "warm-up: hold 30 s", "first time"),
])
def test_a_warmup_slot_says_the_warmups_are_done(history, today, words, not_words):
    exercise = CATALOG.exercise("cat-cow")
    slot = slot_for(exercise, RoutineItem(exercise="cat-cow", role="warmup", sets=1))
    result = coach.suggest(_Reads([session(h, "cat-cow") for h in history]), CATALOG, exercise, Settings(),
                           slot=slot, today=session(today, "cat-cow"))
    assert words in result.reason and not_words not in result.reason, result


# -- property: never lighter than last time's working weight without a reason -----
REASONS = ("lighter", "form broke", "RPE 10", "stalled", "too heavy", "is under", "fell short", "same as set",
           "first time")


def _sets(slug: str, rows: list[tuple[int, int, str, float | None, bool]]) -> list[LoggedSet]:
    return [LoggedSet(id=i + 1, workout_id=1, exercise=slug, set_number=i + 1, kind=kind, weight_kg=load * 2.5,
                      reps=reps, seconds=None, straps=False, rpe=rpe, note="", unit="kg",
                      logged_at="2026-01-01T10:00:00.000000+00:00", form_broke=broke)
            for i, (load, reps, kind, rpe, broke) in enumerate(rows)]


def _row(loads):
    return st.tuples(st.sampled_from(loads), st.integers(1, 15),
                     st.sampled_from(["working", "working", "working", "warmup", "failure", "drop"]),
                     st.one_of(st.none(), st.sampled_from([7.0, 8.0, 9.0, 10.0])), st.booleans())


@st.composite
def _histories(draw):
    slug = draw(st.sampled_from(["lat-pulldown", "barbell-row", "dumbbell-row", "deadlift", "face-pull"]))
    loads = draw(st.lists(st.integers(8, 40), min_size=1, max_size=3))
    sessions = draw(st.lists(st.lists(_row(loads), min_size=1, max_size=5), min_size=1, max_size=4))
    today = draw(st.lists(_row(loads), max_size=3))
    return slug, sessions, today


@settings(max_examples=300, deadline=None)
@given(_histories())
def test_a_suggestion_is_never_lighter_than_the_last_working_weight_without_a_reason(history):
    slug, sessions, today = history
    exercise = CATALOG.exercise(slug)
    stored = [_sets(slug, rows) for rows in sessions]
    result = suggest_next(exercise, default_target(exercise), stored, _sets(slug, today), "kg", bar_kg=20.0,
                          variants=CATALOG.variants(exercise.variant_group))
    main = [[s for s in done if s.kind in ("working", "failure")] for done in stored]
    main = [done for done in main if done]
    if not main or result.draft is None or result.draft.weight_kg is None:
        return
    working = max(s.weight_kg or 0.0 for s in main[0])
    if result.draft.weight_kg < working - 1e-6:
        assert any(word in result.reason for word in REASONS), (result, working)


def test_a_stretch_done_only_as_a_warmup_is_not_a_first_time_outside_its_slot():
    # `backtui suggest cat-cow` with no workout open: its warm-up sets are its history
    exercise = CATALOG.exercise("cat-cow")
    result = coach.suggest(_Reads([session("w 45s", "cat-cow")]), CATALOG, exercise, Settings())
    assert "first time" not in result.reason and result.draft is not None, result
