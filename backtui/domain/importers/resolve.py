"""Deciding which exercise each name of a file becomes, and what its weights mean.

A name becomes a catalog lift (by the lifter's own --map, remembered per lifter, then
by the alias table), a custom exercise made by an earlier import, or a new custom one.
The weights of bodyweight moves are then read as assistance, added load or the
lifter's body weight (bodyweight.py), the same way for every app's export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backtui.domain.importers.bodyweight import Reading, read_weights
from backtui.domain.importers.model import ImportedSet, ParsedImport
from backtui.domain.importers.names import (
    catalog_index,
    closest_slug,
    custom_exercise,
    infer_measure,
    is_assisted,
    is_bodyweight_move,
    is_other_muscle,
    mostly_timed,
    name_key,
    slugify,
    timed_twin,
)
from backtui.domain.importers.plausible import Evidence, unit_evidence
from backtui.domain.models import Exercise

# Catalog lifts whose weight is always assistance, whatever the file calls them.
ASSISTED_SLUGS = frozenset({"assisted-pull-up", "band-pull-up"})


@dataclass
class Resolution:
    slugs: dict[str, str] = field(default_factory=dict)  # name in the file -> slug
    matched: dict[str, str] = field(default_factory=dict)  # names matched to the catalog
    reused: dict[str, str] = field(default_factory=dict)  # names of custom exercises made earlier
    created: list[Exercise] = field(default_factory=list)  # custom exercises to add
    mapped: dict[str, str] = field(default_factory=dict)  # names placed by --map or a remembered map
    assisted: set[str] = field(default_factory=set)  # names whose weight is assistance
    # How the weights of each bodyweight move were read (added load or body weight).
    readings: dict[str, Reading] = field(default_factory=dict)
    # Names that are not a catalog lift, with the nearest catalog lift (None: nothing near).
    unmatched: dict[str, str | None] = field(default_factory=dict)
    exact: bool = False  # our own CSV: weights and body weights are as stored

    def loads_for(self, logged: ImportedSet, exercise: Exercise) -> tuple[float | None, float | None]:
        """(weight_kg, bodyweight_kg) to store: assistance negative, a body weight kept
        beside a bodyweight set of 0, added load as it is."""
        weight = logged.weight_kg
        if self.exact:
            return weight, logged.bodyweight_kg
        if logged.exercise in self.assisted and weight:
            return -abs(weight), None
        reading = self.readings.get(logged.exercise)
        if reading is not None and weight:
            if reading.meaning == "bodyweight":
                return 0.0, abs(weight)
            return abs(weight), None
        if exercise.measure == "bodyweight_reps" and logged.reps is not None and not weight:
            return 0.0, None
        return weight, None


def resolve_exercises(
    parsed: ParsedImport, catalog: dict[str, Exercise], customs: dict[str, Exercise], *,
    name_map: dict[str, str] | None = None, bodyweight_column: str | None = None,
) -> Resolution:
    """Map every exercise name of the file to a slug, creating custom exercises as needed.

    `catalog` holds the shipped exercises, `customs` the profile's own (slug -> Exercise);
    `name_map` is name_key -> slug chosen by the lifter. A name matches a catalog lift only
    when the data agrees ('Superman' in reps is the superman raise, for time the hold):
    otherwise it is kept under its own name.
    """
    by_name: dict[str, list[ImportedSet]] = {}
    for workout in parsed.workouts:
        for logged in workout.sets:
            by_name.setdefault(logged.exercise, []).append(logged)
    index = catalog_index(catalog.values())
    custom_keys = {name_key(e.name): e.slug for e in customs.values()}
    all_exercises = {**catalog, **customs}
    taken = set(all_exercises)
    chosen = name_map or {}
    result = Resolution(exact=parsed.exact_weights)
    for name, sets in by_name.items():
        key = name_key(name)
        timed = mostly_timed([s.reps for s in sets], [s.seconds for s in sets])
        slug = chosen.get(key)
        if slug is not None and slug in all_exercises:
            result.mapped[name] = slug
            (result.matched if slug in catalog else result.reused)[name] = slug
        else:
            slug = None if is_other_muscle(name) else index.get(key)
            twin = timed_twin(slug) if slug is not None else None
            if slug is not None and catalog[slug].timed != timed and twin in catalog and catalog[twin].timed == timed:
                slug = twin
            if slug is not None and catalog[slug].timed == timed:
                result.matched[name] = slug
            elif key in custom_keys:
                slug = custom_keys[key]
                if slug in customs:
                    result.reused[name] = slug
            else:
                slug = _new_custom(name, sets, parsed, result, taken)
                custom_keys[key] = slug
                all_exercises[slug] = result.created[-1]
        result.slugs[name] = slug
        if name not in result.matched:
            result.unmatched[name] = closest_slug(name, catalog.values())
        _read_bodyweight(result, name, sets, all_exercises[slug], parsed, bodyweight_column)
    return result


def _new_custom(name: str, sets: list[ImportedSet], parsed: ParsedImport, result: Resolution,
                taken: set[str]) -> str:
    assisted = is_assisted(name) and not parsed.exact_weights
    measure = infer_measure([s.weight_kg for s in sets], [s.reps for s in sets], [s.seconds for s in sets],
                            assisted, bodyweight=is_bodyweight_move(name))
    slug = slugify(name, taken)
    result.created.append(custom_exercise(name.strip(), slug, measure, parsed.categories.get(name, ""),
                                          parsed.hints.get(name)))
    taken.add(slug)
    return slug


def _read_bodyweight(result: Resolution, name: str, sets: list[ImportedSet], exercise: Exercise,
                     parsed: ParsedImport, override: str | None) -> None:
    if parsed.exact_weights or exercise.measure != "bodyweight_reps":
        return
    if is_assisted(name) or exercise.slug in ASSISTED_SLUGS:
        result.assisted.add(name)
        return
    unit = sets[0].unit if sets else parsed.weight_unit.unit
    reading = read_weights([s.weight_kg for s in sets if s.weight_kg], unit,
                           named_weighted="weighted" in name_key(name).split(), override=override)
    if reading is not None:
        result.readings[name] = reading


def unit_doubts(parsed: ParsedImport, resolution: Resolution) -> list[Evidence]:
    """Lifts whose values do not fit the unit the file was read in (checked only when
    that unit was assumed: a unit the file or the lifter states is taken as it is)."""
    if not parsed.weight_unit.assumed:
        return []
    loads: dict[str, tuple[str, list[float]]] = {}
    body: dict[str, list[float]] = {}
    for workout in parsed.workouts:
        for logged in workout.sets:
            if not logged.weight_kg:
                continue
            reading = resolution.readings.get(logged.exercise)
            if reading is not None and reading.meaning == "bodyweight":
                body.setdefault(logged.exercise, []).append(abs(logged.weight_kg))
            elif logged.exercise in resolution.matched:
                slug = resolution.matched[logged.exercise]
                loads.setdefault(logged.exercise, (slug, []))[1].append(logged.weight_kg)
    return unit_evidence(loads, body, parsed.weight_unit.unit)


def exercises_by_slug(catalog: dict[str, Exercise], customs: dict[str, Exercise],
                      resolution: Resolution) -> dict[str, Exercise]:
    merged = {**catalog, **customs}
    merged.update({e.slug: e for e in resolution.created})
    return merged
