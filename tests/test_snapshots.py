"""Screen snapshots: every screen and dialog as an SVG, compared with the one in
tests/__snapshots__/test_snapshots/.

Each test opens the app on a copy of the demo history (`backtui --demo`'s twelve weeks,
written once per test process), walks to one screen with real keys, and compares what
the terminal shows with the stored picture (pytest-textual-snapshot). What could change
a picture from one run to the next is pinned (fixtures below): the wall clock is frozen
at FROZEN (pendulum.travel_to, time-machine), the time zone is UTC, the app's monotonic
clock for countdowns is fixed, the entry line's cursor does not blink, and a notice stays
up until the picture is taken.

A mismatch fails the test and writes snapshot_report.html (the path is printed at the
end of the run): the stored picture and the new one side by side. After a change to a
screen that is meant, `make snapshots` writes them anew; review the SVGs in the diff.

The walks use keys and screen names only (no widget ids), so a screen can be reworked
without touching this file: only its picture changes.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Awaitable, Callable, Iterator
from datetime import timezone
from pathlib import Path

import pendulum
import pytest
from tui_wait import type_line, wait_for_screen

from backtui.app import BackTUI, make_app

# A Saturday morning: the demo's last workout was last night, its first twelve weeks ago.
FROZEN = pendulum.datetime(2026, 11, 21, 9, 30, tz="UTC")
MONOTONIC = 1000.0  # what the app's countdown clock reads, always
SIZES = {"80x24": (80, 24), "60x20": (60, 20), "120x40": (120, 40)}

Walk = Callable[[object, BackTUI], Awaitable[None]]


# -- what is pinned ------------------------------------------------------------------
@pytest.fixture(autouse=True)
def frozen_world(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Wall clock, time zone, cursor blink and notice timeouts, for every test here."""
    from textual.app import App
    from textual.widgets import Input

    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("NO_COLOR", raising=False)  # colours as a lifter's terminal has them

    # The cursor of every Input stays drawn: a blink would depend on how long the walk took.
    mounted = Input._on_mount

    def steady_cursor(self: Input, event) -> None:
        self.cursor_blink = False
        mounted(self, event)

    monkeypatch.setattr(Input, "_on_mount", steady_cursor)

    # A notice is part of the picture: it must not time out on a slow machine first.
    notify = App.notify

    def lasting_notify(self, message, *, title="", severity="information", timeout=None, markup=True):
        return notify(self, message, title=title, severity=severity, timeout=3600, markup=markup)

    monkeypatch.setattr(App, "notify", lasting_notify)
    with pendulum.travel_to(FROZEN, freeze=True), pendulum.test_local_timezone(pendulum.UTC):
        yield


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history, written once per test process at the frozen time."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.db import open_database
    from backtui.storage.demo import write_demo
    from backtui.storage.store import Store

    path = tmp_path_factory.mktemp("snapshot-demo") / "demo.db"
    with pendulum.travel_to(FROZEN, freeze=True), pendulum.test_local_timezone(pendulum.UTC):
        db = open_database(path)
        try:
            write_demo(Store(db, load_catalog()), seed=6, today=FROZEN.date(), tz=timezone.utc)
        finally:
            db.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo history for one test (tests write to it)."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path


def store_of(db_path: Path, profile_id: int = 1):
    """A second writer on the file, as `backtui log` or another backtui would be."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.db import open_database
    from backtui.storage.store import Store

    return Store(open_database(db_path), load_catalog(), profile_id)


def shoot(snap_compare, app: BackTUI, walk: Walk, size: tuple[int, int] = (80, 24)) -> None:
    """Walk to a screen, then compare the picture with the stored one."""
    app.clock = lambda: MONOTONIC

    async def run_before(pilot) -> None:
        await walk(pilot, app)
        # The last key's answers, repaints, lazy mounts and footer rebuilds land: the
        # picture is taken once two frames 50 ms apart are the same.
        shown = None
        for _ in range(40):
            await pilot.pause(0.05)
            frame = app.export_screenshot()
            if frame == shown:
                return
            shown = frame
        raise AssertionError(f"{type(app.screen).__name__} never stopped changing")

    assert snap_compare(app, run_before=run_before, terminal_size=size), \
        "the screen differs from its snapshot: see snapshot_report.html (`make snapshots` to accept)"
    assert app.return_code in (None, 0) and app.fatal_error is None, app.fatal_error


# -- walks ---------------------------------------------------------------------------
async def press_to(pilot, app: BackTUI, screen: str, *keys: str) -> None:
    await pilot.press(*keys)
    await wait_for_screen(pilot, app, screen)


async def picker(pilot, app: BackTUI) -> None:
    await wait_for_screen(pilot, app, "PickerScreen")


async def routine_plan(pilot, app: BackTUI) -> None:
    """The plan of the routine on top (the one done last)."""
    await picker(pilot, app)
    await press_to(pilot, app, "RoutinePlanScreen", "enter")


async def tracker(pilot, app: BackTUI) -> None:
    await routine_plan(pilot, app)
    await press_to(pilot, app, "TrackerScreen", "enter")
    for _ in range(60):  # the workout starts on the database thread
        if app.screen.slot is not None:
            return
        await pilot.pause()
    raise AssertionError("the workout never started")


async def tracker_after_a_set(pilot, app: BackTUI) -> None:
    """Two exercises on (the deadlift of the routine done last), one set logged: the rest countdown runs."""
    await tracker(pilot, app)
    await pilot.press("pagedown", "pagedown")
    await type_line(pilot, "100x5 @8")
    await pilot.press("enter")


async def history(pilot, app: BackTUI) -> None:
    await picker(pilot, app)
    await press_to(pilot, app, "HistoryScreen", "f2")


def history_tab(number: int) -> Walk:
    async def walk(pilot, app: BackTUI) -> None:
        await history(pilot, app)
        await pilot.press(str(number))

    return walk


async def settings(pilot, app: BackTUI) -> None:
    await picker(pilot, app)
    await press_to(pilot, app, "SettingsScreen", "f3")


async def profiles(pilot, app: BackTUI) -> None:
    await picker(pilot, app)
    await press_to(pilot, app, "ProfilesScreen", "p")


async def routine_editor(pilot, app: BackTUI) -> None:
    """A copy of the routine on top, to edit."""
    await picker(pilot, app)
    await press_to(pilot, app, "RoutineEditorScreen", "c")


def then(first: Walk, screen: str, *keys: str) -> Walk:
    """`first`, then `keys` lead to `screen`."""
    async def walk(pilot, app: BackTUI) -> None:
        await first(pilot, app)
        await press_to(pilot, app, screen, *keys)

    return walk


# -- the screens at 80x24 ----------------------------------------------------------------
SCREENS: dict[str, Walk] = {
    "picker": picker,
    "picker_filter": then(picker, "PickerScreen", "slash", *"back"),
    "routine_plan": routine_plan,
    "tracker": tracker,
    "tracker_after_a_set": tracker_after_a_set,
    "workout_plan": then(tracker, "WorkoutPlanScreen", "ctrl+l"),
    "exercise_search": then(tracker, "ExerciseSearchScreen", "ctrl+o", *"row"),
    "summary": then(tracker_after_a_set, "SummaryScreen", "ctrl+f"),
    "help_tracker": then(tracker, "HelpScreen", "f1"),
    "help_picker": then(picker, "HelpScreen", "f1"),
    "history_workouts": history,
    "history_exercise": history_tab(2),
    "history_straps": history_tab(3),
    "history_balance": history_tab(4),
    "history_calendar": history_tab(5),
    "workout_detail": then(history, "WorkoutDetailScreen", "enter"),
    "past_summary": then(then(history, "WorkoutDetailScreen", "enter"), "PastSummaryScreen", "s"),
    "delete_workout": then(then(history, "WorkoutDetailScreen", "enter"), "TypedConfirmScreen", "D"),
    "edit_set": then(then(history, "WorkoutDetailScreen", "enter"), "NamePromptScreen", "e"),
    "phone_keys": then(tracker, "HelpScreen", "ctrl+x"),
    "date_range": then(history, "DateRangeScreen", "d"),
    "pick_option": then(history, "PickOptionScreen", "r"),
    "settings": settings,
    "profiles": profiles,
    "name_prompt": then(profiles, "NamePromptScreen", "a"),
    "routine_editor": routine_editor,
    # Tab, tab: from the name and the description to the list of exercises.
    "routine_item": then(routine_editor, "RoutineItemScreen", "tab", "tab", "enter"),
    "custom_exercise": then(routine_editor, "CustomExerciseScreen", "tab", "tab", "e"),
    "adhoc_first_exercise": then(picker, "ExerciseSearchScreen", "a"),
}


@pytest.mark.parametrize("name", SCREENS)
def test_screen(name: str, snap_compare, demo_db: Path) -> None:
    shoot(snap_compare, make_app(demo_db), SCREENS[name])


# -- the main screens at a small and a large terminal ---------------------------------------
@pytest.mark.parametrize("size", ["60x20", "120x40"])
@pytest.mark.parametrize("name", ["picker", "tracker", "tracker_after_a_set", "history_workouts", "history_exercise"])
def test_screen_sized(name: str, size: str, snap_compare, demo_db: Path) -> None:
    shoot(snap_compare, make_app(demo_db), SCREENS[name], SIZES[size])


# -- dialogs that need something in the file first -------------------------------------------
def test_resume(snap_compare, demo_db: Path) -> None:
    """A workout left open earlier this morning (within the 6 h open limit, so it is
    not closed on start): asked about on start."""
    from backtui.domain.entry import parse_entry

    store = store_of(demo_db)
    try:
        workout = store.start_workout("essential-back", "Essential back strength", at="2026-11-21T07:00:00.000000+00:00")
        store.log_sets(workout.id, "pull-up", parse_entry("8", "bodyweight_reps"), at="2026-11-21T07:05:00.000000+00:00")
    finally:
        store.db.close()
    shoot(snap_compare, make_app(demo_db), lambda pilot, app: wait_for_screen(pilot, app, "ResumeScreen"))


def test_workout_ended(snap_compare, demo_db: Path) -> None:
    """The workout on screen was finished in another backtui: the idle tracker notices
    (its poll) and asks what now. (Not by typing a set: the poll may notice first, and
    the picture would depend on which did.)"""

    async def walk(pilot, app: BackTUI) -> None:
        await tracker_after_a_set(pilot, app)
        other = store_of(demo_db)
        try:
            open_one = other.unfinished_workout()
            assert open_one is not None
            other.finish_workout(open_one.id)
        finally:
            other.db.close()
        for _ in range(100):  # the tracker polls every 2 s while idle
            if type(app.screen).__name__ == "WorkoutEndedScreen":
                break
            await pilot.pause(0.1)
        await wait_for_screen(pilot, app, "WorkoutEndedScreen")

    shoot(snap_compare, make_app(demo_db), walk)


def with_second_lifter(db_path: Path) -> None:
    from backtui.storage.profiles import add_profile

    store = store_of(db_path)
    try:
        add_profile(store.conn, "Sam")
    finally:
        store.db.close()


def test_profile_chooser(snap_compare, demo_db: Path) -> None:
    with_second_lifter(demo_db)
    shoot(snap_compare, make_app(demo_db),
          lambda pilot, app: wait_for_screen(pilot, app, "ProfileChooserScreen", stored=False))


def test_typed_confirm(snap_compare, demo_db: Path) -> None:
    """Deleting another lifter asks for their name."""
    with_second_lifter(demo_db)
    walk = then(profiles, "TypedConfirmScreen", "down", "d")
    shoot(snap_compare, make_app(demo_db, profile="default"), walk)


def test_confirm(snap_compare, demo_db: Path) -> None:
    """Deleting a routine of the lifter's own asks first."""
    from backtui.storage.routines import save_user_routine

    store = store_of(demo_db)
    try:
        shipped = store.catalog.routines["essential-back"]
        save_user_routine(store, dataclasses.replace(shipped, slug="my-back-day", name="My back day", shipped=False))
    finally:
        store.db.close()

    async def walk(pilot, app: BackTUI) -> None:
        await picker(pilot, app)
        await pilot.press("slash")
        await type_line(pilot, "my back")
        await pilot.press("enter")  # to the list, filtered to that routine
        await press_to(pilot, app, "ConfirmScreen", "x")

    shoot(snap_compare, make_app(demo_db), walk)
