"""`backtui --routine X --start`: the tracker's first frame has the card and a usable
entry line; today's sets, the timers and the plan beside are mounted right after it, in
the space the first frame kept for them (nothing moves when they arrive)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_wait import wait_for_tracker

from backtui.app import BackTUI, make_app
from backtui.screens.tracker import TrackerScreen
from backtui.widgets.countdown import Countdown
from backtui.widgets.plan_list import PlanList
from backtui.widgets.set_table import SetTable


def regions(screen) -> dict[str, object]:
    return {widget.id: widget.region for widget in screen.walk_children() if widget.id and widget.display}


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (130, 40)])
async def test_the_rest_of_the_tracker_arrives_after_the_first_frame_without_moving_it(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    seen: dict[str, object] = {}
    frames: list[int] = []
    display, mount_later = BackTUI._display, TrackerScreen.mount_later

    def counted(self, screen, renderable) -> None:
        if renderable is not None and isinstance(screen, TrackerScreen):
            frames.append(1)
        display(self, screen, renderable)

    def watched(self) -> None:
        if not self.later_mounted and not seen:
            seen.update(frames=len(frames), regions=regions(self), focused=self.focused,
                        target=str(self.query_one("#card-target").render()),
                        table=list(self.query(SetTable)), timers=list(self.query(Countdown)))
        mount_later(self)

    monkeypatch.setattr(BackTUI, "_display", counted)
    monkeypatch.setattr(TrackerScreen, "mount_later", watched)
    open_storage = BackTUI.open_storage
    monkeypatch.setattr(BackTUI, "open_storage", lambda self: None)  # opened by hand below
    app = make_app(db_path, routine="essential-back", start=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrackerScreen) and screen.later_mounted
        assert seen["frames"] >= 1  # the first frame went out before them
        assert seen["focused"] is screen.entry  # typing works from the first frame
        assert "Target" in seen["target"]
        assert seen["table"] == [] and seen["timers"] == []
        after = regions(screen)
        first = seen["regions"]
        assert first.pop("today-space") == after["today"]  # the table took the kept space
        assert {name: region for name, region in after.items() if name in first} == first
        assert not screen.query("#today-space")
        assert len(screen.query(SetTable)) == 1 and len(screen.query(Countdown)) == 2
        assert len(screen.query(PlanList)) == 1
        assert screen.query_one(PlanList).display == (size[0] >= 110)
        open_storage(app)
        await wait_for_tracker(pilot, app)
        await pilot.press("enter")  # the suggested set
        assert len(screen.view.today) == 1 and screen.query_one(SetTable).row_count == 1


async def test_esc_before_the_rest_has_arrived_is_harmless(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(TrackerScreen, "on_mount", lambda self: calls.append(True))  # nothing scheduled
    app = make_app(db_path, routine="essential-back", start=True)
    monkeypatch.setattr(BackTUI, "open_storage", lambda self: None)  # the file never opens
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrackerScreen) and calls and not screen.later_mounted
        screen.entry.focus()
        await pilot.press("escape")
        assert screen.later_mounted and len(screen.query(Countdown)) == 2
        assert app.fatal_error is None


async def test_a_tracker_opened_from_the_picker_has_everything_at_once(db_path: Path) -> None:
    from tui_wait import wait_for_screen

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("enter")  # the plan
        await pilot.press("enter")  # start
        screen = await wait_for_tracker(pilot, app)
        assert screen.later_mounted and not screen.query("#today-space")
        assert len(screen.query(SetTable)) == 1 and len(screen.query(Countdown)) == 2
