"""A profile's own exercises (imported or made by hand), kept in the exercises table
with the profile's id, so they join the catalog wherever shipped ones appear."""

from __future__ import annotations

import json
from typing import TypedDict

from backtui.domain.catalog import Catalog
from backtui.domain.importers.names import is_assisted
from backtui.domain.models import EQUIPMENT, MEASURES, PATTERNS, REGIONS, Exercise
from backtui.storage.errors import StorageError
from backtui.storage.rows import as_rows, read_int
from backtui.storage.store import Store, _exercise_row, write_transaction

_CUSTOM_COLUMNS = (
    "slug, name, region, pattern, mechanic, equipment, measure, sets, rep_low, rep_high, seconds, "
    "rest_s, straps_ok, variant_group, ramp, per_side, cues, load_share"
)


class _CustomRow(TypedDict):
    """_CUSTOM_COLUMNS of an exercises row (straps_ok, ramp and per_side are 0 or 1)."""

    slug: str
    name: str
    region: str
    pattern: str
    mechanic: str
    equipment: str
    measure: str
    sets: int
    rep_low: int | None
    rep_high: int | None
    seconds: int | None
    rest_s: int
    straps_ok: int
    variant_group: str
    ramp: int
    per_side: int
    cues: str  # JSON list of text
    load_share: float | None


def load_custom_exercises(store: Store) -> dict[str, Exercise]:
    """The profile's own exercises, slug -> Exercise, so the app and the CLI can
    list, pick and log them like catalog ones."""
    rows = as_rows(_CustomRow, store.db.table("exercises").rows_where(
        "profile_id = ?", [store.profile_id], order_by="name COLLATE NOCASE", select=_CUSTOM_COLUMNS))
    result = {}
    for row in rows:
        slug, region, pattern, equipment = row["slug"], row["region"], row["pattern"], row["equipment"]
        if row["measure"] not in MEASURES:
            continue
        try:
            cue_list = tuple(str(c) for c in json.loads(row["cues"] or "[]"))
        except (ValueError, TypeError):
            cue_list = ()
        result[slug] = Exercise(
            slug=slug, name=row["name"], region=region if region in REGIONS else "other",
            pattern=pattern if pattern in PATTERNS else "other", mechanic=row["mechanic"],
            equipment=equipment if equipment in EQUIPMENT else "other", measure=row["measure"],
            sets=row["sets"], rest=row["rest_s"], rep_low=row["rep_low"], rep_high=row["rep_high"],
            seconds=row["seconds"], straps=bool(row["straps_ok"]), group=row["variant_group"] or slug,
            ramp=bool(row["ramp"]), per_side=bool(row["per_side"]), cues=cue_list, custom=True,
            # 'Pull Up (Assisted)' from an import: its number is the help, as the importers read it
            assisted=row["measure"] == "bodyweight_reps" and is_assisted(row["name"]),
            load_share=row["load_share"],
        )
    return result


def with_custom_exercises(catalog: Catalog, store: Store) -> Catalog:
    """The catalog plus the profile's custom exercises (for app.catalog and the CLI).
    Keep passing the shipped catalog to Store: only shipped exercises are mirrored."""
    customs = load_custom_exercises(store)
    return Catalog(exercises={**catalog.exercises, **{k: v for k, v in customs.items()
                                                      if k not in catalog.exercises}},
                   routines=catalog.routines)


def save_custom_exercise(store: Store, exercise: Exercise) -> None:
    """Add an exercise made by hand (source 'custom') to the store's profile."""
    row = {"profile_id": store.profile_id, **_exercise_row(exercise), "source": "custom"}
    with write_transaction(store.conn):
        taken = read_int(store.conn, "SELECT 1 FROM exercises WHERE (profile_id IS NULL OR profile_id = ?) AND slug = ?",
                         [store.profile_id, exercise.slug])
        if taken:
            raise StorageError(f"there is already an exercise {exercise.slug!r}")
        store.db.table("exercises").insert(row)
    store.refresh_exercises()
