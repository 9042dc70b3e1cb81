"""Instants in words, in the lifter's timezone: '3 days ago', 'Tue 18 Nov'."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum


def local(iso_text: str) -> pendulum.DateTime:
    import pendulum  # late: not needed for the first frame

    from backtui.domain.clock import local_zone

    parsed = pendulum.parse(iso_text)
    if not isinstance(parsed, pendulum.DateTime):  # a bare date or time is no instant
        raise ValueError(f"not an instant: {iso_text!r}")
    return parsed.in_tz(local_zone())


def humanize(iso_text: str | None) -> str:
    """'3 days ago'; 'just now' under a minute (pendulum's 'a few seconds ago' does not
    fit the picker's column at 80 columns)."""
    if not iso_text:
        return "never"
    import pendulum

    when = local(iso_text)
    if abs((pendulum.now() - when).total_seconds()) < 60:
        return "just now"
    return when.diff_for_humans()


def local_day(iso_text: str) -> str:
    return local(iso_text).format("ddd D MMM")
