"""A profile's own exercises (imported or made by hand), kept in the exercises table
with the profile's id, so they join the catalog wherever shipped ones appear."""

from __future__ import annotations

import json

from backtui.domain.catalog import Catalog
from backtui.domain.models import EQUIPMENT, MEASURES, PATTERNS, REGIONS, Exercise
from backtui.storage.errors import StorageError
from backtui.storage.store import Store, _exercise_row, write_transaction

_CUSTOM_COLUMNS = (
    "slug, name, region, pattern, mechanic, equipment, measure, sets, rep_low, rep_high, seconds, "
    "rest_s, straps_ok, variant_group, ramp, per_side, cues"
)


def load_custom_exercises(store: Store) -> dict[str, Exercise]:
    """The profile's own exercises, slug -> Exercise, so the app and the CLI can
    list, pick and log them like catalog ones."""
    rows = store.conn.execute(
        f"SELECT {_CUSTOM_COLUMNS} FROM exercises WHERE profile_id = ? ORDER BY name COLLATE NOCASE",
        [store.profile_id],
    )
    result = {}
    for (slug, name, region, pattern, mechanic, equipment, measure, sets, rep_low, rep_high, seconds,
         rest, straps, group, ramp, per_side, cues) in rows:
        if measure not in MEASURES:
            continue
        try:
            cue_list = tuple(str(c) for c in json.loads(cues or "[]"))
        except (ValueError, TypeError):
            cue_list = ()
        result[slug] = Exercise(
            slug=slug, name=name, region=region if region in REGIONS else "other",
            pattern=pattern if pattern in PATTERNS else "other", mechanic=mechanic,
            equipment=equipment if equipment in EQUIPMENT else "other", measure=measure,
            sets=sets, rest=rest, rep_low=rep_low, rep_high=rep_high, seconds=seconds,
            straps=bool(straps), group=group or slug, ramp=bool(ramp), per_side=bool(per_side),
            cues=cue_list, custom=True,
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
    row = _exercise_row(exercise)
    row["source"] = "custom"
    columns = ", ".join(["profile_id", *row])  # sql: _exercise_row's keys
    with write_transaction(store.conn):
        taken = store.conn.execute(
            "SELECT 1 FROM exercises WHERE (profile_id IS NULL OR profile_id = ?) AND slug = ?",
            [store.profile_id, exercise.slug],
        ).fetchone()
        if taken:
            raise StorageError(f"there is already an exercise {exercise.slug!r}")
        store.conn.execute(f"INSERT INTO exercises ({columns}) VALUES ({', '.join('?' * (len(row) + 1))})",
                           [store.profile_id, *row.values()])
    store.refresh_exercises()
