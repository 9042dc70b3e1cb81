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
        ("Superman", "superman-hold"),
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
