"""The shipped catalog loads, follows the material, and bad files fail with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from backtui.domain.catalog import DataFileError, load_catalog, load_catalog_from, parse_exercises, parse_routine

REQUIRED = [
    "pull-up", "assisted-pull-up", "band-pull-up", "lat-pulldown", "straight-arm-pulldown",
    "barbell-row", "dumbbell-row", "seated-cable-row", "deadlift", "back-extension",
    "ball-back-extension", "shrug", "superman-hold", "side-lying-leg-lift", "plank-arm-raise",
    "lying-waist-twist", "knee-to-chest", "cobra-stretch",
]


def test_required_exercises_are_complete():
    exercises = load_catalog().exercises
    for slug in REQUIRED:
        e = exercises[slug]
        assert e.name and e.region and e.pattern and e.equipment and e.measure
        assert 2 <= len(e.cues) <= 4
        assert e.rest >= 0 and e.sets >= 1
        if e.timed:
            assert e.seconds
        else:
            assert e.rep_low <= e.rep_high


def test_pull_up_has_assisted_and_band_variants():
    catalog = load_catalog()
    group = {e.slug for e in catalog.variants(catalog.exercise("pull-up").variant_group)}
    assert {"pull-up", "assisted-pull-up", "band-pull-up"} <= group


def test_width_and_thickness_are_modelled():
    exercises = load_catalog().exercises
    assert exercises["lat-pulldown"].pattern == "vertical_pull" and exercises["lat-pulldown"].region == "lats"
    assert exercises["barbell-row"].pattern == "horizontal_pull"
    assert exercises["back-extension"].region == "lower_back"
    assert exercises["deadlift"].straps and not exercises["cobra-stretch"].straps


def test_routines_follow_the_material():
    catalog = load_catalog()
    assert len(catalog.routines) >= 7
    for slug in ["essential-back", "desk-relief", "width-and-thickness", "pre-exhaust-pull",
                 "lower-back-focus", "upper-back-and-lats", "home-no-equipment"]:
        assert slug in catalog.routines
    for routine in catalog.routines.values():
        roles = [item.role for item in routine.items]
        if "warmup" in roles:
            first_work = roles.index("work")
            assert all(r == "warmup" for r in roles[:first_work]), routine.slug
        if routine.slug != "desk-relief":
            assert roles[0] == "warmup" and roles[-1] == "stretch", routine.slug


def test_pre_exhaust_puts_isolation_before_compound():
    catalog = load_catalog()
    work = [catalog.exercise(i.exercise) for i in catalog.routines["pre-exhaust-pull"].items if i.role == "work"]
    assert work[0].mechanic == "isolation" and work[1].mechanic == "compound"


def test_home_routine_needs_no_equipment():
    catalog = load_catalog()
    for item in catalog.routines["home-no-equipment"].items:
        assert catalog.exercise(item.exercise).equipment == "bodyweight"


GOOD = '''
[[exercise]]
slug = "row"
name = "Row"
region = "upper_back"
pattern = "horizontal_pull"
mechanic = "compound"
equipment = "barbell"
measure = "weight_reps"
sets = 3
reps = [8, 12]
rest = 90
cues = ["one", "two"]
'''


def test_a_good_minimal_file_parses():
    assert parse_exercises(GOOD)["row"].rep_high == 12


@pytest.mark.parametrize(
    "edit,line,fragment",
    [
        (('region = "upper_back"', 'region = "arms"'), 5, "'region' is 'arms'"),
        (("reps = [8, 12]", "reps = [12, 8]"), 11, "'reps' must be [low, high]"),
        (("rest = 90", "rest = 90\ncolour = 1"), 13, "unknown key 'colour'"),
        (("sets = 3", 'sets = "three"'), 10, "'sets' must be a whole number"),
        (('name = "Row"', 'name = "Row'), 4, "not valid TOML"),
        (('cues = ["one", "two"]', 'cues = ["one"]'), 13, "needs 2 to 4 cues"),
    ],
)
def test_malformed_exercise_file_names_file_line_and_problem(edit, line, fragment):
    text = GOOD.replace(*edit)
    with pytest.raises(DataFileError) as info:
        parse_exercises(text, "data/exercises.toml")
    assert info.value.path == "data/exercises.toml"
    assert info.value.line == line, str(info.value)
    assert fragment in info.value.problem
    assert str(info.value).startswith(f"data/exercises.toml:{line}: ")


def test_routine_with_unknown_exercise_names_the_line():
    exercises = parse_exercises(GOOD)
    text = 'slug = "r"\nname = "R"\n\n[[item]]\nexercise = "row"\n\n[[item]]\nexercise = "rwo"\n'
    with pytest.raises(DataFileError) as info:
        parse_routine(text, exercises, "r.toml")
    assert info.value.line == 8 and "unknown exercise 'rwo'" in info.value.problem
    assert "did you mean row" in info.value.problem


def test_routine_file_name_must_match_slug(tmp_path: Path):
    (tmp_path / "routines").mkdir()
    (tmp_path / "exercises.toml").write_text(GOOD)
    (tmp_path / "routines" / "other.toml").write_text('slug = "r"\nname = "R"\n[[item]]\nexercise = "row"\n')
    with pytest.raises(DataFileError, match="must match the file name"):
        load_catalog_from(tmp_path)


def test_catalog_finds_by_name_and_suggests():
    catalog = load_catalog()
    assert catalog.find_exercise("LAT-PULLDOWN").slug == "lat-pulldown"
    assert catalog.find_exercise(catalog.exercise("deadlift").name.upper()).slug == "deadlift"
    assert "barbell-row" in catalog.suggest("barbel-row")
