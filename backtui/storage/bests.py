"""An exercise's best marks (for the tracker's record announcements), read in SQL."""

from __future__ import annotations

from collections.abc import Sequence

from backtui.domain.records import Bests, e1rm_sql
from backtui.storage.store import Store
from backtui.storage.summaries import KEPT_REP_BESTS, rep_best_where

_REP_BEST_SETS = rep_best_where()


def bests_for(store: Store, exercise_slug: str, *, exclude_ids: Sequence[int] = ()) -> Bests:
    """An exercise's best marks over all working sets not flagged form-broke (as
    Bests.absorb counts them),
    computed in SQL: from the per-session summaries when nothing is excluded (the
    tracker's first set of an exercise: one row per session, not every set), else from
    the sets without the excluded ones."""
    exercise_id = store._exercise_ids.get(exercise_slug)
    bests = Bests()
    if exercise_id is None:
        return bests
    if not exclude_ids:
        row = store.conn.execute(
            "SELECT max(top_kg), max(e1rm), max(hold_s) FROM exercise_sessions WHERE profile_id = ? AND exercise_id = ?",
            [store.profile_id, exercise_id],
        ).fetchone()
        reps = store.conn.execute(KEPT_REP_BESTS, [store.profile_id, exercise_id])
    else:
        mine = f"profile_id = ? AND exercise_id = ? AND id NOT IN ({', '.join('?' * len(exclude_ids))})"
        params = [store.profile_id, exercise_id, *exclude_ids]
        row = store.conn.execute(
            f"SELECT max(CASE WHEN reps IS NOT NULL THEN weight_kg END), max({e1rm_sql()}), max(seconds) "
            f"FROM sets WHERE {mine} AND kind != 'warmup' AND form_broke = 0",
            params,
        ).fetchone()
        reps = store.conn.execute(
            f"SELECT round(weight_kg, 3), max(reps) FROM sets WHERE {mine} AND {_REP_BEST_SETS} "
            "GROUP BY round(weight_kg, 3)",
            params,
        )
    bests.heaviest_kg, bests.best_e1rm_kg, bests.longest_hold_s = row
    bests.reps_at_weight.update(reps.fetchall())
    return bests
