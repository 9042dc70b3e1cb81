"""Instants in words."""

from __future__ import annotations

import pendulum

from backtui.domain.timewords import humanize


def test_humanize_reads_short_at_both_ends():
    now = pendulum.datetime(2026, 11, 21, 12, 0, 0)
    with pendulum.travel_to(now, freeze=True):
        assert humanize(None) == "never"
        assert humanize(now.subtract(seconds=20).isoformat()) == "just now"
        assert humanize(now.subtract(days=3).isoformat()) == "3 days ago"
        assert humanize(now.subtract(minutes=15).isoformat()) == "15 minutes ago"
