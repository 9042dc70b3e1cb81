"""The settings screen, driven by keys through Textual's Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from backtui.domain.settings import SETTINGS
from backtui.screens.host import BacktuiHost
from backtui.screens.settings import SettingsScreen
from backtui.storage.settings_store import bodyweight_on

ROW = {key: n for n, key in enumerate(SETTINGS)}


class Host(BacktuiHost):
    """Just enough app: a store and the screen pushed on top (the screens' host)."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.changes: list[tuple[str, object]] = []

    def on_mount(self) -> None:
        self.push_screen(SettingsScreen())

    def on_settings_screen_changed(self, message: SettingsScreen.Changed) -> None:
        self.changes.append((message.key, message.value))


async def go_to(pilot, key: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    for _ in range(ROW[key] - table.cursor_row):
        await pilot.press("down")


def shown_value(app, key: str) -> str:
    return str(app.screen.query_one(DataTable).get_cell(key, "value"))


def message(app) -> str:
    return str(app.screen.query_one("#settings-message", Static).content)


async def test_edit_unit_with_enter(store):
    app = Host(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert shown_value(app, "unit") == "kg"
        await pilot.press("enter")  # the first row, unit
        editor = app.screen.query_one(Input)
        assert editor.display and editor.value == "kg"
        await pilot.press("l", "b", "enter")  # the current value is selected: typing replaces it
        await pilot.pause()
        assert store.get_setting("unit") == "lb"
        assert shown_value(app, "unit") == "lb" and not editor.display
        assert "Saved unit: lb" in message(app)
        assert app.changes == [("unit", "lb")]


async def test_refused_value_says_the_range_and_escape_cancels(store):
    app = Host(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, "rest_default")
        await pilot.press("enter", "5", "enter")
        await pilot.pause()
        assert "whole seconds from 10 to 900" in message(app)
        assert app.screen.query_one(Input).display  # still editing
        assert store.get_setting("rest_default", "unset") == "unset"
        await pilot.press("escape")
        assert "Not changed" in message(app) and not app.screen.query_one(Input).display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)


async def test_body_weight_theme_and_bell(store):
    app = Host(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, "bodyweight")
        await pilot.press("enter", *"82.5", "enter")
        await go_to(pilot, "bell")
        await pilot.press("enter", *"off", "enter")
        await go_to(pilot, "theme")
        await pilot.press("enter", *"nord", "enter")
        await pilot.pause()
        assert bodyweight_on(store) == 82.5 and shown_value(app, "bodyweight") == "82.5 kg"
        assert store.get_setting("bell") is False and shown_value(app, "bell") == "off"
        assert store.get_setting("theme") == "nord" and app.theme == "nord"
        assert [key for key, _ in app.changes] == ["bodyweight", "bell", "theme"]


async def test_help_follows_the_cursor(store):
    app = Host(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, "bar.kg")
        await pilot.pause()
        help_text = str(app.screen.query_one("#settings-help", Static).content)
        assert "Barbell weight in kg" in help_text and "0 to 50 kg" in help_text


async def test_body_weight_since_a_day_in_settings(store):
    # Issue 16: the same as `config set bodyweight 82 --since DATE`; without it, no
    # set already logged changes.
    workout = store.start_workout(at="2026-11-10T09:00:00.000000+00:00")
    from backtui.domain.entry import parse_entry

    store.log_sets(workout.id, "pull-up", parse_entry("8", "bodyweight_reps"), at="2026-11-10T10:00:00.000000+00:00")
    app = Host(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, "bodyweight")
        await pilot.press("enter", *"80", "enter")
        await pilot.pause()
        assert store.conn.execute("SELECT bodyweight_kg FROM sets").fetchone() == (None,)
        await pilot.press("enter", "ctrl+u", *[{" ": "space"}.get(c, c) for c in "82 since 2026-11-01"], "enter")
        await pilot.pause()
        assert store.conn.execute("SELECT bodyweight_kg FROM sets").fetchone() == (82.0,)
        assert "Saved bodyweight" in message(app)
