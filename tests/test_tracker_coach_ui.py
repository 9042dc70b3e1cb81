"""The coach inside the tracker: suggestion and reason, plates, warm-ups, form flags, units."""

from __future__ import annotations

from pathlib import Path

from sqlrows import rows
from tui_wait import go_to, text_of, type_line, wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store


def seed(db_path: Path, exercise: str, line: str, days_ago: int = 3, settings: dict | None = None) -> None:
    store = Store(open_database(db_path), load_catalog())
    at = f"2026-11-{21 - days_ago:02d}T10:00:00.000000+00:00"
    workout = store.start_workout(at=at)
    measure = load_catalog().exercise(exercise).measure
    store.log_sets(workout.id, exercise, parse_entry(line, measure), at=at)
    store.finish_workout(workout.id, at=at)
    for key, value in (settings or {}).items():
        store.set_setting(key, value)
    store.db.close()


async def test_suggestion_and_reason_after_hitting_the_top(db_path):
    seed(db_path, "seated-cable-row", "60x12x3 @8")
    app = make_app(db_path, routine="pre-exhaust-pull")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "seated-cable-row")
        line = text_of(screen, "#next-set")
        assert "62.5x8" in line and "+2.5 kg" in line
        await pilot.press("enter")
        assert rows(db_path)[-1][3:5] == (62.5, 8)


async def test_barbell_suggestion_shows_plates_per_side(db_path):
    seed(db_path, "deadlift", "100x5x3 @9")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("a", *"deadlift", "enter")
        screen = await wait_for_tracker(pilot, app)
        plates = text_of(screen, "#plates")
        assert "per side" in plates and "bar 20 kg" in plates


async def test_warmup_ramp_logs_warmups_before_the_working_set(db_path):
    seed(db_path, "deadlift", "100x5x3 @9")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("a", *"deadlift", "enter")
        screen = await wait_for_tracker(pilot, app)
        await pilot.press("ctrl+y")
        assert "warm-up" in text_of(screen, "#next-set")
        ramp = screen.view.ramp_left
        assert ramp >= 3
        for _ in range(ramp):
            await pilot.press("enter")
        kinds = [r[2] for r in rows(db_path)[3:]]
        assert kinds == ["warmup"] * ramp
        weights = [r[3] for r in rows(db_path)[3:]]
        assert weights == sorted(weights) and weights[-1] < 100
        assert "warm-up" not in text_of(screen, "#next-set")
        await pilot.press("enter")
        assert rows(db_path)[-1][2] == "working"


async def test_form_flag_from_the_set_table(db_path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "back-extension")
        await type_line(pilot, "12")
        await pilot.press("enter", "tab", "exclamation_mark")
        flags = rows(db_path, "SELECT form_broke FROM sets")
        assert flags == [(1,)]
        assert "!" in str(screen.query_one("#today").get_row_at(0)[1])
        await pilot.press("escape", "ctrl+z")
        assert rows(db_path, "SELECT form_broke FROM sets") == [(0,)]


async def test_pre_exhaust_is_explained_where_it_happens(db_path):
    app = make_app(db_path, routine="pre-exhaust-pull")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "straight-arm-pulldown")
        assert "Pre-exhaust" in text_of(screen, "#card-note")


async def test_pounds_are_shown_and_typed_in_pounds(db_path):
    seed(db_path, "seated-cable-row", "135lb x 10", settings={"unit": "lb"})
    app = make_app(db_path, routine="pre-exhaust-pull")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "seated-cable-row")
        assert "135x10" in text_of(screen, "#last-time")
        await type_line(pilot, "140x8")
        await pilot.press("enter")
        weight, unit = rows(db_path, "SELECT weight_kg, unit FROM sets ORDER BY id DESC LIMIT 1")[0]
        assert unit == "lb" and abs(weight - 63.502932) < 1e-5
        assert "140x8" in str(screen.query_one("#today").get_row_at(0)[1])


async def test_pinned_variant_stays_in_its_slot(db_path):
    from textual.widgets import DataTable

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("essential-back"))
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        plan = app.screen
        pull = next(i for i, s in enumerate(plan.slots) if s.group == "pull-up")
        plan.query_one(DataTable).move_cursor(row=pull)
        await pilot.press("v", "p")
        chosen = plan.slots[pull].exercise
        assert app.store.get_setting("pins") == {"essential-back": {str(pull): chosen}}
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "TrackerScreen")
        assert app.screen.view.slots[pull].exercise == chosen


async def test_bodyweight_moves_keep_body_weight_and_show_the_load(db_path):
    store = Store(open_database(db_path), load_catalog())
    from backtui.storage.settings_store import record_bodyweight

    record_bodyweight(store, 80.0)
    store.db.close()
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "assisted-pull-up")
        await type_line(pilot, "-20x8")
        await pilot.press("enter")
        assert rows(db_path, "SELECT weight_kg, bodyweight_kg FROM sets") == [(-20.0, 80.0)]
        assert "Moves ~60 kg" in text_of(screen, "#plates")
