"""What the routine editor does to a routine, as pure functions: move, remove, link
items into supersets, read typed targets, and check a routine before it is saved."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from backtui.domain.catalog import DataFileError, parse_routine_data, superset_problem, superset_runs
from backtui.domain.models import Exercise, Routine, RoutineItem
from backtui.domain.routine_file import routine_data

NAME_MAX = 40
DESCRIPTION_MAX = 600
NOTE_MAX = 120
LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class EditError(ValueError):
    """A value the editor cannot accept, said in words."""


# -- supersets -----------------------------------------------------------------

def _runs(items: Sequence[RoutineItem]) -> list[tuple[int, int]]:
    """(first index, size) of each run of adjacent items sharing a superset label."""
    return [(first, size) for _, first, size in superset_runs([item.superset for item in items])]


def normalise_supersets(items: Sequence[RoutineItem]) -> list[RoutineItem]:
    """Label supersets A, B, C... in order; an item left alone is no superset."""
    result = [replace(item, superset=None) if item.superset else item for item in items]
    label = 0
    for first, size in _runs(items):
        if size < 2:
            continue
        for index in range(first, first + size):
            result[index] = replace(items[index], superset=LABELS[label % len(LABELS)])
        label += 1
    return result


def block(items: Sequence[RoutineItem], index: int) -> range:
    """The indexes of the superset `index` is in (just `index` when it is in none)."""
    for first, size in _runs(items):
        if first <= index < first + size and size >= 2:
            return range(first, first + size)
    return range(index, index + 1)


def link_with_next(items: Sequence[RoutineItem], index: int) -> tuple[list[RoutineItem], str]:
    """Toggle the superset link between item `index` and the next one: join them (their
    supersets merge, up to 3 items), or split the superset between them."""
    items = list(items)
    if not 0 <= index < len(items) - 1:
        raise EditError("the last item has no next item to superset with")
    here, after = block(items, index), block(items, index + 1)
    if here == after:  # linked: split between them
        for i in range(index + 1, after.stop):
            items[i] = replace(items[i], superset="~split")
        return normalise_supersets(items), "split the superset"
    size = len(here) + len(after)
    if size > 3:
        raise EditError(f"a superset is 2 or 3 items; joining these would make {size}")
    label = items[here.start].superset or items[after.start].superset or "~new"
    for i in (*here, *after):
        items[i] = replace(items[i], superset=label)
    return normalise_supersets(items), f"superset of {size}: done in turn, rest after the round"


def move_item(items: Sequence[RoutineItem], index: int, delta: int) -> tuple[list[RoutineItem], int]:
    """Move an item up (-1) or down (+1). Inside a superset it changes places with its
    partner; at the superset's edge it first leaves the superset; a plain item hops
    over a whole superset, so moving never breaks one apart by accident."""
    items = list(items)
    target = index + delta
    if not 0 <= index < len(items) or not 0 <= target < len(items):
        return items, index
    mine, theirs = block(items, index), block(items, target)
    if len(mine) > 1:
        if target in mine:
            items[index], items[target] = items[target], items[index]
            return normalise_supersets(items), target
        items[index] = replace(items[index], superset=None)
        return normalise_supersets(items), index
    moving = items.pop(index)
    # After the pop, the neighbouring block starts (or ends) one place closer.
    new_index = theirs.start if delta < 0 else theirs.stop - 1
    items.insert(new_index, moving)
    return normalise_supersets(items), new_index


def remove_item(items: Sequence[RoutineItem], index: int) -> list[RoutineItem]:
    return normalise_supersets([item for i, item in enumerate(items) if i != index])


# -- typed values --------------------------------------------------------------

def parse_whole(text: str, what: str, low: int, high: int) -> int | None:
    """A whole number from low to high; empty text means "the exercise's default"."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise EditError(f"{what} must be a whole number from {low} to {high} (or empty for the default)")
    return int(text)


def parse_reps(text: str) -> tuple[int, int] | None:
    """'8-12', '8 to 12' or '10' (both ends the same); empty: the exercise's default."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d+)\s*(?:-|–|to)\s*(\d+)|(\d+)", text)
    if not match:
        raise EditError(f"reps {text!r}: write a range like 8-12, or one number")
    low, high = (int(match[1]), int(match[2])) if match[1] else (int(match[3]), int(match[3]))
    if not 1 <= low <= high <= 100:
        raise EditError("reps must be a range from 1 to 100 with the low end first, like 8-12")
    return low, high


def parse_seconds(text: str, what: str, low: int, high: int) -> int | None:
    """'90', '90s', '1:30' or '2m'; empty: the exercise's default."""
    text = text.strip().lower()
    if not text:
        return None
    match = re.fullmatch(r"(\d+):([0-5]\d)|(\d+)\s*(s|sec|m|min)?", text)
    if not match:
        raise EditError(f"{what} {text!r}: write seconds like 90, 90s or 1:30")
    if match[1]:
        value = int(match[1]) * 60 + int(match[2])
    else:
        value = int(match[3]) * (60 if match[4] in ("m", "min") else 1)
    if not low <= value <= high:
        raise EditError(f"{what} must be from {low} to {high} seconds")
    return value


def format_reps(item: RoutineItem) -> str:
    if item.rep_low is None:
        return ""
    return str(item.rep_low) if item.rep_low == item.rep_high else f"{item.rep_low}-{item.rep_high}"


# -- checking and naming -------------------------------------------------------

def clean_text(text: str, what: str, limit: int, *, required: bool = False) -> str:
    """Text without control characters (a pasted newline becomes a space)."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if required and not cleaned:
        raise EditError(f"{what} is empty: give it a name")
    if len(cleaned) > limit:
        raise EditError(f"{what} is {len(cleaned)} characters; at most {limit}")
    return cleaned


def routine_slug(name: str, taken: set[str]) -> str:
    """A slug for a new routine from its name, unique among `taken`."""
    from backtui.domain.importers.names import slugify

    return slugify(name, taken)


def check_routine(routine: Routine, exercises: Mapping[str, Exercise], others: Mapping[str, Routine]) -> Routine:
    """The routine as it would be read back from its file, or EditError with the
    first problem. `others`: every other routine the lifter has (names must differ)."""
    if not routine.items:
        raise EditError("the routine has no exercises yet: a adds one")
    problem = superset_problem([item.superset for item in routine.items])
    if problem is not None:
        raise EditError(f"item {problem[0] + 1}: {problem[1]}")
    taken = {r.name.casefold(): r for r in others.values() if r.slug != routine.slug}
    if routine.name.casefold() in taken:
        raise EditError(f"there is already a routine called {taken[routine.name.casefold()].name!r}")
    try:
        return parse_routine_data(routine_data(routine), dict(exercises), f"routine {routine.name!r}",
                                  shipped=False)
    except DataFileError as exc:
        raise EditError(exc.problem) from None


def copy_name(name: str, others: Mapping[str, Routine]) -> str:
    """'Essential back' -> 'Essential back (mine)', then '(mine 2)'... unused names."""
    names = {r.name.casefold() for r in others.values()}
    base = name[: NAME_MAX - 10]
    candidate, n = f"{base} (mine)", 2
    while candidate.casefold() in names:
        candidate, n = f"{base} (mine {n})", n + 1
    return candidate
