"""Issue 16's quoted cases in the tracker (Pilot) and in `backtui suggest`: both say
the same set, for the same reason."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlrows import rows
from textual.widgets import DataTable
from tui_wait import current_slot, go_to, open_history, text_of, type_line, wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.settings_store import record_bodyweight
from backtui.storage.store import Store

CATALOG = load_catalog()


def seed(db_path: Path, slug: str, lines: list[str], body: float | None = None) -> None:
    """Earlier sessions of `slug`, oldest first, one a day before today."""
    store = Store(open_database(db_path), CATALOG)
    now = datetime.now(timezone.utc)
    if body is not None:
        record_bodyweight(store, body, at=(now - timedelta(days=60)).isoformat())
    exercise = CATALOG.exercise(slug)
    for days_ago, line in zip(range(len(lines), 0, -1), lines):
        when = (now - timedelta(days=days_ago)).isoformat()
        workout = store.start_workout(at=when)
        drafts = [d for part in line.split(",") for d in parse_entry(part, exercise.measure, assisted=exercise.assisted)]
        store.log_sets(workout.id, slug, drafts, at=when, bodyweight_kg=body if exercise.bodyweight else None)
        store.finish_workout(workout.id, at=when)
    store.db.close()


def cli_json(run, slug: str) -> dict:
    result = run("suggest", slug, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("slug", "history", "shown", "reason", "cli"), [
    # the pyramid's first set is not the working weight
    ("lat-pulldown", ["55x12, 60x10 @9, 60x10 @9"], "60x11", "+1 rep at 60 kg", (60, 11, None)),
    # a 90 s child's pose holds 90 s, not 50 s because it also held 45 s
    ("child-pose", ["90s, 45s"], "1:30", "stretch: hold 90 s", (None, None, 90)),
])
async def test_suggestions_do_not_go_backwards_in_the_tracker_and_the_shell(db_path, run, slug, history, shown,
                                                                            reason, cli):
    seed(db_path, slug, history)
    data = cli_json(run, slug)
    assert (data["weight_kg"], data["reps"], data["seconds"]) == cli and reason in data["reason"]
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, slug)
        line = text_of(screen, "#next-set")
        assert shown in line and reason in line and "55x12" not in line, line


async def test_assistance_is_typed_as_the_help_and_shown_as_such(db_path, run):
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "assisted-pull-up")
        assert "20x8" in screen.entry.placeholder and "40x10" not in screen.entry.placeholder
        await pilot.press("enter")  # nothing to suggest yet: the hint reads as the exercise does
        error = text_of(screen, "#entry-error")
        assert "20x8 (20 kg of help, 8 reps)" in error and "40x10" not in error
        await type_line(pilot, "20x8")
        await pilot.press("enter")
        assert rows(db_path)[-1][3:5] == (-20.0, 8)
        assert "assist 20 kg x 8" in text_of(screen, "#status")
        assert "assist 20 kg" in text_of(screen, "#next-set")
    result = run("log", "assisted-pull-up", "25x6")
    assert result.exit_code == 0 and "assist 25 kg x 6" in result.output
    assert rows(db_path)[-1][3:5] == (-25.0, 6)


async def test_a_bare_weight_on_a_bodyweight_move_is_asked_in_the_tracker(db_path, run):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "pull-up")
        await type_line(pilot, "12x3")
        await pilot.press("enter")
        error = text_of(screen, "#entry-error")
        assert "+12x3 for 12 kg added" in error and "bw x12x3 or 12 12 12" in error
        assert rows(db_path) == []
    result = run("log", "pull-up", "12x3")
    assert result.exit_code == 2 and "+12x3" in result.output and rows(db_path) == []
    assert run("log", "pull-up", "bw", "x12x3").exit_code == 0
    assert [r[3:5] for r in rows(db_path)] == [(0.0, 12)] * 3


async def test_after_a_failure_set_and_a_drop_set_the_coach_says_move_on(db_path, run):
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "lat-pulldown")
        for line in ("60x10", "60x9", "60x8 f", "45x10 d"):
            await type_line(pilot, line)
            await pilot.press("enter")
            await go_to(pilot, screen, "lat-pulldown")
        line = text_of(screen, "#next-set")
        assert "failure on set 3, then a drop set" in line and "move on" in line
        await pilot.press("enter")
        assert "Nothing to suggest" in text_of(screen, "#entry-error") and len(rows(db_path)) == 4
    assert "move on" in cli_json(run, "lat-pulldown")["reason"]


async def test_set_numbers_match_the_table_rows(db_path):
    seed(db_path, "lat-pulldown", ["60x10, 60x10, 60x10"])
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "lat-pulldown")
        for line in ("w 30x10", "w 45x5", "50x10"):
            await type_line(pilot, line)
            await pilot.press("enter")
        # the working set is row 3 of the table: the coach names it so
        assert [r.number for r in screen.view.today] == [1, 2, 3]
        assert "same as set 3" in text_of(screen, "#next-set")


async def test_a_warmup_slot_says_the_warmups_are_done(db_path):
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        assert current_slot(screen).exercise == "cat-cow"
        assert "first time" not in text_of(screen, "#next-set")
        await type_line(pilot, "30s")
        await pilot.press("enter")
        await go_to(pilot, screen, "cat-cow")
        line = text_of(screen, "#next-set")
        assert "warm-up done (1 of 1 sets)" in line and "first time" not in line


async def test_ctrl_v_swaps_the_exercise_for_a_variant(db_path):
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "lat-pulldown")
        await pilot.press("ctrl+v")
        swapped = current_slot(screen).exercise
        assert swapped != "lat-pulldown" and CATALOG.exercise(swapped).variant_group == "pulldown"
        assert "swapped to" in text_of(screen, "#status")
        await type_line(pilot, "40x10")
        await pilot.press("enter")
        await pilot.press("ctrl+v")  # a set is logged: no swap
        assert current_slot(screen).exercise == swapped and "add the variant" in text_of(screen, "#status")
    assert rows(db_path)[-1][0] == swapped


async def test_the_finish_summary_shows_the_week_against_the_band_and_history_reopens_it(db_path):
    seed(db_path, "pull-up", ["8, 8, 8"], body=80.0)
    app = make_app(db_path, routine="beginner-back")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "lat-pulldown")
        await type_line(pilot, "50x10x3")
        await pilot.press("enter", "ctrl+f")
        await wait_for_screen(pilot, app, "SummaryScreen")
        body = str(app.screen.query_one("#summary-body").render())
        assert "lats this week:" in body and "of 10-20 hard sets" in body and "vertical" in body
        await pilot.press("enter")  # finish
        await pilot.pause()
        history = await open_history(pilot, app)
        table = history.query_one("#workout-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "WorkoutDetailScreen")
        await pilot.press("s")
        await wait_for_screen(pilot, app, "PastSummaryScreen")
        again = str(app.screen.query_one("#summary-body").render())
        assert "Volume 1,500 kg" in again and "lats this week:" in again


async def test_routine_on_the_command_line_shows_the_plan_first(db_path):
    app = make_app(db_path, routine="beginner-back", start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        assert rows(db_path, "SELECT count(*) FROM workouts") == [(0,)]
        await pilot.press("enter")
        await wait_for_tracker(pilot, app)


def test_start_needs_a_routine(run):
    result = run("--start")
    assert result.exit_code == 2 and "--start needs --routine" in result.output
