"""Enter to "saved" painted in Enter's own handler (screens/frame_now.py, issue 17):
the frame with "saved" goes out before the handler returns, the set's row and the
emptied line follow, keys typed right after land in an empty line, a write that
waits empties the line at once and puts it back if it fails, and painting at once
never takes a layout's place nor waits long for a terminal that stopped reading."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from sqlrows import rows
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Label
from tui_wait import go_to, text_of, type_line, typed_on, wait_for_tracker

from backtui.app import make_app
from backtui.core.workout import LiveWorkout
from backtui.screens import frame_now, tracker
from backtui.screens.frame_now import paint_now
from backtui.screens.tracker import TrackerScreen
from backtui.storage.errors import StorageError
from backtui.widgets.set_table import SetTable


async def test_saved_is_painted_inside_enter_and_the_line_empties_in_a_later_frame(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    frames: list[tuple[bool, str, bool, bool]] = []  # (saved said, the line, table painted, inside Enter)
    inside = [False]
    painting, taking = Screen._compositor_refresh, TrackerScreen.take_line

    def painted(self):
        if self is app.screen and getattr(self, "view", None) is not None:
            table = self.query_one(SetTable)
            painted_rows = {y for region in self._compositor._dirty_regions for y in range(region.y, region.bottom)}
            # The table's first row, under its header: the set's row is painted in this frame.
            frames.append(("saved set 1:" in text_of(self, "#status"), self.entry.value,
                           table.row_count == 1 and table.region.y + 1 in painted_rows, inside[0]))
        return painting(self)

    def take_line(self, line):
        inside[0] = True
        try:
            return taking(self, line)
        finally:
            inside[0] = False

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await typed_on(pilot, app, "deadlift", "100x5")
        monkeypatch.setattr(Screen, "_compositor_refresh", painted)
        monkeypatch.setattr(TrackerScreen, "take_line", take_line)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen.entry.value == ""
    saved = [frame for frame in frames if frame[0]]
    # The first frame saying "saved" (with the set in words): painted before Enter's
    # handler returned; the line still shows what was typed. The set's row and the
    # emptied line are painted in the frames right after it.
    assert saved[0][0::3] == (True, True) and saved[0][1] == "100x5"
    after = saved[1:]
    assert any(row for _, _, row, _ in after) and any(line == "" for _, line, _, _ in after)


async def test_keys_typed_right_after_enter_go_into_an_empty_line(db_path: Path):
    app = make_app(db_path, routine="essential-back", start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await pilot.press(*"100x5", "enter", *"105x")
        for _ in range(3):
            await pilot.pause()
        assert screen.entry.value == "105x"
        assert [(row[3], row[4]) for row in rows(db_path)] == [(100.0, 5)]
        assert "saved set 1:" in text_of(screen, "#status")


async def test_a_late_answer_empties_the_line_at_once_and_a_failure_puts_it_back(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    release = threading.Event()
    logging = LiveWorkout.log_line

    def held_then_refused(self, text):
        release.wait(5)  # another program's lock, as the tracker sees it: no answer yet
        raise StorageError("the database is locked by another program")

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5 # heavy")
        monkeypatch.setattr(LiveWorkout, "log_line", held_then_refused)
        # Pressed without the pilot: it would wait for the answer before going on.
        screen.entry.post_message(events.Key("enter", "\r"))
        await asyncio.sleep(0.2)
        assert screen.entry.value == ""  # taken: the lifter may type the next set meanwhile
        assert screen.saving == ["100x5 # heavy"]
        await asyncio.sleep(0.3)
        assert "waiting for the database" in text_of(screen, "#status")
        release.set()
        for _ in range(40):
            await asyncio.sleep(0.05)
            if not screen.saving:
                break
        await pilot.pause()
        assert screen.entry.value == "100x5 # heavy"  # put back to try again
        assert text_of(screen, "#entry-error").startswith("Not saved: the database is locked")
        assert "saved set" not in text_of(screen, "#status")
        monkeypatch.setattr(LiveWorkout, "log_line", logging)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert "saved set 1:" in text_of(screen, "#status")
    assert [row[-1] for row in rows(db_path)] == ["heavy"]


class TwoLabels(App):
    def compose(self) -> ComposeResult:
        yield Label("one", id="one")
        yield Label("two", id="two")


async def test_paint_now_leaves_a_pending_layout_to_textual():
    app = TwoLabels()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        one = app.query_one("#one", Label)
        one.update("changed")  # a label sized by its text: a layout is wanted
        assert paint_now(app.screen) is False
        await pilot.pause()
        app.query_one("#two", Label).refresh()  # a repaint alone
        assert paint_now(app.screen) is True
        assert paint_now(app.screen) is False  # nothing left to paint


def test_the_handoff_never_waits_long_for_a_terminal_that_stopped_reading():
    class StuckQueue:
        def qsize(self) -> int:
            return 1  # the output thread never takes the frame

    app = SimpleNamespace(_driver=SimpleNamespace(_writer_thread=SimpleNamespace(_queue=StuckQueue())))
    started = time.perf_counter()
    frame_now._hand_to_output(app)
    waited = time.perf_counter() - started
    assert frame_now.HANDOFF_S <= waited < frame_now.HANDOFF_S + frame_now.READER_S + 0.05
    frame_now._hand_to_output(SimpleNamespace(_driver=None))  # headless: nothing to hand over


async def test_an_edit_is_left_to_textual_to_paint_with_the_new_column_widths(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    painted_now: list[bool] = []

    def spy(screen):
        painted_now.append(paint_now(screen))
        return painted_now[-1]

    monkeypatch.setattr(tracker, "paint_now", spy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert painted_now == [True]  # a row added: painted inside Enter
        await pilot.press("tab", "e")  # edit the set: the table is drawn again
        await pilot.press("ctrl+u")
        await type_line(pilot, "95x6 # a much longer note")
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert painted_now == [True]  # drawn again: Textual sizes its columns, then paints
        assert "a much longer note" in "".join(str(cell) for cell in screen.query_one(SetTable).get_row_at(0))
