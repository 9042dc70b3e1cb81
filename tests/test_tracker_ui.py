"""The tracker, driven by real key presses through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlrows import rows
from tui_wait import current_slot, go_to, text_of, type_line, wait_for_tracker

from backtui.app import make_app
from backtui.widgets.countdown import Countdown
from backtui.widgets.entry_line import EntryLine


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app(db_path: Path):
    return make_app(db_path, routine="essential-back")


async def test_routine_flag_opens_tracker_with_entry_focused(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        assert isinstance(app.focused, EntryLine)
        assert screen.view.index == 0
        assert "Band pull-apart" in text_of(screen, "#card-title")
        assert "2 x 15-20" in text_of(screen, "#card-target")


async def test_log_sets_with_and_without_straps(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5 @8")
        await pilot.press("enter")
        await pilot.press("ctrl+s")  # straps on until turned off
        assert "straps" in text_of(screen, "#next-set") and "STRAPS ON" in text_of(screen, "#status")
        await type_line(pilot, "110x4")
        await pilot.press("enter")
        await pilot.press("enter")  # the suggestion, strapped too
        await pilot.press("ctrl+s")  # off: even though last set had straps, Next shows none
        assert "straps" not in text_of(screen, "#next-set")
        await pilot.press("enter")
        await type_line(pilot, "110x5 s # grip went")  # one strapped set typed by hand
        await pilot.press("enter")
        stored = rows(db_path)
        assert [(r[1], r[6]) for r in stored] == [(1, 0), (2, 1), (3, 1), (4, 0), (5, 1)]  # set, straps
        assert stored[0][3:5] == (100.0, 5) and stored[1][3:5] == (110.0, 4)
        assert stored[4][3:5] == (110.0, 5) and stored[4][8] == "grip went"
        assert "saved" in text_of(screen, "#status")


async def test_invalid_entry_keeps_text_and_stores_nothing(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "60x")
        await pilot.press("enter")
        assert "missing reps" in text_of(screen, "#entry-error")
        assert screen.query_one(EntryLine).value == "60x"
        assert rows(db_path) == []
        await pilot.press("8")
        await pilot.press("enter")
        assert text_of(screen, "#entry-error") == ""
        assert screen.query_one(EntryLine).value == ""
        assert [r[3:5] for r in rows(db_path)] == [(60.0, 8)]


async def test_empty_enter_logs_the_coachs_suggestion(db_path):
    from backtui.domain.catalog import load_catalog
    from backtui.domain.entry import parse_entry
    from backtui.storage.db import open_database
    from backtui.storage.store import Store

    store = Store(open_database(db_path), load_catalog())
    old = store.start_workout(at="2026-11-10T10:00:00.000000+00:00")
    store.log_sets(old.id, "seated-cable-row", parse_entry("62.5x10 s", "weight_reps"),
                   at="2026-11-10T10:05:00.000000+00:00")
    store.log_sets(old.id, "seated-cable-row", parse_entry("62.5x9", "weight_reps"),
                   at="2026-11-10T10:08:00.000000+00:00")
    store.finish_workout(old.id, at="2026-11-10T11:00:00.000000+00:00")
    store.db.close()
    app = make_app(db_path, routine="pre-exhaust-pull")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "seated-cable-row")
        assert "62.5x10 straps, 62.5x9" in text_of(screen, "#last-time")
        # the coach: same weight, one more rep on each set that fell short of 12; straps carry over
        assert "62.5x11 straps" in text_of(screen, "#next-set")
        assert "+1 rep at 62.5 kg" in text_of(screen, "#next-set")
        await pilot.press("enter")
        await pilot.press("enter")
        today = rows(db_path)[2:]
        assert [(r[3], r[4], r[6]) for r in today] == [(62.5, 11, 1), (62.5, 10, 0)]


async def test_nudge_changes_the_suggested_weight(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "60x8")
        await pilot.press("enter")
        await pilot.press("up", "up", "down", "up")  # +2 steps of 2.5 kg
        assert "65x8" in text_of(screen, "#next-set")
        await pilot.press("enter")
        assert rows(db_path)[-1][3:5] == (65.0, 8)


async def test_rest_timer_starts_counts_and_skips(app):
    async with app.run_test(size=(80, 24)) as pilot:
        clock = FakeClock()
        app.clock = clock
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        rest = screen.query_one("#rest", Countdown)
        assert rest.running and "Rest" in rest.text
        assert "3:00" in rest.text
        clock.now += 61
        rest.tick()
        await pilot.pause()
        assert "1:59" in rest.text
        await pilot.press("ctrl+r")
        assert "2:29" in rest.text
        await pilot.press("escape")
        assert not rest.running and rest.text == ""  # the line stays, empty: nothing moves


async def test_rest_timer_rings_at_zero(app, monkeypatch):
    async with app.run_test(size=(80, 24)) as pilot:
        clock = FakeClock()
        app.clock = clock
        bells = []
        monkeypatch.setattr(app, "bell", lambda: bells.append(1))
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        clock.now += 181
        screen.query_one("#rest", Countdown).tick()
        await pilot.pause()
        assert bells == [1]
        assert "Rest over" in text_of(screen, "#status")


async def holding(pilot, app, monkeypatch) -> tuple[object, FakeClock, Countdown]:
    """The tracker on knee-to-chest with its hold countdown started, on a clock the test moves."""
    clock = FakeClock()
    app.clock = clock
    monkeypatch.setattr(app, "bell", lambda: None)
    screen = await wait_for_tracker(pilot, app)
    await go_to(pilot, screen, "knee-to-chest")
    await pilot.press("ctrl+t")
    hold = screen.query_one("#hold", Countdown)
    assert hold.running
    return screen, clock, hold


async def test_hold_timer_logs_the_full_hold_then_an_early_stop(app, db_path, monkeypatch):
    async with app.run_test(size=(80, 24)) as pilot:
        screen, clock, hold = await holding(pilot, app, monkeypatch)
        clock.now += 20
        hold.tick()
        await pilot.pause()
        await pilot.press("escape")  # skip the rest that follows
        await pilot.press("ctrl+t")
        clock.now += 12.4
        await pilot.press("ctrl+t")  # stopped early: logs the time actually held
        await pilot.pause()
        assert [(r[0], r[5]) for r in rows(db_path)] == [("knee-to-chest", 20), ("knee-to-chest", 12)]


async def test_a_hold_logged_with_words_on_the_line_leaves_them_there(app, db_path, monkeypatch):
    """A hold is logged from its countdown, not from the line: words typed there (not
    a note, so not the hold's) stay (the line empties after a typed set is saved)."""
    async with app.run_test(size=(80, 24)) as pilot:
        screen, clock, hold = await holding(pilot, app, monkeypatch)
        await type_line(pilot, "45 s")
        clock.now += 20
        hold.tick()
        await pilot.pause(0.1)
        assert [(r[0], r[5]) for r in rows(db_path)] == [("knee-to-chest", 20)]
        assert screen.query_one(EntryLine).value == "45 s"


async def test_edit_delete_and_undo(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "60x8x3")
        await pilot.press("enter")
        await pilot.press("tab")  # to today's sets; the last one is highlighted
        await pilot.press("up", "e")
        assert screen.query_one(EntryLine).value == "60x8"
        await pilot.press("ctrl+u")
        await type_line(pilot, "62.5x7 s")
        await pilot.press("enter")
        assert [r[3:7] for r in rows(db_path)] == [(60.0, 8, None, 0), (62.5, 7, None, 1), (60.0, 8, None, 0)]
        await pilot.press("tab", "d")  # delete set 3
        assert [r[1] for r in rows(db_path)] == [1, 2]
        await pilot.press("escape", "ctrl+z")  # undo the delete
        assert [r[1] for r in rows(db_path)] == [1, 2, 3]
        await pilot.press("ctrl+z")  # undo the edit
        assert [r[3:5] for r in rows(db_path)] == [(60.0, 8)] * 3
        await pilot.press("ctrl+z")  # undo the log of three sets
        assert rows(db_path) == []
        assert "undone" in text_of(screen, "#status")


async def test_markup_in_notes_is_shown_as_typed(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "60x8 # [bold]heavy[/bold]")
        await pilot.press("enter")
        assert rows(db_path)[0][8] == "[bold]heavy[/bold]"
        table = screen.query_one("#today")
        assert "[bold]heavy[/bold]" in str(table.get_row_at(0)[3])


async def test_navigation_skip_add_and_plan(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await pilot.press("pagedown")
        assert screen.view.index == 1
        await pilot.press("ctrl+g")  # skip scapular pull-up
        assert screen.view.slots[1].skipped and screen.view.index == 2
        await pilot.press("pageup")  # skipped slots are passed over
        assert screen.view.index == 0
        await pilot.press("ctrl+o")
        await type_line(pilot, "face pull")
        await pilot.press("enter")
        await pilot.pause()
        assert current_slot(screen).exercise == "face-pull" and screen.view.index == 1
        await pilot.press("ctrl+l")
        await pilot.press("shift+down", "escape")
        await pilot.pause()
        assert [s.exercise for s in screen.view.slots][:3] == ["band-pull-apart", "scapular-pull-up", "face-pull"]
        # The plan is stored with the workout, for resume.
        plan = rows(db_path, "SELECT plan, position FROM workouts")[0]
        assert '"face-pull"' in plan[0] and plan[1] == screen.view.index


async def test_finish_shows_summary_and_ends_the_workout(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5x3")
        await pilot.press("enter", "ctrl+f")
        await pilot.pause()
        body = str(app.screen.query_one("#summary-body").render())
        assert "3 sets" in body and "1,500 kg" in body and "Lower back" in body
        await type_line(pilot, "solid")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"
        ended, note = rows(db_path, "SELECT ended_at, note FROM workouts")[0]
        assert ended and note == "solid"


async def test_finishing_an_empty_workout_discards_it(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_tracker(pilot, app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM workouts") == [(0,)]


async def test_new_record_is_announced(db_path):
    from backtui.domain.catalog import load_catalog
    from backtui.domain.entry import parse_entry
    from backtui.storage.db import open_database
    from backtui.storage.store import Store

    store = Store(open_database(db_path), load_catalog())
    old = store.start_workout(at="2026-11-10T10:00:00.000000+00:00")
    store.log_sets(old.id, "seated-cable-row", parse_entry("70x10", "weight_reps"), at="2026-11-10T10:05:00.000000+00:00")
    store.finish_workout(old.id, at="2026-11-10T11:00:00.000000+00:00")
    store.db.close()
    app = make_app(db_path, routine="pre-exhaust-pull")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "seated-cable-row")
        await type_line(pilot, "72.5x10")
        await pilot.press("enter")
        assert "New record" in text_of(screen, "#entry-error")
        assert "heaviest: 72.5 kg" in text_of(screen, "#entry-error")


async def test_help_and_palette_list_the_tracker_keys(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        help_text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for words in ("Grip straps on or off", "Undo the last log", "Finish the workout", "Entry line"):
            assert words in help_text
        await pilot.press("escape")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(screen)]
        for title in ("Straps", "Next", "Undo", "Finish", "Skip exercise", "Add exercise", "Plan"):
            assert title in titles


async def test_fits_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "60x8x6")
        await pilot.press("enter")
        for selector in ("#card-title", "#card-target", "#last-time", "#next-set", "#entry", "Footer"):
            region = screen.query_one(selector).region
            assert region.height >= 1 and region.y + region.height <= 24, selector


async def test_backslashes_and_brackets_in_names_show_as_typed(db_path):
    """Textual's escape() doubles some backslashes; our widgets drop user text in as values."""
    from backtui.core.views import plan_lines
    from backtui.domain.session import Slot
    from backtui.widgets.line import markup
    from backtui.widgets.plan_list import slot_line

    for text in ["ends with \\", "a\\[b]c", "[bold]x[/bold]", "c:\\path\\", "$name"]:
        assert markup("[b]$x[/b] after", x=text).plain == f"{text} after"
    exercise = load_catalog_exercise("deadlift")
    custom = exercise.__class__(**{**exercise.__dict__, "name": "Trap bar \\ [heavy]"})
    line = plan_lines([Slot(exercise="deadlift")], 0, {"deadlift": custom}, {})[0]
    assert slot_line(line).plain.startswith("▶ Trap bar \\ [heavy]")


def load_catalog_exercise(slug: str):
    from backtui.domain.catalog import load_catalog

    return load_catalog().exercise(slug)


async def test_typing_a_set_in_todays_list_goes_to_the_entry_line(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "60x8")
        await pilot.press("enter", "tab")  # in today's sets now
        await type_line(pilot, "62")
        assert isinstance(app.focused, EntryLine) and screen.query_one(EntryLine).value == "62"
        assert len(rows(db_path)) == 1  # nothing was deleted or flagged on the way


async def test_finishing_with_a_typed_set_pending_refuses(app, db_path):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "barbell-row")
        await type_line(pilot, "65x8")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert type(app.screen).__name__ == "TrackerScreen"
        assert "not logged yet" in text_of(screen, "#entry-error")
        assert screen.query_one(EntryLine).value == "65x8"
