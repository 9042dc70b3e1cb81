"""Time in one place: instants are stored as UTC ISO-8601 text."""

from __future__ import annotations

from datetime import datetime, timezone


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
