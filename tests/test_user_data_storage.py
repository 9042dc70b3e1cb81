"""Profiles, a lifter's own routines and exercises in the database."""

from __future__ import annotations

import json
from datetime import timezone

import pytest

from backtui.domain.catalog import load_catalog, parse_routine
from backtui.domain.custom_exercises import make_custom_exercise
from backtui.domain.entry import parse_entry
from backtui.domain.importers import parse_import
from backtui.domain.profiles import ProfileError
from backtui.storage.errors import StorageError
from backtui.storage.exercises import load_custom_exercises, save_custom_exercise
from backtui.storage.importing import import_parsed
from backtui.storage.profiles import (
    add_profile,
    choose_profile,
    delete_profile,
    list_profiles,
    peek_profiles,
    profile_counts,
    rename_profile,
)
from backtui.storage.routines import delete_user_routine, load_user_routines, profile_catalog, save_user_routine
from backtui.storage.store import Store

CATALOG = load_catalog()
MY_PULL = """\
slug = "my-pull"
name = "My pull"
description = "Mine"

[[item]]
exercise = "lat-pulldown"
superset = "A"

[[item]]
exercise = "seated-cable-row"
superset = "A"

[[item]]
exercise = "deadlift"
"""


def test_add_rename_delete_and_choose(store, db_path):
    assert [p.name for p in list_profiles(store.conn)] == ["default"]
    anna = add_profile(store.conn, " Anna ")
    assert anna.name == "Anna" and anna.id == 2
    with pytest.raises(ProfileError, match="already"):
        add_profile(store.conn, "ANNA")
    with pytest.raises(ProfileError, match="profiles: default, Anna"):
        rename_profile(store.conn, "bob", "carl")
    rename_profile(store.conn, "anna", "Anna K")
    assert [p.name for p in peek_profiles(db_path)] == ["default", "Anna K"]
    assert choose_profile(list_profiles(store.conn), None).id == 1
    assert choose_profile(list_profiles(store.conn), "anna k").id == 2
    with pytest.raises(ProfileError, match="no profile called 'zed'"):
        choose_profile(list_profiles(store.conn), "zed")
    delete_profile(store.conn, "default")
    # Without the default profile and with one left, that one is used.
    assert choose_profile(list_profiles(store.conn), None).name == "Anna K"
    with pytest.raises(ProfileError, match="only profile"):
        delete_profile(store.conn, "Anna K")


def test_several_profiles_without_the_default_need_a_choice(store):
    add_profile(store.conn, "a")
    add_profile(store.conn, "b")
    delete_profile(store.conn, "default")
    assert choose_profile(list_profiles(store.conn), None) is None


def test_deleting_a_profile_takes_all_of_its_data_and_nothing_else(store):
    other = Store(store.db, CATALOG, add_profile(store.conn, "Bob").id)
    for lifter in (store, other):
        workout = lifter.start_workout("essential-back", "Essential", at="2026-11-18T10:00:00.000000+00:00")
        lifter.log_sets(workout.id, "deadlift", parse_entry("100x5", "weight_reps"))
        lifter.set_setting("unit", "lb")
        save_user_routine(lifter, parse_routine(MY_PULL, CATALOG.exercises, shipped=False))
    exercise = make_custom_exercise("Rope pullover", region="lats", pattern="vertical_pull", mechanic="isolation",
                                    equipment="cable", measure="weight_reps", exercises=CATALOG.exercises)
    save_custom_exercise(other, exercise)
    workout = other.start_workout()
    other.log_sets(workout.id, exercise.slug, parse_entry("30x10", "weight_reps"))
    assert profile_counts(store.conn, other.profile_id) == {"workouts": 2, "sets": 2, "routines": 1}
    delete_profile(store.conn, "bob")
    for table in ("workouts", "sets", "settings", "user_routines", "exercises"):
        assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE profile_id = 2").fetchone()[0] == 0
    assert profile_counts(store.conn, 1) == {"workouts": 1, "sets": 1, "routines": 1}


def test_user_routines_round_trip_and_stay_per_profile(store):
    routine = parse_routine(MY_PULL, CATALOG.exercises, shipped=False)
    save_user_routine(store, routine)
    loaded = load_user_routines(store, CATALOG.exercises)
    assert loaded.routines == {"my-pull": routine} and not loaded.problems
    catalog, problems = profile_catalog(CATALOG, store)
    assert catalog.routines["my-pull"] == routine and "essential-back" in catalog.routines and not problems
    other = Store(store.db, CATALOG, add_profile(store.conn, "Bob").id)
    assert "my-pull" not in profile_catalog(CATALOG, other)[0].routines
    assert not delete_user_routine(other, "my-pull")
    assert delete_user_routine(store, "my-pull")
    assert load_user_routines(store, CATALOG.exercises).routines == {}


def test_a_routine_whose_exercise_is_gone_is_reported_not_crashed_on(store):
    save_user_routine(store, parse_routine(MY_PULL, CATALOG.exercises, shipped=False))
    # As if an upgrade of the shipped data dropped the row.
    exercises = {k: v for k, v in CATALOG.exercises.items() if k != "seated-cable-row"}
    loaded = load_user_routines(store, exercises)
    routine = loaded.routines["my-pull"]
    assert [i.exercise for i in routine.items] == ["lat-pulldown", "deadlift"]
    assert routine.items[0].superset is None  # its partner is gone: no superset of one
    assert "seated-cable-row no longer known" in loaded.problems[0]
    store.conn.execute("UPDATE user_routines SET items = 'not json'")
    store.conn.commit()
    assert "damaged" in load_user_routines(store, exercises).problems[0]


def test_custom_exercise_is_stored_listed_and_matched_by_import(store):
    exercise = make_custom_exercise("Rope pullover", region="lats", pattern="vertical_pull", mechanic="isolation",
                                    equipment="cable", measure="weight_reps", cues="Long arms; squeeze",
                                    exercises=CATALOG.exercises)
    save_custom_exercise(store, exercise)
    with pytest.raises(StorageError, match="already"):
        save_custom_exercise(store, exercise)
    assert load_custom_exercises(store)["rope-pullover"] == exercise
    assert store.conn.execute("SELECT source FROM exercises WHERE slug = 'rope-pullover'").fetchone()[0] == "custom"
    text = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
            "2026-01-02 10:00:00,Pull,Rope Pullover,1,30,10\n")
    summary = import_parsed(store, parse_import(text, tz=timezone.utc))
    assert summary.created == [] and summary.reused == {"Rope Pullover": "rope-pullover"}
    assert store.conn.execute("SELECT count(*) FROM exercises WHERE profile_id = 1").fetchone()[0] == 1


def test_items_are_stored_as_routine_file_keys(store):
    save_user_routine(store, parse_routine(MY_PULL, CATALOG.exercises, shipped=False))
    items = json.loads(store.conn.execute("SELECT items FROM user_routines").fetchone()[0])
    assert items[0] == {"exercise": "lat-pulldown", "superset": "A"}
