"""Correcting a past workout in History (issue 13): each field, undo and redo, and
the records following at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlrows import rows
from tui_wait import open_history, settle, text_of, type_line

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.screens.workout_detail import WorkoutDetailScreen
from backtui.storage.db import open_database
from backtui.storage.store import Store

TOP = "SELECT top_kg FROM exercise_sessions ORDER BY first_at"


@pytest.fixture
def seeded(db_path: Path) -> Path:
    store = Store(open_database(db_path), load_catalog())
    workout = store.start_workout("essential-back", "Essential back strength", at="2026-11-18T18:00:00+00:00")
    store.log_sets(workout.id, "barbell-row", parse_entry("60x8 60x8 62.5x6"), at="2026-11-18T18:10:00+00:00")
    store.finish_workout(workout.id, at="2026-11-18T19:00:00+00:00")
    store.db.close()
    return db_path


async def _keys(pilot, app, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot.pause)
        await pilot.pause()


async def _prompt(pilot, app, text: str) -> None:
    await pilot.press("ctrl+u")
    await type_line(pilot, text)
    await _keys(pilot, app, "enter")


async def _detail(pilot, app) -> WorkoutDetailScreen:
    await open_history(pilot, app)
    await _keys(pilot, app, "enter")
    assert isinstance(app.screen, WorkoutDetailScreen)
    return app.screen


async def test_edit_a_set_and_the_records_follow_then_undo_and_redo(seeded: Path):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await _detail(pilot, app)
        await _keys(pilot, app, "down", "down", "e")  # set 3, 62.5x6
        await _prompt(pilot, app, "65x6")
        assert [r[3] for r in rows(seeded)] == [60.0, 60.0, 65.0]
        assert rows(seeded, TOP) == [(65.0,)]  # the heaviest on record follows at once
        assert "62.5x6 -> 65x6" in text_of(detail, "#detail-status")
        assert "65x6" in text_of(detail, "#workout-sets")
        await _keys(pilot, app, "u")
        assert rows(seeded, TOP) == [(62.5,)] and "undone" in text_of(detail, "#detail-status")
        await _keys(pilot, app, "ctrl+y")
        assert rows(seeded, TOP) == [(65.0,)] and "redone" in text_of(detail, "#detail-status")
        await _keys(pilot, app, "escape")  # History reloads: the workout list shows the change
        assert type(app.screen).__name__ == "HistoryScreen"


async def test_a_typo_asks_before_it_is_saved(seeded: Path):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _detail(pilot, app)
        await _keys(pilot, app, "e")
        await _prompt(pilot, app, "1000x1")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await _keys(pilot, app, "n")
        assert [r[3] for r in rows(seeded)] == [60.0, 60.0, 62.5]
        await _keys(pilot, app, "e")
        await _prompt(pilot, app, "1000x1")
        await _keys(pilot, app, "y")
        assert [r[3] for r in rows(seeded)] == [1000.0, 60.0, 62.5]


async def test_add_and_delete_sets(seeded: Path):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await _detail(pilot, app)
        await _keys(pilot, app, "a")
        await _prompt(pilot, app, "50x10")
        assert [r[1:5] for r in rows(seeded)][-1] == (4, "working", 50.0, 10)
        await _keys(pilot, app, "d")  # the first set
        assert [r[1] for r in rows(seeded)] == [1, 2, 3]
        assert "deleted Bent-over barbell row set 1" in text_of(detail, "#detail-status")
        await _keys(pilot, app, "u", "u")
        assert [r[1] for r in rows(seeded)] == [1, 2, 3]
        assert [r[3] for r in rows(seeded)] == [60.0, 60.0, 62.5]


async def test_date_name_and_note(seeded: Path):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await _detail(pilot, app)
        await _keys(pilot, app, "t")
        await _prompt(pilot, app, "2026-11-17 07:30")
        started, = rows(seeded, "SELECT started_at FROM workouts")[0]
        assert started.startswith("2026-11-17T07:30")
        assert all(at.startswith("2026-11-17T07:40") for (at,) in rows(seeded, "SELECT logged_at FROM sets"))
        await _keys(pilot, app, "n")
        await _prompt(pilot, app, "Pull [b]day")
        await _keys(pilot, app, "o")
        await _prompt(pilot, app, "felt strong")
        assert rows(seeded, "SELECT routine_name, note FROM workouts") == [("Pull [b]day", "felt strong")]
        assert "Pull [b]day" in text_of(detail, "#workout-sets")  # shown as typed
        await _keys(pilot, app, "u", "u", "u")
        assert rows(seeded, "SELECT routine_name, note, substr(started_at, 1, 16) FROM workouts") == [
            ("Essential back strength", "", "2026-11-18T18:00")]


async def test_delete_the_workout_by_typing_its_date_and_undo(seeded: Path):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await _detail(pilot, app)
        await _keys(pilot, app, "D")
        assert type(app.screen).__name__ == "TypedConfirmScreen"
        await type_line(pilot, "2026-11-19")
        await _keys(pilot, app, "enter")  # the wrong date keeps it
        assert type(app.screen).__name__ == "TypedConfirmScreen"
        await _keys(pilot, app, "ctrl+u")
        await type_line(pilot, "2026-11-18")
        await _keys(pilot, app, "enter")
        assert rows(seeded, "SELECT count(*) FROM workouts") == [(0,)] and rows(seeded) == []
        assert rows(seeded, TOP) == []
        assert "deleted workout" in text_of(detail, "#detail-status")
        await _keys(pilot, app, "u")
        assert rows(seeded, "SELECT count(*) FROM workouts") == [(1,)] and len(rows(seeded)) == 3
        assert rows(seeded, TOP) == [(62.5,)]
