"""A routine as TOML keys and text: the format of the shipped routine files, used for
lifters' own routines too (stored in the database as the same keys, exported and
imported as files). Reading goes through backtui.domain.catalog.parse_routine.
"""

from __future__ import annotations

from backtui.domain.models import Routine, RoutineItem


def item_data(item: RoutineItem) -> dict[str, object]:
    """An item's keys, leaving out what is the default (so files stay short)."""
    data: dict[str, object] = {"exercise": item.exercise}
    if item.role != "work":
        data["role"] = item.role
    if item.sets is not None:
        data["sets"] = item.sets
    if item.rep_low is not None and item.rep_high is not None:
        data["reps"] = [item.rep_low, item.rep_high]
    if item.seconds is not None:
        data["seconds"] = item.seconds
    if item.rest is not None:
        data["rest"] = item.rest
    if item.group:
        data["group"] = item.group
        if item.rotate != "stall":
            data["rotate"] = item.rotate
    if item.ramp is not None:
        data["ramp"] = item.ramp
    if item.superset:
        data["superset"] = item.superset
    if item.note:
        data["note"] = item.note
    return data


def routine_data(routine: Routine) -> dict[str, object]:
    """The routine as the keys of a routine file (slug, name, description, item)."""
    data: dict[str, object] = {"slug": routine.slug, "name": routine.name}
    if routine.description:
        data["description"] = routine.description
    data["item"] = [item_data(item) for item in routine.items]
    return data


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            # Controls, C1 and bidirectional overrides stay in the file as escapes: a
            # routine shared as a file is read in editors and terminals.
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def routine_toml(routine: Routine) -> str:
    """The text of a routine file; parse_routine reads it back to the same routine."""
    data = routine_data(routine)
    lines = ["# A backtui routine: `backtui routines import FILE` reads it back.", ""]
    for key in ("slug", "name", "description"):
        if key in data:
            lines.append(f"{key} = {_value(data[key])}")
    for item in routine.items:
        lines += ["", "[[item]]"]
        lines += [f"{key} = {_value(value)}" for key, value in item_data(item).items()]
    return "\n".join(lines) + "\n"
