"""A workout's plan: the ordered slots the tracker walks through, and variant rotation.

The plan is stored with the workout (JSON), so a killed app resumes at the same
exercise with the same order, skips and additions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace

from backtui.domain.catalog import Catalog
from backtui.domain.models import Exercise, Routine, RoutineItem, Target, default_target


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

    @property
    def target(self) -> Target:
        return Target(
            sets=self.sets, rep_low=self.rep_low, rep_high=self.rep_high,
            seconds=self.seconds, rest=self.rest, per_side=self.per_side,
        )

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping) -> Slot:
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


def choose_variant(catalog: Catalog, item: RoutineItem, last_done: Mapping[str, str]) -> str:
    if not item.group:
        return item.exercise
    members = catalog.variants(item.group)
    if len(members) < 2:
        return item.exercise
    return rotation_order(members, item.exercise, last_done)[0]


def plan_routine(
    routine: Routine, catalog: Catalog, last_done: Mapping[str, str], pins: Mapping[str, str] | None = None
) -> list[Slot]:
    """The slots for a routine, rotating variant slots to their least recently done member.
    `pins` maps a slot index (as text, it is stored as JSON) to the variant the lifter keeps."""
    slots = []
    for index, item in enumerate(routine.items):
        pinned = (pins or {}).get(str(index))
        allowed = {e.slug for e in catalog.variants(item.group)} if item.group else set()
        if pinned not in allowed:
            pinned = None  # a pin that no longer fits the routine is ignored
        slug = pinned or choose_variant(catalog, item, last_done)
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
    item = item or RoutineItem(exercise=slot.default, role=slot.role, group=slot.group, note=slot.note)
    updated = list(slots)
    updated[index] = slot_for(catalog.exercise(nxt), item, default=slot.default)
    return updated


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


def plan_from_sets(exercise_order: Sequence[str], catalog: Catalog) -> list[Slot]:
    """A plan rebuilt from what was logged (a workout started from the command line)."""
    seen: list[str] = []
    for slug in exercise_order:
        if slug not in seen and slug in catalog.exercises:
            seen.append(slug)
    return [slot_for(catalog.exercise(slug)) for slug in seen]


def estimated_minutes(slots: Sequence[Slot]) -> int:
    """A rough length: each set takes its work time plus its rest."""
    total = 0
    for slot in slots:
        work = (slot.seconds or 0) * (2 if slot.per_side else 1) if slot.seconds else 40
        total += slot.sets * (work + slot.rest)
    return max(5, round(total / 60 / 5) * 5)


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
