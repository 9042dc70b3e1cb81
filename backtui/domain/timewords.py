"""Instants in words, in the lifter's timezone: '3 days ago', 'Tue 18 Nov'."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum


def local(iso_text: str) -> pendulum.DateTime:
    import pendulum  # late: not needed for the first frame

    return pendulum.parse(iso_text).in_tz(pendulum.local_timezone())


def humanize(iso_text: str | None) -> str:
    return local(iso_text).diff_for_humans() if iso_text else "never"


def local_day(iso_text: str) -> str:
    return local(iso_text).format("ddd D MMM")


def day_and_ago(iso_text: str) -> str:
    """'Tue 18 Nov, 2 days ago'."""
    return f"{local_day(iso_text)}, {humanize(iso_text)}"
