"""What a new user saw go wrong on the history screen, driven by keys through Pilot."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest
from textual.widgets import Static

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.screens.history import HistoryScreen
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


async def open_history(pilot, app, **kwargs) -> HistoryScreen:
    await pilot.pause()
    screen = HistoryScreen(**kwargs)
    app.push_screen(screen)
    await pilot.pause()
    return screen


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
