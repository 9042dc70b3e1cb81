"""Hevy's CSV export: one row per set, the workout keyed by title + start time.

Dates look like '15 Sep 2025, 07:48'; set_index is 0-based; set_type is normal,
warmup, failure or dropset; weight_kg or weight_lbs, distance_km or distance_miles.
exercise_notes and description repeat on every row, so they are kept once.
"""

from __future__ import annotations

from collections.abc import Callable

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
from backtui.domain.importers.values import build_set, header_distance_unit, number

_SET_TYPES = {"normal": "working", "warmup": "warmup", "warm_up": "warmup", "failure": "failure", "dropset": "drop",
              "drop_set": "drop", "": "working"}
REQUIRED = ("title", "start_time", "exercise_title", "set_index", "set_type", "reps")


def is_hevy(keys: list[str]) -> bool:
    return set(REQUIRED) <= set(keys)


def parse_hevy(table: CsvTable, options: ReadOptions,
               progress: Callable[[int], None] | None = None) -> ParsedImport:
    col = table.index
    c_weight = col("weight_kg", "weight_lbs", "weight_lb", "weight")
    c_distance = col("distance_km", "distance_miles", "distance_mi", "distance_meters")
    c_title, c_start, c_end, c_description = col("title"), col("start_time"), col("end_time"), col("description")
    c_exercise, c_notes, c_index, c_type = col("exercise_title"), col("exercise_notes"), col("set_index"), col("set_type")
    c_reps, c_seconds, c_rpe = col("reps"), col("duration_seconds"), col("rpe")
    weight_unit = options.weight_unit(table.header[c_weight] if c_weight is not None else None)
    distance_unit = header_distance_unit(table.header[c_distance]) if c_distance is not None else None
    table.free_text = frozenset(i for i in (c_description, c_notes) if i is not None)
    width = len(table.header)
    book = WorkoutBook()
    skipped: list[SkippedRow] = []
    warnings: list[SkippedRow] = []
    # Sets of one exercise block, to order by set_index and to note the exercise once.
    block_key: tuple[str, str] | None = None
    block: list[tuple[float, ImportedSet]] = []
    block_note = ""
    rows = 0

    def flush(workout: ImportedWorkout | None) -> None:
        if workout is not None and block:
            block.sort(key=lambda pair: pair[0])
            first = block[0][1]
            if block_note:
                first.note = f"{block_note} ({first.note})" if first.note else block_note
            workout.sets.extend(s for _, s in block)
        block.clear()

    current: ImportedWorkout | None = None
    for line, cells in table.rows():
        rows += 1
        if progress is not None and rows % 2000 == 0:
            progress(rows)
        if len(cells) != width:
            raise ImportFileError(line, f"expected {width} fields like the header, found {len(cells)}")
        title, start_text = cell(cells, c_title), cell(cells, c_start)
        key = f"hevy|{start_text}|{title}"
        workout = book.get(key)
        if workout is None:
            start = options.times.read(start_text, line)
            end_text = cell(cells, c_end)
            end = options.times.read(end_text, line) if end_text else start
            workout = book.add(ImportedWorkout(
                key=key, started_at=iso(start), ended_at=iso(max(start, end)), line=line, written_at=start_text,
                name=title or None))
        workout.add_note(cell(cells, c_description))
        exercise = cell(cells, c_exercise)
        if not exercise:
            raise ImportFileError(line, "exercise_title is empty")
        this_block = (key, exercise)
        if this_block != block_key:
            flush(current)
            block_key = this_block
            block_note = cell(cells, c_notes)
        current = workout
        set_type = cell(cells, c_type).lower()
        if set_type not in _SET_TYPES:
            skipped.append(SkippedRow(line, f"set_type {set_type[:30]!r} is not a set kind this importer knows"))
            continue
        index = number(cell(cells, c_index), line, "set_index")
        distance = number(cell(cells, c_distance), line, "distance")
        made = build_set(
            exercise=exercise, line=line, kind=_SET_TYPES[set_type],
            weight=number(cell(cells, c_weight), line, "weight"), unit=weight_unit.unit,
            reps=number(cell(cells, c_reps), line, "reps"),
            seconds=number(cell(cells, c_seconds), line, "duration_seconds"),
            rpe=number(cell(cells, c_rpe), line, "rpe"),
            distance=distance, distance_in=distance_unit, warnings=warnings,
        )
        if isinstance(made, str):
            skipped.append(SkippedRow(line, made))
            continue
        block.append((index if index is not None else float(len(block)), made))
    flush(current)
    return ParsedImport(source="hevy", layout="Hevy", workouts=book.workouts(), rows=rows,
                        skipped=skipped, warnings=warnings, weight_unit=weight_unit)
