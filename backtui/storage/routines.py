"""A profile's own routines, stored in user_routines with the keys of a routine file
(items as JSON), read back through the catalog's parser like a shipped routine.

They live apart from the shipped data, so an upgrade never touches them; a routine
naming an exercise that is gone is reported and shown without it, never a crash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypedDict

from backtui.domain.catalog import Catalog, DataFileError, parse_routine_data
from backtui.domain.clock import now_iso
from backtui.domain.models import Exercise, Routine
from backtui.domain.routine_file import routine_data
from backtui.storage.exercises import with_custom_exercises
from backtui.storage.rows import as_rows
from backtui.storage.store import Store, write_transaction


class _RoutineRow(TypedDict):
    slug: str
    name: str
    description: str
    items: str  # JSON: the routine file's [[item]] tables


class _SlugRow(TypedDict):
    slug: str


@dataclass
class UserRoutines:
    routines: dict[str, Routine] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, for a notice


def _drop_lone_supersets(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """After leaving out an item, a partner left alone is no longer a superset."""
    labels = [item.get("superset") for item in items]
    for index, label in enumerate(labels):
        if label is None:
            continue
        before = index > 0 and labels[index - 1] == label
        after = index + 1 < len(labels) and labels[index + 1] == label
        if not before and not after:
            items[index] = {k: v for k, v in items[index].items() if k != "superset"}
    return items


def load_user_routines(store: Store, exercises: dict[str, Exercise]) -> UserRoutines:
    """The profile's routines by slug, sorted by name, and what could not be read."""
    result = UserRoutines()
    rows = as_rows(_RoutineRow, store.db.table("user_routines").rows_where(
        "profile_id = ?", [store.profile_id], order_by="name COLLATE NOCASE", select="slug, name, description, items"))
    for row in rows:
        slug, name = row["slug"], row["name"]
        try:
            items = json.loads(row["items"])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise ValueError
        except ValueError:
            result.problems.append(f"your routine {name!r} is damaged in the database and was left out")
            continue
        gone = [str(i.get("exercise")) for i in items if i.get("exercise") not in exercises]
        if gone:
            items = _drop_lone_supersets([i for i in items if i.get("exercise") in exercises])
            result.problems.append(
                f"your routine {name!r}: {', '.join(sorted(set(gone)))} no longer known, left out"
                + ("" if items else "; nothing else is left, so the routine is hidden"))
        if not items:
            continue
        data: dict[str, object] = {"slug": slug, "name": name, "description": row["description"], "item": items}
        try:
            routine = parse_routine_data(data, exercises, f"your routine {name!r}", shipped=False)
        except DataFileError as exc:
            result.problems.append(str(exc))
            continue
        result.routines[routine.slug] = routine
    return result


def profile_catalog(catalog: Catalog, store: Store) -> tuple[Catalog, list[str]]:
    """The shipped catalog plus the profile's own exercises and routines (for
    app.catalog and the CLI), and problems to report about its routines.
    A routine of the lifter's with the slug of a newer shipped one wins for them."""
    merged = with_custom_exercises(catalog, store)
    mine = load_user_routines(store, merged.exercises)
    problems = list(mine.problems)
    for slug in mine.routines:
        if slug in catalog.routines:
            problems.append(f"your routine {mine.routines[slug].name!r} hides the shipped routine with the "
                            f"same slug {slug!r}")
    shipped = {k: v for k, v in catalog.routines.items() if k not in mine.routines}
    return Catalog(exercises=merged.exercises, routines={**shipped, **mine.routines}), problems


def user_routine_slugs(store: Store) -> set[str]:
    rows = as_rows(_SlugRow, store.db.table("user_routines").rows_where(
        "profile_id = ?", [store.profile_id], select="slug"))
    return {row["slug"] for row in rows}


def save_user_routine(store: Store, routine: Routine) -> None:
    """Insert or replace (same slug) one of the profile's routines. The routine must
    already be checked (backtui.domain.routine_edit.check_routine)."""
    items = json.dumps(routine_data(routine)["item"], ensure_ascii=False)
    now = now_iso()
    with write_transaction(store.conn):
        store.conn.execute(
            "INSERT INTO user_routines (profile_id, slug, name, description, items, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, slug) DO UPDATE SET "
            "name = excluded.name, description = excluded.description, items = excluded.items, "
            "updated_at = excluded.updated_at",
            [store.profile_id, routine.slug, routine.name, routine.description, items, now, now],
        )


def delete_user_routine(store: Store, slug: str) -> bool:
    """Delete one of the profile's routines; its past workouts keep their name."""
    with write_transaction(store.conn):
        cursor = store.conn.execute(
            "DELETE FROM user_routines WHERE profile_id = ? AND slug = ?", [store.profile_id, slug])
    return cursor.rowcount > 0
