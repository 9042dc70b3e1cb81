"""Strong's CSV exports (the layouts seen in real files) and backtui's own CSV, which extends Strong's.

1. `;`, a `Weight Unit` column per row (2018-19).
2. `,`, no unit anywhere (weights are in the app's unit: --unit), `Duration` like '1h 3m'
   or '38min', 'Rest Timer' pseudo-rows, reps like '10.0'; 2016 files name the weight
   column `kg` and the distance column `km`.
3. quoted `;` with `Workout #`, the unit in the header (`Weight (kg)`), `Duration (sec)`.

Set Order is a number, a set kind (`W`, `D`, `F`, or the cloud export's `WARM_UP`,
`DROP_SET`, `FAILURE`), `Rest Timer` (not a set) or `Note`: Strong v6 writes an exercise's
note as a row of its own, without doubling the quotes inside it. An unknown token skips
its row (the summary names the line); only damage to the file's structure refuses it.
backtui: layout 2 plus Straps, Set Kind, Entry Unit, Form Broke, Logged At, Routine,
Body Weight, Distance Unit, Region, Pattern and Weight Unit (the unit of Weight, per row;
files without it, from older backtui, give Weight in kg).
"""

from __future__ import annotations

from collections.abc import Callable

from backtui.domain.clock import iso
from backtui.domain.importers.csvfile import CsvTable, Mend, cell
from backtui.domain.importers.model import (
    ImportedSet,
    ImportedWorkout,
    ImportFileError,
    ParsedImport,
    SkippedRow,
    WeightUnit,
    WorkoutBook,
)
from backtui.domain.importers.options import ReadOptions
from backtui.domain.importers.values import (
    build_set,
    distance_unit,
    duration_text,
    header_distance_unit,
    number,
    unit_of,
    workout_end,
)
from backtui.domain.models import PATTERNS, REGIONS, SET_KINDS

# Set Order tokens that are set kinds (W/D/F in the app's export, the words in the cloud export's).
ORDER_KINDS = {
    "w": "warmup", "warm_up": "warmup", "warmup": "warmup", "warm up": "warmup",
    "d": "drop", "drop_set": "drop", "dropset": "drop", "drop set": "drop",
    "f": "failure", "failure": "failure",
    "normal": "working", "working": "working",
}
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False, "": False}
OWN_COLUMNS = ("straps", "set kind")
_WEIGHT_COLUMNS = ("weight", "weight (kg)", "weight (kgs)", "weight (lbs)", "weight (lb)", "kg", "kgs", "lbs", "lb")
_DISTANCE_COLUMNS = ("distance", "distance (meters)", "distance (km)", "distance (miles)", "km", "mi", "miles",
                     "meters")
Progress = Callable[[int], None] | None
# Strong writes its header in the app's language; these are the German names seen in a
# real export (its Set Order says "Ruhezeit" for a rest timer).
LOCALISED_KEYS = {
    "datum": "date", "workout-name": "workout name", "dauer": "duration", "name der übung": "exercise name",
    "reihenfolge festlegen": "set order", "gewicht": "weight", "wiederh.": "reps", "entfernung": "distance",
    "sekunden": "seconds", "notizen": "notes", "workout-notizen": "workout notes",
}
_REST_TOKENS = {"rest timer", "ruhezeit"}
_NOTE_TOKENS = {"note", "notiz"}


def english_keys(keys: list[str]) -> tuple[list[str], bool]:
    """A localised Strong header's keys in English, and whether any needed translating."""
    translated = [LOCALISED_KEYS.get(k, k) for k in keys]
    return translated, translated != keys


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


class _Columns:
    def __init__(self, table: CsvTable) -> None:
        col = table.index
        self.date, self.name, self.exercise, self.order = (col("date"), col("workout name"), col("exercise name"),
                                                           col("set order"))
        self.weight = col(*_WEIGHT_COLUMNS)
        if self.weight is None or col("reps") is None and col("seconds") is None:
            raise ImportFileError(1, "this Strong header has no Weight or no Reps column")
        self.unit, self.reps, self.rpe, self.seconds = col("weight unit"), col("reps"), col("rpe"), col("seconds")
        self.distance, self.distance_unit = col(*_DISTANCE_COLUMNS), col("distance unit")
        self.duration, self.notes, self.workout_notes = col("duration", "duration (sec)"), col("notes"), col(
            "workout notes")
        self.straps, self.kind, self.entry_unit = col("straps"), col("set kind"), col("entry unit")
        self.form, self.logged, self.routine = col("form broke"), col("logged at"), col("routine")
        self.bodyweight, self.region, self.pattern = col("body weight"), col("region"), col("pattern")
        self.distance_header = header_distance_unit(table.header[self.distance]) if self.distance is not None else None


def parse_strong(table: CsvTable, options: ReadOptions, progress: Progress = None) -> ParsedImport:
    source, layout = layout_of(table)
    own = source == "backtui"
    cols = _Columns(table)
    assert cols.weight is not None  # _Columns refuses a header without one
    if own:
        # Weight in each row's Weight Unit (older backtui files: kg, to six places).
        weight_unit = WeightUnit("kg", "exact", "Weight Unit" if cols.unit is not None else "")
    else:
        weight_unit = options.weight_unit(table.header[cols.weight],
                                          table.header[cols.unit] if cols.unit is not None else None)
    _allow_note_rows(table, cols, own)
    width = len(table.header)
    book = WorkoutBook()
    skipped: list[SkippedRow] = []
    warnings: list[SkippedRow] = []
    hints: dict[str, tuple[str, str]] = {}
    # Strong v6 "Note" rows: the note waits for the next set of its exercise in its workout.
    waiting: dict[tuple[str, str], str] = {}
    distance_unknown = 0
    rows = 0
    text: Callable[[str], str] = unescape if own else str

    for line, cells in table.rows():
        rows += 1
        if progress is not None and rows % 2000 == 0:
            progress(rows)
        if len(cells) != width:
            raise ImportFileError(line, f"expected {width} fields like the header, found {len(cells)}")
        order = cell(cells, cols.order)
        token = order.lower()
        if token in _REST_TOKENS:
            skipped.append(SkippedRow(line, "rest timer row (not a set)"))
            continue
        workout = _workout_of(book, cells, cols, line, options, own, source, text)
        workout.add_note(text(cell(cells, cols.workout_notes)))
        exercise = text(cell(cells, cols.exercise))
        if not exercise:
            raise ImportFileError(line, "the exercise name is empty")
        if token in _NOTE_TOKENS:
            note = cell(cells, cols.notes)
            if note:
                key = (workout.key, exercise)
                waiting[key] = f"{waiting[key]}\n{note}" if key in waiting else note
            continue
        kind = _kind(cells, cols, order, line, own)
        if kind is None:
            skipped.append(SkippedRow(line, f"set order {order[:30]!r} is not a set kind this importer knows"))
            continue
        row_unit = unit_of(cell(cells, cols.unit), line, weight_unit.unit)
        distance = number(cell(cells, cols.distance), line, "distance")
        distance_in = distance_unit(cell(cells, cols.distance_unit)) or cols.distance_header
        note = text(cell(cells, cols.notes))
        made = build_set(
            exercise=exercise, line=line, kind=kind,
            weight=number(cell(cells, cols.weight), line, "weight"), unit=row_unit,
            reps=number(cell(cells, cols.reps), line, "reps"),
            seconds=number(cell(cells, cols.seconds), line, "seconds"),
            rpe=number(cell(cells, cols.rpe), line, "RPE"),
            note=note, distance=distance, distance_in=distance_in, warnings=warnings,
        )
        if isinstance(made, str):
            skipped.append(SkippedRow(line, made))
            continue
        if made.distance is not None and made.distance_unit is None:
            distance_unknown += 1
        exercise_note = waiting.pop((workout.key, exercise), None)
        if exercise_note:
            made.note = f"{exercise_note}\n{made.note}" if made.note else exercise_note
        if own:
            _own_columns(made, cells, line, cols, options)
            region, pattern = cell(cells, cols.region), cell(cells, cols.pattern)
            if region in REGIONS and pattern in PATTERNS:
                hints.setdefault(exercise, (region, pattern))
        workout.sets.append(made)
    for (workout_key, exercise_name), note in waiting.items():
        found = book.get(workout_key)
        if found is not None:
            found.add_note(f"{exercise_name}: {note}")
    notes = []
    if distance_unknown:
        notes.append(f"{distance_unknown:,} set{'s' if distance_unknown != 1 else ''} with a distance: this "
                     "layout does not say its unit, so it is kept as written (unit unknown)")
    return ParsedImport(source=source, layout=layout, workouts=book.workouts(), rows=rows,
                        skipped=skipped, warnings=warnings, exact_weights=own, weight_unit=weight_unit,
                        notes=notes, hints=hints)


def _allow_note_rows(table: CsvTable, cols: _Columns, own: bool) -> None:
    """A Note row's text may hold quotes Strong did not double, and a note may span lines
    (in our own CSV any text may: its writer quotes every cell that needs it)."""
    free = range(len(table.header)) if own else [i for i in (cols.notes, cols.workout_notes) if i is not None]
    table.free_text = frozenset(free)
    if cols.notes is not None and cols.order is not None:
        order = cols.order
        table.mend = Mend(cols.notes, lambda cells: cells[order].strip().lower() in _NOTE_TOKENS)


def _workout_of(book: WorkoutBook, cells: list[str], cols: _Columns, line: int, options: ReadOptions, own: bool,
                source: str, text: Callable[[str], str]) -> ImportedWorkout:
    date_text = cell(cells, cols.date)
    name = text(cell(cells, cols.name))
    key = f"{source}|{date_text}|{name}"
    workout = book.get(key)
    if workout is None:
        start = options.times.read(date_text, line)
        duration = duration_text(cell(cells, cols.duration), line)
        routine = cell(cells, cols.routine) or None
        workout = book.add(ImportedWorkout(
            key=key, started_at=iso(start), ended_at=workout_end(start, duration), line=line, written_at=date_text,
            name=None if own and routine is None and name == "Workout" else (name or None),
            routine_slug=routine,
        ))
    return workout


def _kind(cells: list[str], cols: _Columns, order: str, line: int, own: bool) -> str | None:
    if own:
        kind = cell(cells, cols.kind).lower() or "working"
        if kind not in SET_KINDS:
            raise ImportFileError(line, f"set kind {kind!r} is not one of {', '.join(SET_KINDS)}")
        return kind
    if order.isdigit() or not order:
        return "working"
    return ORDER_KINDS.get(order.lower())


def _own_columns(made: ImportedSet, cells: list[str], line: int, cols: _Columns, options: ReadOptions) -> None:
    """Straps, form, the entry unit, body weight and the set's own time from backtui's extra columns."""
    for attribute, index, what in (("straps", cols.straps, "Straps"), ("form_broke", cols.form, "Form Broke")):
        value = cell(cells, index).lower()
        if value not in _YES:
            raise ImportFileError(line, f"{what} {value!r} is not yes or no")
        setattr(made, attribute, _YES[value])
    made.unit = unit_of(cell(cells, cols.entry_unit), line, "kg")
    made.bodyweight_kg = number(cell(cells, cols.bodyweight), line, "body weight")
    logged = cell(cells, cols.logged)
    if logged:
        made.logged_at = iso(options.times.read(logged, line))
