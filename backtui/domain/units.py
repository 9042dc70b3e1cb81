"""Weight units. Everything is stored in kg; the entry's unit is kept for display."""

from __future__ import annotations

import math

KG_PER_LB = 0.45359237
UNITS = ("kg", "lb")
# Heaviest load we accept from any source, in kg (and its lb equal, 2204.6 lb).
MAX_WEIGHT_KG = 1000.0
# Most load added to (or assistance taken off) a bodyweight move, in kg (440 lb):
# far past the heaviest belt loads lifted, far short of nonsense like +999.
MAX_BODYWEIGHT_LOAD_KG = 200.0


def normalise_unit(text: str) -> str:
    """Map the spellings found in entries and exports to 'kg' or 'lb'."""
    key = text.strip().lower().rstrip(".")
    if key in ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"):
        return "kg"
    if key in ("lb", "lbs", "pound", "pounds"):
        return "lb"
    raise ValueError(f"unknown weight unit {text!r} (use kg or lb)")


def to_kg(value: float, unit: str) -> float:
    kg = value * KG_PER_LB if unit == "lb" else float(value)
    # Round away binary noise (149.99999999999997) without losing real precision.
    return round(kg, 6)


def from_kg(kg: float, unit: str) -> float:
    value = kg / KG_PER_LB if unit == "lb" else kg
    return round(value, 6)


def round_to_step(value: float, step: float) -> float:
    """Round to the nearest multiple of step (a plate step), without float noise."""
    if step <= 0:
        return value
    return round(round(value / step) * step, 6)


def format_number(value: float, max_decimals: int = 2) -> str:
    """62.5 -> '62.5', 60.0 -> '60', 61.234 -> '61.23': never float noise."""
    text = f"{value:.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_weight(kg: float, unit: str = "kg", *, with_unit: bool = False) -> str:
    """Same as display_weight, defaulting to no unit."""
    return display_weight(kg, unit, with_unit=with_unit)


# The smallest load change per equipment: a pair of the smallest plates on a bar,
# the usual dumbbell jump, a stack pin. The coach's settings can override these.
_STEPS = {
    "kg": {"barbell": 2.5, "dumbbell": 2.0, "cable": 2.5, "machine": 2.5, "kettlebell": 4.0},
    "lb": {"barbell": 5.0, "dumbbell": 5.0, "cable": 5.0, "machine": 5.0, "kettlebell": 9.0},
}


def default_step(equipment: str, unit: str) -> float:
    """The nudge step in the lifter's unit."""
    return _STEPS.get(unit, _STEPS["kg"]).get(equipment, 2.5 if unit == "kg" else 5.0)


# Per equipment and unit, what the coach adds: the defaults of the increment settings.
DEFAULT_INCREMENTS: dict[str, dict[str, float]] = {
    kit: {unit: default_step(kit, unit) for unit in UNITS}
    for kit in ("barbell", "dumbbell", "cable", "machine", "kettlebell", "bodyweight")
}


# Display resolution per unit: the smallest fractional plate (0.25 kg / 0.25 lb).
# A converted weight (135 lb seen in kg) is shown on this grid; a weight that is
# already clean in the unit (typed in it, 22.7 kg) is shown exactly as typed.
DISPLAY_STEP = {"kg": 0.25, "lb": 0.25}
# How close a value must be to two decimals to count as typed in that unit: above
# the noise of storing kg to six places (about 2e-6 lb), far below any real step.
_CLEAN_TOLERANCE = 1e-4


def display_value(kg: float, unit: str, step: float | None = None) -> float:
    """The number shown for `kg` in `unit`: exact when it is clean in that unit,
    otherwise on the display (or given) step. 61.23497 kg in lb -> 135.0."""
    value = from_kg(kg, unit)
    two_places = round(value, 2)
    if abs(value - two_places) < _CLEAN_TOLERANCE:
        return two_places
    return round_to_step(value, step if step is not None else DISPLAY_STEP[unit])


def display_weight(kg: float | None, unit: str = "kg", *, with_unit: bool = True, step: float | None = None) -> str:
    """'135 lb', '61.25 kg', '62.5 kg': a stored kg weight for people, in their unit.
    Never float noise, and the same text after any number of unit round trips."""
    if kg is None:
        return ""
    text = format_number(display_value(kg, unit, step))
    return f"{text} {unit}" if with_unit else text


def round_down_to_step(value: float, step: float) -> float:
    """The largest multiple of step at or below value; 224.999999 (225 lb after a
    trip through kg) counts as 225."""
    if step <= 0:
        return value
    return round(math.floor(value / step + 1e-6) * step, 6)


def round_up_to_step(value: float, step: float) -> float:
    """The smallest multiple of step at or above value (with a hair of tolerance)."""
    if step <= 0:
        return value
    return round(math.ceil(value / step - 1e-6) * step, 6)


def plural(count: int, word: str) -> str:
    """'1 set', '3 sets'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
