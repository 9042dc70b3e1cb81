"""Import batches: what each `backtui import` brought in, listed and undone.

Undo removes exactly what the batch added (its sets, then its workouts and custom
exercises that are left with no sets) and puts back what its --update changed. It
refuses, naming them, when sets it added or changed were edited since (the lifter's
own work wins), or when a later import changed them (undo that one first). Nothing is
removed when it refuses.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from backtui.domain.clock import now_iso
from backtui.domain.importers.identity import Change, canonical, changes, fingerprint
from backtui.storage.importing import VALUE_COLUMNS, current_values
from backtui.storage.store import Store, write_transaction
from backtui.storage.summaries import resummarise, summaries_paused

SHOWN = 8


@dataclass(frozen=True)
class Batch:
    id: int
    imported_at: str
    source: str
    layout: str
    file_name: str
    weight_unit: str
    time_zone: str
    workouts_added: int
    sets_added: int
    sets_updated: int
    undone_at: str | None
    sets_here: int  # of the sets it added, how many are still here


@dataclass(frozen=True)
class Edited:
    set_id: int
    started_at: str
    exercise: str
    set_number: int
    why: str


class UndoRefused(ValueError):
    """An undo that would remove or overwrite the lifter's own later work."""

    def __init__(self, batch_id: int, reasons: Sequence[Edited]):
        self.batch_id, self.reasons = batch_id, list(reasons)
        super().__init__(f"import {batch_id} cannot be undone: {len(self.reasons)} of its sets changed since")


@dataclass(frozen=True)
class Undone:
    batch_id: int
    sets_removed: int
    sets_restored: int
    workouts_removed: int
    exercises_removed: int
    workouts_kept: int  # workouts of the batch that hold other sets now


def list_batches(store: Store) -> list[Batch]:
    here = dict(store.conn.execute(
        "SELECT i.batch_id, count(*) FROM imported_sets i JOIN sets s ON s.id = i.set_id "
        "WHERE i.profile_id = ? AND i.batch_id IS NOT NULL GROUP BY i.batch_id", [store.profile_id]).fetchall())
    rows = store.conn.execute(
        "SELECT id, imported_at, source, layout, file_name, weight_unit, time_zone, workouts_added, sets_added, "
        "sets_updated, undone_at FROM import_batches WHERE profile_id = ? ORDER BY id", [store.profile_id])
    return [Batch(ident, at, source, layout, file_name, unit, zone, workouts, sets, updated, undone,
                  here.get(ident, 0))
            for ident, at, source, layout, file_name, unit, zone, workouts, sets, updated, undone in rows]


def _describe(store: Store, set_ids: Sequence[int]) -> dict[int, tuple[str, str, int]]:
    found = {}
    for start in range(0, len(set_ids), 500):
        chunk = list(set_ids[start:start + 500])
        marks = ", ".join("?" * len(chunk))
        for set_id, at, name, number in store.conn.execute(
                "SELECT s.id, w.started_at, e.name, s.set_number FROM sets s JOIN workouts w ON w.id = s.workout_id "
                f"JOIN exercises e ON e.id = s.exercise_id WHERE s.profile_id = ? AND s.id IN ({marks})",
                [store.profile_id, *chunk]):
            found[set_id] = (at, name, number)
    return found


def _words(found: list[Change]) -> str:
    return ", ".join(c.words() for c in found[:3]) or "changed"


def undo_batch(store: Store, batch_id: int) -> Undone:
    conn, profile = store.conn, store.profile_id
    with write_transaction(conn):
        row = conn.execute("SELECT undone_at, exercises_added FROM import_batches WHERE id = ? AND profile_id = ?",
                           [batch_id, profile]).fetchone()
        if row is None:
            raise LookupError(f"there is no import {batch_id} (see `backtui import --list`)")
        if row[0] is not None:
            raise LookupError(f"import {batch_id} was undone already, at {row[0][:16].replace('T', ' ')} UTC")
        added = {set_id: fp for set_id, fp in conn.execute(
            "SELECT set_id, fingerprint FROM imported_sets WHERE batch_id = ? AND set_id IS NOT NULL", [batch_id])}
        updated = {set_id: (_before(before)[0], fp) for set_id, before, fp in conn.execute(
            "SELECT set_id, before, fingerprint FROM import_updates WHERE batch_id = ?", [batch_id])}
        known = {set_id: _before(before)[1] for set_id, before in conn.execute(
            "SELECT set_id, before FROM import_updates WHERE batch_id = ?", [batch_id])}
        refused = _check(store, batch_id, added, updated)
        if refused:
            raise UndoRefused(batch_id, refused)
        touched = _touched(store, list(added) + list(updated))
        with summaries_paused(conn):
            _delete_sets(store, list(added))
            for set_id, (before, _) in updated.items():
                conn.execute(f"UPDATE sets SET {', '.join(c.strip() + ' = ?' for c in VALUE_COLUMNS.split(','))} "
                             "WHERE id = ? AND profile_id = ?", [*before, set_id, profile])  # sql: constant columns
                # The earlier import's knowledge of the set comes back too: the file's value
                # shows as a conflict again, and that import's own undo sees no edit.
                conn.execute("UPDATE imported_sets SET fingerprint = ? WHERE set_id = ? AND profile_id = ?",
                             [known[set_id], set_id, profile])
            workouts = [w for (w,) in conn.execute("SELECT workout_id FROM imported_workouts WHERE batch_id = ?",
                                                   [batch_id])]
            empty = [w for w in workouts if conn.execute(
                "SELECT 1 FROM sets WHERE workout_id = ? AND profile_id = ? LIMIT 1", [w, profile]).fetchone() is None]
            conn.executemany("DELETE FROM workouts WHERE id = ? AND profile_id = ?", [[w, profile] for w in empty])
            exercises = _drop_unused_exercises(store, json.loads(row[1] or "[]"))
            resummarise(conn, profile, touched)
        conn.execute("DELETE FROM imported_sets WHERE batch_id = ?", [batch_id])
        conn.execute("DELETE FROM import_updates WHERE batch_id = ?", [batch_id])
        conn.execute("UPDATE import_batches SET undone_at = ? WHERE id = ?", [now_iso(), batch_id])
    store.refresh_exercises()
    return Undone(batch_id, len(added), len(updated), len(empty), exercises, len(workouts) - len(empty))


def _check(store: Store, batch_id: int, added: dict[int, str], updated: dict[int, tuple[list[object], str]]) -> list[Edited]:
    """Sets of the batch that are no longer as it left them, with the reason."""
    conn = store.conn
    ids = list(added) + [i for i in updated if i not in added]
    now = current_values(store, ids)
    later = {set_id: other for set_id, other in conn.execute(
        "SELECT u.set_id, u.batch_id FROM import_updates u JOIN import_batches b ON b.id = u.batch_id "
        "WHERE u.batch_id > ? AND b.undone_at IS NULL", [batch_id])}
    problems: list[tuple[int, str]] = []
    for set_id in ids:
        if set_id not in now:
            continue
        expected = added.get(set_id) or updated[set_id][1]
        if set_id in later:
            problems.append((set_id, f"import {later[set_id]} changed it since: undo that one first"))
        elif fingerprint(now[set_id]) != expected:
            problems.append((set_id, f"edited since the import ({_words(_edit(store, set_id, now[set_id]))})"))
    where = _describe(store, [p[0] for p in problems])
    return [Edited(set_id, *where[set_id], why) for set_id, why in problems]


def _edit(store: Store, set_id: int, now: tuple[object, ...]) -> list[Change]:
    """What changed in a set since the import wrote it, when the import still knows
    (an --update's before and after); else the fields are not named."""
    row = store.conn.execute("SELECT before FROM import_updates WHERE set_id = ? ORDER BY batch_id DESC LIMIT 1",
                             [set_id]).fetchone()
    return changes(_before(row[0])[0], now) if row else []


def _before(text: str) -> tuple[list[object], str]:
    """An --update's record of a set: its values before, and the fingerprint the imports
    knew it by (records written before that was kept hold only the values)."""
    kept = json.loads(text)
    if isinstance(kept, dict):
        return list(kept["values"]), str(kept["known"])
    return list(kept), fingerprint(canonical(kept))


def _touched(store: Store, set_ids: list[int]) -> list[tuple[int, int]]:
    """(exercise, workout) pairs of these sets, whose summaries are rebuilt afterwards."""
    pairs = set()
    for start in range(0, len(set_ids), 500):
        chunk = set_ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        pairs |= set(store.conn.execute(
            f"SELECT exercise_id, workout_id FROM sets WHERE profile_id = ? AND id IN ({marks})",
            [store.profile_id, *chunk]))
    return sorted(pairs)


def _delete_sets(store: Store, set_ids: list[int]) -> None:
    for start in range(0, len(set_ids), 500):
        chunk = set_ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        store.conn.execute(f"DELETE FROM sets WHERE profile_id = ? AND id IN ({marks})", [store.profile_id, *chunk])


def _drop_unused_exercises(store: Store, exercise_ids: list[int]) -> int:
    removed = 0
    for exercise_id in exercise_ids:
        used = store.conn.execute("SELECT 1 FROM sets WHERE exercise_id = ? AND profile_id = ? LIMIT 1",
                                  [exercise_id, store.profile_id]).fetchone()
        slug = store.conn.execute("SELECT slug FROM exercises WHERE id = ? AND profile_id = ?",
                                  [exercise_id, store.profile_id]).fetchone()
        in_routine = slug is not None and store.conn.execute(
            "SELECT 1 FROM user_routines WHERE profile_id = ? AND instr(items, ?) > 0 LIMIT 1",
            [store.profile_id, json.dumps(slug[0])]).fetchone()
        if used is None and not in_routine:
            removed += store.conn.execute("DELETE FROM exercises WHERE id = ? AND profile_id = ? AND source = 'import'",
                                          [exercise_id, store.profile_id]).rowcount
    return removed
