"""The alias table: other apps' names for our lifts, and custom exercises for the rest."""

from __future__ import annotations

import pytest

from backtui.domain.catalog import SLUG_RE, load_catalog
from backtui.domain.importers.names import ALIASES, catalog_index, custom_exercise, name_key, slugify
from backtui.domain.models import EQUIPMENT, PATTERNS, REGIONS

CATALOG = load_catalog().exercises


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lat Pulldown (Cable)", "lat-pulldown"),
        ("Bent Over Row (Barbell)", "barbell-row"),
        ("Pull Up (Assisted)", "assisted-pull-up"),
        ("Deadlift (Barbell)", "deadlift"),
        ("Seated Row (Cable)", "seated-cable-row"),
        ("Shrug (Barbell)", "shrug"),
        ("Back Extension", "back-extension"),
        ("Chin Up", "chin-up"),
        ("Pull Up", "pull-up"),
        ("Pull-Ups", "pull-up"),
        ("Face Pull (Cable)", "face-pull"),
        ("Straight Arm Pulldown", "straight-arm-pulldown"),
        ("T Bar Row", "t-bar-row"),
        ("T-Bar Row", "t-bar-row"),
        ("Pendlay Row (Barbell)", "pendlay-row"),
        ("Romanian Deadlift (Barbell)", "romanian-deadlift"),
        ("Rack Pull", "rack-pull"),
        ("Superman", "superman"),  # for time: the hold (resolve.py, test_import_store)
        ("Seated Cable Row", "seated-cable-row"),
        ("Barbell Shrug", "shrug"),
        ("Hyperextension", "back-extension"),
        ("Bent-over barbell row", "barbell-row"),  # our own name, from our own CSV
        ("Machine-assisted pull-up", "assisted-pull-up"),
        ("Child's pose", "child-pose"),
        ("dead hang", "dead-hang"),
    ],
)
def test_names_of_the_same_lift_match(name, slug):
    assert catalog_index(CATALOG.values()).get(name_key(name)) == slug


@pytest.mark.parametrize("name", ["Bent Over Row (Dumbbell)", "Romanian Deadlift (Dumbbell)", "Plank",
                                  "Bench Press (Barbell)", "Seated Row (Machine)", "Squat (Barbell)"])
def test_different_lifts_do_not_match(name):
    assert name_key(name) not in catalog_index(CATALOG.values())


def test_every_alias_is_normalised_and_points_into_the_catalog():
    for key, slug in ALIASES.items():
        assert name_key(key) == key, key
        assert slug in CATALOG, slug


def test_every_catalog_name_and_slug_finds_itself():
    index = catalog_index(CATALOG.values())
    for exercise in CATALOG.values():
        assert index[name_key(exercise.name)] == exercise.slug
        assert index[name_key(exercise.slug)] == exercise.slug


def test_slugify_is_unique_and_catalog_shaped():
    taken = {"plank"}
    assert slugify("Plank", taken) == "plank-2"
    assert slugify("Row \"Kroc\" (Dumbbell)", set()) == "row-kroc-dumbbell"
    assert slugify("Rücken-Übung", set()) == "rucken-ubung"
    odd = slugify("引体向上", set())
    assert SLUG_RE.match(odd) and odd.startswith("exercise-")
    assert SLUG_RE.match(slugify("x" * 500, set()))


def test_custom_exercises_get_a_region_pattern_and_equipment():
    bench = custom_exercise("Bench Press (Barbell)", "bench-press-barbell", "weight_reps")
    assert (bench.region, bench.pattern, bench.equipment, bench.custom) == ("other", "other", "barbell", True)
    row = custom_exercise("Bent Over Row (Dumbbell)", "bent-over-row-dumbbell", "weight_reps")
    assert (row.region, row.pattern, row.equipment) == ("upper_back", "horizontal_pull", "dumbbell")
    plank = custom_exercise("Plank", "plank", "seconds")
    assert (plank.region, plank.seconds, plank.rep_low) == ("core", 30, None)
    mystery = custom_exercise("Cable Thing", "cable-thing", "weight_reps", category="Back")
    assert mystery.region == "upper_back"
    for exercise in (bench, row, plank, mystery):
        assert exercise.region in REGIONS and exercise.pattern in PATTERNS and exercise.equipment in EQUIPMENT


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        # The back lifts' common names in real exports (issue 14).
        ("Lat Pulldown (Close Grip)", "close-grip-pulldown"),
        ("Lat pulldown (close grip)", "close-grip-pulldown"),
        ("closed grip lat pulldown", "close-grip-pulldown"),
        ("Short Grip Pulldown", "close-grip-pulldown"),
        ("V-bar pulldown", "close-grip-pulldown"),
        ("Wide Lat Pulldown", "lat-pulldown"),
        ("Standard Lat Pulldown", "lat-pulldown"),
        ("Machine Lat Pulldown", "lat-pulldown"),
        ("Lat Pulldown - Wide Grip (Cable)", "lat-pulldown"),
        ("Face Pull (Cable)", "face-pull"),
        ("Face Pull", "face-pull"),
        ("Face Pulls", "face-pull"),
        ("Facepull", "face-pull"),
        ("Cable Face Pull", "face-pull"),
        ("Face Cable Pull", "face-pull"),
        ("Rope Face Pull", "face-pull"),
        ("Face Pull (Rope)", "face-pull"),
        ("Straight Arm Pulldown", "straight-arm-pulldown"),
        ("Straight Arm Pulldown (Cable)", "straight-arm-pulldown"),
        ("Rope Straight Arm Pulldown", "straight-arm-pulldown"),
        ("Straight-Arm Cable Pushdown", "straight-arm-pulldown"),
        ("Pullover", "dumbbell-pullover"),
        ("Pullover (Dumbbell)", "dumbbell-pullover"),
        ("Dumbell Pullover", "dumbbell-pullover"),
        ("Supermans", "superman"),  # for time: the hold
        ("Wide Pull Up", "pull-up"),
        ("Wide Grip Pullups", "pull-up"),
        ("Hyperextensions", "back-extension"),
    ],
)
def test_the_common_names_of_back_lifts_match(name, slug):
    from backtui.domain.importers.names import is_other_muscle

    assert not is_other_muscle(name)
    assert catalog_index(CATALOG.values()).get(name_key(name)) == slug


@pytest.mark.parametrize("name", [
    "Triceps Pushdown (Cable - Straight Bar)", "Triceps Pushdown", "Tricep Rope Pushdown", "Ropes Tricep Pulldown",
    "Underhand Tricep Pulldown", "Overhand Tricep Pull Down", "Rope Push Down", "V-Bar Push Down",
    "Reverse Triceps Cable Pushdown", "Single Arm Triceps Pushdown (Cable)",
])
def test_a_triceps_pushdown_is_never_a_lat_move(name):
    from backtui.domain.importers.names import closest_slug, is_other_muscle

    assert is_other_muscle(name)
    assert name_key(name) not in catalog_index(CATALOG.values())
    assert closest_slug(name, CATALOG.values()) is None
    made = custom_exercise(name, "x", "weight_reps", category="Back")
    assert (made.region, made.pattern) == ("other", "other")


def test_back_extension_on_a_machine_is_not_the_bodyweight_back_extension():
    # Strong's "Back Extension (Machine)" is a loaded stack (130-180 in a real file).
    assert name_key("Back Extension (Machine)") not in catalog_index(CATALOG.values())
    made = custom_exercise("Back Extension (Machine)", "back-extension-machine", "weight_reps")
    assert made.region == "lower_back"


def test_closest_slug_for_names_that_are_not_catalog_lifts():
    from backtui.domain.importers.names import closest_slug

    assert closest_slug("Lat Pulldown (Single Arm)", CATALOG.values()) in ("lat-pulldown", "close-grip-pulldown")
    assert closest_slug("Paused Deadlift", CATALOG.values()) == "deadlift"
    assert closest_slug("Bench Press (Barbell)", CATALOG.values()) is None
