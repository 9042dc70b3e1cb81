"""Undo you can see (issue 13): undo and redo name the set they touch and go to its
exercise; ctrl+z on a typed line takes back typing, not a set; Esc clears the line
before an edit and before a countdown; a set far beyond the history asks once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlrows import rows
from tui_wait import current_slot, go_to, settle, text_of, type_line, wait_for_tracker

from backtui.app import make_app
from backtui.widgets.countdown import Countdown
from backtui.widgets.entry_line import EntryLine


async def _log(pilot, app, line: str) -> None:
    await type_line(pilot, line)
    await pilot.press("enter")
    await settle(app, pilot.pause)


async def _press(pilot, app, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot.pause)


async def test_the_quoted_case_undo_goes_to_cat_cow_and_names_its_set(db_path: Path):
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        for _ in range(2):  # two Cat-cow sets
            await go_to(pilot, screen, "cat-cow")
            await _log(pilot, app, "30s")
        await go_to(pilot, screen, "cat-cow")
        await _press(pilot, app, "pagedown", "pagedown")
        assert current_slot(screen).exercise == "assisted-pull-up"
        await _log(pilot, app, "-20x8")
        await _press(pilot, app, "ctrl+z")
        assert current_slot(screen).exercise == "assisted-pull-up"
        assert "undone: Machine-assisted pull-up set 1, assist 20 kg x 8" in text_of(screen, "#status")
        await _press(pilot, app, "ctrl+z")
        assert current_slot(screen).exercise == "cat-cow"  # the tracker goes where the undo is
        assert "undone: Cat-cow set 2, 30 s" in text_of(screen, "#status")
        assert [r[:2] for r in rows(db_path)] == [("cat-cow", 1)]
        await _press(pilot, app, "ctrl+y")  # redo brings Cat-cow's set 2 back
        assert "redone: Cat-cow set 2, 30 s" in text_of(screen, "#status")
        assert [r[:2] for r in rows(db_path)] == [("cat-cow", 1), ("cat-cow", 2)]
        await _log(pilot, app, "redo")  # typed, as on a phone: the pull-ups come back
        assert current_slot(screen).exercise == "assisted-pull-up"
        assert [r[:2] for r in rows(db_path)][-1] == ("assisted-pull-up", 1)
        await _log(pilot, app, "undo")
        assert [r[:2] for r in rows(db_path)][-1] == ("cat-cow", 2)
        await _press(pilot, app, "ctrl+y")
        await _press(pilot, app, "ctrl+y")  # nothing left to redo: ctrl+y is warm-ups again, no set is lost
        assert len(rows(db_path)) == 3


@pytest.fixture
def app(db_path: Path):
    return make_app(db_path, routine="essential-back")


async def test_ctrl_z_with_text_undoes_the_typing_not_the_log(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await _log(pilot, app, "60x8")
        await type_line(pilot, "8 @9")
        await _press(pilot, app, "ctrl+z")
        entry = screen.query_one(EntryLine)
        assert entry.value == "8 "  # the last word typed is taken back
        assert len(rows(db_path)) == 1  # the set stays
        await _press(pilot, app, "ctrl+z", "ctrl+z")
        assert entry.value == ""
        assert len(rows(db_path)) == 1
        await _press(pilot, app, "ctrl+z")  # an empty line: now the log is undone
        assert rows(db_path) == []


async def test_esc_clears_the_line_then_the_edit_then_the_countdown(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await _log(pilot, app, "60x8")
        rest = screen.query_one("#rest", Countdown)
        assert rest.running
        await type_line(pilot, "6x80 typo")
        await _press(pilot, app, "escape")
        assert screen.query_one(EntryLine).value == "" and rest.running
        await _press(pilot, app, "tab", "e")  # a pending edit of set 1
        assert screen.view.editing == 1 and screen.query_one(EntryLine).value == "60x8"
        await _press(pilot, app, "escape")  # the line first
        assert screen.query_one(EntryLine).value == "" and screen.view.editing == 1 and rest.running
        await _press(pilot, app, "escape")  # then the edit
        assert screen.view.editing is None and rest.running
        await _press(pilot, app, "escape")  # only then the countdown
        assert not rest.running


async def test_a_typo_far_beyond_history_asks_once(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await _log(pilot, app, "60x8")
        await _log(pilot, app, "1000x1")
        assert screen.query_one(EntryLine).value == "1000x1"  # the line stays
        assert "1.5x" in text_of(screen, "#entry-error")
        assert len(rows(db_path)) == 1
        await _press(pilot, app, "enter")  # Enter again confirms
        assert [r[3] for r in rows(db_path)] == [60.0, 1000.0]
