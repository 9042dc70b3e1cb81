"""Weight units. Everything is stored in kg; the entry's unit is kept for display."""

from __future__ import annotations

KG_PER_LB = 0.45359237
UNITS = ("kg", "lb")
# Heaviest load we accept from any source, in kg (and its lb equal, 2204.6 lb).
MAX_WEIGHT_KG = 1000.0


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
    text = format_number(from_kg(kg, unit))
    return f"{text} {unit}" if with_unit else text


# The smallest load change per equipment: a pair of the smallest plates on a bar,
# the usual dumbbell jump, a stack pin. The coach's settings can override these.
_STEPS = {
    "kg": {"barbell": 2.5, "dumbbell": 2.0, "cable": 2.5, "machine": 2.5, "kettlebell": 4.0},
    "lb": {"barbell": 5.0, "dumbbell": 5.0, "cable": 5.0, "machine": 5.0, "kettlebell": 9.0},
}


def default_step(equipment: str, unit: str) -> float:
    """The nudge step in the lifter's unit."""
    return _STEPS.get(unit, _STEPS["kg"]).get(equipment, 2.5 if unit == "kg" else 5.0)
