"""Plain data types shared by the catalog, storage, the CLI and the screens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

# RoutineItem.target_for: a count that may be unset on the exercise (reps) or not (rest).
_Value = TypeVar("_Value", int, int | None)

# Where on the back an exercise mainly works. Width comes from the lats
# (vertical pulls), thickness from the upper back and traps (horizontal pulls).
REGIONS: dict[str, str] = {
    "lats": "Lats",
    "upper_back": "Upper back / traps",
    "lower_back": "Lower back",
    "neck_shoulders": "Neck and shoulders",
    "core": "Core",
    # Imported exercises that are not back work (bench press, squats, running...).
    "other": "Other",
}
PATTERNS: dict[str, str] = {
    "vertical_pull": "Vertical pull (width)",
    "horizontal_pull": "Horizontal pull (thickness)",
    "hinge": "Hinge",
    "extension": "Extension",
    "shrug": "Shrug",
    "stretch": "Stretch",
    "hold": "Isometric hold",
    "other": "Other",
}
MECHANICS = ("compound", "isolation")
EQUIPMENT = ("barbell", "dumbbell", "cable", "machine", "bodyweight", "band", "ball", "kettlebell", "other")
MEASURES: dict[str, str] = {
    "weight_reps": "weight x reps",
    "bodyweight_reps": "bodyweight reps (+ load / - assistance)",
    "seconds": "timed hold",
}
SET_KINDS: dict[str, str] = {
    "warmup": "warm-up",
    "working": "working",
    "drop": "drop set",
    "failure": "to failure",
}
ROLES = ("warmup", "work", "stretch")
# When a slot with variants changes exercise: when its lift stalls (the routines' way),
# every session, or never.
ROTATIONS: dict[str, str] = {"stall": "rotates when it stalls", "session": "rotates every session",
                             "never": "does not rotate"}


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    region: str
    pattern: str
    mechanic: str
    equipment: str
    measure: str
    sets: int
    rest: int
    rep_low: int | None = None
    rep_high: int | None = None
    seconds: int | None = None
    straps: bool = False
    group: str = ""
    ramp: bool = False
    per_side: bool = False
    cues: tuple[str, ...] = ()
    custom: bool = False
    # The number typed is the help a machine or band gives (20x8: 20 kg of assistance).
    assisted: bool = False
    # Share of body weight the move lifts (bodyweight moves; None: all of it) and where
    # that estimate comes from.
    load_share: float | None = None
    load_source: str = ""
    # Regions worked besides the main one: each set counts half a hard set there.
    secondary: tuple[str, ...] = ()

    @property
    def timed(self) -> bool:
        return self.measure == "seconds"

    @property
    def bodyweight(self) -> bool:
        return self.measure == "bodyweight_reps"

    @property
    def variant_group(self) -> str:
        return self.group or self.slug

    @property
    def body_share(self) -> float:
        """What share of the lifter's body weight a set of this move lifts: none on a
        weighted move, the catalog's estimate on a bodyweight one (all of it unknown)."""
        if not self.bodyweight:
            return 0.0
        return 1.0 if self.load_share is None else self.load_share


@dataclass(frozen=True)
class Target:
    """What to aim for on one exercise: 3 x 8-12, or 2 x 20 s."""

    sets: int
    rep_low: int | None = None
    rep_high: int | None = None
    seconds: int | None = None
    rest: int = 90
    per_side: bool = False

    @property
    def sets_to_log(self) -> int:
        """Sets the lifter logs for this target: each side of a per-side move is a set."""
        return self.sets * (2 if self.per_side else 1)

    def describe(self) -> str:
        if self.seconds is not None:
            body = f"{self.sets} x {self.seconds} s"
        elif self.rep_low == self.rep_high:
            body = f"{self.sets} x {self.rep_low}"
        else:
            body = f"{self.sets} x {self.rep_low}-{self.rep_high}"
        return body + (" each side" if self.per_side else "")


def minutes_for(targets: Iterable[Target]) -> int:
    """A rough length: each set takes its work time (40 s, or the hold on each side)
    plus its rest, rounded to 5 minutes."""
    total = 0
    for target in targets:
        work = target.seconds * (2 if target.per_side else 1) if target.seconds else 40
        total += target.sets * (work + target.rest)
    return max(5, round(total / 60 / 5) * 5)


def routine_minutes(routine: Routine, exercises: dict[str, Exercise]) -> int:
    """How long a routine takes, from its items' own targets (no database needed)."""
    return minutes_for(item.target_for(exercises[item.exercise]) for item in routine.items
                       if item.exercise in exercises)


def default_target(exercise: Exercise) -> Target:
    return Target(
        sets=exercise.sets,
        rep_low=exercise.rep_low,
        rep_high=exercise.rep_high,
        seconds=exercise.seconds,
        rest=exercise.rest,
        per_side=exercise.per_side,
    )


@dataclass(frozen=True)
class RoutineItem:
    exercise: str
    role: str = "work"
    sets: int | None = None
    rep_low: int | None = None
    rep_high: int | None = None
    seconds: int | None = None
    rest: int | None = None
    group: str | None = None
    note: str = ""
    # Consecutive items with the same label form a superset: done in turn, rest after the round.
    superset: str | None = None
    ramp: bool | None = None  # warm-up ramp on or off here; None: the exercise's own setting
    rotate: str = "stall"  # ROTATIONS: when a slot with a group changes variant

    def target_for(self, exercise: Exercise) -> Target:
        """This slot's target when filled by `exercise` (the slot's own or a variant)."""
        def own(mine: int | None, theirs: _Value) -> int | _Value:
            return theirs if mine is None else mine

        timed = exercise.timed  # a timed move has seconds and no reps, a reps move the other way round
        return Target(
            sets=self.sets or exercise.sets,
            rep_low=None if timed else own(self.rep_low, exercise.rep_low),
            rep_high=None if timed else own(self.rep_high, exercise.rep_high),
            seconds=own(self.seconds, exercise.seconds) if timed else None,
            rest=own(self.rest, exercise.rest),
            per_side=exercise.per_side,
        )


@dataclass(frozen=True)
class Routine:
    slug: str
    name: str
    description: str
    items: tuple[RoutineItem, ...]
    shipped: bool = True


@dataclass(frozen=True)
class SetDraft:
    """One set as parsed from an entry line, before it is stored."""

    weight_kg: float | None = None
    reps: int | None = None
    seconds: int | None = None
    unit: str = "kg"
    straps: bool = False
    rpe: float | None = None
    kind: str = "working"
    note: str = ""
    form_broke: bool = False


@dataclass(frozen=True)
class LoggedSet:
    """A set as stored."""

    id: int
    workout_id: int
    exercise: str
    set_number: int
    kind: str
    weight_kg: float | None
    reps: int | None
    seconds: int | None
    straps: bool
    rpe: float | None
    note: str
    unit: str
    logged_at: str
    form_broke: bool = False
    bodyweight_kg: float | None = None  # kept with bodyweight moves, for e1RM and volume

    def draft(self) -> SetDraft:
        return SetDraft(
            weight_kg=self.weight_kg,
            reps=self.reps,
            seconds=self.seconds,
            unit=self.unit,
            straps=self.straps,
            rpe=self.rpe,
            kind=self.kind,
            note=self.note,
            form_broke=self.form_broke,
        )


# A set before or after it is stored: formatting and records read either.
AnySet = SetDraft | LoggedSet


@dataclass
class Workout:
    id: int
    routine_slug: str | None
    routine_name: str | None
    started_at: str
    ended_at: str | None
    note: str = ""
    position: int = 0
    plan: list[dict[str, Any]] = field(default_factory=list)  # Slot.to_json() items, read back from JSON

    @property
    def finished(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class ClosedWorkout:
    """What closing a workout did, decided from what the file held at that moment:
    "finished" (it had sets), "discarded" (it had none: deleted), "was_finished"
    (another backtui finished it first: nothing changed) or "gone" (deleted elsewhere)."""

    outcome: str
    sets: int = 0
    ended_at: str | None = None
