"""Writing imports: one transaction, idempotent, custom exercises visible to the store."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

import pytest

from backtui.domain.importers import ImportedSet, ImportedWorkout, ParsedImport, parse_import
from backtui.storage.errors import StorageError
from backtui.storage.importing import import_parsed, load_custom_exercises

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def counts(store) -> tuple[int, int, int]:
    one = store.conn.execute
    return (
        one("SELECT count(*) FROM workouts").fetchone()[0],
        one("SELECT count(*) FROM sets").fetchone()[0],
        one("SELECT count(*) FROM exercises WHERE profile_id IS NOT NULL").fetchone()[0],
    )


def parsed_fixture(name: str, **kwargs):
    return parse_import((FIXTURES / name).read_bytes(), tz=timezone.utc, **kwargs)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.csv") if "broken" not in p.name))
def test_every_fixture_imports_once_and_only_once(store, name):
    parsed = parsed_fixture(name)
    first = import_parsed(store, parsed)
    assert first.workouts == len(parsed.workouts) and first.sets == parsed.set_count
    after_first = counts(store)
    assert after_first[1] == parsed.set_count
    second = import_parsed(store, parsed_fixture(name))
    assert (second.workouts, second.sets, second.created) == (0, 0, [])
    assert second.workouts_existing == len(parsed.workouts)
    assert counts(store) == after_first


def test_imported_sets_are_stored_as_the_app_stores_them(store):
    import_parsed(store, parsed_fixture("strong_comma.csv"))
    rows = {(r[0], r[1]): r[2:] for r in store.conn.execute(
        "SELECT exercise, set_number, kind, weight_kg, reps, seconds, note, unit FROM set_details")}
    assert rows[("assisted-pull-up", 1)] == ("warmup", -40.0, 10, None, "", "kg")  # assistance is negative
    assert rows[("assisted-pull-up", 3)] == ("failure", -30.0, 6, None, "", "kg")
    assert rows[("seated-cable-row", 2)][1] == 150.0
    assert rows[("plank", 1)][:4] == ("working", None, None, 75)
    workouts = store.conn.execute(
        "SELECT routine_name, ended_at IS NOT NULL, source, import_key FROM workouts ORDER BY started_at").fetchall()
    assert all(finished for _, finished, _, _ in workouts)  # never offered as an unfinished workout
    assert workouts[0][2] == "import:strong" and workouts[0][3].startswith("strong|2021-07-08 18:09:30|")
    assert store.unfinished_workout() is None


def test_chin_up_assisted_is_assistance_on_the_chin_up(store):
    import_parsed(store, parsed_fixture("hevy_kg.csv"))
    row = store.conn.execute("SELECT weight_kg, reps, rpe FROM set_details WHERE exercise = 'chin-up'").fetchone()
    assert row == (-20.0, 8, 8.5)


def test_custom_exercises_are_rows_the_store_can_use(store):
    summary = import_parsed(store, parsed_fixture("strong_quoted_lbs.csv"))
    created = {e.slug for e in summary.created}
    assert {"bench-press-barbell", "push-up", "running"} <= created
    customs = load_custom_exercises(store)
    assert customs["bench-press-barbell"].measure == "weight_reps" and customs["bench-press-barbell"].custom
    assert customs["push-up"].measure == "bodyweight_reps"
    assert customs["running"].measure == "seconds"
    source = store.conn.execute("SELECT DISTINCT source, profile_id FROM exercises WHERE profile_id IS NOT NULL")
    assert source.fetchall() == [("import", 1)]
    workout = store.start_workout()
    logged = store.log_sets(workout.id, "bench-press-barbell", [])
    assert logged == [] and store.exercise_id("bench-press-barbell") > 0
    assert store.last_session_sets("bench-press-barbell")[-1].weight_kg == pytest.approx(83.914588)


def test_a_second_file_reuses_custom_exercises(store):
    import_parsed(store, parsed_fixture("strong_comma.csv"))
    text = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Seconds\n"
            "2026-01-02 10:00:00,Core,PLANK,1,,,60\n")
    summary = import_parsed(store, parse_import(text, tz=timezone.utc))
    assert summary.reused == {"PLANK": "plank"} and summary.created == []
    assert counts(store)[2] == 2  # still only plank and the Kroc row


@pytest.mark.parametrize(("name", "row", "slug"), [
    ("Superman", "1,,15,", "superman"),
    ("Supermans", "1,,12,", "superman"),
    ("Superman (Bodyweight)", "1,,10,", "superman"),
    ("Supermans", "1,,,30", "superman-hold"),
    ("Superman", "1,,,45", "superman-hold"),
    ("Superman Hold", "1,,,20", "superman-hold"),
])
def test_supermans_go_to_the_raise_in_reps_and_to_the_hold_for_time(store, name, row, slug):
    text = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Seconds\n"
            f"2026-01-02 10:00:00,Core,{name},{row}\n")
    summary = import_parsed(store, parse_import(text, tz=timezone.utc))
    assert summary.created == [] and summary.matched == {name: slug}


def test_dry_run_writes_nothing(store):
    before = counts(store)
    summary = import_parsed(store, parsed_fixture("hevy_kg.csv"), dry_run=True)
    assert summary.dry_run and summary.workouts == 2 and summary.sets == 8 and len(summary.created) == 2
    assert counts(store) == before


def test_a_failure_half_way_through_the_writes_leaves_the_database_as_it_was(store):
    import_parsed(store, parsed_fixture("fitnotes_2017.csv"))
    before = counts(store)
    good = ImportedWorkout(key="t|1", started_at="2026-01-01T10:00:00.000000+00:00",
                           ended_at="2026-01-01T11:00:00.000000+00:00", line=2,
                           sets=[ImportedSet(exercise="Brand New Lift", line=2, weight_kg=50.0, reps=5)])
    bad = ImportedWorkout(key="t|2", started_at="2026-01-02T10:00:00.000000+00:00",
                          ended_at="2026-01-02T11:00:00.000000+00:00", line=3,
                          sets=[ImportedSet(exercise="Deadlift", line=3, kind="nonsense", weight_kg=50.0, reps=5)])
    parsed = ParsedImport(source="strong", layout="test", workouts=[good, bad], rows=2)
    with pytest.raises(StorageError):
        import_parsed(store, parsed)
    assert counts(store) == before
    assert "brand-new-lift" not in load_custom_exercises(store)


def test_a_workout_already_logged_in_the_app_is_not_imported_again(store):
    workout = store.start_workout(routine_name="Pull", at="2024-08-31T17:27:50.123456+00:00")
    store.finish_workout(workout.id)
    summary = import_parsed(store, parsed_fixture("strong_quoted_lbs.csv"))
    assert (summary.workouts, summary.workouts_existing) == (1, 1)


def test_profiles_are_kept_apart(store):
    from backtui.storage.store import Store

    store.db.execute("INSERT INTO profiles (id, name, created_at) VALUES (2, 'other', 'x')")
    store.conn.commit()
    other = Store(store.db, store.catalog, profile_id=2)
    import_parsed(store, parsed_fixture("strong_comma.csv"))
    summary = import_parsed(other, parsed_fixture("strong_comma.csv"))
    assert summary.workouts == 3 and len(summary.created) == 2  # its own custom exercises
    assert set(load_custom_exercises(other)) == set(load_custom_exercises(store))
    assert store.conn.execute("SELECT count(*) FROM exercises WHERE profile_id = 2").fetchone()[0] == 2


def test_strong_weight_on_a_reps_only_move_is_body_weight(store):
    text = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
            "2026-01-02 10:00:00,Pull,Pull Up,1,65.181223569,8\n"
            "2026-01-02 10:00:00,Pull,Pull Up (Weighted),1,10,5\n"
            "2026-01-02 10:00:00,Pull,Chin Up,1,,8\n")
    import_parsed(store, parse_import(text, tz=timezone.utc))
    rows = store.conn.execute("SELECT weight_kg, reps, bodyweight_kg FROM sets ORDER BY id").fetchall()
    assert rows == [(0.0, 8, 65.181224), (10.0, 5, None), (0.0, 8, None)]
