"""Writing an import: one transaction, idempotent, fast.

The file is parsed whole before anything is written (a file broken half way
stops with nothing written); the writes are one BEGIN IMMEDIATE ... COMMIT (a disk
that fails half way rolls everything back). A workout already imported (same
import_key) or already in the database (same start second and name) is skipped,
so importing a file twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from backtui.domain.catalog import SLUG_RE
from backtui.domain.importers import ImportedWorkout, ParsedImport, Resolution, SkippedRow, resolve_exercises
from backtui.domain.models import Exercise
from backtui.storage.exercises import load_custom_exercises, with_custom_exercises  # noqa: F401 (re-exported)
from backtui.storage.store import SET_INSERT, Store, _exercise_row, write_transaction
from backtui.storage.summaries import paused_for_new_workouts

Progress = Callable[[int, int], None] | None  # (workouts written, workouts to write)


@dataclass
class ImportSummary:
    source: str
    layout: str
    rows: int
    workouts: int  # new workouts (written, or to write on a dry run)
    workouts_existing: int  # already in the database: skipped
    sets: int
    matched: dict[str, str] = field(default_factory=dict)  # name in the file -> catalog slug
    reused: dict[str, str] = field(default_factory=dict)  # name -> custom exercise made earlier
    created: list[Exercise] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[SkippedRow] = field(default_factory=list)
    dry_run: bool = False


def _already_there(store: Store) -> tuple[set[str], set[tuple[str, str]]]:
    keys = {k for (k,) in store.conn.execute(
        "SELECT import_key FROM workouts WHERE profile_id = ? AND import_key IS NOT NULL", [store.profile_id])}
    starts = {(at[:19], name or "") for at, name in store.conn.execute(
        "SELECT started_at, routine_name FROM workouts WHERE profile_id = ?", [store.profile_id])}
    return keys, starts


def import_parsed(store: Store, parsed: ParsedImport, *, dry_run: bool = False,
                  progress: Progress = None) -> ImportSummary:
    """Match exercises, skip what is already there, and write the rest in one transaction."""
    customs = load_custom_exercises(store)
    resolution = resolve_exercises(parsed, store.catalog.exercises, customs)
    keys, starts = _already_there(store)
    fresh, seen = [], set()
    for workout in parsed.workouts:
        if workout.key in keys or workout.key in seen or (workout.started_at[:19], workout.name or "") in starts:
            continue
        seen.add(workout.key)
        fresh.append(workout)
    used = {resolution.slugs[s.exercise] for w in fresh for s in w.sets}
    created = [e for e in resolution.created if e.slug in used]
    summary = ImportSummary(
        source=parsed.source, layout=parsed.layout, rows=parsed.rows, workouts=len(fresh),
        workouts_existing=len(parsed.workouts) - len(fresh), sets=sum(len(w.sets) for w in fresh),
        matched=resolution.matched, reused=resolution.reused, created=created,
        skipped=parsed.skipped, warnings=parsed.warnings, dry_run=dry_run,
    )
    if not dry_run and fresh:
        write_workouts(store, fresh, resolution, created, source=f"import:{parsed.source}", progress=progress)
    return summary


def write_workouts(
    store: Store,
    workouts: Sequence[ImportedWorkout],
    resolution: Resolution,
    created: Sequence[Exercise] = (),
    *,
    source: str,
    progress: Progress = None,
) -> None:
    """Insert custom exercises, workouts and sets in one write transaction."""
    exercises = {**store.catalog.exercises, **load_custom_exercises(store), **{e.slug: e for e in created}}
    with write_transaction(store.conn):
        if created:
            rows = []
            for exercise in created:
                row = _exercise_row(exercise)
                row["source"] = "import"
                rows.append([store.profile_id, *row.values()])
            columns = ", ".join(["profile_id", *_exercise_row(created[0])])  # sql: _exercise_row's keys
            store.conn.executemany(
                f"INSERT INTO exercises ({columns}) VALUES ({', '.join('?' * len(rows[0]))})", rows)
        ids = store.read_exercise_ids()
        first_id: list[int] = []
        with paused_for_new_workouts(store.conn, store.profile_id, lambda: first_id[0] if first_id else None):
            _insert_workouts(store, workouts, resolution, exercises, ids, source, progress, first_id)
    store.refresh_exercises()


def _insert_workouts(store: Store, workouts: Sequence[ImportedWorkout], resolution: Resolution, exercises: dict,
                     ids: dict[str, int], source: str, progress: Progress, first_id: list[int]) -> None:
    """The rows themselves (sets in batches); `first_id` gets the first new workout's id."""
    batch: list[list] = []
    for done, workout in enumerate(workouts, 1):
        routine = workout.routine_slug if workout.routine_slug and SLUG_RE.match(workout.routine_slug) else None
        cursor = store.conn.execute(
            "INSERT INTO workouts (profile_id, routine_slug, routine_name, started_at, ended_at, note, "
            "source, import_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [store.profile_id, routine, workout.name, workout.started_at, workout.ended_at, workout.note,
             source, workout.key],
        )
        workout_id = cursor.lastrowid
        if not first_id:
            first_id.append(workout_id)
        numbers: dict[str, int] = {}
        for logged in workout.sets:
            slug = resolution.slugs[logged.exercise]
            numbers[slug] = numbers.get(slug, 0) + 1
            batch.append([
                store.profile_id, workout_id, ids[slug], numbers[slug], logged.kind,
                resolution.weight_for(logged, exercises[slug]), logged.reps, logged.seconds,
                int(logged.straps), logged.rpe, int(logged.form_broke), logged.note, logged.unit,
                logged.logged_at or workout.started_at,
                logged.weight_kg if logged.exercise in resolution.body_weight else None,
            ])
        if len(batch) >= 5000:
            store.conn.executemany(SET_INSERT, batch)
            batch.clear()
        if progress is not None and (done % 200 == 0 or done == len(workouts)):
            progress(done, len(workouts))
    if batch:
        store.conn.executemany(SET_INSERT, batch)
