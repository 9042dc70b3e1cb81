"""Turning exported set records into JSON or a Strong-style CSV, written as they are
read, so an export of any size holds one set in memory at a time."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO

from backtui.domain.formatting import file_number
from backtui.domain.units import format_number, from_kg

# Strong's comma layout, so tools that read Strong exports read ours, plus our own
# columns at the end so `backtui import` gets every set back as it was: Weight is in
# the unit the set was typed in (225 for 225 lb, never 102.058283), to a thousandth,
# which Weight Unit says per row as Strong's semicolon layout does (Entry Unit says the
# same, for files of older backtui); Body Weight the lifter's weight kept with a
# bodyweight set in kg, exact (its volume counts it), Distance Unit the unit of
# Distance, Region and Pattern where a custom exercise counts in the weekly balance.
CSV_HEADER = [
    "Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
    "Distance", "Seconds", "Notes", "Workout Notes", "RPE", "Straps", "Set Kind",
    "Entry Unit", "Form Broke", "Logged At", "Routine", "Body Weight", "Distance Unit", "Region", "Pattern",
    "Weight Unit",
]
Record = Mapping[str, Any]
_KIND_ORDER = {"warmup": "W", "drop": "D", "failure": "F"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def json_record(row: Record) -> dict[str, Any]:
    return {
        "workout_id": row["workout_id"],
        "workout_started_at": row["workout_started_at"],
        "routine": row["routine"],
        "exercise": row["exercise"],
        "exercise_name": row["exercise_name"],
        "set_number": row["set_number"],
        "kind": row["kind"],
        "weight_kg": row["weight_kg"],
        "reps": row["reps"],
        "seconds": row["seconds"],
        "straps": row["straps"],
        "rpe": row["rpe"],
        "form_broke": row["form_broke"],
        "note": row["note"],
        "unit": row["unit"],
        "logged_at": row["logged_at"],
        "bodyweight_kg": row.get("bodyweight_kg"),
        "distance": row.get("distance"),
        "distance_unit": row.get("distance_unit"),
    }


def write_json(rows: Iterable[Record], out: TextIO) -> int:
    """A JSON list of set records, one record per line; returns the number written."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(json_record(row), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def to_json(rows: Iterable[Record]) -> str:
    out = io.StringIO()
    write_json(rows, out)
    return out.getvalue()


def safe_cell(text: str) -> str:
    """Stop a spreadsheet from running a note or name as a formula. A text that starts
    with a quote gets one more, so the importer can always strip exactly one; so does a
    text whose first visible character is one (the importer trims spaces and form feeds
    before it unquotes)."""
    marks = _FORMULA_STARTS + ("'",)
    return "'" + text if text.startswith(marks) or text.lstrip().startswith(marks) else text


def strong_duration(start: str, end: str | None) -> str:
    """Duration in Strong's words: '41m', '1h 3m'."""
    if not end:
        return "0m"
    minutes = max(0, int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _local(text: str) -> str:
    return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _custom(row: Record, key: str) -> str:
    """Region and pattern are written for custom exercises only (the catalog knows its own)."""
    return str(row.get(key) or "") if row.get("custom") else ""


def _entry_unit(unit: str | None) -> str:
    return "lb" if unit == "lb" else "kg"


def entry_weight(weight_kg: float | None, unit: str | None) -> str:
    """A set's weight for the CSV in the unit it was typed in, to a thousandth: 225 lb
    is '225' (stored as 102.058283 kg), 61.25 kg '61.25'. Read back with to_kg it
    gives the stored kg again for anything typed to a thousandth (storage keeps kg to
    six places, a thousandth of a pound is 0.00045 kg)."""
    return "" if weight_kg is None else format_number(from_kg(weight_kg, _entry_unit(unit)), 3)


def write_strong_csv(rows: Iterable[Record], out: TextIO) -> int:
    """Strong's comma layout plus our columns; returns the number of sets written."""
    writer = csv.writer(out, lineterminator="\n")
    # The minimal writer leaves a field with a bare \r unquoted (only \n ends our lines),
    # which no CSV reader can take back: such rows are written fully quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_HEADER)
    count = 0
    for row in rows:
        weight, bodyweight, distance = row["weight_kg"], row.get("bodyweight_kg"), row.get("distance")
        cells = (
            [
                _local(row["workout_started_at"]),
                safe_cell(row["routine_name"] or "Workout"),
                strong_duration(row["workout_started_at"], row["workout_ended_at"] or row["last_set_at"]),
                safe_cell(row["exercise_name"]),
                _KIND_ORDER.get(row["kind"], str(row["set_number"])),
                entry_weight(weight, row["unit"]),
                "" if row["reps"] is None else row["reps"],
                0 if distance is None else format_number(distance, 6),
                0 if row["seconds"] is None else row["seconds"],
                safe_cell(row["note"] or ""),
                safe_cell(row["workout_note"] or ""),
                "" if row["rpe"] is None else format_number(row["rpe"], 1),
                "yes" if row["straps"] else "no",
                row["kind"],
                row["unit"],
                "yes" if row["form_broke"] else "no",
                row["logged_at"],
                row["routine"] or "",
                file_number(bodyweight, 6),
                row.get("distance_unit") or "",
                _custom(row, "region"),
                _custom(row, "pattern"),
                _entry_unit(row["unit"]),
            ]
        )
        (quoted if any("\r" in str(cell) for cell in cells) else writer).writerow(cells)
        count += 1
    return count


def to_strong_csv(rows: Iterable[Record]) -> str:
    out = io.StringIO()
    write_strong_csv(rows, out)
    return out.getvalue()
