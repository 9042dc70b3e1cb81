"""A lifter's own exercise, made by hand: checked here, stored by backtui.storage.exercises."""

from __future__ import annotations

import re
from collections.abc import Mapping

from backtui.domain.importers.names import name_key, slugify
from backtui.domain.models import EQUIPMENT, MEASURES, MECHANICS, PATTERNS, REGIONS, Exercise
from backtui.domain.routine_edit import EditError, clean_text

NAME_MAX = 40
CUE_MAX = 80
CUES_MAX = 4
# A target to start from; the routine editor sets sets, reps and rest per routine.
DEFAULT_TARGETS: dict[str, dict[str, int]] = {
    "weight_reps": {"sets": 3, "rep_low": 8, "rep_high": 12, "rest": 90},
    "bodyweight_reps": {"sets": 3, "rep_low": 8, "rep_high": 12, "rest": 90},
    "seconds": {"sets": 2, "seconds": 30, "rest": 30},
}


def split_cues(text: str) -> tuple[str, ...]:
    """Cues typed on one line, separated by ';' (or '|')."""
    cues = [clean_text(part, "a cue", CUE_MAX) for part in re.split(r"[;|\n]", text)]
    cues = [c for c in cues if c]
    if len(cues) > CUES_MAX:
        raise EditError(f"at most {CUES_MAX} cues ({len(cues)} given); keep the ones that help most")
    return tuple(cues)


def make_custom_exercise(
    name: str,
    *,
    region: str,
    pattern: str,
    mechanic: str,
    equipment: str,
    measure: str,
    cues: str | tuple[str, ...] = (),
    exercises: Mapping[str, Exercise],
) -> Exercise:
    """A new custom exercise, or EditError. `exercises`: every exercise the lifter
    already has (shipped and own): the name must not be one of theirs, so a later
    import matches it instead of making a twin."""
    cleaned = clean_text(name, "the exercise name", NAME_MAX, required=True)
    key = name_key(cleaned)
    for exercise in exercises.values():
        if name_key(exercise.name) == key or exercise.slug == key.replace(" ", "-"):
            raise EditError(f"{exercise.name!r} already exists: pick it instead, or name this one differently")
    for value, allowed, what in ((region, REGIONS, "region"), (pattern, PATTERNS, "pattern"),
                                 (mechanic, MECHANICS, "mechanic"), (equipment, EQUIPMENT, "equipment"),
                                 (measure, MEASURES, "measure")):
        if value not in allowed:
            raise EditError(f"{what} {value!r} is not one of: {', '.join(allowed)}")
    cue_list = split_cues(cues) if isinstance(cues, str) else tuple(cues)
    slug = slugify(cleaned, set(exercises))
    target = DEFAULT_TARGETS[measure]
    return Exercise(
        slug=slug, name=cleaned, region=region, pattern=pattern, mechanic=mechanic, equipment=equipment,
        measure=measure, group=slug, cues=cue_list, custom=True, sets=target["sets"], rest=target["rest"],
        rep_low=target.get("rep_low"), rep_high=target.get("rep_high"), seconds=target.get("seconds"),
    )
