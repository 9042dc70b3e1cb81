"""Numbers and sets as people read them: the one formatter of the app, the command line
and the exports.

- a load on the bar (`format_mass(kg, unit)`): as typed when it is clean in the unit,
  else on the grid of the smallest plate (0.25), thousands grouped: '62.5 kg', '135 lb';
- an estimate (`what="estimate"`, e1RM): on the plate grid, never more precise than
  a bar can be loaded: '91.75 kg', not '91.83 kg';
- a total (`what="total"`, volume): whole units, thousands grouped: '11,058 kg';
- a rest: always m:ss ('0:45', '2:30'); a hold: '45 s' under a minute, else m:ss;
- a number in a file (`file_number`): no grouping, at most two decimals, no float noise.

Sets keep the short forms the entry grammar accepts ('60x8', '+10x6', '45 s').
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from backtui.domain.models import AnySet
from backtui.domain.units import DISPLAY_STEP, UNITS, display_value, display_weight, format_number, from_kg, round_to_step


def grouped(number_text: str) -> str:
    """'11057.5' -> '11,057.5': thousands grouped in the whole part."""
    sign, digits = ("-", number_text[1:]) if number_text.startswith("-") else ("", number_text)
    whole, dot, fraction = digits.partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}" if whole.isdigit() else number_text


def format_mass(kg: float | None, unit: str, *, what: str = "load", with_unit: bool = True, empty: str = "-") -> str:
    """A stored kg weight for people, in their unit (see the module's words)."""
    if kg is None:
        return empty
    if what == "total":
        text = f"{round(from_kg(kg, unit)):,}"
    elif what == "estimate":
        text = grouped(format_number(round_to_step(from_kg(kg, unit), DISPLAY_STEP[unit])))
    else:
        text = grouped(format_number(display_value(kg, unit)))
    return f"{text} {unit}" if with_unit else text


def file_number(value: float | None, max_decimals: int = 2) -> str:
    """A number for a file (CSV): no grouping, no float noise ('102.06', not '102.058283')."""
    return "" if value is None else format_number(value, max_decimals)


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


def assist_words(weight_kg: float, unit: str, typed_in: str | None = None) -> str:
    """The help on an assisted move: 'assist 20 kg' (a set typed in another unit keeps it)."""
    shown_in = typed_in if typed_in in UNITS else unit
    return f"assist {display_weight(abs(weight_kg), shown_in)}"


def format_load_or_help(kg: float | None, measure: str, unit: str, *, assisted: bool = False) -> str:
    """A load as the lifter means it: on an assisted move the help ('assist 20 kg'),
    else as format_load gives it."""
    if assisted and kg is not None and kg < 0:
        return assist_words(kg, unit)
    return format_load(kg, measure, unit)


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


def pack_sets(sets: Sequence[str], width: int, separator: str = ", ") -> str:
    """Sets (or facts) joined with `separator` into lines of at most `width` columns,
    never breaking one ('60x8 s @8' stays whole; one longer than the width has a line
    to itself). A line ends with the separator's mark (',' or '·')."""
    mark = separator.strip()
    lines: list[str] = []
    line = ""
    for text in sets:
        if line and len(line) + len(separator) + len(text) + len(mark) > width:
            lines.append(line + (f" {mark}" if mark == "·" else mark))
            line = text
        else:
            line = f"{line}{separator}{text}" if line else text
    lines.append(line)
    return "\n".join(lines)
