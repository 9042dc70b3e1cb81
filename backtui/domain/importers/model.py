"""What every importer produces: workouts of sets, rows skipped and why.

Importers are pure: they read text and return these records. Nothing from the
file is ever evaluated; every cell is treated as plain text or a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFileError(ValueError):
    """A file that cannot be imported, with the line and the problem (exit 2)."""

    def __init__(self, line: int | None, problem: str):
        self.line, self.problem = line, problem
        super().__init__(f"line {line}: {problem}" if line else problem)


@dataclass
class ImportedSet:
    exercise: str  # the name as written in the file
    line: int
    kind: str = "working"
    weight_kg: float | None = None
    reps: int | None = None
    seconds: int | None = None
    rpe: float | None = None
    note: str = ""
    unit: str = "kg"
    straps: bool = False
    form_broke: bool = False
    logged_at: str | None = None  # None: the workout's start
    distance: float | None = None  # as written in the file, in distance_unit
    distance_unit: str | None = None  # m, km, mi, ft, yd; None: the file does not say
    bodyweight_kg: float | None = None  # our own CSV keeps the body weight of bodyweight sets


@dataclass
class ImportedWorkout:
    key: str  # workouts.import_key: source + the file's date text + the workout's name
    started_at: str  # UTC ISO-8601
    ended_at: str
    line: int
    name: str | None = None
    note: str = ""
    routine_slug: str | None = None
    sets: list[ImportedSet] = field(default_factory=list)
    written_at: str = ""  # the start as the file writes it (local time), for messages

    def add_note(self, text: str) -> None:
        text = text.strip()
        if text and text not in self.note:
            self.note = f"{self.note}\n{text}" if self.note else text


@dataclass(frozen=True)
class SkippedRow:
    line: int
    reason: str


@dataclass(frozen=True)
class WeightUnit:
    """Which unit the file's weights were read in, and how that was decided."""

    unit: str  # kg or lb: the unit of weights the file does not label row by row
    basis: str  # header | rows | option | assumed | exact
    detail: str = ""  # the header cell, or the column, that said it

    @property
    def assumed(self) -> bool:
        return self.basis == "assumed"

    def words(self) -> str:
        if self.basis == "header":
            return f"{self.unit} (the header says {self.detail!r})"
        if self.basis == "rows":
            return f"as each row's {self.detail!r} says (kg or lb)"
        if self.basis == "option":
            return f"{self.unit} (--unit {self.unit})"
        if self.basis == "exact":
            if self.detail:
                return f"as each row's {self.detail!r} says (backtui's own export)"
            return "kg (backtui's own export)"
        return f"{self.unit} (assumed: the file does not say; give --unit kg or --unit lb)"


@dataclass
class ParsedImport:
    source: str  # strong, hevy, fitnotes or backtui (our own CSV)
    layout: str  # in words, for the summary
    workouts: list[ImportedWorkout]
    rows: int
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[SkippedRow] = field(default_factory=list)
    # Which names of this file get which hints: FitNotes categories, for custom exercises.
    categories: dict[str, str] = field(default_factory=dict)
    # Our own CSV stores weights as signed kg already: no assistance sign to infer.
    exact_weights: bool = False
    weight_unit: WeightUnit = field(default_factory=lambda: WeightUnit("kg", "assumed"))
    zone: str = ""  # the time zone the file's local times were read in
    zone_chosen: bool = False  # --tz (else this computer's zone)
    # Times that fell in a daylight-saving change, and how each was read.
    shifted_times: list[SkippedRow] = field(default_factory=list)
    # Facts about the reading worth a line in the summary (a distance without a unit...).
    notes: list[str] = field(default_factory=list)
    # Our own CSV: region and pattern of custom exercises, by name.
    hints: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def set_count(self) -> int:
        return sum(len(w.sets) for w in self.workouts)

    def exercise_names(self) -> list[str]:
        return list(dict.fromkeys(s.exercise for w in self.workouts for s in w.sets))


class WorkoutBook:
    """Collects rows into workouts by key, in first-seen order."""

    def __init__(self) -> None:
        self.by_key: dict[str, ImportedWorkout] = {}

    def get(self, key: str) -> ImportedWorkout | None:
        return self.by_key.get(key)

    def add(self, workout: ImportedWorkout) -> ImportedWorkout:
        self.by_key[workout.key] = workout
        return workout

    def workouts(self) -> list[ImportedWorkout]:
        """Workouts that kept at least one set, oldest first."""
        kept = [w for w in self.by_key.values() if w.sets]
        return sorted(kept, key=lambda w: (w.started_at, w.line))
