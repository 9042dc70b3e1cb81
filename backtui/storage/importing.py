"""Writing an import: set by set, once, in one transaction, recorded as a batch.

The file is parsed whole before anything is written (a file broken half way stops
with nothing written); the writes are one BEGIN IMMEDIATE ... COMMIT (a disk that
fails half way rolls everything back).

Every set of a file has a key (importers/identity.py). A set whose key is already
here is not written again; if the file now holds other values for it, that is a
conflict: reported and left as it is (the lifter's own edits win) unless --update.
A set deleted here since is not brought back. A workout imported before gets only
its new sets; a workout logged in the app at the same second under the same name is
left alone. Each import that changes something is one row of import_batches, which
`backtui import --undo` can take back (storage/import_batches.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from backtui.domain.catalog import SLUG_RE
from backtui.domain.clock import now_iso
from backtui.domain.importers import ImportedSet, ImportedWorkout, ParsedImport, Resolution, SkippedRow, resolve_exercises
from backtui.domain.importers.bodyweight import Reading
from backtui.domain.importers.identity import Change, Values, canonical, changes, fingerprint, set_keys
from backtui.domain.importers.model import WeightUnit
from backtui.domain.importers.names import name_key
from backtui.domain.importers.plausible import Evidence
from backtui.domain.importers.resolve import unit_doubts
from backtui.domain.models import Exercise
from backtui.storage.exercises import load_custom_exercises, with_custom_exercises  # noqa: F401 (re-exported)
from backtui.storage.import_names import load_name_map, remember_names
from backtui.storage.store import Store, _exercise_row, write_transaction
from backtui.storage.summaries import paused_for_new_workouts

Progress = Callable[[int, int], None] | None  # (workouts written, workouts to write)

# A set as the sets table holds it, with the columns FIELDS names (identity.py) in the middle.
SET_COLUMNS = ("id, profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, rpe, note, unit, "
               "straps, form_broke, bodyweight_kg, distance, distance_unit, logged_at")
_SET_INSERT = f"INSERT INTO sets ({SET_COLUMNS}) VALUES ({', '.join('?' * 18)})"
VALUE_COLUMNS = "kind, weight_kg, reps, seconds, rpe, note, unit, straps, form_broke, bodyweight_kg, distance, distance_unit"


class UnitQuestion(ValueError):
    """The file's unit was assumed and its values do not fit it: ask for --unit."""

    def __init__(self, weight_unit: WeightUnit, evidence: list[Evidence]):
        self.weight_unit, self.evidence = weight_unit, evidence
        super().__init__(f"the file does not say its weight unit and its values are implausible as "
                         f"{weight_unit.unit}: give --unit kg or --unit lb")


class NameMapError(ValueError):
    """A --map that names no exercise."""


@dataclass(frozen=True)
class Conflict:
    """A set imported before that the file now holds with other values."""

    line: int
    started_at: str  # UTC
    written_at: str  # the workout's start as the file writes it
    exercise: str  # as the file names it
    number: int  # its place among the exercise's sets in that workout
    changes: tuple[Change, ...]
    edited_here: bool  # the lifter changed it in backtui too
    updated: bool  # --update wrote the file's values


@dataclass
class ImportSummary:
    source: str
    layout: str
    rows: int
    workouts: int  # new workouts (written, or to write on a dry run)
    workouts_existing: int  # already here with nothing new (or logged in the app): left alone
    sets: int  # new sets, in new workouts or added to workouts imported before
    workouts_grown: int = 0  # imported before, now with more sets
    sets_unchanged: int = 0
    sets_deleted_here: int = 0  # imported before and deleted since: not brought back
    conflicts: list[Conflict] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)  # name in the file -> catalog slug
    reused: dict[str, str] = field(default_factory=dict)  # name -> custom exercise made earlier
    created: list[Exercise] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)  # names placed by --map (now or remembered)
    unmatched: dict[str, str | None] = field(default_factory=dict)  # name -> nearest catalog slug
    readings: dict[str, Reading] = field(default_factory=dict)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[SkippedRow] = field(default_factory=list)
    weight_unit: WeightUnit = field(default_factory=lambda: WeightUnit("kg", "assumed"))
    zone: str = ""
    zone_chosen: bool = False
    shifted_times: list[SkippedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False
    update: bool = False
    batch_id: int | None = None

    @property
    def sets_updated(self) -> int:
        return sum(1 for c in self.conflicts if c.updated)


@dataclass(slots=True)
class _NewSet:
    workout: ImportedWorkout
    logged: ImportedSet
    slug: str
    values: Values
    key: str | None  # None: not an import (the demo)
    workout_id: int | None = None  # an existing workout; None: a new one
    _fingerprint: str = ""

    @property
    def fingerprint(self) -> str:
        if not self._fingerprint:
            self._fingerprint = fingerprint(self.values)
        return self._fingerprint


@dataclass
class _Plan:
    new_workouts: list[ImportedWorkout] = field(default_factory=list)
    new_sets: list[_NewSet] = field(default_factory=list)  # in new workouts, then added to old ones
    updates: list[tuple[int, str, Values, Values]] = field(default_factory=list)  # set id, key, before, after
    adopted: list[tuple[str, int, str]] = field(default_factory=list)  # key, set id, fingerprint
    grown: set[int] = field(default_factory=set)


class _Here:
    """What the database already holds of earlier imports, for one profile."""

    def __init__(self, store: Store) -> None:
        conn, profile = store.conn, store.profile_id
        self.workouts = {key: ident for key, ident in conn.execute(
            "SELECT import_key, id FROM workouts WHERE profile_id = ? AND import_key IS NOT NULL", [profile])}
        # Workouts already here under another key (logged in the app, or imported from
        # another app's export) at the same second under the same name: left alone.
        self.starts = {(at[:19], name or "") for at, name in conn.execute(
            "SELECT started_at, routine_name FROM workouts WHERE profile_id = ?", [profile])}
        self.keys: dict[str, tuple[int | None, str]] = {key: (set_id, fp) for key, set_id, fp in conn.execute(
            "SELECT set_key, set_id, fingerprint FROM imported_sets WHERE profile_id = ?", [profile])}
        self.keyed_workouts = {w for (w,) in conn.execute(
            "SELECT DISTINCT s.workout_id FROM imported_sets i JOIN sets s ON s.id = i.set_id WHERE i.profile_id = ?",
            [profile])} | {w for (w,) in conn.execute(
                "SELECT i.workout_id FROM imported_workouts i JOIN workouts w ON w.id = i.workout_id "
                "WHERE w.profile_id = ?", [profile])}


def _values(logged: ImportedSet, weight: float | None, bodyweight: float | None) -> Values:
    return canonical((logged.kind, weight, logged.reps, logged.seconds, logged.rpe, logged.note, logged.unit,
                      logged.straps, logged.form_broke, bodyweight, logged.distance, logged.distance_unit))


def current_values(store: Store, set_ids: Sequence[int]) -> dict[int, Values]:
    """The FIELDS values of sets as the database holds them now."""
    found: dict[int, Values] = {}
    ids = list(set_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in store.conn.execute(
                f"SELECT id, {VALUE_COLUMNS} FROM sets WHERE profile_id = ? AND id IN ({marks})",  # sql: constants
                [store.profile_id, *chunk]):
            found[row[0]] = canonical(row[1:])
    return found


def checked_names(store: Store, names: dict[str, str]) -> dict[str, str]:
    """--map "Name=slug" pairs, each slug checked to be an exercise of this lifter."""
    from backtui.domain.importers.names import closest_slug

    known = {**store.catalog.exercises, **load_custom_exercises(store)}
    result = {}
    for name, slug in names.items():
        if slug not in known:
            near = closest_slug(slug.replace("-", " "), known.values())
            hint = f" (did you mean {near}?)" if near else " (see `backtui exercises`)"
            raise NameMapError(f"--map {name}={slug}: there is no exercise {slug!r}{hint}")
        result[name] = slug
    return result


def import_parsed(store: Store, parsed: ParsedImport, *, dry_run: bool = False, update: bool = False,
                  file_name: str = "-", names: dict[str, str] | None = None, bodyweight_column: str | None = None,
                  progress: Progress = None) -> ImportSummary:
    """Match exercises, find what is new, and write it (with the batch) in one transaction.
    Raises UnitQuestion when the file's unit was assumed and its values do not fit it."""
    customs = load_custom_exercises(store)
    given = checked_names(store, names or {})
    name_map = {**load_name_map(store), **{name_key(name): slug for name, slug in given.items()}}
    resolution = resolve_exercises(parsed, store.catalog.exercises, customs, name_map=name_map,
                                   bodyweight_column=bodyweight_column)
    doubts = unit_doubts(parsed, resolution)
    if doubts:
        raise UnitQuestion(parsed.weight_unit, doubts)
    exercises = {**store.catalog.exercises, **customs, **{e.slug: e for e in resolution.created}}
    here = _Here(store)
    summary = ImportSummary(
        source=parsed.source, layout=parsed.layout, rows=parsed.rows, workouts=0, workouts_existing=0, sets=0,
        matched=resolution.matched, reused=resolution.reused, mapped=resolution.mapped,
        unmatched=resolution.unmatched, readings=resolution.readings, skipped=parsed.skipped,
        warnings=parsed.warnings, weight_unit=parsed.weight_unit, zone=parsed.zone, zone_chosen=parsed.zone_chosen,
        shifted_times=parsed.shifted_times, notes=parsed.notes, dry_run=dry_run, update=update,
    )
    plan = _plan(store, parsed, resolution, exercises, here, summary, update)
    used = {s.slug for s in plan.new_sets}
    created = [e for e in resolution.created if e.slug in used]
    summary.created = created
    summary.workouts, summary.sets = len(plan.new_workouts), len(plan.new_sets)
    summary.workouts_grown = len(plan.grown)
    changed = bool(plan.new_sets or plan.updates)
    if not dry_run and (changed or given or plan.adopted):
        summary.batch_id = _write(store, parsed, plan, created, file_name, given, changed, progress)
    return summary


def _plan(store: Store, parsed: ParsedImport, resolution: Resolution, exercises: dict[str, Exercise], here: _Here,
          summary: ImportSummary, update: bool) -> _Plan:
    plan = _Plan()
    seen: set[str] = set()
    for workout in parsed.workouts:
        if workout.key in seen:
            continue
        seen.add(workout.key)
        keys = set_keys(workout)
        rows = []
        for logged, key in zip(workout.sets, keys):
            slug = resolution.slugs[logged.exercise]
            weight, bodyweight = resolution.loads_for(logged, exercises[slug])
            rows.append(_NewSet(workout, logged, slug, _values(logged, weight, bodyweight), key))
        workout_id = here.workouts.get(workout.key)
        if workout_id is None:
            if (workout.started_at[:19], workout.name or "") in here.starts:
                summary.workouts_existing += 1
                continue
            if any(row.key in here.keys for row in rows):
                # Imported before and deleted here since: left out whole, even the sets it gained.
                summary.sets_deleted_here += len(rows)
                continue
            plan.new_workouts.append(workout)
            plan.new_sets.extend(rows)
            continue
        if workout_id not in here.keyed_workouts:
            rows = _adopt(store, workout_id, rows, plan, here)
        before = len(plan.new_sets)
        _compare(store, workout_id, rows, here, plan, summary, update)
        if len(plan.new_sets) > before:
            plan.grown.add(workout_id)
        else:
            summary.workouts_existing += 1
    # Sets added to workouts that were here already come after every new workout's sets.
    plan.new_sets.sort(key=lambda s: s.workout_id is not None)
    return plan


def _compare(store: Store, workout_id: int, rows: list[_NewSet], here: _Here, plan: _Plan,
             summary: ImportSummary, update: bool) -> None:
    """The sets of a workout imported before: new ones to add, changed ones to report."""
    known = [(row, here.keys[row.key]) for row in rows if row.key in here.keys]
    now = current_values(store, [set_id for _, (set_id, _) in known if set_id is not None])
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.logged.exercise] = counts.get(row.logged.exercise, 0) + 1
        if row.key not in here.keys:
            row.workout_id = workout_id
            plan.new_sets.append(row)
            continue
        set_id, stored = here.keys[row.key]
        if set_id is None or set_id not in now:
            summary.sets_deleted_here += 1
            continue
        if row.fingerprint == stored:
            summary.sets_unchanged += 1
            continue
        current = now[set_id]
        summary.conflicts.append(Conflict(
            line=row.logged.line, started_at=row.workout.started_at, written_at=row.workout.written_at,
            exercise=row.logged.exercise,
            number=counts[row.logged.exercise], changes=tuple(changes(current, row.values)),
            edited_here=fingerprint(current) != stored, updated=update))
        if update:
            assert row.key is not None
            plan.updates.append((set_id, row.key, current, row.values))


def _adopt(store: Store, workout_id: int, rows: list[_NewSet], plan: _Plan, known: _Here) -> list[_NewSet]:
    """A workout imported before sets had keys: its sets, exercise by exercise in order,
    are taken as the file's first sets of that exercise; the rest of the file's are new."""
    ids = store.read_exercise_ids()
    here: dict[int, list[int]] = {}
    for set_id, exercise_id in store.conn.execute(
            "SELECT id, exercise_id FROM sets WHERE workout_id = ? AND profile_id = ? ORDER BY set_number, id",
            [workout_id, store.profile_id]):
        here.setdefault(exercise_id, []).append(set_id)
    left = []
    for row in rows:
        claimed = here.get(ids.get(row.slug, -1))
        if claimed and row.key is not None and row.key not in known.keys:
            plan.adopted.append((row.key, claimed.pop(0), row.fingerprint))
        else:
            left.append(row)
    return left


def _write(store: Store, parsed: ParsedImport, plan: _Plan, created: list[Exercise], file_name: str,
           names: dict[str, str], changed: bool, progress: Progress) -> int | None:
    conn = store.conn
    with write_transaction(conn):
        batch_id = None
        if changed:
            batch_id = conn.execute(
                "INSERT INTO import_batches (profile_id, imported_at, source, layout, file_name, weight_unit, "
                "time_zone) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [store.profile_id, now_iso(), parsed.source, parsed.layout, file_name, parsed.weight_unit.words(),
                 parsed.zone]).lastrowid
        exercise_ids = _insert_exercises(store, created)
        ids = store.read_exercise_ids()
        keyed = _insert_plan(store, plan, ids, batch_id, f"import:{parsed.source}", progress)
        if plan.adopted:
            conn.executemany("INSERT OR IGNORE INTO imported_sets (profile_id, set_key, set_id, batch_id, fingerprint) "
                             "VALUES (?, ?, ?, NULL, ?)",
                             [[store.profile_id, key, set_id, fp] for key, set_id, fp in plan.adopted])
        _apply_updates(store, plan, batch_id)
        remember_names(store, names)
        if batch_id is not None:
            import json

            conn.execute("UPDATE import_batches SET workouts_added = ?, sets_added = ?, sets_updated = ?, "
                         "exercises_added = ? WHERE id = ?",
                         [len(plan.new_workouts), keyed, len(plan.updates), json.dumps(exercise_ids), batch_id])
    store.refresh_exercises()
    return batch_id


def _insert_exercises(store: Store, created: Sequence[Exercise]) -> list[int]:
    if not created:
        return []
    values = []
    for exercise in created:
        row = _exercise_row(exercise)
        row["source"] = "import"
        values.append([store.profile_id, *row.values()])
    columns = ", ".join(["profile_id", *_exercise_row(created[0])])  # sql: _exercise_row's keys
    marks = ", ".join("?" * len(values[0]))
    ids = []
    for value in values:
        made = store.conn.execute(f"INSERT INTO exercises ({columns}) VALUES ({marks})", value).lastrowid
        assert made is not None
        ids.append(made)
    return ids


def _insert_plan(store: Store, plan: _Plan, ids: dict[str, int], batch_id: int | None, source: str,
                 progress: Progress) -> int:
    """New workouts with their sets (summaries paused: two statements at the end), then
    the sets added to workouts that were here (the triggers keep those up to date)."""
    first_id: list[int] = []
    fresh = [s for s in plan.new_sets if s.workout_id is None]
    added = [s for s in plan.new_sets if s.workout_id is not None]
    with paused_for_new_workouts(store.conn, store.profile_id, lambda: first_id[0] if first_id else None):
        workout_ids = _insert_workouts(store, plan.new_workouts, batch_id, first_id, progress, source)
        for row in fresh:
            row.workout_id = workout_ids[row.workout.key]
        _insert_sets(store, fresh, ids, batch_id, new_workouts=True)
    _insert_sets(store, added, ids, batch_id)
    return len(plan.new_sets)


def _insert_workouts(store: Store, workouts: Sequence[ImportedWorkout], batch_id: int | None, first_id: list[int],
                     progress: Progress, source: str) -> dict[str, int]:
    made = {}
    for done, workout in enumerate(workouts, 1):
        routine = workout.routine_slug if workout.routine_slug and SLUG_RE.match(workout.routine_slug) else None
        workout_id = store.conn.execute(
            "INSERT INTO workouts (profile_id, routine_slug, routine_name, started_at, ended_at, note, "
            "source, import_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [store.profile_id, routine, workout.name, workout.started_at, workout.ended_at, workout.note,
             source, workout.key],
        ).lastrowid
        assert workout_id is not None
        made[workout.key] = workout_id
        if not first_id:
            first_id.append(workout_id)
        if batch_id is not None:
            store.conn.execute("INSERT INTO imported_workouts (workout_id, batch_id) VALUES (?, ?)",
                               [workout_id, batch_id])
        if progress is not None and (done % 200 == 0 or done == len(workouts)):
            progress(done, len(workouts))
    return made


def _insert_sets(store: Store, rows: Sequence[_NewSet], ids: dict[str, int], batch_id: int | None, *,
                 new_workouts: bool = False) -> None:
    """Sets with ids chosen here (the next free ones), so each key row names its set.
    In `new_workouts` every exercise's numbers start at 1; elsewhere after the last one."""
    if not rows:
        return
    conn = store.conn
    numbers: dict[tuple[int, int], int] = {}
    next_id: int | None = None
    batch: list[list[object]] = []
    keys: list[list[object]] = []
    for row in rows:
        assert row.workout_id is not None
        exercise_id = ids[row.slug]
        slot = (row.workout_id, exercise_id)
        if slot not in numbers:
            numbers[slot] = 0 if new_workouts else conn.execute(
                "SELECT coalesce(max(set_number), 0) FROM sets WHERE workout_id = ? AND exercise_id = ? "
                "AND profile_id = ?", [*slot, store.profile_id]).fetchone()[0]
        numbers[slot] += 1
        logged_at = row.logged.logged_at or row.workout.started_at
        values = [store.profile_id, row.workout_id, exercise_id, numbers[slot], *row.values, logged_at]
        if next_id is None:
            # The first set gets its id from SQLite (one past the largest); the rest follow it.
            next_id = conn.execute(f"INSERT INTO sets ({SET_COLUMNS.removeprefix('id, ')}) "  # sql: constant
                                   f"VALUES ({', '.join('?' * len(values))})", values).lastrowid
            assert next_id is not None
        else:
            batch.append([next_id, *values])
        if row.key is not None:
            keys.append([store.profile_id, row.key, next_id, batch_id, row.fingerprint])
        next_id += 1
        if len(batch) >= 5000:
            conn.executemany(_SET_INSERT, batch)
            batch.clear()
    if batch:
        conn.executemany(_SET_INSERT, batch)
    if keys:
        keys.sort(key=lambda row: str(row[1]))  # in key order the key's B-tree grows at one end: 3x faster
        conn.executemany("INSERT INTO imported_sets (profile_id, set_key, set_id, batch_id, fingerprint) "
                         "VALUES (?, ?, ?, ?, ?)", keys)


def _apply_updates(store: Store, plan: _Plan, batch_id: int | None) -> None:
    import json

    for set_id, key, before, after in plan.updates:
        known = store.conn.execute("SELECT fingerprint FROM imported_sets WHERE profile_id = ? AND set_key = ?",
                                   [store.profile_id, key]).fetchone()
        store.conn.execute(
            f"UPDATE sets SET {', '.join(f'{c.strip()} = ?' for c in VALUE_COLUMNS.split(','))} "  # sql: constants
            "WHERE id = ? AND profile_id = ?", [*after, set_id, store.profile_id])
        store.conn.execute("UPDATE imported_sets SET fingerprint = ? WHERE profile_id = ? AND set_key = ?",
                           [fingerprint(after), store.profile_id, key])
        # What the set was, and what the imports knew of it, so an undo puts both back.
        kept = {"values": list(before), "known": known[0] if known else fingerprint(before)}
        store.conn.execute("INSERT INTO import_updates (batch_id, set_id, before, fingerprint) VALUES (?, ?, ?, ?)",
                           [batch_id, set_id, json.dumps(kept), fingerprint(after)])


def write_workouts(
    store: Store,
    workouts: Sequence[ImportedWorkout],
    resolution: Resolution,
    created: Sequence[Exercise] = (),
    *,
    source: str,
    progress: Progress = None,
) -> None:
    """Insert whole new workouts (the demo's) with their sets in one write transaction;
    no import batch, no keys."""
    exercises = {**store.catalog.exercises, **load_custom_exercises(store), **{e.slug: e for e in created}}
    plan = _Plan(new_workouts=list(workouts))
    for workout in workouts:
        for logged in workout.sets:
            slug = resolution.slugs[logged.exercise]
            weight, bodyweight = resolution.loads_for(logged, exercises[slug])
            plan.new_sets.append(_NewSet(workout, logged, slug, _values(logged, weight, bodyweight), None))
    with write_transaction(store.conn):
        _insert_exercises(store, created)
        ids = store.read_exercise_ids()
        first_id: list[int] = []
        with paused_for_new_workouts(store.conn, store.profile_id, lambda: first_id[0] if first_id else None):
            made = _insert_workouts(store, plan.new_workouts, None, first_id, progress, source)
            for row in plan.new_sets:
                row.workout_id = made[row.workout.key]
            _insert_sets(store, plan.new_sets, ids, None, new_workouts=True)
    store.refresh_exercises()
