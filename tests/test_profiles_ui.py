"""Profiles in the app: who is training at start, the name in the header, and the
Lifters screen (switch, add, rename, delete by typing the name)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable
from tui_wait import wait_for_screen

from backtui.app import make_app
from backtui.cli.serve_cmd import serve_command
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.profiles import add_profile, list_profiles
from backtui.storage.store import Store


def two_lifters(db_path: Path) -> None:
    """default with a deadlift workout, Anna with a row workout and lb."""
    db = open_database(db_path)
    catalog = load_catalog()
    anna = add_profile(db.conn, "Anna")
    for profile_id, slug, entry in ((1, "deadlift", "100x5"), (anna.id, "barbell-row", "60x8")):
        store = Store(db, catalog, profile_id)
        workout = store.start_workout("essential-back", "Essential", at="2026-11-18T10:00:00.000000+00:00")
        store.log_sets(workout.id, slug, parse_entry(entry, "weight_reps"), at="2026-11-18T10:05:00.000000+00:00")
        store.finish_workout(workout.id, at="2026-11-18T11:00:00.000000+00:00")
    Store(db, catalog, anna.id).set_setting("unit", "lb")
    db.close()


async def test_one_profile_starts_without_asking(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        for _ in range(10):
            await pilot.pause()
        assert app.store is not None and app.store.profile_id == 1 and app.title == "backtui"


async def test_several_profiles_ask_who_is_training(db_path):
    two_lifters(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ProfileChooserScreen", stored=False)
        assert app.store is None  # nobody's data before the choice
        await pilot.press("down", "enter")
        picker = await wait_for_screen(pilot, app, "PickerScreen")
        for _ in range(10):
            await pilot.pause()
        assert app.store.profile_id == 2 and app.title.startswith("Anna")
        assert "Anna" in str(picker.query_one("HeaderTitle").render())
        await pilot.press("h")  # history: only Anna's row, never the default lifter's deadlift
        history = await wait_for_screen(pilot, app, "HistoryScreen")
        for _ in range(10):
            await pilot.pause()
        from backtui.storage.history import workout_summaries

        assert [w.id for w in workout_summaries(app.store)] == [2]
        assert "Anna" in str(history.query_one("HeaderTitle").render())
        await pilot.press("escape", "f3")
        settings = await wait_for_screen(pilot, app, "SettingsScreen")
        await pilot.pause()
        assert "Anna · backtui — Settings" in str(settings.query_one("HeaderTitle").render())


async def test_picker_keys_are_in_the_palette(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, app, "PickerScreen")
        for _ in range(10):
            await pilot.pause()
        titles = [c.title for c in app.get_system_commands(screen)]
        assert {"New", "Edit", "Lifters"} <= set(titles)


async def test_profile_flag_skips_the_question(db_path):
    two_lifters(db_path)
    app = make_app(db_path, profile="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        for _ in range(10):
            await pilot.pause()
        assert app.store.profile_id == 2 and app.profile.name == "Anna"


async def test_lifters_screen_add_rename_switch_delete(db_path):
    two_lifters(db_path)
    app = make_app(db_path, profile="default")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("p")
        screen = await wait_for_screen(pilot, app, "ProfilesScreen")
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("a")
        await wait_for_screen(pilot, app, "NamePromptScreen")
        await pilot.press(*"anna", "enter")  # taken (case does not matter): said, kept open
        assert "already a profile" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("ctrl+u", *"Bob", "enter")
        await wait_for_screen(pilot, app, "ProfilesScreen")
        assert [p.name for p in list_profiles(app.db.conn)] == ["default", "Anna", "Bob"]
        await pilot.press("r")
        await wait_for_screen(pilot, app, "NamePromptScreen")
        await pilot.press("ctrl+u", *"Robert", "enter")
        await wait_for_screen(pilot, app, "ProfilesScreen")
        assert list_profiles(app.db.conn)[2].name == "Robert"
        table.move_cursor(row=0)
        await pilot.press("d")  # the lifter training now cannot be deleted
        assert len(list_profiles(app.db.conn)) == 3
        table.move_cursor(row=1)
        await pilot.press("enter")  # switch to Anna
        await wait_for_screen(pilot, app, "PickerScreen")
        for _ in range(10):
            await pilot.pause()
        assert app.store.profile_id == 2 and app.title.startswith("Anna")
        assert len(app.screen_stack) == 1  # the new picker alone: nothing piles up
        await pilot.press("p")
        screen = await wait_for_screen(pilot, app, "ProfilesScreen")
        screen.query_one(DataTable).move_cursor(row=2)
        await pilot.press("d")
        await wait_for_screen(pilot, app, "TypedConfirmScreen")
        await pilot.press(*"Rob", "enter")
        assert len(list_profiles(app.db.conn)) == 3  # not the name: nothing deleted
        await pilot.press("ctrl+u", *"robert", "enter")
        await wait_for_screen(pilot, app, "ProfilesScreen")
        assert [p.name for p in list_profiles(app.db.conn)] == ["default", "Anna"]


def test_serve_passes_the_profile_on():
    # ...and confines the session to it (test_threat_serve.py)
    assert serve_command(Path("/x/y.db"), "Anna K").endswith("--db /x/y.db --profile 'Anna K' --lock-profile")
    assert "--profile" not in serve_command(Path("/x/y.db"))
