"""The start-up floors (bench/floor_apps.py) must stay honest: a bare app with as many
widgets as the screen it stands for, footer keys included. When a screen gains or loses
a widget, this fails until its floor does the same."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from textual.app import App

from backtui.app import make_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import floor_apps  # noqa: E402

# Textual widget kinds a screen's own widget stands on, so the counts compare like with like.
KINDS = {"Line": "Static", "Countdown": "Static", "PlanList": "Static", "ExerciseCard": "Vertical",
         "SetTable": "DataTable", "EntryLine": "Input", "QuietFooter": "Footer",
         "PickerScreen": "Screen", "TrackerScreen": "Screen"}


async def widget_kinds(app: App) -> Counter:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)
        return Counter(KINDS.get(type(w).__name__, type(w).__name__) for w in app.screen.walk_children(with_self=True))


async def test_picker_floor_has_the_pickers_widgets(tmp_path):
    ours = await widget_kinds(make_app(tmp_path / "t.db"))
    assert ours == await widget_kinds(floor_apps.PickerFloor())


async def test_tracker_floor_has_the_trackers_widgets(tmp_path):
    ours = await widget_kinds(make_app(tmp_path / "t.db", routine="lower-back-focus"))
    floor = await widget_kinds(floor_apps.TrackerFloor())
    assert ours == floor
