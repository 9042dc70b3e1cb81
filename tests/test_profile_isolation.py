"""One lifter's data never reaches another's: every SQL statement run while a second
profile uses every feature (storage, the command line, the app) is recorded, and each
one that touches a lifter's tables must be bound to that profile; then the first
lifter's data is checked untouched and absent from the second's outputs."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

import backtui.storage.db as db_module
from backtui.app import make_app
from backtui.cli import main
from backtui.domain.catalog import load_catalog, parse_routine
from backtui.domain.custom_exercises import make_custom_exercise
from backtui.domain.entry import parse_entry
from backtui.domain.importers import parse_import
from backtui.storage.backups import WHOLE_FILE
from backtui.storage.db import open_database
from backtui.storage.profiles import add_profile
from backtui.storage.store import Store

CATALOG = load_catalog()
SECRET = "ALICE-ONLY"  # in every note, name and value of the first lifter's data
# exercise_sessions and rep_bests: the per-session summaries issue 7 adds (m004).
PROTECTED = re.compile(r"\b(sets|workouts|settings|body_weights|user_routines|exercises|exercise_sessions|rep_bests)\b",
                       re.IGNORECASE)
ROUTINE = """\
slug = "{slug}"
name = "{name}"

[[item]]
exercise = "lat-pulldown"
superset = "A"

[[item]]
exercise = "seated-cable-row"
superset = "A"
"""
CSV = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes\n"
       "2026-10-02 10:00:00,Pull,Deadlift,1,100,5,{note}\n"
       "2026-10-02 10:00:00,Pull,{lift},1,30,10,{note}\n")


def seed_first_lifter(db_path: Path) -> None:
    """The default lifter, with something of every kind, all marked SECRET."""
    from backtui.storage.exercises import save_custom_exercise
    from backtui.storage.importing import import_parsed
    from backtui.storage.routines import save_user_routine
    from backtui.storage.settings_store import record_bodyweight

    store = Store(open_database(db_path), CATALOG)
    workout = store.start_workout("essential-back", "Essential", at="2026-11-18T10:00:00.000000+00:00")
    store.log_sets(workout.id, "deadlift", parse_entry(f"140x5 # {SECRET}", "weight_reps"),
                   at="2026-11-18T10:05:00.000000+00:00")
    store.finish_workout(workout.id, at="2026-11-18T11:00:00.000000+00:00", note=SECRET)
    store.start_workout("essential-back", "Essential", at="2026-11-19T10:00:00.000000+00:00")  # left open
    store.set_setting("unit", "lb")
    store.set_setting("routine_order", [SECRET])
    record_bodyweight(store, 99.5)
    save_custom_exercise(store, make_custom_exercise(
        f"{SECRET} lift", region="lats", pattern="other", mechanic="compound", equipment="other",
        measure="weight_reps", exercises=CATALOG.exercises))
    save_user_routine(store, parse_routine(ROUTINE.format(slug="alice-pull", name=SECRET), CATALOG.exercises,
                                           shipped=False))
    import_parsed(store, parse_import(CSV.format(note=SECRET, lift="Zercher Carry"), tz=timezone.utc))
    add_profile(store.conn, "Bob")
    store.db.close()


def snapshot(db_path: Path, profile_id: int) -> dict:
    conn = sqlite3.connect(db_path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} WHERE profile_id = ? ORDER BY 1, 2",
                                    [profile_id]).fetchall()
                for table in ("workouts", "sets", "settings", "body_weights", "user_routines", "exercises")}
    finally:
        conn.close()


def problems_in(statements: list[str], profile_id: int) -> list[str]:
    """Statements on a lifter's tables that are not bound to `profile_id`."""
    bad = []
    for sql in statements:
        flat = " ".join(sql.split())
        if not PROTECTED.search(flat) or flat.startswith("PRAGMA table_info("):
            continue  # (sqlite-utils reads a table's columns before an upsert: schema, no rows)
        ids = {int(n) for n in re.findall(r"profile_id\s*=\s*(\d+)", flat)}
        # Hand-written, or from sqlite-utils' table API (names in double quotes).
        insert = re.match(r'INSERT INTO "?\w+"? \(([^)]*)\) VALUES \((.*)\)', flat, re.IGNORECASE)
        if insert:
            columns = [c.strip().strip('"') for c in insert[1].split(",")]
            values = [v.strip() for v in re.findall(r"'(?:[^']|'')*'|[^,]+", insert[2])]
            if "profile_id" in columns:
                ids.add(int(values[columns.index("profile_id")]))
        if ids == {profile_id}:
            continue
        # The one statement allowed without a profile: mirroring the shipped catalog
        # (rows with no profile), which only runs when the shipped data changed.
        if re.match(r"INSERT INTO exercises \(slug, .*'catalog'\) ON CONFLICT", flat):
            continue
        # Backups copy the whole file: their reads say so and decide only whether and how
        # many copies to keep (storage/backups.py, WHOLE_FILE).
        if flat.startswith(f"{WHOLE_FILE}SELECT "):
            continue
        bad.append(flat[:300])
    return bad


@pytest.fixture
def traced(db_path, monkeypatch):
    seed_first_lifter(db_path)
    statements: list[str] = []
    real_connect = db_module._connect

    def connect(path):
        db = real_connect(path)
        db.conn.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(db_module, "_connect", connect)
    return statements


def use_storage_as_bob(db_path: Path) -> None:
    from backtui.core import coach, lifecycle
    from backtui.domain.history import HistoryFilter
    from backtui.storage import exports, history
    from backtui.storage.bests import bests_for
    from backtui.storage.exercises import load_custom_exercises, save_custom_exercise
    from backtui.storage.importing import import_parsed
    from backtui.storage.routines import delete_user_routine, profile_catalog, save_user_routine
    from backtui.storage.settings_store import (
        bodyweight_history,
        bodyweight_on,
        load_settings,
        record_bodyweight,
        set_from_text,
    )
    from backtui.storage.workouts import SqliteWorkouts

    store = Store(open_database(db_path), CATALOG, 2)
    workout = store.start_workout("essential-back", "Essential", [{"exercise": "deadlift"}])
    logged = store.log_sets(workout.id, "deadlift", parse_entry("100x5 90x5", "weight_reps"))
    store.update_set(logged[0].id, parse_entry("102.5x5", "weight_reps")[0])
    store.delete_set(logged[0].id)
    store.restore_set(logged[0])
    store.save_plan(workout.id, [{"exercise": "deadlift"}], 0)
    store.recent_sessions("deadlift", workout.id)
    store.exercise_last_done(["deadlift", "zercher-carry"])
    store.routine_last_done()
    store.unfinished_workout()
    bests_for(store, "deadlift", exclude_ids=[logged[1].id])
    storage = SqliteWorkouts(store)
    coach.suggest(storage, CATALOG, CATALOG.exercise("deadlift"), storage.settings(), workout_id=workout.id)
    lifecycle.suggest_today(storage, CATALOG, CATALOG.exercise("deadlift"), day_start="2026-01-01",
                            day_end="2030-01-01")
    assert isinstance(lifecycle.open_workout(storage, CATALOG), lifecycle.OpenWorkout)
    store.finish_workout(workout.id)
    lifecycle.log_to_day(storage, CATALOG.exercise("barbell-row"), parse_entry("60x8", "weight_reps"),
                         day_start="2026-11-20T00:00:00+00:00", day_end="2026-11-21T00:00:00+00:00",
                         at="2026-11-20T10:00:00.000000+00:00", routine=None)
    lifecycle.finish_as_it_is(storage, storage.unfinished_workout().id)
    # Every command of the live workout, as the tracker sends them.
    begun = lifecycle.start(storage, CATALOG, CATALOG.routines["essential-back"])
    live = begun.live
    live.poll()
    for command in (lambda: live.log_line("12"), lambda: live.toggle_straps(), lambda: live.nudge(1),
                    lambda: live.step(1), lambda: live.log_line(""), lambda: live.queue_warmups("100x5"),
                    lambda: live.undo_last(), lambda: live.skip(), lambda: live.reorder(0, 1),
                    lambda: live.add("deadlift", CATALOG), lambda: live.log_line("100x5x2")):
        command()
    live.toggle_form(live.sets[-1].id)
    live.begin_edit(live.sets[-1].id)
    live.log_line("105x5")
    live.delete(live.sets[-1].id)
    live.undo_last()
    lifecycle.finish_view(live)
    lifecycle.finish(live, "bob's note")
    assert lifecycle.resume(storage, CATALOG, live.workout.id) is None
    lifecycle.finish_as_it_is(storage, lifecycle.start(storage, CATALOG, None, []).live.workout.id)
    empty = store.start_workout()
    store.discard_workout(empty.id)
    load_settings(store)
    set_from_text(store, "unit", "kg")
    record_bodyweight(store, 80)
    bodyweight_on(store, "2026-11-20")
    bodyweight_history(store)
    flt = HistoryFilter(since=date(2026, 1, 1), until=date(2026, 12, 31), routine="essential-back")
    summaries = history.workout_summaries(store, flt)
    history.workout_summaries(store, HistoryFilter(exercise="deadlift"))
    history.sets_of_workouts(store, [w.id for w in summaries])
    history.routines_done(store)
    history.exercise_history(store, "deadlift", flt)
    history.heaviest_kg(store, "deadlift", straps=False)
    history.weekly_rows(store, [date(2026, 11, 16)])
    history.training_days(store, date(2026, 11, 1), date(2026, 11, 30))
    history.exercises_done(store)
    list(exports.export_rows(store))
    import_parsed(store, parse_import(CSV.format(note="bob", lift="Zercher Carry"), tz=timezone.utc))
    save_custom_exercise(store, make_custom_exercise(
        "Bob lift", region="lats", pattern="other", mechanic="compound", equipment="other",
        measure="weight_reps", exercises=profile_catalog(CATALOG, store)[0].exercises))
    load_custom_exercises(store)
    save_user_routine(store, parse_routine(ROUTINE.format(slug="bob-pull", name="Bob pull"), CATALOG.exercises,
                                           shipped=False))
    catalog, _ = profile_catalog(CATALOG, store)
    assert "alice-pull" not in catalog.routines and "bob-pull" in catalog.routines
    assert not any(SECRET in e.name for e in catalog.exercises.values())
    delete_user_routine(store, "bob-pull")
    store.db.close()


def use_cli_as_bob(db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()

    def bob(*args: str, input: str | None = None) -> str:
        result = runner.invoke(main, [*args, "--db", str(db_path), "--profile", "Bob"], input=input,
                               catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        assert SECRET not in result.output, args
        return result.output

    bob("log", "deadlift", "100x5", "--at", "2026-11-18T18:30")
    bob("log", "zercher carry", "40x8")
    bob("export")
    bob("export", "--format", "csv")
    bob("history", "--json")
    bob("history", "--exercise", "deadlift", "--json")
    bob("history", "--routine", "essential-back")
    bob("suggest", "deadlift", "--json")
    bob("config", "set", "bodyweight", "81")
    bob("config", "list", "--json")
    bob("config", "get", "unit")
    bob("plates", "100")
    bob("exercises", "--json")
    bob("routines", "--json")
    bob("import", "-", input=CSV.format(note="bob again", lift="Jefferson Curl"))
    undone = bob("import", "-", input=CSV.format(note="bob undone", lift="Seal Row"))
    bob("import", "--list")
    bob("import", "--undo", re.search(r"import (\d+)", undone)[1])
    routine_file = tmp_path / "bob.toml"
    routine_file.write_text(ROUTINE.format(slug="bob-file", name="Bob file"))
    bob("routines", "import", str(routine_file))
    bob("routines", "export", "bob-file")


async def use_app_as_bob(db_path: Path) -> None:
    app = make_app(db_path, routine="essential-back", profile="Bob")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(60):
            await pilot.pause()
            if type(app.screen).__name__ == "ResumeScreen":
                await pilot.press("f")  # Bob's `log` left a workout open: finish it, start this one
            if type(app.screen).__name__ == "TrackerScreen" and app.screen.view is not None:
                break
        tracker = app.screen
        tracker.go_to(next(i for i, s in enumerate(tracker.view.slots) if CATALOG.exercise(s.exercise).measure == "weight_reps"))
        await pilot.press(*"100x5", "enter", *"105x5", "enter")
        await pilot.press("tab", "d", "escape")  # delete a set from today's list
        await pilot.press("ctrl+z")  # and bring it back
        await pilot.press("f2")  # history on the exercise
        for _ in range(5):
            await pilot.pause()
        for tab in "12345":
            await pilot.press(tab)
            await pilot.pause()
        await pilot.press("escape", "f3")  # settings
        await pilot.pause()
        await pilot.press("escape", "ctrl+f")
        await pilot.pause()
        await pilot.press("enter")  # save the workout: back on the picker
        for _ in range(10):
            await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen", app.screen
        assert SECRET not in str(app.screen.query_one("#routines").render_lines)  # no Alice routine row
        assert "alice-pull" not in app.catalog.routines
        await pilot.press("n", *"Bob app", "enter", "enter", "a", *"dead", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        for _ in range(5):
            await pilot.pause()
        assert "bob-app" in app.catalog.routines


async def test_every_statement_of_a_second_lifter_is_bound_to_them(traced, db_path, tmp_path):
    before = snapshot(db_path, 1)
    use_storage_as_bob(db_path)
    use_cli_as_bob(db_path, tmp_path)
    await use_app_as_bob(db_path)
    assert len(traced) > 300  # the recording works and covered a lot
    assert problems_in(traced, 2) == []
    assert snapshot(db_path, 1) == before  # nothing of the first lifter's changed
    bob = snapshot(db_path, 2)
    assert bob["sets"] and bob["user_routines"] and bob["exercises"] and bob["settings"]
    assert SECRET not in json.dumps(bob, default=str)


def test_the_audit_catches_a_query_that_forgets_the_profile():
    assert problems_in(["SELECT count(*) FROM sets WHERE exercise_id = 3"], 2)
    assert problems_in(["SELECT * FROM workouts WHERE profile_id = 1"], 2)
    assert problems_in(["INSERT INTO settings (profile_id, key, value) VALUES (1, 'unit', '\"kg\"')"], 2)
    assert not problems_in(["INSERT INTO settings (profile_id, key, value) VALUES (2, 'unit', '\"kg\"')"], 2)
    assert not problems_in(["SELECT id, slug FROM exercises WHERE profile_id IS NULL OR profile_id = 2"], 2)
    assert not problems_in(["SELECT name FROM profiles", "BEGIN IMMEDIATE"], 2)
