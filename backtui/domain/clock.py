"""Time in one place: instants are stored as UTC ISO-8601 text."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pendulum import FixedTimezone, Timezone


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """'2026-11-21T09:15:02.123456+00:00': one fixed shape, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("refusing a naive datetime: give it a timezone")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def now_iso() -> str:
    return iso(utc_now())


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def local_zone() -> Timezone | FixedTimezone:
    """The lifter's time zone, as pendulum finds it (imported late: the first frame
    does without pendulum)."""
    # What pendulum.local_timezone() returns; mypy reads that name as the module
    # pendulum/tz/local_timezone.py, so the function it calls is called here.
    from pendulum.tz.local_timezone import get_local_timezone

    return get_local_timezone()
