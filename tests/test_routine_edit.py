"""Routine files with supersets and ramps, the TOML writer, the editor's pure
operations, and where the tracker goes after a set in a superset."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backtui.domain.catalog import DataFileError, load_catalog, parse_routine
from backtui.domain.custom_exercises import make_custom_exercise, split_cues
from backtui.domain.models import Routine, RoutineItem
from backtui.domain.profiles import ProfileError, check_profile_name
from backtui.domain.routine_edit import (
    EditError,
    check_routine,
    copy_name,
    link_with_next,
    move_item,
    parse_reps,
    parse_seconds,
    remove_item,
)
from backtui.domain.routine_file import routine_toml, toml_string
from backtui.domain.session import after_set, plan_routine, superset_position

CATALOG = load_catalog()
EXERCISES = CATALOG.exercises

SUPERSET_FILE = """\
slug = "my-pull"
name = "My pull"

[[item]]
exercise = "lat-pulldown"
superset = "A"
sets = 3

[[item]]
exercise = "seated-cable-row"
superset = "A"
ramp = false

[[item]]
exercise = "deadlift"
ramp = true
"""


def items(*specs) -> list[RoutineItem]:
    return [RoutineItem(exercise=slug, superset=label) for slug, label in specs]


def test_superset_and_ramp_keys_are_read():
    routine = parse_routine(SUPERSET_FILE, EXERCISES, "my.toml", shipped=False)
    assert [i.superset for i in routine.items] == ["A", "A", None]
    assert [i.ramp for i in routine.items] == [None, False, True]
    assert routine.shipped is False


@pytest.mark.parametrize(("text", "line", "words"), [
    (SUPERSET_FILE.replace('ramp = false\n', '').replace('exercise = "seated-cable-row"\nsuperset = "A"',
                                                          'exercise = "seated-cable-row"'),
     6, "has one item"),
    (SUPERSET_FILE + '\n[[item]]\nexercise = "shrug"\nsuperset = "A"\n', 20, "must be adjacent"),
    (SUPERSET_FILE.replace('ramp = true', 'superset = "A"') + '\n[[item]]\nexercise = "shrug"\nsuperset = "A"\n',
     6, "has 4 items"),
    (SUPERSET_FILE.replace('superset = "A"\nsets', 'superset = "a b"\nsets'), 6, "short label"),
    (SUPERSET_FILE.replace("ramp = false", 'ramp = "yes"'), 12, "true or false"),
    (SUPERSET_FILE.replace('"deadlift"', '"deadlfit"'), 15, "did you mean deadlift"),
    (SUPERSET_FILE.replace('name = "My pull"', 'name = "My pull'), 2, "not valid TOML"),
])
def test_bad_files_say_file_and_line(text, line, words):
    with pytest.raises(DataFileError) as caught:
        parse_routine(text, EXERCISES, "my.toml")
    assert caught.value.line == line, str(caught.value)
    assert words in str(caught.value) and str(caught.value).startswith(f"my.toml:{line}: ")


def test_toml_round_trip_of_every_shipped_routine():
    for routine in CATALOG.routines.values():
        again = parse_routine(routine_toml(routine), EXERCISES, "x.toml")
        assert again == routine


texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@given(texts)
def test_toml_strings_read_back_exactly(text):
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


# NUL is refused in a routine file (test_threat_terminal.py); every other character comes back.
@given(name=texts.filter(lambda t: t.strip() and len(t) <= 40 and "\x00" not in t),
       note=texts.filter(lambda t: "\x00" not in t))
def test_routine_with_odd_text_round_trips(name, note):
    routine = Routine(slug="r", name=name, description=note + '"\\[b]', shipped=False, items=(
        RoutineItem(exercise="pull-up", note=note.strip()[:120], superset="A", rest=0, ramp=True),
        RoutineItem(exercise="knee-to-chest", role="stretch", seconds=45, superset="A", sets=2),
    ))
    assert parse_routine(routine_toml(routine), EXERCISES, "r.toml", shipped=False) == routine


def test_link_join_split_and_limit():
    start = items(("pull-up", None), ("barbell-row", None), ("shrug", None), ("deadlift", None))
    joined, _ = link_with_next(start, 0)
    assert [i.superset for i in joined] == ["A", "A", None, None]
    three, _ = link_with_next(joined, 1)
    assert [i.superset for i in three] == ["A", "A", "A", None]
    with pytest.raises(EditError, match="2 or 3"):
        link_with_next(three, 2)
    split, _ = link_with_next(three, 0)  # the link between 1 and 2 goes: 1 alone, 2+3 stay
    assert [i.superset for i in split] == [None, "A", "A", None]
    with pytest.raises(EditError):
        link_with_next(split, 3)


def test_move_swaps_inside_leaves_at_edge_and_hops_over():
    start = items(("pull-up", None), ("barbell-row", "A"), ("shrug", "A"), ("deadlift", None))
    hopped, index = move_item(start, 0, +1)
    assert [i.exercise for i in hopped] == ["barbell-row", "shrug", "pull-up", "deadlift"] and index == 2
    assert [i.superset for i in hopped] == ["A", "A", None, None]
    swapped, index = move_item(start, 1, +1)
    assert [i.exercise for i in swapped][1:3] == ["shrug", "barbell-row"] and index == 2
    left, index = move_item(start, 2, +1)
    assert index == 2 and [i.superset for i in left] == [None, None, None, None]
    up, index = move_item(start, 3, -1)
    assert [i.exercise for i in up] == ["pull-up", "deadlift", "barbell-row", "shrug"] and index == 1
    assert remove_item(start, 1)[1].superset is None


def test_typed_targets():
    assert parse_reps("8-12") == (8, 12) and parse_reps("10") == (10, 10) and parse_reps(" ") is None
    assert parse_seconds("1:30", "rest", 0, 600) == 90 and parse_seconds("2m", "rest", 0, 600) == 120
    for bad in ("12-8", "x", "0"):
        with pytest.raises(EditError):
            parse_reps(bad)
    with pytest.raises(EditError, match="from 0 to 600"):
        parse_seconds("900", "rest", 0, 600)


def test_check_routine_names_and_copy_names():
    routine = Routine(slug="mine", name="Essential BACK strength", description="", shipped=False,
                      items=(RoutineItem(exercise="pull-up"),))
    with pytest.raises(EditError, match="already a routine"):
        check_routine(routine, EXERCISES, CATALOG.routines)
    with pytest.raises(EditError, match="no exercises"):
        check_routine(Routine("x", "X", "", (), False), EXERCISES, {})
    assert copy_name("Essential back", CATALOG.routines) == "Essential back (mine)"


def test_superset_order_a_b_a_b_with_rest_only_after_the_round():
    routine = parse_routine(SUPERSET_FILE, EXERCISES, "my.toml")
    slots = plan_routine(routine, CATALOG, {})
    assert superset_position(slots, 1) == ("A", 2, 2) and superset_position(slots, 2) is None
    done: dict[str, int] = {}
    where, walk = 0, []
    for _ in range(slots[0].sets + slots[1].sets):
        slug = slots[where].exercise
        done[slug] = done.get(slug, 0) + 1
        step = after_set(slots, where, done)
        walk.append((slug, step.rest))
        where = step.index
    pulldown, row = "lat-pulldown", "seated-cable-row"
    assert walk == [(pulldown, False), (row, True)] * 3
    assert where == 1  # done: stays on the last one, PgDn goes on
    lone = after_set(slots, 2, {"deadlift": 1})
    assert (lone.index, lone.rest) == (2, True)


def test_uneven_superset_and_skipped_partner():
    routine = parse_routine(SUPERSET_FILE.replace("sets = 3", "sets = 1"), EXERCISES, "my.toml")
    slots = plan_routine(routine, CATALOG, {})
    first = after_set(slots, 0, {"lat-pulldown": 1})
    assert (first.index, first.rest) == (1, False)
    # The pulldown is done: the row goes on alone, resting after each set.
    second = after_set(slots, 1, {"lat-pulldown": 1, "seated-cable-row": 1})
    assert (second.index, second.rest) == (1, True)
    from dataclasses import replace

    skipped = [slots[0], replace(slots[1], skipped=True), slots[2]]
    assert after_set(skipped, 0, {"lat-pulldown": 1}).index == 0


def test_profile_names():
    assert check_profile_name("  Anna ") == "Anna"
    for bad, words in (("", "empty"), ("x" * 41, "at most 40"), ("a\tb", "control"), ("ANNA", "already")):
        with pytest.raises(ProfileError, match=words):
            check_profile_name(bad, ["anna"])


def test_custom_exercise_checks():
    made = make_custom_exercise("Rope pullover", region="lats", pattern="vertical_pull", mechanic="isolation",
                                equipment="cable", measure="weight_reps", cues="Arms long; squeeze",
                                exercises=EXERCISES)
    assert made.slug == "rope-pullover" and made.custom and made.cues == ("Arms long", "squeeze")
    assert made.rep_low == 8 and made.sets == 3
    with pytest.raises(EditError, match="already exists"):
        make_custom_exercise("DEADLIFT", region="lats", pattern="hinge", mechanic="compound", equipment="barbell",
                             measure="weight_reps", exercises=EXERCISES)
    with pytest.raises(EditError, match="at most 4"):
        split_cues("a;b;c;d;e")


def test_superset_and_ramp_survive_the_stored_plan():
    from backtui.domain.session import Slot

    slots = plan_routine(parse_routine(SUPERSET_FILE, EXERCISES, "my.toml"), CATALOG, {})
    assert [Slot.from_json(s.to_json()) for s in slots] == slots
    assert slots[1].ramp is False and slots[2].ramp is True
    # A plan stored before supersets existed still loads.
    old = {k: v for k, v in slots[0].to_json().items() if k not in ("superset", "ramp")}
    assert Slot.from_json(old).superset is None
