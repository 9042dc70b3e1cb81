"""The coach QA fixes inside the tracker: after switching to lb the Next line, the
plates line, the warm-up ramp and an empty Enter agree on a loadable lb weight; sets
typed in the other unit read as typed."""

from __future__ import annotations

from sqlrows import rows
from test_tracker_coach_ui import seed
from tui_wait import text_of, type_line, wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.domain.units import from_kg

LAST = "SELECT weight_kg, unit, kind FROM sets ORDER BY id DESC LIMIT 1"


async def open_deadlift(pilot, app):
    await wait_for_screen(pilot, app, "PickerScreen")
    await pilot.press("a", *"deadlift", "enter")
    return await wait_for_tracker(pilot, app)


async def switch_to_lb(pilot, app, screen) -> None:
    """As if back from the settings screen with the unit changed."""
    app.store.set_setting("unit", "lb")
    screen.on_screen_resume()
    await pilot.pause()


async def test_kg_sets_today_then_lb_next_plates_and_enter_agree(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deadlift(pilot, app)
        for line in ("60x8", "62.5x7"):
            await type_line(pilot, line)
            await pilot.press("enter")
        await switch_to_lb(pilot, app, screen)
        next_line, plates = text_of(screen, "#next-set"), text_of(screen, "#plates")
        assert "140x7" in next_line, next_line
        assert "per side" in plates and "cannot" not in plates, plates
        await pilot.press("enter")
        weight, unit, _ = rows(db_path, LAST)[0]
        assert unit == "lb" and round(from_kg(weight, "lb"), 2) == 140


async def test_ramp_queued_in_kg_is_rebuilt_on_the_lb_grid(db_path):
    seed(db_path, "deadlift", "100x5x3 @9")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deadlift(pilot, app)
        await pilot.press("ctrl+y")
        assert screen.live.shaping.ramp and screen.live.shaping.ramp[0].unit == "kg"
        await switch_to_lb(pilot, app, screen)
        shown = [round(from_kg(s.weight_kg, "lb"), 2) for s in screen.live.shaping.ramp]
        assert shown[0] == 45 and all(w % 5 == 0 for w in shown), shown
        assert "w 45x10" in text_of(screen, "#next-set")
        await pilot.press("enter")
        weight, unit, kind = rows(db_path, LAST)[0]
        assert (round(from_kg(weight, "lb"), 2), unit, kind) == (45, "lb", "warmup")


async def test_sets_typed_in_lb_read_as_typed_while_the_unit_is_kg(db_path):
    seed(db_path, "deadlift", "135lb x 5")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deadlift(pilot, app)
        last = text_of(screen, "#last-time")
        assert "135lbx5" in last and "61.25" not in last, last
        await type_line(pilot, "140lbx5")
        await pilot.press("enter")
        assert "140lbx5" in str(screen.query_one("#today").get_row_at(0)[1])
