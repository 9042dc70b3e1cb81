"""Short text forms of sets, in the same shape the entry grammar accepts."""

from __future__ import annotations

from collections.abc import Iterable

from backtui.domain.models import AnySet
from backtui.domain.units import UNITS, display_weight, format_number


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


def assist_words(weight_kg: float, unit: str, typed_in: str | None = None) -> str:
    """The help on an assisted move: 'assist 20 kg' (a set typed in another unit keeps it)."""
    shown_in = typed_in if typed_in in UNITS else unit
    return f"assist {display_weight(abs(weight_kg), shown_in)}"


def format_set(s: AnySet, measure: str, unit: str, *, details: bool = True, assisted: bool = False) -> str:
    """'60x8', 'bw x 12', '+10x6', '135lbx5', '45 s', with ' straps', ' @8', a 'w ' prefix.
    On an assisted move the help reads as such: 'assist 20 kg x 8'."""
    if s.seconds is not None:
        body = format_seconds(s.seconds)
    elif assisted and s.weight_kg is not None and s.weight_kg < 0:
        body = f"{assist_words(s.weight_kg, unit, s.unit if s.unit != unit else None)} x {s.reps}"
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


def entry_text(s: AnySet, measure: str, unit: str, *, assisted: bool = False) -> str:
    """The entry line that logs this set again, weights written in `unit` (on an
    assisted move the help as a plain number, as the lifter types it)."""
    if s.seconds is not None:
        parts = [f"{s.seconds}s"]
    else:
        load = format_load(s.weight_kg, measure, unit, s.unit)
        if assisted and load.startswith("-"):
            load = load[1:]
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


def format_sets(sets: Iterable[AnySet], measure: str, unit: str, *, assisted: bool = False) -> str:
    return ", ".join(format_set(s, measure, unit, assisted=assisted) for s in sets)
