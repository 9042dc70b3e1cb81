"""Short text forms of sets, in the same shape the entry grammar accepts."""

from __future__ import annotations

from collections.abc import Iterable

from backtui.domain.models import AnySet
from backtui.domain.units import UNITS, display_weight, format_number


def format_rest(seconds: int) -> str:
    """A rest, always m:ss: 45 -> '0:45', 150 -> '2:30' (the countdown, the card, the settings)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_seconds(seconds: int) -> str:
    """45 -> '45 s', 90 -> '1:30'."""
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_load(weight_kg: float | None, measure: str, unit: str, typed_in: str | None = None) -> str:
    """The weight part of a set: '60', '+10', '-20' or 'bw'. A set typed in another
    unit than `unit` keeps its own number and says its unit ('135lb'): converted, it
    would read as a number the lifter neither typed nor loaded (61.25)."""
    if weight_kg is None:
        return ""
    shown_in = typed_in if typed_in in UNITS and typed_in != unit else unit
    text = display_weight(abs(weight_kg), shown_in, with_unit=False)
    if shown_in != unit and weight_kg != 0:
        text += shown_in
    if measure == "bodyweight_reps":
        if weight_kg == 0:
            return "bw"
        return ("-" if weight_kg < 0 else "+") + text
    return text


def format_set(s: AnySet, measure: str, unit: str, *, details: bool = True) -> str:
    """'60x8', 'bw x 12', '+10x6', '135lbx5', '45 s', with ' straps', ' @8', a 'w ' prefix."""
    if s.seconds is not None:
        body = format_seconds(s.seconds)
    else:
        load = format_load(s.weight_kg, measure, unit, s.unit)
        body = f"{load} x {s.reps}" if load == "bw" else f"{load}x{s.reps}"
    if not details:
        return body
    parts = [body]
    if s.kind == "warmup":
        parts.insert(0, "w")
    elif s.kind in ("drop", "failure"):
        parts.append(s.kind)
    if s.straps:
        parts.append("straps")
    if s.rpe is not None:
        parts.append(f"@{format_number(s.rpe, 1)}")
    if s.form_broke:
        parts.append("!")
    return " ".join(parts)


def entry_text(s: AnySet, measure: str, unit: str) -> str:
    """The entry line that logs this set again, weights written in `unit`."""
    if s.seconds is not None:
        parts = [f"{s.seconds}s"]
    else:
        load = format_load(s.weight_kg, measure, unit, s.unit)
        parts = [str(s.reps) if load == "bw" else f"{load}x{s.reps}"]
    if s.kind != "working":
        parts.append({"warmup": "w", "drop": "d", "failure": "f"}[s.kind])
    if s.straps:
        parts.append("s")
    if s.rpe is not None:
        parts.append(f"@{format_number(s.rpe, 1)}")
    if s.form_broke:
        parts.append("!")
    if s.note:
        parts.append(f"# {s.note}")
    return " ".join(parts)


def format_sets(sets: Iterable[AnySet], measure: str, unit: str) -> str:
    return ", ".join(format_set(s, measure, unit) for s in sets)
