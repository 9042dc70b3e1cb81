"""History queries: the aggregation runs inside SQLite, always within one profile and,
where the result could grow with years of training, within a date range, a LIMIT, or on
the per-session summaries of migration m004 (backtui/storage/summaries.py) rather than
every set. The rest read the covering indexes of migration m003.

Days and weeks are the lifter's local ones (SQLite's 'localtime' and pendulum both
follow the process time zone); stored instants are UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypedDict

from backtui.domain.balance import ExerciseWeek
from backtui.domain.clock import iso, local_zone
from backtui.domain.history import (
    ExerciseRecords,
    ExerciseSession,
    HistoryFilter,
    WorkoutSummary,
    records_from_sessions,
)
from backtui.domain.models import LoggedSet
from backtui.storage.rows import read_columns, read_float, read_rows
from backtui.storage.store import SET_SELECT, Store, read_sets
from backtui.storage.summaries import KEPT_REP_BESTS, TOP_KEY_MAX_REPS, RepBestRow, rep_best_where, volume_sql

_REP_BEST_SETS = rep_best_where("s.")


class _WorkoutSummaryRow(TypedDict):
    id: int
    routine_slug: str | None
    routine_name: str | None
    started_at: str
    ended_at: str | None
    last_set_at: str
    sets: int
    working_sets: int
    volume_kg: float
    exercises: int
    note: str


class _RoutineRow(TypedDict):
    routine_slug: str
    routine_name: str | None


class _SessionRow(TypedDict):
    workout_id: int
    day: str
    top_key: int | None
    e1rm: float | None
    volume: float
    sets: int
    strap_sets: int
    hold_s: int | None


_SESSION_COLUMNS = ("workout_id", "day", "top_key", "e1rm", "volume", "sets", "strap_sets", "hold_s")


class _WeekRow(TypedDict):
    exercise_id: int
    week: str
    sets: int
    volume_kg: float
    strap_sets: int


class _DayRow(TypedDict):
    day: str


def _week(column: str) -> str:
    """The local Monday of an instant column (this SQLite has no strftime('%V'))."""
    return f"date({column}, 'localtime', 'weekday 0', '-6 days')"


def _volume(row: str = "") -> str:
    """A set's volume (summaries.volume_sql) over the sets row `row` ('' or 's.')."""
    return volume_sql(f"{row}weight_kg", f"{row}reps", f"{row}bodyweight_kg", f"{row}exercise_id")


def local_day_start(day: date) -> str:
    """The UTC instant at which a local day starts, in the stored text form."""
    import pendulum

    return iso(pendulum.datetime(day.year, day.month, day.day, tz=local_zone()))


def today() -> date:
    import pendulum

    now = pendulum.now().in_tz(local_zone())
    return date(now.year, now.month, now.day)


def _range(flt: HistoryFilter, column: str) -> tuple[str, list[object]]:
    sql, params = "", list[object]()
    if flt.since is not None:
        sql += f" AND {column} >= ?"
        params.append(local_day_start(flt.since))
    if flt.until is not None:
        sql += f" AND {column} < ?"
        params.append(local_day_start(flt.until + timedelta(days=1)))
    return sql, params


def _slugs_by_id(store: Store) -> dict[int, str]:
    return {ident: slug for slug, ident in store._exercise_ids.items()}


# -- workouts ------------------------------------------------------------

def workout_summaries(store: Store, flt: HistoryFilter = HistoryFilter(), *, limit: int | None = 200,
                      offset: int = 0) -> list[WorkoutSummary]:
    """Workouts that have sets, newest first, each with its counts and volume."""
    where, params = _range(flt, "w.started_at")
    if flt.routine is not None:
        where += " AND w.routine_slug = ?"
        params.append(flt.routine)
    has_sets = "SELECT 1 FROM sets x WHERE x.workout_id = w.id"
    if flt.exercise is not None:
        has_sets += " AND x.exercise_id = ?"
        params.append(store.exercise_id(flt.exercise))
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    page_params = [limit, offset] if limit is not None else []
    rows = read_rows(
        store.conn, _WorkoutSummaryRow,
        "WITH picked AS (SELECT w.id, w.routine_slug, w.routine_name, w.started_at, w.ended_at, w.note "
        f"FROM workouts w WHERE w.profile_id = ?{where} AND EXISTS ({has_sets}) "
        f"ORDER BY w.started_at DESC, w.id DESC{page}) "
        "SELECT p.id, p.routine_slug, p.routine_name, p.started_at, p.ended_at, max(s.logged_at) AS last_set_at, "
        "count(*) AS sets, sum(s.kind != 'warmup') AS working_sets, "
        f"round(coalesce(sum(CASE WHEN s.kind != 'warmup' THEN {_volume('s.')} END), 0), 2) AS volume_kg, "
        "count(DISTINCT s.exercise_id) AS exercises, p.note "
        "FROM picked p JOIN sets s ON s.workout_id = p.id AND s.profile_id = ? "
        "GROUP BY p.id ORDER BY p.started_at DESC, p.id DESC",
        [store.profile_id, *params, *page_params, store.profile_id],
    )
    return [WorkoutSummary(**r) for r in rows]


def sets_of_workouts(store: Store, workout_ids: Sequence[int]) -> dict[int, list[LoggedSet]]:
    """Every set of these workouts, in the order they were logged."""
    result: dict[int, list[LoggedSet]] = {i: [] for i in workout_ids}
    ids = list(workout_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        sets = read_sets(
            store.conn,
            f"{SET_SELECT}WHERE s.profile_id = ? AND s.workout_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY s.workout_id, s.logged_at, s.id",
            [store.profile_id, *chunk],
        )
        for logged in sets:
            result[logged.workout_id].append(logged)
    return result


def routines_done(store: Store) -> dict[str, str]:
    """Routine slug -> its name, for every routine the profile has workouts of."""
    rows = read_rows(
        store.conn, _RoutineRow,
        "SELECT routine_slug, max(routine_name) AS routine_name FROM workouts WHERE profile_id = ? "
        "AND routine_slug IS NOT NULL GROUP BY routine_slug",
        [store.profile_id],
    )
    return {r["routine_slug"]: r["routine_name"] or r["routine_slug"] for r in rows}


# -- one exercise ----------------------------------------------------------

def _split_top_key(key: int | None) -> tuple[float | None, int | None]:
    if key is None:
        return None, None
    micro_kg, reps = divmod(key, TOP_KEY_MAX_REPS)
    return round(micro_kg / 1000000, 6), reps


def _session_range(flt: HistoryFilter) -> tuple[str, list[object]]:
    """Dates pick sessions by their first working set; a routine by the workout's."""
    where, params = _range(flt, "es.first_at")
    if flt.routine is not None:
        where += " AND es.workout_id IN (SELECT id FROM workouts WHERE profile_id = es.profile_id AND routine_slug = ?)"
        params.append(flt.routine)
    return where, params


def exercise_sessions(store: Store, slug: str, flt: HistoryFilter = HistoryFilter()) -> list[ExerciseSession]:
    """One row per workout that had working sets of the exercise, oldest first, read
    from the summaries the triggers keep (migration m004), not from every set."""
    where, params = _session_range(flt)
    # Years of training are thousands of sessions: rows picked by name without a dict each.
    rows = read_columns(
        store.conn, _SessionRow, _SESSION_COLUMNS,
        "SELECT es.workout_id, date(es.first_at, 'localtime') AS day, es.top_key, es.e1rm, "
        "round(es.volume, 2) AS volume, es.sets, es.strap_sets, es.hold_s "
        f"FROM exercise_sessions es WHERE es.profile_id = ? AND es.exercise_id = ?{where} "
        "ORDER BY es.first_at, es.workout_id",
        [store.profile_id, store.exercise_id(slug), *params],
    )
    sessions = []
    for workout_id, day, top_key, e1rm, volume, count, strapped, hold in rows:
        weight, reps = _split_top_key(top_key)
        sessions.append(ExerciseSession(workout_id=workout_id, date=day, top_weight_kg=weight, top_reps=reps,
                                        e1rm_kg=e1rm, volume_kg=volume, sets=count, strap_sets=strapped, hold_s=hold))
    return sessions


def exercise_reps_at_weight(store: Store, slug: str, flt: HistoryFilter = HistoryFilter()) -> dict[float, int]:
    if not flt.active:  # all time: the kept bests
        rows = read_rows(store.conn, RepBestRow, KEPT_REP_BESTS, [store.profile_id, store.exercise_id(slug)])
    else:
        # In a range: the sets of the sessions in it (sessions picked as exercise_sessions does).
        where, params = _session_range(flt)
        rows = read_rows(
            store.conn, RepBestRow,
            "SELECT round(s.weight_kg, 3) AS weight_kg, max(s.reps) AS reps FROM exercise_sessions es JOIN sets s "
            "ON s.workout_id = es.workout_id AND s.exercise_id = es.exercise_id AND s.profile_id = es.profile_id "
            f"WHERE es.profile_id = ? AND es.exercise_id = ?{where} AND {_REP_BEST_SETS} "
            "GROUP BY round(s.weight_kg, 3)",
            [store.profile_id, store.exercise_id(slug), *params],
        )
    return {r["weight_kg"]: r["reps"] for r in rows}


def exercise_history(store: Store, slug: str,
                     flt: HistoryFilter = HistoryFilter()) -> tuple[list[ExerciseSession], ExerciseRecords]:
    """Sessions (oldest first) and the records among them."""
    sessions = exercise_sessions(store, slug, flt)
    return sessions, records_from_sessions(sessions, exercise_reps_at_weight(store, slug, flt))


def heaviest_kg(store: Store, slug: str, *, straps: bool | None = None) -> float | None:
    """The heaviest working set ever (form-broke sets left out, as in every record);
    with straps=False, the heaviest done without straps."""
    params: list[object] = [store.profile_id, store.exercise_id(slug)]
    if straps is None or straps is False:
        column = "top_kg" if straps is None else "top_unstrapped_kg"
        return read_float(
            store.conn, f"SELECT max({column}) FROM exercise_sessions WHERE profile_id = ? AND exercise_id = ?", params
        )
    return read_float(
        store.conn,
        "SELECT max(weight_kg) FROM sets WHERE profile_id = ? AND exercise_id = ? AND kind != 'warmup' "
        "AND reps IS NOT NULL AND straps = 1 AND form_broke = 0", params,
    )


# -- weeks across exercises ------------------------------------------------

def weekly_rows(store: Store, weeks: Sequence[date]) -> list[tuple[ExerciseWeek, int]]:
    """Per exercise and local week (Monday) within `weeks`: working sets and volume,
    each with its count of strapped sets."""
    if not weeks:
        return []
    start, end = local_day_start(weeks[0]), local_day_start(weeks[-1] + timedelta(days=7))
    week = _week("logged_at")
    rows = read_rows(
        store.conn, _WeekRow,
        f"SELECT exercise_id, {week} AS week, count(*) AS sets, "
        f"round(coalesce(sum({_volume()}), 0), 2) AS volume_kg, sum(straps) AS strap_sets "
        "FROM sets WHERE profile_id = ? AND logged_at >= ? AND logged_at < ? AND kind != 'warmup' "
        "GROUP BY exercise_id, week",
        [store.profile_id, start, end],
    )
    slugs = _slugs_by_id(store)
    return [
        (ExerciseWeek(exercise=slugs.get(r["exercise_id"], f"#{r['exercise_id']}"), week=date.fromisoformat(r["week"]),
                      sets=r["sets"], volume_kg=r["volume_kg"]), r["strap_sets"])
        for r in rows
    ]


def training_days(store: Store, since: date, until: date) -> set[date]:
    """Local days with at least one workout that has sets."""
    rows = read_rows(
        store.conn, _DayRow,
        "SELECT DISTINCT date(started_at, 'localtime') AS day FROM workouts w WHERE profile_id = ? "
        "AND started_at >= ? AND started_at < ? AND EXISTS (SELECT 1 FROM sets x WHERE x.workout_id = w.id)",
        [store.profile_id, local_day_start(since), local_day_start(until + timedelta(days=1))],
    )
    return {date.fromisoformat(r["day"]) for r in rows}


def exercises_done(store: Store) -> dict[str, str]:
    """Slug -> when last logged, for every exercise the profile has sets of
    (one index lookup per exercise, not a scan of the history)."""
    return store.exercise_last_done(list(store._exercise_ids))
