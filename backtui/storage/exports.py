"""Reading every set out, for `backtui export`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from backtui.storage.store import Store

_EXPORT_QUERY = """
SELECT w.id, w.started_at, w.ended_at, w.routine_slug, w.routine_name, w.note,
       e.slug, e.name, e.measure, s.set_number, s.kind, s.weight_kg, s.reps, s.seconds,
       s.straps, s.rpe, s.form_broke, s.note, s.unit, s.logged_at,
       (SELECT max(x.logged_at) FROM sets x WHERE x.workout_id = w.id) AS last_set_at,
       s.bodyweight_kg, s.distance, s.distance_unit, e.region, e.pattern, e.profile_id IS NOT NULL
FROM sets s
JOIN workouts w ON w.id = s.workout_id
JOIN exercises e ON e.id = s.exercise_id
WHERE s.profile_id = ?
ORDER BY w.started_at, w.id, s.logged_at, s.id
"""

_FIELDS = (
    "workout_id", "workout_started_at", "workout_ended_at", "routine", "routine_name", "workout_note",
    "exercise", "exercise_name", "measure", "set_number", "kind", "weight_kg", "reps", "seconds",
    "straps", "rpe", "form_broke", "note", "unit", "logged_at", "last_set_at",
    "bodyweight_kg", "distance", "distance_unit", "region", "pattern", "custom",
)


def export_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every set of the store's profile, oldest workout first, as plain dicts, read
    from the cursor as they are written out (an export never holds all the sets)."""
    for row in store.conn.execute(_EXPORT_QUERY, [store.profile_id]):
        record = dict(zip(_FIELDS, row))
        record["straps"] = bool(record["straps"])
        record["form_broke"] = bool(record["form_broke"])
        record["custom"] = bool(record["custom"])
        yield record
