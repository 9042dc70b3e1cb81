"""Which set of a file is which: keys for sets, fingerprints for what they hold.

A set is identified by its workout (the file's own key: app, start as written, name),
its exercise as the file names it, and its place among that exercise's sets in that
workout. A newer export of the same history gives every set it shares with an older
one the same key, so importing both adds each set once: a workout that grew gets only
its new sets. A fingerprint of the values a set was stored with tells whether the file
(or the lifter, in backtui) changed the set since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from backtui.domain.importers.model import ImportedWorkout
from backtui.domain.units import format_number

# The values of a set that make its fingerprint, in this order (the sets table's columns).
FIELDS = ("kind", "weight_kg", "reps", "seconds", "rpe", "note", "unit", "straps", "form_broke", "bodyweight_kg",
          "distance", "distance_unit")
Values = tuple[object, ...]


def _digest(text: str, size: int = 12) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size).hexdigest()


def set_keys(workout: ImportedWorkout) -> list[str]:
    """One key per set of `workout`, in order: the n-th set of an exercise keeps its key
    whatever is added after it or to other exercises."""
    counts: dict[str, int] = {}
    keys = []
    for logged in workout.sets:
        counts[logged.exercise] = counts.get(logged.exercise, 0) + 1
        keys.append(_digest(f"{workout.key}\x1f{logged.exercise}\x1f{counts[logged.exercise]}"))
    return keys


# FIELDS that are REAL columns, and the flags stored as 0/1.
_REAL = (1, 4, 9, 10)
_FLAGS = (7, 8)


def canonical(values: Sequence[object]) -> Values:
    """A set's FIELDS values in one shape whether they come from a file or the database:
    numbers of REAL columns as floats rounded to 6 places (100 and 100.0 are the same
    weight), flags as 0 or 1."""
    shaped = list(values)
    for index in _REAL:
        value = shaped[index]
        if value is not None:
            shaped[index] = round(float(value), 6)  # type: ignore[arg-type]  # a REAL column: a number from the file or the database
    for index in _FLAGS:
        shaped[index] = int(shaped[index])  # type: ignore[call-overload]
    return tuple(shaped)


def fingerprint(values: Values) -> str:
    """A short digest of a set's canonical FIELDS values."""
    return _digest(repr(values), 8)


def _normal(value: object) -> object:
    if isinstance(value, bool | int | float):
        return round(float(value), 6)
    return value


@dataclass(frozen=True)
class Change:
    field: str
    before: object
    after: object

    def words(self) -> str:
        return f"{self.field.replace('_', ' ')} {_shown(self.before)} -> {_shown(self.after)}"


def changes(before: Sequence[object], after: Sequence[object]) -> list[Change]:
    """What differs between two FIELDS tuples, field by field."""
    return [Change(name, old, new) for name, old, new in zip(FIELDS, before, after) if _normal(old) != _normal(new)]


def _shown(value: object) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(float(value), 3)
    text = str(value)
    return repr(text if len(text) <= 30 else text[:27] + "...")
