"""What the tracker shows, as immutable values the core hands to the screen.

Text here is plain text (the lifter's names and notes among it): a screen shows
it inert, never as markup. Emphasis is a tone the screen maps to its theme.
The card is built from the catalog alone, so a screen can paint it before the
database is open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from backtui.domain.formatting import format_rest
from backtui.domain.models import PATTERNS, REGIONS, Exercise
from backtui.domain.session import Slot, pre_exhaust_note, superset_position

Tone = Literal["plain", "dim", "strong", "success", "warning", "error", "accent"]
Words = tuple[tuple[str, Tone], ...]  # a line in parts: (text, tone)

ROLE_TAGS = {"warmup": "warm-up", "stretch": "stretch", "work": ""}

# Typed on the entry line instead of a key (a phone's keyboard has no ctrl).
TYPED_COMMANDS = {"undo": "undo", "redo": "redo"}


@dataclass(frozen=True)
class CardView:
    """The current exercise: where it is in the workout, what to aim for, how to do it."""

    place: str  # "3/8"
    name: str
    tag: str  # "warm-up", "stretch" or ""
    superset: str  # "superset A 1/2" or ""
    target: str  # "3 x 8-12"
    rest: str  # "rest 2:00"
    where: str  # region · pattern
    cues: tuple[str, ...]
    note: str  # the routine's note, or why it is a pre-exhaust pair
    measure: str  # weight_reps, bodyweight_reps or seconds: the entry line's hint
    assisted: bool = False  # a bare number is the help (20x8: 20 kg of assistance)


@dataclass(frozen=True)
class SetRow:
    """One of today's sets of the current exercise."""

    id: int
    number: int
    text: str  # as the entry grammar writes it: "62.5x10 straps @8"
    kind: str  # "working", "warm-up", ...
    note: str


@dataclass(frozen=True)
class PlanLine:
    """One slot of the workout, for the plan beside the card and the plan dialog."""

    name: str
    done: int
    to_log: int
    current: bool
    skipped: bool
    superset: str  # "A1" or ""


@dataclass(frozen=True)
class NextView:
    """The coach's next set as the lifter shaped it."""

    text: str | None  # "62.5x11 straps"; None: nothing to suggest yet
    reason: str
    load: str  # plates per side, or the load a bodyweight move moves; "" for none
    hold_seconds: int  # what ctrl+t counts
    load_applies: bool = False  # the exercise can have a load line (a barbell, a bodyweight move)


@dataclass(frozen=True)
class WorkoutView:
    """The live workout as the file holds it, after the last command."""

    workout_id: int
    title: str
    slots: tuple[Slot, ...]
    index: int
    card: CardView | None  # None: no exercise yet
    last_time: str  # last session's sets, or "nothing yet"
    before: tuple[str, ...]  # the sessions before that: "2026-11-04  25 s"
    today: tuple[SetRow, ...]  # the current exercise's sets today
    set_count: int  # every set of the workout
    plan: tuple[PlanLine, ...]
    next: NextView
    straps: bool | None  # None: as the coach says; True/False: the lifter's call
    editing: int | None  # the number of the set being edited
    target_done: bool
    flags: Words  # straps, the edit in progress, target done: for the status line
    ramp_left: int  # queued warm-up sets
    can_ramp: bool
    can_hold: bool
    can_straps: bool
    unit: str
    bell: bool
    ended_at: str | None = None  # finished by another backtui or `backtui log`
    can_redo: bool = False  # something undone that redo (ctrl+y, or typing "redo") brings back


@dataclass(frozen=True)
class Outcome:
    """A command's result: the view, and what to say and do about it once."""

    view: WorkoutView
    message: Words = ()  # for the status line, after the view's own flags
    error: str = ""  # what went wrong, for the line under the entry
    records: tuple[str, ...] = ()  # new records, for the same line
    entry: str | None = None  # the entry line's new text (None: leave it)
    rest: int | None = None  # start the rest countdown, seconds
    stop_rest: bool = False
    ended: bool = False  # the workout was finished elsewhere: offer a new one


def status_flags(straps: bool | None, editing: int | None, target_done: bool) -> Words:
    parts: list[Words] = []
    if straps:
        parts.append((("STRAPS ON", "warning"),))
    elif straps is False:
        parts.append((("straps off", "plain"),))
    if editing is not None:
        parts.append(((f"Editing set {editing}", "accent"), (" (Enter saves, Esc cancels)", "plain")))
    if target_done:
        parts.append((("target done: ^n (PgDn) for next", "plain"),))
    return joined(parts)


def joined(parts: Sequence[Words], between: str = " · ") -> Words:
    """Lines of words run together on one line."""
    line: Words = ()
    for part in parts:
        if part:
            line += ((between, "plain"), *part) if line else part
    return line


def card_for(slots: Sequence[Slot], index: int, exercises: Mapping[str, Exercise]) -> CardView | None:
    """The card of slot `index`, from the catalog alone."""
    if not 0 <= index < len(slots) or slots[index].exercise not in exercises:
        return None
    slot, exercise = slots[index], exercises[slots[index].exercise]
    position = superset_position(slots, index)
    return CardView(
        place=f"{index + 1}/{len(slots)}",
        name=exercise.name,
        tag=ROLE_TAGS.get(slot.role, ""),
        superset=f"superset {position[0]} {position[1]}/{position[2]}" if position else "",
        target=slot.target.describe(),
        rest=f"rest {format_rest(slot.rest)}",
        where=f"{REGIONS.get(exercise.region, exercise.region)} · {PATTERNS.get(exercise.pattern, exercise.pattern)}",
        cues=exercise.cues,
        note=slot.note or pre_exhaust_note(slots, index, exercises) or "",
        measure=exercise.measure,
        assisted=exercise.assisted,
    )


def plan_lines(slots: Sequence[Slot], index: int, exercises: Mapping[str, Exercise],
               done: Mapping[str, int]) -> tuple[PlanLine, ...]:
    lines = []
    for i, slot in enumerate(slots):
        exercise = exercises.get(slot.exercise)
        position = superset_position(slots, i)
        lines.append(PlanLine(
            name=exercise.name if exercise else slot.exercise,
            done=done.get(slot.exercise, 0),
            to_log=slot.sets_to_log,
            current=i == index,
            skipped=slot.skipped,
            superset=f"{position[0]}{position[1]}" if position else "",
        ))
    return tuple(lines)
