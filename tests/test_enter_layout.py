"""Enter lays nothing out (issue 17: Enter to "saved" near its floor, the layout still):
not when the sets table overflows its visible rows, and a rest starting from idle
repaints its own cells only."""

from __future__ import annotations

from pathlib import Path

from sqlrows import rows
from textual.screen import Screen
from textual.widgets import DataTable, Static
from tui_wait import go_to, text_of, type_line, wait_for_tracker

from backtui.app import make_app
from backtui.widgets.countdown import Countdown


async def test_logging_past_the_visible_rows_lays_nothing_out(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    layouts: list[Screen] = []
    original = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        table = screen.query_one("#today", DataTable)
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        await pilot.pause()
        visible = table.scrollable_content_region.height - 1  # under the header
        sets = visible + 4
        for number in range(2, sets + 1):
            layouts.clear()
            await type_line(pilot, "100x5")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            # The row that fills the table brings its scrollbar in: laid out a frame
            # after "saved" (SetTable.make_room), not on the Enter whose row overflows.
            if number != visible:
                assert [s for s in layouts if s is screen] == [], f"set {number} laid the screen out"
            assert f"saved set {number}:" in text_of(screen, "#status")
        assert len(rows(db_path)) == sets and table.row_count == sets
        assert table.scroll_y == table.max_scroll_y > 0  # the newest set is in view


async def test_a_rest_starting_from_idle_repaints_its_cells_only(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    laid_out: list[str] = []
    original = Static.update

    def update(self, content="", *, layout=True):
        if layout and isinstance(self.parent, Countdown) and self.parent.id == "rest":
            laid_out.append(" ".join(self.classes))
        return original(self, content, layout=layout)

    monkeypatch.setattr(Static, "update", update)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        rest = screen.query_one("#rest", Countdown)
        for _ in range(2):
            await type_line(pilot, "100x5")
            await pilot.press("enter")
            await pilot.pause()
            assert rest.running and "Rest" in rest.text and "esc skip" in rest.text
            await pilot.press("escape")  # skipped: the next starts from an empty line
            await pilot.pause()
            assert not rest.running and rest.text == ""
    assert laid_out == []
