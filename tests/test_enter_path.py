"""The Enter path of the tracker (issue 17, Enter to "saved" at most 2x its floor): the
screen takes the line from the entry's key handler, its own changes to the line post
no Changed, "saved" comes before the coach's next set and the timers, an error for
a line typed with Enter in one read stays, and the rows compositor paints what
Textual's would."""

from __future__ import annotations

from pathlib import Path

from sqlrows import rows
from textual._compositor import Compositor
from textual.screen import Screen
from textual.widgets import Input
from tui_wait import go_to, text_of, type_line, typed_on, wait_for_tracker

from backtui.app import make_app
from backtui.widgets.countdown import Countdown
from backtui.widgets.rows_compositor import RowsCompositor
from backtui.widgets.set_table import SetTable


async def test_enter_is_taken_without_a_submitted_message(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    posted: list[str] = []
    original = Input.post_message

    def post(self, message):
        if isinstance(message, (Input.Submitted, Input.Changed)):
            posted.append(type(message).__name__)
        return original(self, message)

    monkeypatch.setattr(Input, "post_message", post)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await typed_on(pilot, app, "deadlift", "100x5")
        posted.clear()
        await pilot.press("enter")
        await pilot.pause()
        # No Submitted, and no Changed for the line the screen emptied itself.
        assert posted == []
        assert screen.entry.value == ""
        assert "saved set 1:" in text_of(screen, "#status")
        assert len(rows(db_path)) == 1


async def test_saved_row_and_status_come_first_then_the_rest(db_path: Path, monkeypatch):
    app = make_app(db_path, routine="essential-back", start=True)
    frames: list[tuple[bool, int, bool, int]] = []  # saved said, table rows, rest running, rows in the file
    original = Screen._compositor_refresh

    def painted(self):
        if isinstance(self, type(app.screen)) and self is app.screen and getattr(self, "view", None) is not None:
            frames.append(("saved set 1:" in text_of(self, "#status"), self.query_one(SetTable).row_count,
                           self.query_one("#rest", Countdown).running, len(rows(db_path))))
        return original(self)

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await typed_on(pilot, app, "deadlift", "100x5")
        monkeypatch.setattr(Screen, "_compositor_refresh", painted)
        await pilot.press("enter")
        await pilot.pause(0.1)
        rest = screen.query_one("#rest", Countdown)
        assert rest.running and "Rest" in rest.text
    first = next(frame for frame in frames if frame[0])
    # The first frame saying "saved": the set is in the table (its row is painted in
    # Textual's next frame, tests/test_frame_now.py) and in the file (committed before),
    # and the rest countdown is not started yet: it follows in a later frame.
    assert first == (True, 1, False, 1)
    assert any(frame[2] for frame in frames)


async def test_an_error_typed_with_enter_in_one_read_stays(db_path: Path):
    app = make_app(db_path, routine="essential-back", start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        # The keys and Enter in one go: their Changed messages reach the screen after
        # it took the line and said the error.
        await pilot.press(*"100xx5", "enter")
        for _ in range(3):
            await pilot.pause()
        assert screen.entry.value == "100xx5"
        assert text_of(screen, "#entry-error") != ""
        assert rows(db_path) == []
        await pilot.press("backspace")  # the lifter changes the line: the error goes
        await pilot.pause()
        assert text_of(screen, "#entry-error") == ""


async def test_a_line_typed_with_enter_in_one_read_is_saved_and_emptied(db_path: Path):
    app = make_app(db_path, routine="essential-back", start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await pilot.press(*"100x5", "enter")
        for _ in range(3):
            await pilot.pause()
        assert screen.entry.value == ""
        assert len(rows(db_path)) == 1
        assert "saved set 1:" in text_of(screen, "#status")


async def test_rows_compositor_paints_what_textual_paints(db_path: Path):
    app = make_app(db_path, routine="essential-back", start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        assert isinstance(screen._compositor, RowsCompositor)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        await pilot.pause(0.1)
        table = screen.query_one(SetTable)
        compositor = screen._compositor

        def frame(cls) -> str:
            compositor.__class__ = cls
            for widget in (screen.entry, screen.query_one("#status"), table):
                widget.refresh()
            screen._compositor.update_widgets({screen.entry, screen.query_one("#status"), table})
            update = compositor.render_update()
            return "".join(segment.text + str(segment.style) for segment in app.console.render(update))

        try:
            assert frame(RowsCompositor) == frame(Compositor)
            assert compositor.render_strips() == Compositor.render_strips(compositor)
        finally:
            compositor.__class__ = RowsCompositor


async def test_no_saved_frame_lays_the_screen_out_nor_collects(db_path: Path, monkeypatch):
    """The Enter whose row overflows the table lays nothing out (the scrollbar came in
    a frame after the row that filled it), and the garbage collector is held from
    Enter until a frame after "saved"."""
    import gc

    app = make_app(db_path, routine="essential-back", start=True)
    events: list[tuple[str, str, bool]] = []  # ("layout" or "paint", status, collector on)
    painting, laying_out = Screen._compositor_refresh, Screen._refresh_layout

    def painted(self):
        if self is app.screen and getattr(self, "view", None) is not None:
            events.append(("paint", text_of(self, "#status"), gc.isenabled()))
        return painting(self)

    def laid_out(self, *args, **kwargs):
        if self is app.screen:
            events.append(("layout", "", gc.isenabled()))
        return laying_out(self, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        table = screen.query_one(SetTable)
        visible = table.scrollable_content_region.height - 1  # under the header
        monkeypatch.setattr(Screen, "_compositor_refresh", painted)
        monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
        for number in range(1, visible + 3):
            await type_line(pilot, "100x5")
            events.append(("enter", "", gc.isenabled()))
            await pilot.press("enter")
            await pilot.pause(0.1)
            assert f"saved set {number}:" in text_of(screen, "#status")
            assert table.show_vertical_scrollbar == (number >= visible)
        assert gc.isenabled()
    enters = [i for i, event in enumerate(events) if event[0] == "enter"] + [len(events)]
    for number, (start, end) in enumerate(zip(enters, enters[1:]), 1):
        between = events[start + 1:end]
        saved = next(i for i, event in enumerate(between) if event[0] == "paint" and f"saved set {number}:" in event[1])
        # Nothing laid out from Enter to the frame saying "saved", no collection either.
        assert [event[0] for event in between[:saved]] == ["paint"] * saved, f"set {number}: {between}"
        assert not between[saved][2], f"set {number}"


def test_enter_reads_the_sets_only_when_another_connection_wrote(db_path: Path):
    """The core's own writes are in its list already (log adds them, undo and edits
    read after): Enter skips the sets query unless PRAGMA data_version says someone
    else wrote, and what it shows is what the file holds either way."""
    from backtui.core import lifecycle
    from backtui.domain.catalog import load_catalog
    from backtui.domain.entry import parse_entry
    from backtui.storage.db import connect_again, open_database
    from backtui.storage.store import Store
    from backtui.storage.workouts import SqliteWorkouts

    catalog = load_catalog()
    store = Store(open_database(db_path), catalog)
    other = Store(connect_again(db_path), catalog)
    try:
        storage = SqliteWorkouts(store)
        begun = lifecycle.start(storage, catalog, catalog.routines["essential-back"])
        assert isinstance(begun, lifecycle.Begun)
        live = begun.live
        live.go_to(next(i for i, s in enumerate(live.slots) if s.exercise == "pull-up"))
        reads: list[int] = []
        read_sets = storage.workout_sets
        storage.workout_sets = lambda workout_id: reads.append(workout_id) or read_sets(workout_id)  # type: ignore[method-assign]

        def shown(outcome) -> list[tuple[int, str]]:
            assert [(s.id, s.set_number) for s in live.sets] == [(s.id, s.set_number) for s in read_sets(live.workout.id)]
            return [(row.number, row.text) for row in outcome.view.today]

        assert shown(live.log_line("8")) == [(1, "bw x 8")] and reads == []
        assert shown(live.log_line("7 6")) == [(1, "bw x 8"), (2, "bw x 7"), (3, "bw x 6")] and reads == []
        live.undo_last()  # its own delete: read after writing
        reads.clear()
        assert shown(live.log_line("5")) == [(1, "bw x 8"), (2, "bw x 5")] and reads == []
        other.log_sets(live.workout.id, "pull-up", parse_entry("4", "bodyweight_reps"))
        assert shown(live.log_line("3")) == [(1, "bw x 8"), (2, "bw x 5"), (3, "bw x 4"), (4, "bw x 3")]
        assert len(reads) == 1  # someone else wrote: read once
    finally:
        other.db.close()
        store.db.close()


def test_keys_read_together_are_taken_in_the_order_typed(tmp_path: Path):
    """Found in tmux: after an error, ctrl+u, 15 and Enter arriving in one read logged
    nothing and left an empty line. Ctrl+u is the line's own binding, run only once the
    key had bubbled up to the app, so '15' and Enter were taken before it cleared the line."""
    import re

    from ptyio import backtui_argv, spawn

    proc = spawn(backtui_argv("--db", str(tmp_path / "backtui.db"), "--routine", "essential-back", "--start"))
    try:
        proc.read_until(b"Target")
        proc.read_until(b"empty Enter logs Next")
        proc.write(b"60x8\r")
        proc.read_until(b"added load or sets of reps")
        mark = len(proc.output)
        proc.write(b"\x1515\r")  # ctrl+u, 1, 5, Enter in one write
        proc.read_until(b"saved", since=mark)
        assert re.search(rb"w bw x 15", bytes(proc.output[mark:]))
    finally:
        proc.stop()
