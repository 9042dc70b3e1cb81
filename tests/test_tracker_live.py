"""The tracker on a file others write to: it notices, quietly, and dialogs never take
keys that were typed before they appeared."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlrows import rows
from textual import events
from tui_wait import go_to, wait_for_screen, wait_for_tracker

import backtui.screens.tracker as tracker_module
from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store


@pytest.fixture
def quick_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracker_module, "POLL_SECONDS", 0.2)


async def test_sets_logged_elsewhere_appear_while_idle(db_path: Path, quick_poll):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "pull-up")
        other = Store(open_database(db_path), load_catalog())
        other.log_sets(screen.view.workout_id, "pull-up", parse_entry("9 # from the shell", "bodyweight_reps"))
        other.db.close()
        for _ in range(10):  # no key pressed: the idle poll brings it
            await pilot.pause(0.1)
        assert [(row.text, row.note) for row in screen.view.today] == [("bw x 9", "from the shell")]
        assert "from the shell" in str(screen.query_one("#today").get_row_at(0)[3])


async def test_the_idle_poll_paints_nothing_when_nothing_changed(db_path: Path, quick_poll):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        screen.entry.cursor_blink = False  # the cursor's own blink is not the poll's
        await pilot.pause(0.3)
        frames = []
        display = app._display
        app._display = lambda shown, renderable: (frames.append(renderable) if renderable is not None else None,
                                                 display(shown, renderable))
        await pilot.pause(1.2)  # about six polls
        assert frames == []


async def test_a_key_pressed_before_the_question_appeared_never_answers_it(db_path: Path):
    store = Store(open_database(db_path), load_catalog())
    workout = store.start_workout(None, None, [])
    store.log_sets(workout.id, "deadlift", parse_entry("100x5", "weight_reps"))
    store.db.close()
    app = make_app(db_path, routine="lower-back-focus")
    async with app.run_test(size=(80, 24)) as pilot:
        question = await wait_for_screen(pilot, app, "ResumeScreen")
        shown = app.typed_ahead.shown_at[question]
        for character in "fn":  # each a key of the question, typed before it showed
            key = events.Key(character, character)
            key.time = shown - 0.05
            app.post_message(key)
            await pilot.pause()
        assert app.screen is question
        assert app.screen_stack[-2].query_one("#entry").value == "fn"  # where it was typed
        assert rows(db_path, "SELECT count(*) FROM workouts WHERE ended_at IS NULL") == [(1,)]
        await pilot.press("enter")  # pressed after: it answers (resume)
        tracker = await wait_for_tracker(pilot, app)
        assert tracker.live.workout.id == workout.id and tracker.entry.value == "fn"


async def test_history_opens_on_the_exercise_being_done(db_path: Path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await pilot.press("f2")
        history = await wait_for_screen(pilot, app, "HistoryScreen")
        assert history.exercise == "deadlift"
