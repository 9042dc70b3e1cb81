"""From a phone (issue 17): every screen reachable without F-keys or PgDn, and picker,
tracker, History and Settings usable at 60x20, nothing cut off at the right."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import invoker
from textual.widgets import DataTable, Input
from textual.widgets._footer import FooterKey
from tui_wait import wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.widgets.training_calendar import TrainingCalendar

PHONE = (60, 20)


async def past_questions(pilot, app, name: str):
    """`name` on top, once an unfinished workout (left by `backtui log`) is finished as it is."""
    for _ in range(60):
        await pilot.pause()
        if type(app.screen).__name__ in ("ResumeScreen", "UnfinishedScreen"):
            await pilot.press("f")
        elif type(app.screen).__name__ == name and app.store is not None:
            break
    return await wait_for_screen(pilot, app, name)


def fits(table: DataTable) -> bool:
    """Every column within the table's width: no column hidden past the right edge."""
    return table.virtual_size.width <= table.scrollable_content_region.width


def footer_fits(screen) -> bool:
    keys = list(screen.query(FooterKey))
    return bool(keys) and all(key.region.right <= PHONE[0] for key in keys if key.region.width)


@pytest.fixture
def trained(db_path: Path) -> Path:
    run = invoker(db_path)
    for entry in (("deadlift", "225lbx5"), ("barbell-row", "60x8x3", "s", "@8"), ("barbell-row", "62.5x8", "s")):
        assert run("log", *entry).exit_code == 0
    return db_path


async def test_tracker_keys_from_a_phone(db_path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=PHONE) as pilot:
        screen = await wait_for_tracker(pilot, app)
        first = screen.view.index
        await pilot.press("ctrl+n")  # Next, without PgDn
        assert screen.view.index == first + 1
        await pilot.press("ctrl+b")
        assert screen.view.index == first
        await pilot.press("ctrl+x")  # the keys, while the entry line has the cursor
        help_screen = await wait_for_screen(pilot, app, "HelpScreen")
        text = " ".join(str(w.render()) for w in help_screen.query("Static"))
        assert "From a phone" in text and "ctrl+x" in text
        await pilot.press("h")  # History, on the exercise being done
        history = await wait_for_screen(pilot, app, "HistoryScreen")
        assert history.exercise == screen.slot.exercise
        await pilot.press("escape")
        await wait_for_screen(pilot, app, "TrackerScreen")
        await pilot.press("ctrl+x")
        await wait_for_screen(pilot, app, "HelpScreen")
        await pilot.press("s")
        await wait_for_screen(pilot, app, "SettingsScreen")


async def test_picker_keys_from_a_phone(db_path):
    app = make_app(db_path)
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        for key, name in (("question_mark", "HelpScreen"), ("h", "HistoryScreen"), ("s", "SettingsScreen")):
            await pilot.press(key)
            await wait_for_screen(pilot, app, name)
            await pilot.press("escape")
            await wait_for_screen(pilot, app, "PickerScreen")


async def test_no_blinking_cursor_unless_asked(db_path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_tracker(pilot, app)
        assert isinstance(app.focused, Input) and app.focused.cursor_blink is False
    invoker(db_path)("config", "set", "cursor_blink", "on")
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=PHONE) as pilot:
        await past_questions(pilot, app, "TrackerScreen")
        screen = await wait_for_tracker(pilot, app)
        await pilot.press("ctrl+x")
        await wait_for_screen(pilot, app, "HelpScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, app, "TrackerScreen")
        screen.entry.focus()
        await pilot.pause()
        assert app.focused.cursor_blink is True


async def test_picker_at_60x20_folds_its_columns(trained):
    app = make_app(trained)
    async with app.run_test(size=PHONE) as pilot:
        screen = await past_questions(pilot, app, "PickerScreen")
        table = screen.query_one(DataTable)
        assert fits(table)
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert "min" in cells[-1]  # minutes and last done folded under the regions
        assert footer_fits(screen)


async def test_tracker_at_60x20_fits(trained):
    app = make_app(trained, routine="essential-back")
    async with app.run_test(size=PHONE) as pilot:
        await past_questions(pilot, app, "TrackerScreen")
        screen = await wait_for_tracker(pilot, app)
        await pilot.press("6", "0", "x", "8", "enter")
        await pilot.pause()
        assert fits(screen.query_one("#today", DataTable))
        assert screen.query_one("#entry").region.right <= PHONE[0]
        assert footer_fits(screen)


async def test_history_at_60x20_folds_its_columns(trained):
    app = make_app(trained)
    async with app.run_test(size=PHONE) as pilot:
        await past_questions(pilot, app, "PickerScreen")
        await pilot.press("h")
        screen = await wait_for_screen(pilot, app, "HistoryScreen")
        await pilot.pause(0.3)
        workouts = screen.query_one("#workout-table", DataTable)
        assert fits(workouts)
        row = " ".join(str(cell) for cell in workouts.get_row_at(0))
        assert "sets" in row and "kg" in row  # sets and volume folded in, not cut off
        assert footer_fits(screen)
        await pilot.press("2")
        await pilot.pause(0.3)
        await pilot.press("e")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.press("5")
        for _ in range(20):
            await pilot.pause(0.1)
            if screen.query(TrainingCalendar) and screen.query_one(TrainingCalendar).end is not None:
                break
        calendar = screen.query_one(TrainingCalendar)
        await pilot.pause(0.3)
        header = str(calendar.render()).split("\n")[0]
        assert len(header) <= calendar.size.width  # month labels never wrap
        words = str(screen.query_one("#consistency").render())
        assert f"in {calendar.weeks_shown()} weeks" in words  # the weeks the calendar shows


async def test_settings_at_60x20_fit(db_path):
    app = make_app(db_path)
    async with app.run_test(size=PHONE) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("s")
        screen = await wait_for_screen(pilot, app, "SettingsScreen")
        await pilot.pause(0.2)
        assert fits(screen.query_one(DataTable))
        assert footer_fits(screen)
