"""The routine editor and custom exercises, by keys: create, add, reorder, superset,
edit an item, save, start it; copy a shipped routine; delete; the tracker walks a
superset A, B, A, B with the rest only after B."""

from __future__ import annotations

from pathlib import Path

from sqlrows import rows
from textual.widgets import DataTable
from tui_wait import current_slot, wait_for_screen

from backtui.app import make_app
from backtui.domain.catalog import load_catalog, parse_routine
from backtui.storage.db import open_database
from backtui.storage.routines import save_user_routine
from backtui.storage.store import Store
from backtui.widgets.countdown import Countdown


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "-": "minus"}.get(c, c) for c in text])


def stored_items(db_path: Path, slug: str) -> str:
    return rows(db_path, "SELECT items FROM user_routines WHERE slug = ?", (slug,))[0][0]


async def test_create_reorder_superset_save_and_start(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("n")
        editor = await wait_for_screen(pilot, app, "RoutineEditorScreen")
        await type_text(pilot, "Tuesday pull")
        await pilot.press("enter", "enter")  # name, then description (empty) -> the list
        for search in ("deadlift", "seated row", "pulldown"):
            await pilot.press("a")
            await wait_for_screen(pilot, app, "ExerciseSearchScreen")
            await type_text(pilot, search)
            await pilot.press("enter")
            await wait_for_screen(pilot, app, "RoutineEditorScreen")
        assert [i.exercise for i in editor.items] == ["deadlift", "seated-cable-row", "lat-pulldown"]
        await pilot.press("K", "K")  # the pulldown to the top
        assert [i.exercise for i in editor.items] == ["lat-pulldown", "deadlift", "seated-cable-row"]
        await pilot.press("J")  # and back below the deadlift
        await pilot.press("k", "k")
        await pilot.press("x")  # the deadlift goes
        assert [i.exercise for i in editor.items] == ["lat-pulldown", "seated-cable-row"]
        await pilot.press("g")
        assert [i.superset for i in editor.items] == ["A", "A"]
        await pilot.press("enter")  # edit the pulldown: 2 sets of 10-15, rest 45 s
        await wait_for_screen(pilot, app, "RoutineItemScreen")
        await type_text(pilot, "2")
        await pilot.press("down")
        await type_text(pilot, "10-15")
        await pilot.press("down")
        await type_text(pilot, "45")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, app, "RoutineEditorScreen")
        first = editor.items[0]
        assert (first.sets, first.rep_low, first.rep_high, first.rest) == (2, 10, 15, 45)
        table = editor.query_one(DataTable)
        assert "2 x 10-15" in str(table.get_row_at(0)[2]) and str(table.get_row_at(0)[5]) == "A1"
        await pilot.press("ctrl+s")
        picker = await wait_for_screen(pilot, app, "PickerScreen")
        assert "tuesday-pull" in app.catalog.routines
        assert '"superset": "A"' in stored_items(db_path, "tuesday-pull")
        table = picker.query_one(DataTable)
        assert picker.highlighted_slug() == "tuesday-pull" and "yours" in str(table.get_row_at(table.cursor_row)[0])
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        await pilot.press("enter")
        tracker = await wait_for_screen(pilot, app, "TrackerScreen")
        assert "superset A 1/2" in str(tracker.query_one("#card-title").render())
        rest = tracker.query_one("#rest", Countdown)
        walk = []
        for entry in ("40x12", "50x10", "40x12", "50x10", "50x9"):
            await type_text(pilot, entry)
            await pilot.press("enter")
            await pilot.pause()
            walk.append((current_slot(tracker).exercise, rest.running))
            if rest.running:
                await pilot.press("escape")  # skip the rest
        # After the pulldown: on to the row, no rest; after the row: back, with rest.
        # The pulldown has 2 sets, the row 3: after round 2 the row goes on alone.
        row, pulldown = "seated-cable-row", "lat-pulldown"
        assert walk == [(row, False), (pulldown, True), (row, False), (row, True), (row, True)]
        # The plan (ctrl+l) marks the superset's members A1 and A2.
        await pilot.press("ctrl+l")
        await pilot.pause()
        plan_text = " ".join(str(o.prompt) for o in app.screen.query_one("OptionList")._options)
        assert "A1" in plan_text and "A2" in plan_text
        await pilot.press("escape")


async def test_bad_saves_say_why_and_keep_the_editor(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("n")
        editor = await wait_for_screen(pilot, app, "RoutineEditorScreen")
        await pilot.press("ctrl+s")
        assert "empty" in str(editor.query_one("#editor-message").render())
        await type_text(pilot, "Beginner BACK")
        await pilot.press("ctrl+s")
        assert "no exercises" in str(editor.query_one("#editor-message").render())
        editor.items = list(load_catalog().routines["beginner-back"].items)
        await pilot.press("ctrl+s")
        assert "already a routine called 'Beginner back'" in str(editor.query_one("#editor-message").render())
        await pilot.press("escape")
        assert "Unsaved changes" in str(editor.query_one("#editor-message").render())
        await pilot.press("escape")
        await wait_for_screen(pilot, app, "PickerScreen")
        assert all(r.shipped for r in app.catalog.routines.values())


async def test_copy_a_shipped_routine_then_edit_and_delete_it(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await wait_for_screen(pilot, app, "PickerScreen")
        picker.query_one(DataTable).move_cursor(row=picker.query_one(DataTable).get_row_index("essential-back"))
        await pilot.press("x")  # shipped: not deleted
        assert "essential-back" in app.catalog.routines
        await pilot.press("c")
        editor = await wait_for_screen(pilot, app, "RoutineEditorScreen")
        assert editor.query_one("#routine-name").value == "Essential back strength (mine)"
        await pilot.press("tab", "tab")  # to the list
        await pilot.press("x")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, app, "PickerScreen")
        mine = app.catalog.routines["essential-back-strength-mine"]
        assert not mine.shipped and len(mine.items) == len(app.catalog.routines["essential-back"].items) - 1
        await pilot.press("c")  # edit it in place: same slug
        editor = await wait_for_screen(pilot, app, "RoutineEditorScreen")
        assert editor.slug == "essential-back-strength-mine"
        await pilot.press("shift+tab", "shift+tab", "end")
        await type_text(pilot, " v2")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, app, "PickerScreen")
        assert app.catalog.routines["essential-back-strength-mine"].name == "Essential back strength (mine) v2"
        await pilot.press("x")
        await wait_for_screen(pilot, app, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, app, "PickerScreen")
        assert "essential-back-strength-mine" not in app.catalog.routines


async def test_new_exercise_from_the_search_joins_the_routine(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("n")
        editor = await wait_for_screen(pilot, app, "RoutineEditorScreen")
        await pilot.press("tab", "tab", "a")
        await wait_for_screen(pilot, app, "ExerciseSearchScreen")
        await type_text(pilot, "Rope pullover")
        await pilot.press("ctrl+n")
        form = await wait_for_screen(pilot, app, "CustomExerciseScreen")
        assert form.query_one("#exercise-name").value == "Rope pullover"
        await pilot.press("down", "l", "l")  # region: a letter jumps (Lower back, then Lats)
        await pilot.press("down", "down", "i")  # mechanic: isolation
        await pilot.press("down", "down", "down")
        await type_text(pilot, "long arms; squeeze")
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutineEditorScreen")
        made = app.catalog.exercises["rope-pullover"]
        assert (made.region, made.mechanic, made.cues, made.custom) == ("lats", "isolation",
                                                                      ("long arms", "squeeze"), True)
        assert [i.exercise for i in editor.items] == ["rope-pullover"]
        await pilot.press("a")
        search = await wait_for_screen(pilot, app, "ExerciseSearchScreen")
        await type_text(pilot, "rope")
        assert "yours" in str(search.query_one("OptionList").get_option_at_index(0).prompt)


async def test_a_routine_whose_exercise_is_gone_is_reported(db_path):
    catalog = load_catalog()
    store = Store(open_database(db_path), catalog)
    text = 'slug = "mine"\nname = "Mine"\n[[item]]\nexercise = "deadlift"\n[[item]]\nexercise = "shrug"\n'
    save_user_routine(store, parse_routine(text, catalog.exercises, shipped=False))
    store.conn.execute("UPDATE user_routines SET items = replace(items, 'shrug', 'gone-lift')")
    store.conn.commit()
    store.db.close()
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        assert [i.exercise for i in app.catalog.routines["mine"].items] == ["deadlift"]
        assert any("gone-lift no longer known" in str(n.message) for n in app._notifications)


async def test_a_routines_ramp_setting_turns_the_warm_up_key_on_or_off(db_path):
    catalog = load_catalog()
    assert catalog.exercise("deadlift").ramp and not catalog.exercise("lat-pulldown").ramp
    store = Store(open_database(db_path), catalog)
    text = ('slug = "ramps"\nname = "Ramps"\n[[item]]\nexercise = "lat-pulldown"\nramp = true\n'
            '[[item]]\nexercise = "deadlift"\nramp = false\n')
    save_user_routine(store, parse_routine(text, catalog.exercises, shipped=False))
    store.db.close()
    app = make_app(db_path, routine="ramps")
    async with app.run_test(size=(80, 24)) as pilot:
        tracker = await wait_for_screen(pilot, app, "TrackerScreen")
        assert tracker.check_action("warmup_ramp", ())  # on here, though the pulldown has none
        tracker.go_to(1)
        await pilot.pause()
        assert not tracker.check_action("warmup_ramp", ())  # off here, though the deadlift has one
