"""Reading one cell: numbers with export noise, durations, dates, set kinds.

Every reader raises ImportFileError with the line, so a bad cell is one clear line.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, tzinfo

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
_DURATION_PART = re.compile(r"(\d+)\s*([hms])", re.IGNORECASE)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$")


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
    """Strong's '41m', '1h 3m', '264h 1m', or plain seconds, as seconds."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    parts = _DURATION_PART.findall(text)
    if not parts or _DURATION_PART.sub("", text).strip():
        raise ImportFileError(line, f"duration {_quote(text)} is not like '41m' or '1h 3m'")
    scale = {"h": 3600, "m": 60, "s": 1}
    return sum(int(amount) * scale[unit.lower()] for amount, unit in parts)


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


def local_datetime(text: str, line: int, tz: tzinfo | None) -> datetime:
    """A date-time as written in an export (local time unless it says otherwise)."""
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
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()
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
    """'Weight (kg)' -> 'kg', 'weight_lbs' -> 'lb', 'Weight' -> None."""
    match = re.search(r"(kgs?|lbs?)\W*$", header.strip().lower())
    return normalise_unit(match[1]) if match else None


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
    distance: str = "",
    warnings: list | None = None,
) -> ImportedSet | str:
    """One set, or the reason the row is not a set (it is then skipped, not guessed)."""
    try:
        reps_int = whole(reps)
    except ValueError:
        return f"reps {format(reps, 'g')} is not a whole number"
    reps_int = reps_int or None  # 0 reps: not done
    seconds_int = int(round(seconds)) if seconds else None
    if distance:
        note = f"{note} ({distance})".strip() if note else distance
    if reps_int is None and seconds_int is None:
        if weight is None and not distance:
            return "unfinished set (no weight, reps or time)"
        if distance:
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
    )


def _quote(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
