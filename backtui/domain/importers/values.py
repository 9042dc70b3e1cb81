"""Reading one cell: numbers with export noise, durations, dates, distances.

Every reader raises ImportFileError with the line, so a bad cell is one clear line.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone, tzinfo

from backtui.domain.clock import iso
from backtui.domain.importers.model import ImportedSet, ImportFileError, SkippedRow
from backtui.domain.units import MAX_WEIGHT_KG, normalise_unit, to_kg

MAX_REPS = 1000
MAX_SECONDS = 86400
# A workout longer than this is a timer left running ('264h 1m'): its end is unknown.
MAX_WORKOUT_SECONDS = 12 * 3600
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_HEVY_DATE = re.compile(r"^\s*(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
_DURATION_PART = re.compile(r"(\d+)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])", re.IGNORECASE)
_DURATION_SCALE = {"h": 3600, "m": 60, "s": 1}
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$")
# Distance units as exports spell them ('mi.' in Strong's semicolon layout, 'kms' in FitNotes).
_DISTANCE_UNITS = {
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "mi": "mi", "mile": "mi", "miles": "mi",
    "ft": "ft", "foot": "ft", "feet": "ft",
    "yd": "yd", "yds": "yd", "yard": "yd", "yards": "yd",
}
DISTANCE_UNITS = ("m", "km", "mi", "ft", "yd")


def number(text: str, line: int, what: str) -> float | None:
    """'' -> None; '62.5', '62,5', '149.99999999999997' -> float; text -> error."""
    text = text.strip()
    if not text:
        return None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")  # decimal comma from a European export
    try:
        value = float(text)
    except ValueError:
        raise ImportFileError(line, f"{what} {_quote(text)} is not a number") from None
    if not math.isfinite(value):
        raise ImportFileError(line, f"{what} {_quote(text)} is not a number")
    return value


def whole(value: float | None) -> int | None:
    """10.0 -> 10; None stays None; 10.5 -> ValueError."""
    if value is None:
        return None
    if value != int(value):
        raise ValueError(value)
    return int(value)


def duration_text(text: str, line: int) -> int | None:
    """Strong's '41m', '1h 3m', '38min', '264h 1m', or plain seconds, as seconds."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    parts = _DURATION_PART.findall(text)
    if not parts or _DURATION_PART.sub("", text).strip():
        raise ImportFileError(line, f"duration {_quote(text)} is not like '41m' or '1h 3m'")
    return sum(int(amount) * _DURATION_SCALE[unit.lower()[0]] for amount, unit in parts)


def clock_seconds(text: str, line: int) -> int | None:
    """FitNotes time '0:09:21' or '9:21' (or plain seconds)."""
    text = text.strip()
    if not text:
        return None
    match = _CLOCK.match(text)
    if match:
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    value = number(text, line, "time")
    return None if value is None else int(round(value))


def zone_name(zone: tzinfo) -> str:
    """'Europe/Berlin' for an IANA zone, else what the zone calls itself ('+01:00')."""
    name = getattr(zone, "key", None) or getattr(zone, "name", None)
    return str(name) if name else str(zone.tzname(None) or zone)


def machine_zone() -> tzinfo:
    """This computer's time zone (TZ, then /etc/localtime), as an IANA zone when it has one."""
    from pendulum.tz.local_timezone import get_local_timezone

    return get_local_timezone()


class LocalTimes:
    """Reads an export's date-times as local times in one zone.

    A local time that happened twice (the hour the clocks go back) is read as the first
    of the two; one that never happened (the hour the clocks go forward) is read as if
    the clocks had not changed yet, which lands it as many minutes after the change. Each
    such time is remembered, so the summary can say which lines were read by the rule.
    """

    def __init__(self, zone: tzinfo | None = None, *, chosen: bool = False) -> None:
        self.zone = zone if zone is not None else machine_zone()
        self.chosen = chosen or zone is not None
        self.name = zone_name(self.zone)
        self.shifted: list[SkippedRow] = []

    def read(self, text: str, line: int) -> datetime:
        moment = _parse_moment(text, line)
        if moment.tzinfo is not None:
            return moment
        aware = moment.replace(tzinfo=self.zone, fold=0)
        later = moment.replace(tzinfo=self.zone, fold=1)
        if aware.utcoffset() != later.utcoffset():
            self._note_change(moment, aware, line)
        return aware

    def _note_change(self, naive: datetime, aware: datetime, line: int) -> None:
        back = aware.astimezone(timezone.utc).astimezone(self.zone).replace(tzinfo=None)
        shown = naive.strftime("%Y-%m-%d %H:%M")
        if back != naive:
            self.shifted.append(SkippedRow(line, f"{shown} never happened in {self.name} (clocks went forward): "
                                                 f"read as {back:%H:%M}"))
        else:
            offset = aware.strftime("%z")
            self.shifted.append(SkippedRow(line, f"{shown} happened twice in {self.name} (clocks went back): "
                                                 f"read as the first, UTC{offset[:3]}:{offset[3:]}"))


def _parse_moment(text: str, line: int) -> datetime:
    cleaned = text.strip()
    moment = None
    match = _HEVY_DATE.match(cleaned)
    if match and match[2].lower() in _MONTHS:
        day, _, year, hour, minute, second = match.groups()
        try:
            moment = datetime(int(year), _MONTHS[match[2].lower()], int(day), int(hour), int(minute),
                              int(second or 0))
        except ValueError:
            moment = None
    elif cleaned:
        try:
            moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00") if cleaned.endswith("Z") else cleaned)
        except ValueError:
            moment = None
    if moment is None or not 1970 <= moment.year <= 2200:
        raise ImportFileError(line, f"date {_quote(text)} is not a date and time this importer knows")
    return moment


def workout_end(start: datetime, seconds: int | None) -> str:
    """The end from a duration; an unknown or runaway duration ends at the start."""
    if seconds is None or not 0 < seconds <= MAX_WORKOUT_SECONDS:
        return iso(start)
    return iso(start + timedelta(seconds=seconds))


def unit_of(text: str, line: int, default: str) -> str:
    text = text.strip()
    if not text:
        return default
    try:
        return normalise_unit(text)
    except ValueError:
        raise ImportFileError(line, f"weight unit {_quote(text)} is neither kg nor lb") from None


def header_unit(header: str) -> str | None:
    """'Weight (kg)' -> 'kg', 'weight_lbs' -> 'lb', 'kg' -> 'kg', 'Weight' -> None."""
    match = re.search(r"(?:^|\W|_)(kgs?|lbs?)\W*$", header.strip().lower())
    return normalise_unit(match[1]) if match else None


def distance_unit(text: str) -> str | None:
    """'mi.', 'Miles', 'kms', 'meters' -> 'mi', 'mi', 'km', 'm'; None when unknown or empty."""
    return _DISTANCE_UNITS.get(text.strip().lower().rstrip("."))


def header_distance_unit(header: str) -> str | None:
    """'Distance (meters)' -> 'm', 'distance_km' -> 'km', 'km' -> 'km', 'Distance' -> None."""
    match = re.search(r"(?:^|[\s(_])([a-z]+)\W*$", header.strip().lower())
    return distance_unit(match[1]) if match and match[1] != "distance" else None


def build_set(
    *,
    exercise: str,
    line: int,
    weight: float | None,
    unit: str,
    reps: float | None,
    seconds: float | None,
    rpe: float | None = None,
    kind: str = "working",
    note: str = "",
    distance: float | None = None,
    distance_in: str | None = None,
    warnings: list[SkippedRow] | None = None,
) -> ImportedSet | str:
    """One set, or the reason the row is not a set (it is then skipped, not guessed).
    `distance` is kept in its own field with its unit (`distance_in`; None: the file
    does not say)."""
    try:
        reps_int = whole(reps)
    except ValueError:
        return f"reps {format(reps, 'g')} is not a whole number"
    reps_int = reps_int or None  # 0 reps: not done
    seconds_int = int(round(seconds)) if seconds else None
    distance = distance if distance and distance > 0 else None
    if reps_int is None and seconds_int is None:
        if weight is None and distance is None:
            return "unfinished set (no weight, reps or time)"
        if distance is not None:
            return "distance without reps or time (not stored)"
        return "no reps or time"
    if reps_int is not None and not 1 <= reps_int <= MAX_REPS:
        return f"reps {reps_int} out of range 1-{MAX_REPS}"
    if seconds_int is not None and not 1 <= seconds_int <= MAX_SECONDS:
        return f"time {seconds_int} s out of range (over a day)"
    if weight == 0 and reps_int is None:
        weight = None  # a hold or a run: exports write 0 for "no weight"
    weight_kg = None if weight is None else to_kg(weight, unit)
    if weight_kg is not None and abs(weight_kg) > MAX_WEIGHT_KG:
        return f"weight {format(weight, 'g')} {unit} is over {MAX_WEIGHT_KG:g} kg"
    if rpe is not None and rpe != 0 and not 1 <= rpe <= 10:
        if warnings is not None:
            warnings.append(SkippedRow(line, f"RPE {format(rpe, 'g')} is outside 1-10: left out"))
        rpe = None
    return ImportedSet(
        exercise=exercise,
        line=line,
        kind=kind,
        weight_kg=weight_kg,
        reps=reps_int,
        seconds=seconds_int,
        rpe=rpe or None,
        note=note,
        unit=unit,
        distance=distance,
        distance_unit=distance_in if distance is not None else None,
    )


def _quote(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
