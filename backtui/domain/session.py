"""A workout's plan: the ordered slots the tracker walks through, and variant rotation.

The plan is stored with the workout (JSON), so a killed app resumes at the same
exercise with the same order, skips and additions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from backtui.domain.catalog import Catalog
from backtui.domain.models import Exercise, Routine, RoutineItem, Target, default_target, minutes_for


@dataclass(frozen=True)
class Slot:
    """One place in the workout, filled by an exercise (the routine's or a variant)."""

    exercise: str
    role: str = "work"
    sets: int = 3
    rep_low: int | None = None
    rep_high: int | None = None
    seconds: int | None = None
    rest: int = 90
    per_side: bool = False
    group: str | None = None  # set when the slot rotates through a variant group
    default: str = ""  # the routine's own choice for this slot
    note: str = ""
    skipped: bool = False
    superset: str | None = None  # adjacent slots with the same label are done in turn
    ramp: bool | None = None  # the routine's warm-up ramp override (None: the exercise's)
    rotate: str = "stall"  # when the slot changes variant (models.ROTATIONS)

    @property
    def sets_to_log(self) -> int:
        return self.target.sets_to_log

    @property
    def target(self) -> Target:
        return Target(
            sets=self.sets, rep_low=self.rep_low, rep_high=self.rep_high,
            seconds=self.seconds, rest=self.rest, per_side=self.per_side,
        )

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Slot:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def slot_for(exercise: Exercise, item: RoutineItem | None = None, *, default: str | None = None) -> Slot:
    """The slot `exercise` fills, with the routine item's overrides when there is one."""
    target = item.target_for(exercise) if item else default_target(exercise)
    return Slot(
        exercise=exercise.slug,
        role=item.role if item else "work",
        sets=target.sets,
        rep_low=target.rep_low,
        rep_high=target.rep_high,
        seconds=target.seconds,
        rest=target.rest,
        per_side=target.per_side,
        group=item.group if item else None,
        default=default or (item.exercise if item else exercise.slug),
        note=item.note if item else "",
        superset=item.superset if item else None,
        ramp=item.ramp if item else None,
        rotate=item.rotate if item else "stall",
    )


def rotation_order(group: Sequence[Exercise], default: str, last_done: Mapping[str, str]) -> list[str]:
    """Variants, least recently done first ("keep the body guessing").

    Never-done variants count as least recent; among those the routine's own choice
    comes first, then catalog order.
    """
    position = {e.slug: i for i, e in enumerate(group)}
    return sorted(
        (e.slug for e in group),
        key=lambda slug: (last_done.get(slug, ""), slug != default, position[slug]),
    )


def in_use(catalog: Catalog, item: RoutineItem, last_done: Mapping[str, str]) -> str:
    """The variant a slot uses now: the member of its group done most recently (the
    routine's own choice when none was done)."""
    done = [e.slug for e in catalog.variants(item.group or "") if last_done.get(e.slug)]
    return max(done, key=lambda slug: last_done[slug]) if done else item.exercise


def choose_variant(catalog: Catalog, item: RoutineItem, last_done: Mapping[str, str],
                   stalled: Collection[str] = ()) -> str:
    """The exercise for a routine item today, by its rotation rule: 'never' keeps the
    routine's own; 'session' takes the least recently done variant; 'stall' (the
    default, as the routines describe it) keeps the variant in use until it stalls
    (its slug in `stalled`), then moves to the least recently done other one."""
    if not item.group or item.rotate == "never":
        return item.exercise
    members = catalog.variants(item.group)
    if len(members) < 2:
        return item.exercise
    order = rotation_order(members, item.exercise, last_done)
    if item.rotate == "session":
        return order[0]
    current = in_use(catalog, item, last_done)
    if current not in stalled:
        return current
    return next((slug for slug in order if slug != current), current)


def plan_routine(
    routine: Routine, catalog: Catalog, last_done: Mapping[str, str], pins: Mapping[str, str] | None = None,
    stalled: Collection[str] = (),
) -> list[Slot]:
    """The slots for a routine, each variant slot by its rotation rule (choose_variant).
    `pins` maps a slot index (as text, it is stored as JSON) to the variant the lifter
    keeps; `stalled` holds the variants whose lift stalled (coach.stalled_variants)."""
    slots = []
    for index, item in enumerate(routine.items):
        pinned = (pins or {}).get(str(index))
        allowed = {e.slug for e in catalog.variants(item.group)} if item.group else set()
        if pinned not in allowed:
            pinned = None  # a pin that no longer fits the routine is ignored
        slug = pinned or choose_variant(catalog, item, last_done, stalled)
        slots.append(slot_for(catalog.exercise(slug), item, default=item.exercise))
    return slots


def swap_variant(
    slots: list[Slot],
    index: int,
    catalog: Catalog,
    last_done: Mapping[str, str],
    item: RoutineItem | None = None,
) -> list[Slot]:
    """Fill slot `index` with the next variant in rotation order (wrapping).
    `item` is the routine's item for the slot, so its overrides carry over."""
    slot = slots[index]
    if not slot.group:
        return slots
    order = rotation_order(catalog.variants(slot.group), slot.default or slot.exercise, last_done)
    nxt = order[(order.index(slot.exercise) + 1) % len(order)] if slot.exercise in order else order[0]
    item = item or RoutineItem(exercise=slot.default, role=slot.role, group=slot.group, note=slot.note,
                               superset=slot.superset, ramp=slot.ramp, rotate=slot.rotate)
    updated = list(slots)
    updated[index] = slot_for(catalog.exercise(nxt), item, default=slot.default)
    return updated


def swap_in(slot: Slot, exercise: Exercise) -> Slot:
    """The slot filled by another exercise (a variant chosen in the tracker): the
    routine's sets, rest, role and rotation stay; reps or seconds come from the
    exercise when it is measured differently."""
    timed = exercise.timed
    same_measure = timed == (slot.seconds is not None)
    return replace(
        slot, exercise=exercise.slug, per_side=exercise.per_side,
        rep_low=None if timed else (slot.rep_low if same_measure else exercise.rep_low),
        rep_high=None if timed else (slot.rep_high if same_measure else exercise.rep_high),
        seconds=(slot.seconds if same_measure else exercise.seconds) if timed else None,
        group=slot.group or exercise.variant_group, default=slot.default or slot.exercise,
    )


def variants_of(slot: Slot, catalog: Catalog) -> list[Exercise]:
    return catalog.variants(slot.group) if slot.group else []


def move_slot(slots: list[Slot], index: int, delta: int) -> tuple[list[Slot], int]:
    """Move a slot up (-1) or down (+1); returns the new list and the slot's new index."""
    target = index + delta
    if not 0 <= index < len(slots) or not 0 <= target < len(slots):
        return slots, index
    updated = list(slots)
    updated[index], updated[target] = updated[target], updated[index]
    return updated, target


def set_skipped(slots: list[Slot], index: int, skipped: bool) -> list[Slot]:
    updated = list(slots)
    updated[index] = replace(updated[index], skipped=skipped)
    return updated


def insert_slot(slots: list[Slot], index: int, slot: Slot) -> list[Slot]:
    updated = list(slots)
    updated.insert(index, slot)
    return updated


def remove_slot(slots: list[Slot], index: int) -> list[Slot]:
    return [s for i, s in enumerate(slots) if i != index]


def next_open(slots: Sequence[Slot], start: int, step: int = 1) -> int | None:
    """The next slot from `start` (exclusive) in direction `step` that is not skipped."""
    index = start + step
    while 0 <= index < len(slots):
        if not slots[index].skipped:
            return index
        index += step
    return None


def superset_members(slots: Sequence[Slot], index: int) -> list[int]:
    """The indexes of the superset slot `index` is in, in order, skipped ones left out;
    [] when it is in none. Only adjacent slots with the same label count, so a slot
    moved away from its partners is done on its own."""
    if not 0 <= index < len(slots) or not slots[index].superset:
        return []
    label = slots[index].superset
    first = index
    while first > 0 and slots[first - 1].superset == label:
        first -= 1
    last = index
    while last + 1 < len(slots) and slots[last + 1].superset == label:
        last += 1
    members = [i for i in range(first, last + 1) if not slots[i].skipped]
    return members if len(members) >= 2 else []


@dataclass(frozen=True)
class AfterSet:
    """Where the tracker goes after a set, and whether the rest countdown starts."""

    index: int
    rest: bool
    rest_slot: int  # whose rest applies (the last slot of the round in a superset)


def after_set(slots: Sequence[Slot], index: int, done: Mapping[str, int]) -> AfterSet:
    """After a set on slot `index` (done: sets so far per exercise, this one counted).

    Outside a superset: stay, and rest. In a superset: go on to the next slot of the
    superset that still has sets to do, without rest; after the round (no later slot
    has sets left) rest, then start the next round at the first slot with sets left,
    or stay when the superset is done."""
    members = superset_members(slots, index)
    if not members:
        return AfterSet(index, True, index)

    def open_(i: int) -> bool:
        return done.get(slots[i].exercise, 0) < slots[i].sets

    later = [i for i in members if i > index and open_(i)]
    if later:
        return AfterSet(later[0], False, index)
    again = [i for i in members if open_(i)]
    return AfterSet(again[0] if again else index, True, index)


def superset_position(slots: Sequence[Slot], index: int) -> tuple[str, int, int] | None:
    """(label, 1-based place, size) of a slot in its superset, for "superset A 1/2"."""
    members = superset_members(slots, index)
    label = slots[index].superset if 0 <= index < len(slots) else None
    if not members or index not in members or label is None:
        return None
    return label, members.index(index) + 1, len(members)


def plan_from_sets(exercise_order: Sequence[str], catalog: Catalog) -> list[Slot]:
    """A plan rebuilt from what was logged (a workout started from the command line)."""
    seen: list[str] = []
    for slug in exercise_order:
        if slug not in seen and slug in catalog.exercises:
            seen.append(slug)
    return [slot_for(catalog.exercise(slug)) for slug in seen]


def estimated_minutes(slots: Sequence[Slot]) -> int:
    """A rough length of a workout: each set takes its work time plus its rest."""
    return minutes_for(slot.target for slot in slots)


_REGION_WORDS = {"lats": "lats", "upper_back": "upper back", "lower_back": "lower back",
                 "neck_shoulders": "rear shoulders", "core": "core"}


def _neighbour(slots: Sequence[Slot], index: int, step: int) -> int | None:
    position = index + step
    while 0 <= position < len(slots):
        if slots[position].role == "work" and not slots[position].skipped:
            return position
        position += step
    return None


def _shares_muscles(isolation: Exercise, compound: Exercise) -> bool:
    # Lat isolation (straight-arm work) tires the lats for any row or pull-up too.
    pulls = ("vertical_pull", "horizontal_pull")
    return compound.region == isolation.region or (isolation.region == "lats" and compound.pattern in pulls)


def pre_exhaust_note(slots: Sequence[Slot], index: int, exercises: Mapping[str, Exercise]) -> str | None:
    """Why an isolation move comes before a compound for the same muscles, said at
    both ends of the pair; None where the order is not a pre-exhaust."""
    here = exercises.get(slots[index].exercise)
    if here is None or slots[index].role != "work":
        return None
    region = _REGION_WORDS.get(here.region, here.region)
    if here.mechanic == "isolation":
        after = _neighbour(slots, index, +1)
        nxt = exercises.get(slots[after].exercise) if after is not None else None
        if nxt and nxt.mechanic == "compound" and _shares_muscles(here, nxt):
            return (f"Pre-exhaust: this tires the {region} on their own, so in the {nxt.name.lower()} "
                    "they give out before your arms do.")
    else:
        before = _neighbour(slots, index, -1)
        prev = exercises.get(slots[before].exercise) if before is not None else None
        if prev and prev.mechanic == "isolation" and _shares_muscles(prev, here):
            region = _REGION_WORDS.get(prev.region, prev.region)
            return (f"Pre-exhausted: your {region} are already tired from the {prev.name.lower()}; "
                    "take less weight than usual and keep every rep strict.")
    return None
