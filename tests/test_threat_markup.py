"""Threat: text from a file or a stranger's routine acts on the app or the terminal.

Every text field (profile, exercise, custom cues, routine name, description and item
note, workout name and note, set notes) holds markup that would run an action or open
a link, terminal escape sequences and a bidirectional override (tests/hostile.py).
Every screen and tab is walked; on each, every cell drawn is read back: the text shows
literally (the markup as typed, escapes spelled out), no cell carries an action or a
link, no raw control character is drawn, and the action never runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import (
    EXERCISE_SLUG,
    OTHER_PROFILE,
    PROFILE,
    ROUTINE,
    ROUTINE_SLUG,
    UNSAFE,
    seed,
)
from textual.widgets import DataTable
from tui_wait import wait_for_screen

from backtui import app as app_module
from backtui.app import BackTUI
from backtui.domain.inert import visible, visible_line

# What a screen must show of a field: its label and the payload spelled out.
MARKUP_SHOWN = "[@click=app.pwned]C[/]"
ESCAPE_SHOWN = "\\x1b]0;PWN\\x07"


class WatchedApp(BackTUI):
    """The app, with the action every payload aims at: it must never run."""

    CSS_PATH = [Path(app_module.__file__).parent / path for path in BackTUI.CSS_PATH]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pwned: list[str] = []

    def action_pwned(self, what: str = "") -> None:
        self.pwned.append(what)


def drawn(app) -> str:
    """The top screen as drawn, after checking every cell: no raw control character,
    no action, no link."""
    lines = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        line = []
        for segment in strip:
            text, style = segment.text, segment.style
            assert not UNSAFE.search(text), f"raw control character drawn on line {y}: {text!r}"
            if style is not None:
                click = str(style.meta.get("@click", "")) if style.meta else ""
                assert "pwned" not in click, f"a live action on line {y}: {click!r} over {text!r}"
                assert not (style.link and "evil" in style.link), f"a live link on line {y}: {style.link}"
            line.append(text)
        lines.append("".join(line))
    return "\n".join(lines)


def assert_shows(app, *expected: str) -> str:
    screen = drawn(app)
    for text in expected:
        assert text in screen, f"{type(app.screen).__name__} does not show {text!r}:\n{screen}"
    return screen


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    seed(db_path)
    return db_path


async def settle(pilot, rounds: int = 3) -> None:
    for _ in range(rounds):
        await pilot.pause()


async def visit(pilot, app, keys: str | tuple[str, ...], screen: str, *expected: str) -> None:
    """Press `keys`, wait for `screen`, and check what it draws (and that it shows `expected`)."""
    await pilot.press(*((keys,) if isinstance(keys, str) else keys))
    await wait_for_screen(pilot, app, screen)
    assert_shows(app, *expected)


async def test_profile_chooser_and_lifters_show_names_literally(hostile_db: Path):
    app = WatchedApp(hostile_db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "ProfileChooserScreen", stored=False)
        assert_shows(app, "Eve" + MARKUP_SHOWN, "Mal" + MARKUP_SHOWN, ESCAPE_SHOWN)
        await visit(pilot, app, "enter", "ResumeScreen")
        await visit(pilot, app, "escape", "PickerScreen", "Eve" + MARKUP_SHOWN)  # the header names the lifter
        await visit(pilot, app, "p", "ProfilesScreen", "Eve" + MARKUP_SHOWN, "Mal" + MARKUP_SHOWN)
        await visit(pilot, app, "r", "NamePromptScreen", "Rename Eve" + MARKUP_SHOWN)
        await visit(pilot, app, "escape", "ProfilesScreen")
        await visit(pilot, app, ("down", "d"), "TypedConfirmScreen", "Mal" + MARKUP_SHOWN)
        await pilot.press(*"nobody", "enter")
        await settle(pilot)
        assert_shows(app, "That is not Mal" + MARKUP_SHOWN)
        await visit(pilot, app, "escape", "ProfilesScreen")
        await visit(pilot, app, "enter", "PickerScreen")  # switch to Mal: the notice names them
        await settle(pilot, 10)
        assert_shows(app, "Training as Mal" + MARKUP_SHOWN)
        assert app.pwned == []


async def on_the_routine(pilot, app) -> None:
    """Past the resume question, the picker's cursor on the lifter's own routine."""
    await wait_for_screen(pilot, app, "ResumeScreen")
    await visit(pilot, app, "escape", "PickerScreen")
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(ROUTINE_SLUG))
    await settle(pilot)


async def test_picker_plan_and_resume_show_routine_text_literally(hostile_db: Path):
    app = WatchedApp(hostile_db, profile=PROFILE)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        assert_shows(app, "Pull day" + MARKUP_SHOWN[:20], "Evil row" + MARKUP_SHOWN[:20])
        await on_the_routine(pilot, app)
        assert_shows(app, "Evil day" + MARKUP_SHOWN, "description " + MARKUP_SHOWN, ESCAPE_SHOWN, "\\u202e")
        await visit(pilot, app, "enter", "RoutinePlanScreen", "Evil day" + MARKUP_SHOWN,  # in the header
                    "description " + MARKUP_SHOWN, "Evil row" + MARKUP_SHOWN, "item note " + MARKUP_SHOWN)
        # The unfinished workout must be settled first.
        await visit(pilot, app, "enter", "ResumeScreen", "Finish it before starting Evil",
                    "day" + MARKUP_SHOWN + ESCAPE_SHOWN)
        await visit(pilot, app, ("escape", "escape"), "PickerScreen")
        # Deleting the routine: the question and the notice name it.
        await visit(pilot, app, "x", "ConfirmScreen", "Delete your routine Evil", "day" + MARKUP_SHOWN + ESCAPE_SHOWN)
        await visit(pilot, app, "y", "PickerScreen")
        await settle(pilot)
        assert_shows(app, "Deleted Evil day" + MARKUP_SHOWN)
        assert app.pwned == []


async def test_history_tabs_detail_and_pickers_show_text_literally(hostile_db: Path):
    app = WatchedApp(hostile_db, profile=PROFILE)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        await visit(pilot, app, "escape", "PickerScreen")
        await visit(pilot, app, "h", "HistoryScreen", "Pull day" + MARKUP_SHOWN[:12])
        history = app.screen
        table = history.query_one("#workout-table", DataTable)
        table.focus()
        table.move_cursor(row=1)  # the finished workout, with its notes
        await visit(pilot, app, "enter", "WorkoutDetailScreen", "Pull day" + MARKUP_SHOWN, "workout note " + MARKUP_SHOWN,
                    "set note " + MARKUP_SHOWN, "Evil row" + MARKUP_SHOWN, ESCAPE_SHOWN, "\\x9b2J", "\\u202e")
        await visit(pilot, app, "escape", "HistoryScreen")
        await visit(pilot, app, "e", "PickOptionScreen", "Evil row" + MARKUP_SHOWN)
        await pilot.press(*"evil")  # the fuzzy match picks letters out: still text
        await settle(pilot)
        assert_shows(app, "Evil row")
        await visit(pilot, app, "enter", "HistoryScreen")
        assert history.exercise == EXERCISE_SLUG
        for tab in "2345":  # exercise (chart and records), straps, balance, calendar
            await pilot.press(tab)
            await settle(pilot, 5)
            screen = drawn(app)
            if tab in "23":
                assert "Evil row" in screen, screen
        await visit(pilot, app, "r", "PickOptionScreen", "Evil day" + MARKUP_SHOWN)
        await visit(pilot, app, "escape", "HistoryScreen")
        assert app.pwned == []


async def test_editor_search_and_forms_show_text_literally(hostile_db: Path):
    app = WatchedApp(hostile_db, profile=PROFILE)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await on_the_routine(pilot, app)
        # The name and description fields hold the text with its escapes spelled out.
        await visit(pilot, app, "c", "RoutineEditorScreen", "Evil row" + MARKUP_SHOWN, "item note " + MARKUP_SHOWN[:20],
                    "Evil day" + MARKUP_SHOWN[:20])
        await visit(pilot, app, "enter", "RoutineItemScreen", "Evil row" + MARKUP_SHOWN)
        await visit(pilot, app, "escape", "RoutineEditorScreen")
        await pilot.press("escape")
        await settle(pilot)
        if type(app.screen).__name__ == "ConfirmScreen":
            await pilot.press("y")
        await wait_for_screen(pilot, app, "PickerScreen")
        await visit(pilot, app, "a", "ExerciseSearchScreen")
        await pilot.press(*"evil")
        await settle(pilot)
        assert_shows(app, "Evil row" + MARKUP_SHOWN)
        await visit(pilot, app, "ctrl+n", "CustomExerciseScreen")
        await visit(pilot, app, "escape", "ExerciseSearchScreen")
        await visit(pilot, app, "escape", "PickerScreen")
        for key, name in (("f3", "SettingsScreen"), ("f1", "HelpScreen")):
            await visit(pilot, app, key, name)
            await visit(pilot, app, "escape", "PickerScreen")
        await pilot.press("ctrl+p")
        await settle(pilot, 5)
        drawn(app)
        await pilot.press("escape")
        assert app.pwned == []


async def test_tracker_plan_and_summary_show_text_literally(hostile_db: Path):
    app = WatchedApp(hostile_db, profile=PROFILE)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        await visit(pilot, app, "enter", "TrackerScreen")  # resume the open workout, on the lifter's own exercise
        await settle(pilot, 5)
        assert_shows(app, "Evil row" + MARKUP_SHOWN, "set note " + MARKUP_SHOWN[:20], "cue " + MARKUP_SHOWN[:20])
        await visit(pilot, app, "ctrl+l", "WorkoutPlanScreen", "Evil row" + MARKUP_SHOWN)
        await visit(pilot, app, "escape", "TrackerScreen")
        await visit(pilot, app, "ctrl+f", "SummaryScreen", "Evil row" + MARKUP_SHOWN)
        await visit(pilot, app, "escape", "TrackerScreen")
        await visit(pilot, app, "f2", "HistoryScreen")  # on the exercise being done: the chart's title names it
        await settle(pilot, 5)
        assert_shows(app, "Evil row")
        assert app.pwned == []


def test_the_payloads_are_what_a_terminal_would_act_on():
    """The seeded text really is dangerous unescaped (else the walk proves nothing)."""
    assert UNSAFE.search(PROFILE) and UNSAFE.search(OTHER_PROFILE) and "[@click=" in ROUTINE
    assert visible_line(PROFILE) == "Eve" + MARKUP_SHOWN + ESCAPE_SHOWN
    assert not UNSAFE.search(visible(ROUTINE))
