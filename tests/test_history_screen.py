"""The history screen driven by keys through Textual's Pilot."""

from __future__ import annotations

import pendulum
import pytest
from textual.widgets import DataTable, Input, Static, TabbedContent
from tui_wait import open_history

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.screens.workout_detail import WorkoutDetailScreen
from backtui.storage.db import open_database
from backtui.storage.store import Store

NOW = pendulum.datetime(2026, 11, 20, 18)


def at(text: str) -> str:
    return pendulum.parse(text).in_tz("UTC").isoformat(timespec="microseconds")


@pytest.fixture
def seeded_db(db_path):
    db = open_database(db_path)
    store = Store(db, load_catalog())
    w1 = store.start_workout("essential-back", "Essential back strength", at=at("2026-11-02T10:00"))
    for entry, when in (("w 60x5", "10:05"), ("100x5", "10:10"), ("110x3 s # grip [slipped]", "10:15")):
        store.log_sets(w1.id, "deadlift", parse_entry(entry, "weight_reps"), at=at(f"2026-11-02T{when}"))
    store.log_sets(w1.id, "pull-up", parse_entry("8 6", "bodyweight_reps"), at=at("2026-11-02T10:30"))
    store.finish_workout(w1.id, at=at("2026-11-02T11:00"))
    w2 = store.start_workout("lower-back-focus", "Lower back focus", at=at("2026-11-18T09:00"))
    store.log_sets(w2.id, "deadlift", parse_entry("120x1", "weight_reps"), at=at("2026-11-18T09:10"))
    store.log_sets(w2.id, "barbell-row", parse_entry("60x8 60x8", "weight_reps"), at=at("2026-11-18T09:20"))
    store.finish_workout(w2.id, at=at("2026-11-18T09:52"))
    db.close()
    return db_path


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_workouts_newest_first_and_enter_opens_one(seeded_db):
    app = make_app(seeded_db)
    with pendulum.travel_to(NOW, freeze=True):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, app)
            table = screen.query_one("#workout-table", DataTable)
            rows = table_rows(table)
            assert rows[0][:2] == ["Wed 18 Nov, 2 days ago", "Lower back focus"]
            assert rows[0][2] == "52 min" and rows[0][3] == "3"
            assert rows[1][0] == "Mon 2 Nov, 2 wk ago" and rows[1][4] == "830 kg"
            # Nothing important is cut off at 80 columns: the table needs no sideways scroll.
            assert table.virtual_size.width <= table.size.width
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, WorkoutDetailScreen)
            text = str(app.screen.query_one("#workout-sets", Static).render())
            assert "Deadlift" in text and "Pull-up" in text
            assert "110x3 straps" in text and "grip [slipped]" in text  # user text shown as typed
            assert text.index("Deadlift") < text.index("Pull-up")
            await pilot.press("escape")
            assert app.screen is screen


async def test_exercise_tab_chart_sessions_and_records(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, app, exercise="deadlift")
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "exercise"
        sessions = table_rows(screen.query_one("#sessions", DataTable))
        assert sessions[0][:3] == ["2026-11-18", "120 x 1", "120 kg"]
        assert sessions[1][:4] == ["2026-11-02", "110 x 3", "121 kg", "830 kg"]
        records = str(screen.query_one("#records", Static).render())
        assert "Heaviest     120 kg" in records and "Best e1RM    121 kg (est. ±5%)" in records
        assert "Most volume  830 kg" in records
        chart = screen.query_one("#chart")
        assert "e1RM (estimate)" in chart.render().plain


async def test_pick_exercise_by_fuzzy_search(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app, exercise="deadlift")
        await pilot.press("e")
        await pilot.pause()
        search = app.screen.query_one(Input)
        await pilot.press(*"bent-over")
        assert search.value == "bent-over"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.exercise == "barbell-row"
        assert screen.query_one(TabbedContent).active == "exercise"
        assert table_rows(screen.query_one("#sessions", DataTable))[0][1] == "60 x 8"
        # The workout list now holds only workouts with that exercise.
        await pilot.press("1")
        await pilot.pause()
        assert len(table_rows(screen.query_one("#workout-table", DataTable))) == 1


async def test_routine_and_date_filters_then_clear(seeded_db):
    app = make_app(seeded_db)
    with pendulum.travel_to(NOW, freeze=True):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, app)
            table = screen.query_one("#workout-table", DataTable)
            await pilot.press("r")
            await pilot.pause()
            await pilot.press(*"essential", "enter")
            await pilot.pause()
            assert [r[1] for r in table_rows(table)] == ["Essential back strength"]
            assert "Essential back strength" in str(screen.query_one("#filters").render())
            await pilot.press("x")
            await pilot.pause()
            assert table.row_count == 2
            await pilot.press("d")
            await pilot.pause()
            await pilot.press(*"nonsense", "enter", "enter")
            await pilot.pause()
            assert "is not a date" in str(app.screen.query_one("#dates-error").render())
            app.screen.query_one("#since", Input).value = "2026-11-10"
            app.screen.query_one("#until", Input).focus()
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
            assert [r[1] for r in table_rows(table)] == ["Lower back focus"]
            await pilot.press("escape")
            assert app.screen is not screen


async def test_straps_balance_and_calendar_tabs(seeded_db):
    app = make_app(seeded_db)
    with pendulum.travel_to(NOW, freeze=True):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, app, exercise="deadlift")
            await pilot.press("3")
            await pilot.pause()
            summary = str(screen.query_one("#strap-summary", Static).render())
            assert "heaviest without straps 120 kg" in summary
            weeks = table_rows(screen.query_one("#strap-weeks", DataTable))
            assert len(weeks) == 12 and weeks[2][:3] == ["02 Nov 2026", "2", "1"]
            await pilot.press("4")
            await pilot.pause()
            assert "Too few pulling sets" in str(screen.query_one("#drift", Static).render())
            balance = table_rows(screen.query_one("#balance-weeks", DataTable))
            assert balance[0][0] == "16 Nov" and balance[0][2] == "2 · 960"
            await pilot.press("5")
            await pilot.pause()
            assert str(screen.query_one("#consistency", Static).render()).startswith("2 training days")


async def test_palette_commands_are_offered(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        commands = screen.palette_commands()
        titles = [title for title, _, _ in commands]
        assert "History: balance tab" in titles and "History: pick exercise" in titles
        dict((t, c) for t, _, c in commands)["History: balance tab"]()
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "balance"
