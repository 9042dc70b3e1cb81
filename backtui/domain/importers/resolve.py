"""Deciding which exercise each name of a file becomes: a catalog lift or a custom one."""

from __future__ import annotations

from dataclasses import dataclass, field

from backtui.domain.importers.model import ImportedSet, ParsedImport
from backtui.domain.importers.names import (
    catalog_index,
    custom_exercise,
    infer_measure,
    is_assisted,
    mostly_timed,
    name_key,
    slugify,
)
from backtui.domain.models import Exercise


@dataclass
class Resolution:
    slugs: dict[str, str] = field(default_factory=dict)  # name in the file -> slug
    matched: dict[str, str] = field(default_factory=dict)  # names matched to the catalog
    reused: dict[str, str] = field(default_factory=dict)  # names of custom exercises made earlier
    created: list[Exercise] = field(default_factory=list)  # custom exercises to add
    assisted: set[str] = field(default_factory=set)  # names whose weight is assistance
    # Names whose weight is the lifter's body weight (Strong records it on reps-only moves).
    body_weight: set[str] = field(default_factory=set)

    def weight_for(self, logged: ImportedSet, exercise: Exercise) -> float | None:
        """The stored weight: assistance becomes negative, bodyweight reps count from 0."""
        weight = logged.weight_kg
        if logged.exercise in self.assisted and weight:
            return -abs(weight)
        if logged.exercise in self.body_weight and weight:
            return 0.0
        if weight is None and exercise.measure == "bodyweight_reps" and logged.reps is not None:
            return 0.0
        return weight


def resolve_exercises(
    parsed: ParsedImport, catalog: dict[str, Exercise], customs: dict[str, Exercise]
) -> Resolution:
    """Map every exercise name of the file to a slug, creating custom exercises as needed.

    `catalog` holds the shipped exercises, `customs` the profile's own (slug -> Exercise).
    A name matches a catalog lift only when the data agrees (a 'Superman' logged in reps
    is not our timed superman hold): otherwise it is kept under its own name.
    """
    by_name: dict[str, list[ImportedSet]] = {}
    for workout in parsed.workouts:
        for logged in workout.sets:
            by_name.setdefault(logged.exercise, []).append(logged)
    index = catalog_index(catalog.values())
    custom_keys = {name_key(e.name): e.slug for e in customs.values()}
    all_exercises = {**catalog, **customs}
    taken = set(all_exercises)
    result = Resolution()
    for name, sets in by_name.items():
        key = name_key(name)
        timed = mostly_timed([s.reps for s in sets], [s.seconds for s in sets])
        slug = index.get(key)
        if slug is not None and catalog[slug].timed == timed:
            result.matched[name] = slug
        elif key in custom_keys:
            slug = custom_keys[key]
            if slug in customs:
                result.reused[name] = slug
        else:
            assisted = is_assisted(name) and not parsed.exact_weights
            measure = infer_measure([s.weight_kg for s in sets], [s.reps for s in sets],
                                    [s.seconds for s in sets], assisted)
            slug = slugify(name, taken)
            exercise = custom_exercise(name.strip(), slug, measure, parsed.categories.get(name, ""))
            taken.add(slug)
            custom_keys[key] = slug
            all_exercises[slug] = exercise
            result.created.append(exercise)
        result.slugs[name] = slug
        bodyweight = all_exercises[slug].measure == "bodyweight_reps"
        if not parsed.exact_weights and is_assisted(name) and bodyweight:
            result.assisted.add(name)
        elif (parsed.source == "strong" and bodyweight and name in result.matched
              and not {"weighted", "assisted"} & set(key.split())):
            result.body_weight.add(name)
    return result


def exercises_by_slug(catalog: dict[str, Exercise], customs: dict[str, Exercise],
                      resolution: Resolution) -> dict[str, Exercise]:
    merged = {**catalog, **customs}
    merged.update({e.slug: e for e in resolution.created})
    return merged
