"""An exercise's best marks (for the tracker's record announcements), read in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from backtui.domain.records import Bests, e1rm_sql
from backtui.storage.rows import read_row, read_rows
from backtui.storage.store import Store
from backtui.storage.summaries import KEPT_REP_BESTS, RepBestRow, rep_best_where

_REP_BEST_SETS = rep_best_where()


class _MarksRow(TypedDict):
    heaviest_kg: float | None
    best_e1rm_kg: float | None
    longest_hold_s: int | None


def read_share(store: Store, exercise_id: int | None) -> float:
    """The share of body weight an exercise lifts, as the database keeps it (a lifter's
    own exercise; NULL: all of it)."""
    if exercise_id is None:
        return 1.0
    # Bound to the lifter like every read of their rows (a shipped move has no profile).
    row = store.conn.execute("SELECT load_share FROM exercises WHERE id = ? AND (profile_id = ? OR profile_id IS NULL)",
                             [exercise_id, store.profile_id]).fetchone()
    return 1.0 if row is None or row[0] is None else float(row[0])


def bests_for(store: Store, exercise_slug: str, *, exclude_ids: Sequence[int] = ()) -> Bests:
    """An exercise's best marks over all working sets not flagged form-broke (as
    Bests.absorb counts them),
    computed in SQL: from the per-session summaries when nothing is excluded (the
    tracker's first set of an exercise: one row per session, not every set), else from
    the sets without the excluded ones."""
    exercise_id = store._exercise_ids.get(exercise_slug)
    known = store.catalog.exercises.get(exercise_slug)
    share = read_share(store, exercise_id) if known is None else known.body_share
    bests = Bests(load_share=share)
    if exercise_id is None:
        return bests
    if not exclude_ids:
        marks = read_row(
            store.conn, _MarksRow,
            "SELECT max(top_kg) AS heaviest_kg, max(e1rm) AS best_e1rm_kg, max(hold_s) AS longest_hold_s "
            "FROM exercise_sessions WHERE profile_id = ? AND exercise_id = ?",
            [store.profile_id, exercise_id],
        )
        reps = read_rows(store.conn, RepBestRow, KEPT_REP_BESTS, [store.profile_id, exercise_id])
    else:
        mine = f"profile_id = ? AND exercise_id = ? AND id NOT IN ({', '.join('?' * len(exclude_ids))})"
        params = [store.profile_id, exercise_id, *exclude_ids]
        marks = read_row(
            store.conn, _MarksRow,
            f"SELECT max(CASE WHEN reps IS NOT NULL THEN weight_kg END) AS heaviest_kg, "
            f"max({e1rm_sql()}) AS best_e1rm_kg, max(seconds) AS longest_hold_s "
            f"FROM sets WHERE {mine} AND kind != 'warmup' AND form_broke = 0",
            params,
        )
        reps = read_rows(
            store.conn, RepBestRow,
            f"SELECT round(weight_kg, 3) AS weight_kg, max(reps) AS reps FROM sets WHERE {mine} AND {_REP_BEST_SETS} "
            "GROUP BY round(weight_kg, 3)",
            params,
        )
    if marks is not None:  # an aggregate without GROUP BY: always one row
        bests.heaviest_kg, bests.best_e1rm_kg = marks["heaviest_kg"], marks["best_e1rm_kg"]
        bests.longest_hold_s = marks["longest_hold_s"]
    bests.reps_at_weight.update((r["weight_kg"], r["reps"]) for r in reps)
    return bests
