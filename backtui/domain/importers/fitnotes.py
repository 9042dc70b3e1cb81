"""FitNotes' CSV export: one workout per date, the set order is the row order.

Two headers are known: `Weight (lbs)` (the unit in the header) and `Weight,Weight Unit`
(`kgs`/`lbs` per row), with an optional `Comment`. FitNotes leaves a comma inside an
exercise name unquoted: such a row is put back together when only one reading works.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from backtui.domain.clock import iso
from backtui.domain.importers.csvfile import CsvTable, cell
from backtui.domain.importers.model import (
    ImportedSet,
    ImportedWorkout,
    ImportFileError,
    ParsedImport,
    SkippedRow,
    WorkoutBook,
)
from backtui.domain.importers.options import ReadOptions
from backtui.domain.importers.values import (
    build_set,
    clock_seconds,
    distance_unit,
    number,
    unit_of,
    workout_end,
)

# FitNotes has dates only: workouts are placed at midday, local time.
MIDDAY = "12:00:00"


def is_fitnotes(keys: list[str]) -> bool:
    return {"date", "exercise", "category", "reps"} <= set(keys)


class _Columns:
    def __init__(self, table: CsvTable, options: ReadOptions):
        col = table.index
        self.date, self.exercise, self.category = col("date"), col("exercise"), col("category")
        self.weight = col("weight", "weight (lbs)", "weight (lb)", "weight (kgs)", "weight (kg)")
        self.unit_col, self.reps = col("weight unit"), col("reps")
        self.distance, self.distance_unit, self.time = col("distance"), col("distance unit"), col("time")
        self.comment = col("comment", "comments", "notes")
        weight_header = table.header[self.weight] if self.weight is not None else None
        unit_column = table.header[self.unit_col] if self.unit_col is not None else None
        self.weight_unit = options.weight_unit(weight_header, unit_column)
        self.width = len(table.header)


def _read_row(cols: _Columns, cells: list[str], line: int, options: ReadOptions,
              warnings: list[SkippedRow]) -> tuple[str, datetime, str, ImportedSet | str]:
    """(date text, its moment, exercise, set or skip reason); raises on a cell that cannot be read."""
    date_text = cell(cells, cols.date)
    moment = options.times.read(f"{date_text} {MIDDAY}" if len(date_text) == 10 else date_text, line)
    exercise = cell(cells, cols.exercise)
    if not exercise:
        raise ImportFileError(line, "the exercise name is empty")
    unit = unit_of(cell(cells, cols.unit_col), line, cols.weight_unit.unit)
    distance = number(cell(cells, cols.distance), line, "distance")
    made = build_set(
        exercise=exercise, line=line,
        weight=number(cell(cells, cols.weight), line, "weight"), unit=unit,
        reps=number(cell(cells, cols.reps), line, "reps"),
        seconds=clock_seconds(cell(cells, cols.time), line),
        note=cell(cells, cols.comment), distance=distance,
        distance_in=distance_unit(cell(cells, cols.distance_unit)), warnings=warnings,
    )
    return date_text, moment, exercise, made


def _mended(cols: _Columns, cells: list[str], line: int, options: ReadOptions) -> list[str]:
    """Read a row with too many fields by gluing the extra ones into a free-text column."""
    extra = len(cells) - cols.width
    readings: dict[tuple[str, str], list[str]] = {}
    for free in (cols.exercise, cols.comment):
        if free is None:
            continue
        glued = cells[:free] + [",".join(cells[free:free + extra + 1])] + cells[free + extra + 1:]
        try:
            reading = _read_row(cols, glued, line, options, [])
        except ImportFileError:
            continue
        readings[(reading[2], glued[free])] = glued
    if len(readings) != 1:
        raise ImportFileError(
            line, f"expected {cols.width} fields like the header, found {len(cells)}"
            + (" (a comma in a name can be read more than one way: quote that name)" if readings else ""))
    return next(iter(readings.values()))


def parse_fitnotes(table: CsvTable, options: ReadOptions,
                   progress: Callable[[int], None] | None = None) -> ParsedImport:
    cols = _Columns(table, options)
    if cols.comment is not None:
        table.free_text = frozenset({cols.comment})
    if cols.weight is None and cols.time is None:
        raise ImportFileError(1, "this FitNotes header has no Weight or Time column")
    book = WorkoutBook()
    skipped: list[SkippedRow] = []
    warnings: list[SkippedRow] = []
    categories: dict[str, str] = {}
    rows = 0
    for line, cells in table.rows():
        rows += 1
        if progress is not None and rows % 2000 == 0:
            progress(rows)
        if len(cells) > cols.width and table.delimiter == ",":
            cells = _mended(cols, cells, line, options)
            warnings.append(SkippedRow(line, f"read {cell(cells, cols.exercise)!r} with its unquoted comma"))
        elif len(cells) != cols.width:
            raise ImportFileError(line, f"expected {cols.width} fields like the header, found {len(cells)}")
        date_text, start, exercise, made = _read_row(cols, cells, line, options, warnings)
        categories.setdefault(exercise, cell(cells, cols.category))
        key = f"fitnotes|{date_text}"
        workout = book.get(key)
        if workout is None:
            workout = book.add(ImportedWorkout(key=key, started_at=iso(start), written_at=date_text,
                                               ended_at=workout_end(start, None), line=line))
        if isinstance(made, str):
            skipped.append(SkippedRow(line, made))
            continue
        workout.sets.append(made)
    return ParsedImport(source="fitnotes", layout="FitNotes", workouts=book.workouts(), rows=rows,
                        skipped=skipped, warnings=warnings, categories=categories, weight_unit=cols.weight_unit)
