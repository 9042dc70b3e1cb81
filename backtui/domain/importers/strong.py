"""Strong's CSV exports (three layouts) and backtui's own CSV, which extends Strong's.

1. `;`, a `Weight Unit` column per row.
2. `,`, no unit anywhere (weights are in the app's unit: --unit), `Duration` like '1h 3m',
   'Rest Timer' pseudo-rows, reps like '10.0'.
3. quoted `;` with `Workout #`, the unit in the header (`Weight (kg)`), `Duration (sec)`.
backtui: layout 2 plus Straps, Set Kind, Entry Unit, Form Broke, Logged At, Routine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from backtui.domain.clock import iso
from backtui.domain.importers.csvfile import CsvTable, cell
from backtui.domain.importers.model import (
    ImportedWorkout,
    ImportFileError,
    ParsedImport,
    SkippedRow,
    WorkoutBook,
)
from backtui.domain.importers.values import (
    build_set,
    duration_text,
    header_unit,
    local_datetime,
    number,
    unit_of,
    workout_end,
)
from backtui.domain.models import SET_KINDS

_ORDER_KINDS = {"w": "warmup", "d": "drop", "f": "failure"}
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False, "": False}
OWN_COLUMNS = ("straps", "set kind")
Progress = Callable[[int], None] | None


def is_strong(keys: list[str]) -> bool:
    return {"date", "exercise name", "set order"} <= set(keys) and (
        "workout name" in keys
    )


def layout_of(table: CsvTable) -> tuple[str, str]:
    keys = set(table.keys)
    if set(OWN_COLUMNS) <= keys:
        return "backtui", "backtui CSV"
    if "weight unit" in keys:
        return "strong", "Strong (semicolon layout, unit per row)"
    if "workout #" in keys or "duration (sec)" in keys:
        return "strong", "Strong (quoted layout, unit in the header)"
    return "strong", "Strong (comma layout, no unit column)"


def unescape(text: str) -> str:
    """Undo exporting.safe_cell: our CSV prefixes a quote to text a spreadsheet might run."""
    # Strip again: the quote hid leading space (a note "\t0 " was written "'\t0").
    return text[1:].strip() if text.startswith("'") else text


def parse_strong(table: CsvTable, unit: str, tz: tzinfo | None, progress: Progress = None) -> ParsedImport:
    source, layout = layout_of(table)
    own = source == "backtui"
    col = table.index
    c_date, c_name, c_exercise, c_order = col("date"), col("workout name"), col("exercise name"), col("set order")
    c_weight = col("weight", "weight (kg)", "weight (kgs)", "weight (lbs)", "weight (lb)")
    if c_weight is None or col("reps") is None and col("seconds") is None:
        raise ImportFileError(1, "this Strong header has no Weight or no Reps column")
    c_unit, c_reps, c_rpe, c_seconds = col("weight unit"), col("reps"), col("rpe"), col("seconds")
    c_distance = col("distance", "distance (meters)", "distance (km)", "distance (miles)")
    c_distance_unit = col("distance unit")
    c_duration, c_notes, c_workout_notes = col("duration", "duration (sec)"), col("notes"), col("workout notes")
    c_straps, c_kind, c_entry_unit = col("straps"), col("set kind"), col("entry unit")
    c_form, c_logged, c_routine = col("form broke"), col("logged at"), col("routine")
    weight_unit = header_unit(table.header[c_weight]) or unit
    distance_unit = {"distance (meters)": "m", "distance (km)": "km", "distance (miles)": "mi"}.get(
        table.keys[c_distance] if c_distance is not None else "", "")
    width = len(table.header)
    book = WorkoutBook()
    skipped: list[SkippedRow] = []
    warnings: list[SkippedRow] = []
    rows = 0

    for line, cells in table.rows():
        rows += 1
        if progress is not None and rows % 2000 == 0:
            progress(rows)
        if len(cells) != width:
            raise ImportFileError(line, f"expected {width} fields like the header, found {len(cells)}")
        order = cell(cells, c_order)
        if order.lower() == "rest timer":
            skipped.append(SkippedRow(line, "rest timer row (not a set)"))
            continue
        date_text = cell(cells, c_date)
        name = unescape(cell(cells, c_name)) if own else cell(cells, c_name)
        key = f"{source}|{date_text}|{name}"
        workout = book.get(key)
        if workout is None:
            start = local_datetime(date_text, line, tz)
            duration = duration_text(cell(cells, c_duration), line)
            routine = cell(cells, c_routine) or None
            workout = book.add(ImportedWorkout(
                key=key, started_at=iso(start), ended_at=workout_end(start, duration), line=line,
                name=None if own and routine is None and name == "Workout" else (name or None),
                routine_slug=routine,
            ))
        workout_note = cell(cells, c_workout_notes)
        workout.add_note(unescape(workout_note) if own else workout_note)
        exercise = unescape(cell(cells, c_exercise)) if own else cell(cells, c_exercise)
        if not exercise:
            raise ImportFileError(line, "the exercise name is empty")
        if own:
            kind = cell(cells, c_kind).lower() or "working"
            if kind not in SET_KINDS:
                raise ImportFileError(line, f"set kind {kind!r} is not one of {', '.join(SET_KINDS)}")
        elif order.isdigit() or not order:
            kind = "working"
        elif order.lower() in _ORDER_KINDS:
            kind = _ORDER_KINDS[order.lower()]
        else:
            raise ImportFileError(line, f"set order {order!r} is not a number, W, D, F or Rest Timer")
        row_unit = "kg" if own else unit_of(cell(cells, c_unit), line, weight_unit)
        distance = number(cell(cells, c_distance), line, "distance")
        distance_text = ""
        if distance:
            shown_unit = cell(cells, c_distance_unit) or distance_unit
            distance_text = f"{distance:g} {shown_unit}".strip()
        note = cell(cells, c_notes)
        made = build_set(
            exercise=exercise, line=line, kind=kind,
            weight=number(cell(cells, c_weight), line, "weight"), unit=row_unit,
            reps=number(cell(cells, c_reps), line, "reps"),
            seconds=number(cell(cells, c_seconds), line, "seconds"),
            rpe=number(cell(cells, c_rpe), line, "RPE"),
            note=unescape(note) if own else note, distance=distance_text, warnings=warnings,
        )
        if isinstance(made, str):
            skipped.append(SkippedRow(line, made))
            continue
        if own:
            _own_columns(made, cells, line, c_straps, c_form, c_entry_unit, c_logged)
        workout.sets.append(made)
    return ParsedImport(source=source, layout=layout, workouts=book.workouts(), rows=rows,
                        skipped=skipped, warnings=warnings, exact_weights=own)


def _own_columns(made, cells, line, c_straps, c_form, c_entry_unit, c_logged) -> None:
    """Straps, form, the entry unit and the set's own time from backtui's extra columns."""
    for attribute, index, what in (("straps", c_straps, "Straps"), ("form_broke", c_form, "Form Broke")):
        text = cell(cells, index).lower()
        if text not in _YES:
            raise ImportFileError(line, f"{what} {text!r} is not yes or no")
        setattr(made, attribute, _YES[text])
    made.unit = unit_of(cell(cells, c_entry_unit), line, "kg")
    logged = cell(cells, c_logged)
    if logged:
        moment = local_datetime(logged, line, None)
        made.logged_at = iso(moment)
