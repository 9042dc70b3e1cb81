"""What a new user saw go wrong on the history screen, driven by keys through Pilot."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest
from textual.widgets import Static
from tui_wait import open_history

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store
from backtui.widgets.progress_chart import day_axis

NOW = pendulum.datetime(2026, 11, 21, 12)


def at(text: str) -> str:
    return pendulum.parse(text).in_tz("UTC").isoformat(timespec="microseconds")


def seed(db_path, logs: list[tuple[str, str, str]]) -> None:
    """logs: (ISO local time, exercise, entry); one workout per day."""
    db = open_database(db_path)
    store = Store(db, load_catalog())
    workouts: dict[str, int] = {}
    for when, slug, entry in logs:
        day = when[:10]
        if day not in workouts:
            workouts[day] = store.start_workout(None, None, at=at(when)).id
        measure = store.catalog.exercises[slug].measure
        store.log_sets(workouts[day], slug, parse_entry(entry, measure), at=at(when))
    db.close()


def chart_text(screen) -> str:
    return screen.query_one("#chart").render().plain


# -- 1. the chart's date axis ------------------------------------------------

def test_day_axis_one_day_is_that_day_with_a_day_either_side():
    (left, right), ticks, labels = day_axis([date(2026, 11, 18)], 46)
    assert labels == ["2026-11-18"]
    assert right - left == 2 and ticks == [date(2026, 11, 18).toordinal()]


def test_day_axis_adjacent_days_label_each_once():
    _, _, labels = day_axis([date(2026, 11, 18), date(2026, 11, 19)], 46)
    assert labels == ["2026-11-18", "2026-11-19"]


def test_day_axis_long_span_fits_its_width():
    days = [date(2026, 1, 1).fromordinal(date(2026, 1, 1).toordinal() + 3 * i) for i in range(100)]
    (left, right), _, labels = day_axis(days, 80)
    assert labels[0] == "2026-01-01" and labels[-1] == days[-1].isoformat()
    assert len(labels) * 14 <= 80 and len(set(labels)) == len(labels)


@pytest.mark.parametrize("days", [["2026-11-18"], ["2026-11-18", "2026-11-19"]])
async def test_chart_axis_shows_only_the_days_trained(db_path, days):
    seed(db_path, [(f"{d}T18:30", "deadlift", f"{100 + 10 * i}x5") for i, d in enumerate(days)])
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app, exercise="deadlift")
        await pilot.press("2")
        await pilot.pause()
        text = chart_text(screen)
        for day in days:
            assert text.count(day) == 1, text
        assert "1963" not in text and "2090" not in text and "2026-11-17" not in text
        records = str(screen.query_one("#records", Static).render())
        assert "Heaviest" in records


# -- 2. balance words and stretches ---------------------------------------------

def _pulls(vertical: int, horizontal: int):
    from backtui.domain.balance import ExerciseWeek, pull_drift
    from backtui.domain.history import last_weeks

    weeks = last_weeks(date(2026, 11, 21), 12)
    rows = [ExerciseWeek("pull-up", weeks[-1], vertical, 0.0), ExerciseWeek("barbell-row", weeks[-1], horizontal, 1.0)]
    return pull_drift(rows, load_catalog().exercises, weeks)


@pytest.mark.parametrize(("vertical", "horizontal", "words", "flagged"), [
    (6, 6, "Width and thickness in balance", False),
    (6, 4, "Width and thickness in balance", False),  # 1.5:1
    (6, 3, "Width leads thickness 2.0:1", False),
    (3, 6, "Thickness leads width 2.0:1", False),
    (7, 3, "Pulling out of balance (2.3:1)", True),
])
def test_balance_words_follow_the_ratio(vertical, horizontal, words, flagged):
    drift = _pulls(vertical, horizontal)
    assert drift.message.startswith(words) and drift.flagged is flagged
    if not drift.message.startswith("Width and thickness in balance"):
        assert "in balance:" not in drift.message


def test_stretches_are_not_working_sets_in_the_balance():
    from backtui.domain.balance import ExerciseWeek, weekly_balance
    from backtui.domain.history import last_weeks

    weeks = last_weeks(date(2026, 11, 21), 12)
    rows = [ExerciseWeek("deadlift", weeks[-1], 4, 1360.0), ExerciseWeek("cat-cow", weeks[-1], 3, 0.0),
            ExerciseWeek("dead-hang", weeks[-1], 2, 0.0)]
    week = weekly_balance(rows, load_catalog().exercises, weeks)[-1]
    assert week.sets["lower_back"] == 4 and week.sets["lats"] == 2 and week.total_sets == 6


async def test_balance_tab_as_the_tester_saw_it(db_path):
    from textual.widgets import DataTable

    seed(db_path, [("2026-11-18T18:30", "deadlift", "100x5 120x3 s 120x3 s"),
                   ("2026-11-18T18:40", "pull-up", "8 8 8 8 8 8"),
                   ("2026-11-18T18:50", "barbell-row", "60x8 60x8 60x8"),
                   ("2026-11-18T19:00", "cat-cow", "60s 60s 60s")])
    app = make_app(db_path)
    with pendulum.travel_to(NOW, freeze=True):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, app, exercise="deadlift")
            await pilot.press("4")
            await pilot.pause()
            drift = str(screen.query_one("#drift", Static).render())
            assert "Width leads thickness 2.0:1" in drift and "in balance:" not in drift
            table = screen.query_one("#balance-weeks", DataTable)
            newest = [str(c) for c in table.get_row_at(0)]
            assert newest[1:] == ["6", "3 · 1,440", "3 · 1,220", "-", "12"]


# -- 3. strap notes ------------------------------------------------------------

async def test_strap_notes_do_not_contradict_the_share(db_path):
    seed(db_path, [("2026-11-18T18:30", "deadlift", "100x5"), ("2026-11-18T18:35", "deadlift", "120x3 120x3 s")])
    app = make_app(db_path)
    with pendulum.travel_to(NOW, freeze=True):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_history(pilot, app, exercise="deadlift")
            await pilot.press("3")
            await pilot.pause()
            summary = str(screen.query_one("#strap-summary", Static).render())
            notes = str(screen.query_one("#strap-notes", Static).render())
            assert "67% strapped" in summary
            assert "keeping up" not in notes and notes.startswith("No notes on strapped sets")


def test_no_strapped_sets_says_so():
    from backtui.domain.straps import no_notes_line

    assert no_notes_line(False, 12) == "No strapped sets in the last 12 weeks."
    assert "75%" in no_notes_line(True, 12) and "keeping up" not in no_notes_line(True, 12)


# -- 4. the filter line fits 80 columns ------------------------------------------

def _bar_text(screen) -> tuple[str, int]:
    from rich.text import Text

    bar = screen.query_one("#filters")
    return Text.from_markup(bar.render()).plain, bar.content_size.width


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_filter_line_fits_with_every_filter_on(db_path, size):
    from textual.widgets import Input

    seed(db_path, [("2026-11-18T18:30", "barbell-row", "60x8")])
    db = open_database(db_path)
    store = Store(db, load_catalog())
    workout = store.start_workout("essential-back", "Essential back strength", at=at("2026-11-19T10:00"))
    store.log_sets(workout.id, "barbell-row", parse_entry("62.5x8", "weight_reps"), at=at("2026-11-19T10:05"))
    db.close()
    app = make_app(db_path)
    with pendulum.travel_to(NOW, freeze=True):
        async with app.run_test(size=size) as pilot:
            screen = await open_history(pilot, app, exercise="deadlift")
            text, width = _bar_text(screen)
            assert len(text) <= width and "Deadlift" in text and "(workouts: any)" in text
            await pilot.press("r")
            await pilot.pause()
            await pilot.press(*"essential", "enter")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            await pilot.press(*"bent-over", "enter")
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            app.screen.query_one("#since", Input).value = "2026-08-01"
            app.screen.query_one("#until", Input).value = "2026-11-20"
            app.screen.query_one("#until", Input).focus()
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
            text, width = _bar_text(screen)
            assert len(text) <= width, text
            assert "2026-08-01 to 2026-11-20" in text and "Bent-over barbell row" in text
            assert "Essential back strength" in text
            if size[0] >= 120:
                assert text.startswith("Exercise Bent-over barbell row")  # room for the labels


def test_filter_parts_cut_names_last_and_never_the_dates():
    from backtui.widgets.filter_bar import filter_parts

    parts, sep = filter_parts("Chest-supported dumbbell row, wide grip", "", "A very long routine name indeed",
                              "2026-08-01 to 2026-11-20", 60)
    line = sep.join(value for _, value in parts)
    assert len(line) <= 60 and line.endswith("2026-08-01 to 2026-11-20") and "…" in line


# -- 5. records -----------------------------------------------------------------

async def test_records_box_leaves_out_a_form_broke_single(db_path):
    seed(db_path, [("2026-11-18T18:30", "deadlift", "120x3"), ("2026-11-18T18:40", "deadlift", "140x1 !"),
                   ("2026-11-18T18:50", "pull-up", "20"), ("2026-11-18T18:55", "pull-up", "30")])
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app, exercise="deadlift")
        await pilot.press("2")
        await pilot.pause()
        records = str(screen.query_one("#records", Static).render())
        assert "Heaviest     120 kg" in records and "140" not in records.split("Most volume")[0]
        assert "Most volume  500 kg" in records  # the broken single still counts in volume
        screen.exercise = "pull-up"
        screen.load_exercise()
        await pilot.pause()
        records = str(screen.query_one("#records", Static).render())
        reps_lines = records.split("Most reps at")[1].strip().splitlines()
        assert reps_lines == ["bw   30"]  # one line per load, its best


def test_strap_note_does_not_deny_an_unstrapped_set_whose_form_broke():
    from backtui.domain.straps import StrapWeek, strap_note

    weeks = [StrapWeek(date(2026, 11, 16), 4, 3)]
    note = strap_note("deadlift", weeks, 120.0, None)  # the one unstrapped set was flagged form-broke
    assert note is not None and "never a working set without them" not in note and "75%" in note
