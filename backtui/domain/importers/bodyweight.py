"""What the weight beside a bodyweight move means: a plate on a belt, or the lifter.

Strong's classic export puts one number in the Weight column of a "Pull Up": in one
real file it is the 8-55 lb hung on a dip belt, in another the lifter's 65-94 kg. The
two are told apart per exercise and per file by the values: a body weight is heavy
(most of the values at least BODY_WEIGHT_FLOOR_KG), a load on a belt is light. Hevy,
FitNotes and Strong go through the same rule, so the same lift means the same thing
whichever app wrote it. `--bodyweight-column load|bodyweight` overrides the rule.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from backtui.domain.units import format_number, from_kg

# A lifter lighter than this is rare; a load on a belt heavier than this in most sets is too.
BODY_WEIGHT_FLOOR_KG = 40.0
READINGS = ("load", "bodyweight")


@dataclass(frozen=True)
class Reading:
    """How one exercise's weights were read, with the evidence in words."""

    meaning: str  # load | bodyweight
    sets: int  # sets with a weight
    low_kg: float
    high_kg: float
    unit: str  # the unit to show the values in
    forced: bool = False  # --bodyweight-column said so

    def words(self) -> str:
        span = _span(self.low_kg, self.high_kg, self.unit)
        count = f"{self.sets:,} set{'s' if self.sets != 1 else ''}"
        if self.forced:
            what = "added load" if self.meaning == "load" else "your body weight"
            return f"read as {what} ({count}, {span}: --bodyweight-column {self.meaning})"
        if self.meaning == "load":
            return f"read as load on a belt ({count}, {span}: too light to be a lifter's body weight)"
        return f"read as your body weight, not added load ({count}, {span}: a lifter's weight, not a plate)"


def _span(low_kg: float, high_kg: float, unit: str) -> str:
    low, high = (format_number(from_kg(v, unit), 1) for v in (low_kg, high_kg))
    return f"{low} {unit}" if low == high else f"{low}-{high} {unit}"


def read_weights(weights_kg: list[float], unit: str, *, named_weighted: bool = False,
                 override: str | None = None) -> Reading | None:
    """The reading of one exercise's non-zero weights in one file (None: none to read).
    A name that says 'weighted' is always load unless overridden."""
    values = [abs(w) for w in weights_kg if w]
    if not values:
        return None
    low, high = min(values), max(values)
    if override is not None:
        return Reading(override, len(values), low, high, unit, forced=True)
    heavy = statistics.median(values) >= BODY_WEIGHT_FLOOR_KG
    meaning = "bodyweight" if heavy and not named_weighted else "load"
    return Reading(meaning, len(values), low, high, unit)
