"""The benchmarks stay usable and honest. The start-up floors (bench/floor_apps.py) are
bare apps with as many widgets as the screens they stand for, footer keys included: when
a screen gains or loses a widget, this fails until its floor does the same. Every bench
script at least loads (timings are never tested)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from textual.app import App

from backtui.app import make_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import floor_apps  # noqa: E402

# Textual widget kinds a screen's own widget stands on, so the counts compare like with like.
KINDS = {"Line": "Static", "WordsLine": "Static", "Countdown": "Horizontal", "PlanList": "Static", "ExerciseCard": "Vertical",
         "SetTable": "DataTable", "EntryLine": "Input", "EntryBox": "Vertical", "QuietFooter": "Footer",
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
    ours = await widget_kinds(make_app(tmp_path / "t.db", routine="essential-back"))
    floor = await widget_kinds(floor_apps.TrackerFloor())
    assert ours == floor


BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_every_bench_script_loads(script):
    """`make bench` runs them only by hand: at least their imports must resolve here
    (an import reordering once left one unable to start)."""
    # As `python bench/x.py` would, in its own process: the script's folder first on the path.
    code = f"import runpy, sys; sys.path.insert(0, 'bench'); sys.argv = ['{script}']; " \
           f"runpy.run_path('bench/{script}', run_name='loaded_by_test')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=BENCH.parent)
    assert result.returncode == 0, result.stderr
