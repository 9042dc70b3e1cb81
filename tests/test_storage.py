"""Opening, refusing and writing the database file."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database, resolve_db_path
from backtui.storage.errors import StorageError
from backtui.storage.schema import migrations
from backtui.storage.store import Store
from backtui.storage.version import APPLICATION_ID, SCHEMA_VERSION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_and_durable(tmp_path: Path):
    path = tmp_path / "a" / "b" / "backtui.db"
    db = open_database(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert oct((tmp_path / "a").stat().st_mode & 0o777) == "0o700"
    conn = db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_existing_folder_permissions_are_left_alone(tmp_path: Path):
    tmp_path.chmod(0o755)
    open_database(tmp_path / "x.db")
    assert oct(tmp_path.stat().st_mode & 0o777) == "0o755"


def test_schema_version_counts_the_migrations(db_path: Path):
    db = open_database(db_path)
    assert SCHEMA_VERSION == len(migrations.applied(db))
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert migrations.pending(db) == []


def test_tables_are_declared(db_path: Path):
    db = open_database(db_path)
    names = set(db.table_names())
    assert {"profiles", "settings", "exercises", "workouts", "sets", "body_weights", "user_routines"} <= names
    columns = set(db["sets"].columns_dict)
    assert {"workout_id", "exercise_id", "set_number", "kind", "weight_kg", "reps", "seconds", "straps",
            "rpe", "note", "logged_at"} <= columns
    assert set(db.view_names()) >= {"set_details", "weekly_volume"}


def test_reopening_is_idempotent(db_path: Path):
    open_database(db_path).close()
    before = open_database(db_path)
    assert before.conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 1


def test_not_sqlite_is_refused_unchanged(db_path: Path):
    db_path.write_text("hello, this is a shopping list\n")
    before = digest(db_path)
    with pytest.raises(StorageError, match="not a backtui database"):
        open_database(db_path)
    assert digest(db_path) == before


def test_other_apps_sqlite_is_refused_unchanged(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(StorageError, match="not a backtui database"):
        open_database(db_path)
    assert digest(db_path) == before


def test_newer_schema_is_refused_unchanged(db_path: Path):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(StorageError, match="newer backtui"):
        open_database(db_path)
    assert digest(db_path) == before


def test_truncated_file_is_refused_unchanged(db_path: Path, store: Store):
    workout = store.start_workout()
    store.log_sets(workout.id, "deadlift", parse_entry("100x5x5"))
    store.db.close()
    data = db_path.read_bytes()
    for extra in ("-wal", "-shm"):
        Path(f"{db_path}{extra}").unlink(missing_ok=True)
    db_path.write_bytes(data[: len(data) // 2])
    before = digest(db_path)
    with pytest.raises(StorageError, match="truncated|damaged"):
        open_database(db_path)
    assert digest(db_path) == before


def test_a_read_only_file_opens_view_only_and_stays_unchanged(db_path: Path):
    from backtui.domain.catalog import load_catalog
    from backtui.storage.store import Store

    open_database(db_path).close()
    db_path.chmod(0o400)
    before = digest(db_path)
    db = open_database(db_path)
    assert "read-only on disk" in db.conn.view_only
    store = Store(db, load_catalog())
    assert store.unfinished_workout() is None
    with pytest.raises(StorageError, match="read-only on disk: nothing was saved"):
        store.start_workout("essential-back", "Essential back strength")
    db.close()
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]  # no -wal or -shm left


def test_a_file_in_a_read_only_folder_opens_view_only(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    open_database(folder / "x.db").close()
    folder.chmod(0o500)
    try:
        db = open_database(folder / "x.db")
        assert "folder" in db.conn.view_only and "read-only" in db.conn.view_only
        db.close()
    finally:
        folder.chmod(0o700)


def test_folder_in_place_of_file_is_refused(tmp_path: Path):
    with pytest.raises(StorageError, match="not a regular file"):
        open_database(tmp_path)


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("BACKTUI_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(tmp_path / "flag.db") == tmp_path / "flag.db"
    monkeypatch.delenv("BACKTUI_DB")
    assert resolve_db_path(None).name == "backtui.db"
    assert "backtui" in str(resolve_db_path(None).parent)


def test_a_logged_set_is_visible_to_another_connection_at_once(db_path: Path, store: Store):
    workout = store.start_workout("essential-back", "Essential back strength")
    saved = store.log_sets(workout.id, "barbell-row", parse_entry("60x8 s @8 # felt strong"))
    other = sqlite3.connect(db_path)
    row = other.execute(
        "SELECT set_number, kind, weight_kg, reps, straps, rpe, note FROM sets WHERE id = ?", [saved[0].id]
    ).fetchone()
    assert row == (1, "working", 60.0, 8, 1, 8.0, "felt strong")
    assert not store.conn.in_transaction


def test_set_numbers_count_per_exercise(store: Store):
    workout = store.start_workout()
    store.log_sets(workout.id, "barbell-row", parse_entry("60x8x2"))
    store.log_sets(workout.id, "deadlift", parse_entry("100x5"))
    store.log_sets(workout.id, "barbell-row", parse_entry("60x7"))
    numbers = [(s.exercise, s.set_number) for s in store.workout_sets(workout.id)]
    assert numbers == [("barbell-row", 1), ("barbell-row", 2), ("deadlift", 1), ("barbell-row", 3)]


def test_delete_renumbers_and_restore_puts_it_back(store: Store):
    workout = store.start_workout()
    sets = store.log_sets(workout.id, "barbell-row", parse_entry("60x8x3"))
    store.delete_set(sets[0].id)
    assert [(s.id, s.set_number) for s in store.workout_sets(workout.id)] == [(2, 1), (3, 2)]
    store.restore_set(sets[0])
    assert [(s.id, s.set_number) for s in store.workout_sets(workout.id)] == [(1, 1), (2, 2), (3, 3)]


def test_a_restored_bodyweight_set_keeps_its_body_weight(store: Store):
    workout = store.start_workout()
    logged = store.log_sets(workout.id, "pull-up", parse_entry("+10x6", "bodyweight_reps"), bodyweight_kg=80.0)[0]
    store.delete_set(logged.id)
    assert store.restore_set(logged).bodyweight_kg == 80.0  # its e1RM and volume count as before


def test_update_set(store: Store):
    workout = store.start_workout()
    logged = store.log_sets(workout.id, "barbell-row", parse_entry("60x8"))[0]
    updated = store.update_set(logged.id, parse_entry("62.5x7 s")[0])
    assert (updated.weight_kg, updated.reps, updated.straps, updated.set_number) == (62.5, 7, True, 1)


def test_last_session_sets_skip_the_current_workout(store: Store):
    old = store.start_workout(at="2026-11-10T10:00:00.000000+00:00")
    store.log_sets(old.id, "barbell-row", parse_entry("60x10"), at="2026-11-10T10:05:00.000000+00:00")
    store.log_sets(old.id, "barbell-row", parse_entry("60x9 s"), at="2026-11-10T10:08:00.000000+00:00")
    today = store.start_workout()
    store.log_sets(today.id, "barbell-row", parse_entry("62.5x8"))
    last = store.last_session_sets("barbell-row", before_workout_id=today.id)
    assert [(s.weight_kg, s.reps, s.straps) for s in last] == [(60.0, 10, False), (60.0, 9, True)]


def test_unfinished_workout_until_finished(store: Store):
    workout = store.start_workout("essential-back", "Essential back strength", plan=[{"exercise": "deadlift"}])
    assert store.unfinished_workout().id == workout.id
    store.save_plan(workout.id, [{"exercise": "deadlift"}], 1)
    assert store.unfinished_workout().position == 1
    store.finish_workout(workout.id)
    assert store.unfinished_workout() is None


def test_bad_rows_are_refused_by_the_schema(store: Store):
    workout = store.start_workout()
    exercise_id = store.exercise_id("barbell-row")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, reps, logged_at) "
            "VALUES (1, ?, ?, 1, 0, 'x')",
            [workout.id, exercise_id],
        )
    store.conn.rollback()


def test_full_disk_is_a_storage_error_and_nothing_is_half_written(store: Store):
    workout = store.start_workout()
    store.log_sets(workout.id, "barbell-row", parse_entry("60x8"))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    long_note = "# " + "n" * 400
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(200):
            store.log_sets(workout.id, "barbell-row", parse_entry("60x8x20 " + long_note))
    count = store.conn.execute("SELECT count(*) FROM sets").fetchone()[0]
    assert (count - 1) % 20 == 0  # whole lines only


def test_settings_round_trip(store: Store):
    assert store.get_setting("unit", "kg") == "kg"
    store.set_setting("unit", "lb")
    assert store.get_setting("unit") == "lb"


def test_catalog_is_mirrored_once(db_path: Path):
    db = open_database(db_path)
    Store(db, load_catalog())
    count = db.conn.execute("SELECT count(*) FROM exercises").fetchone()[0]
    assert count == len(load_catalog().exercises)
    changes = db.conn.total_changes
    Store(db, load_catalog())
    assert db.conn.total_changes == changes  # unchanged catalog: no writes


def test_sql_stays_parameterised():
    sources = (Path(__file__).resolve().parent.parent / "backtui" / "storage").glob("*.py")
    for path in sources:
        text = path.read_text()
        assert ".format(" not in text, path.name
        assert "% (" not in text, path.name


def test_data_views_count_volume_as_the_app_does(store):
    """workout_summary and weekly_volume (for sqlite-utils and Datasette users) agree with
    the history: body weight counts on bodyweight moves, stretches are not working sets."""
    from backtui.domain.entry import parse_entry

    workout = store.start_workout(None, None, [], at="2026-11-18T10:00:00+00:00")
    store.log_sets(workout.id, "pull-up", parse_entry("+10x6", "bodyweight_reps"), bodyweight_kg=80.0,
                   at="2026-11-18T10:05:00+00:00")
    store.log_sets(workout.id, "cat-cow", parse_entry("30s", "seconds"), at="2026-11-18T10:10:00+00:00")
    store.finish_workout(workout.id, at="2026-11-18T11:00:00+00:00")
    summary = store.conn.execute("SELECT working_sets, volume_kg FROM workout_summary").fetchone()
    assert tuple(summary) == (2, 540.0)  # (80 + 10) x 6; the stretch is a set with no volume
    weekly = store.conn.execute("SELECT region, working_sets, volume_kg FROM weekly_volume").fetchall()
    assert [tuple(row) for row in weekly] == [("lats", 1, 540.0)]  # no lower-back row for the stretch


def test_peeking_at_a_database_whose_path_holds_url_characters(tmp_path: Path):
    """A '#' or '?' in the file name is part of the name, not of a URI (peek opened
    'we' instead and found no lifters)."""
    from backtui.storage.profiles import add_profile, peek_profiles

    path = tmp_path / "we#ek?1.db"
    db = open_database(path)
    add_profile(db.conn, "Sam")
    db.close()
    assert [p.name for p in peek_profiles(path)] == ["default", "Sam"]
    assert all(p.name.startswith(path.name) for p in tmp_path.iterdir())  # no stray 'we' beside it
