"""History in plain data: workout and per-exercise session summaries, records, and the
day and week arithmetic the history views share.

Definitions used everywhere (screen, CLI, storage queries):
- a working set is any set that is not a warm-up (working, drop and failure sets);
- volume is the sum of weight x reps over working sets with a load above zero
  (plain bodyweight and assisted reps add no volume; holds have no reps);
- a session is one workout's sets of one exercise; its top set is the heaviest
  working set, the one with the most reps when several share that weight;
- the e1RM of a session is the best set_e1rm of its sets (an estimate, see records.py);
- the marks that make records (top set, e1RM, hold, reps at a load) leave out sets
  flagged form-broke, which still count in volume and in the number of sets.

The storage layer computes the same summaries inside SQLite; `summarise_sessions`
here is the plain reference the tests hold it to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from backtui.domain.models import LoggedSet
from backtui.domain.records import set_e1rm

if TYPE_CHECKING:
    from pendulum import DateTime

# A chart point: its label (a day), then its values, None where a session has none.
SeriesPoint = tuple[str, *tuple[float | None, ...]]


@dataclass(frozen=True)
class HistoryFilter:
    """What the lifter narrowed the history to. Days are local and inclusive."""

    since: date | None = None
    until: date | None = None
    routine: str | None = None
    exercise: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.routine, self.exercise))


@dataclass(frozen=True)
class WorkoutSummary:
    id: int
    routine_slug: str | None
    routine_name: str | None
    started_at: str
    ended_at: str | None
    last_set_at: str | None
    sets: int
    working_sets: int
    volume_kg: float
    exercises: int
    note: str = ""

    @property
    def duration_s(self) -> int | None:
        """Start to finish; for a workout never finished, start to its last set."""
        from backtui.domain.clock import parse_iso

        end = self.ended_at or self.last_set_at
        if end is None:
            return None
        return max(0, int((parse_iso(end) - parse_iso(self.started_at)).total_seconds()))


@dataclass(frozen=True)
class ExerciseSession:
    """One workout's working sets of one exercise, summed up."""

    workout_id: int
    date: str  # local calendar day, YYYY-MM-DD
    top_weight_kg: float | None
    top_reps: int | None
    e1rm_kg: float | None
    volume_kg: float
    sets: int  # working sets
    strap_sets: int
    hold_s: int | None = None


@dataclass
class ExerciseRecords:
    """Best marks over a run of sessions; each `*_on` is the first day it was reached."""

    heaviest_kg: float | None = None
    heaviest_on: str | None = None
    best_e1rm_kg: float | None = None
    best_e1rm_on: str | None = None
    longest_hold_s: int | None = None
    longest_hold_on: str | None = None
    best_volume_kg: float | None = None
    best_volume_on: str | None = None
    reps_at_weight: dict[float, int] = field(default_factory=dict)

    def top_reps_at_weight(self, n: int = 8) -> list[tuple[float, int]]:
        """The n heaviest weights with the most reps done at each, heaviest first."""
        return sorted(self.reps_at_weight.items(), reverse=True)[:n]


def _is_working(s: LoggedSet) -> bool:
    return s.kind != "warmup"


def summarise_sessions(sets: Iterable[LoggedSet], local_date: Callable[[str], str]) -> list[ExerciseSession]:
    """Group one exercise's sets by workout into sessions, oldest first. Workouts with
    only warm-ups of it are left out. `local_date` turns a stored instant into a day."""
    by_workout: dict[int, list[LoggedSet]] = {}
    for s in sets:
        if _is_working(s):
            by_workout.setdefault(s.workout_id, []).append(s)
    sessions = []
    for workout_id, group in by_workout.items():
        loaded = [s for s in group if s.reps is not None and s.weight_kg is not None]
        moved = [(s.weight_kg or 0.0) * (s.reps or 0) for s in loaded if (s.weight_kg or 0.0) > 0]
        clean = [s for s in group if not s.form_broke]
        top = max((s for s in loaded if not s.form_broke), key=lambda s: (s.weight_kg, s.reps), default=None)
        estimates = [e for e in (set_e1rm(s) for s in clean) if e is not None]
        holds = [s.seconds for s in clean if s.seconds is not None]
        first = min(s.logged_at for s in group)
        sessions.append((first, ExerciseSession(
                workout_id=workout_id,
                date=local_date(first),
                top_weight_kg=top.weight_kg if top else None,
                top_reps=top.reps if top else None,
                e1rm_kg=max(estimates) if estimates else None,
                volume_kg=round(sum(moved), 2),
                sets=len(group),
                strap_sets=sum(1 for s in group if s.straps),
                hold_s=max(holds) if holds else None,
            )))
    return [session for _, session in sorted(sessions, key=lambda pair: (pair[0], pair[1].workout_id))]


def records_from_sessions(sessions: Sequence[ExerciseSession], reps_at_weight: dict[float, int]) -> ExerciseRecords:
    """Records over sessions given oldest first (ties keep the first day)."""
    records = ExerciseRecords(reps_at_weight=dict(reps_at_weight))
    for s in sessions:
        if s.top_weight_kg is not None and (records.heaviest_kg is None or s.top_weight_kg > records.heaviest_kg):
            records.heaviest_kg, records.heaviest_on = s.top_weight_kg, s.date
        if s.e1rm_kg is not None and (records.best_e1rm_kg is None or s.e1rm_kg > records.best_e1rm_kg):
            records.best_e1rm_kg, records.best_e1rm_on = s.e1rm_kg, s.date
        if s.hold_s is not None and (records.longest_hold_s is None or s.hold_s > records.longest_hold_s):
            records.longest_hold_s, records.longest_hold_on = s.hold_s, s.date
        if s.volume_kg > 0 and (records.best_volume_kg is None or s.volume_kg > records.best_volume_kg):
            records.best_volume_kg, records.best_volume_on = s.volume_kg, s.date
    return records


def reps_at_weight(sets: Iterable[LoggedSet]) -> dict[float, int]:
    """Most reps done in one working set at each weight (form-broke sets left out)."""
    best: dict[float, int] = {}
    for s in sets:
        if _is_working(s) and not s.form_broke and s.reps is not None and s.weight_kg is not None and s.seconds is None:
            key = round(s.weight_kg, 3)
            best[key] = max(best.get(key, 0), s.reps)
    return best


def group_by_exercise(sets: Iterable[LoggedSet]) -> dict[str, list[LoggedSet]]:
    """A workout's sets per exercise, exercises in the order first done."""
    grouped: dict[str, list[LoggedSet]] = {}
    for s in sets:
        grouped.setdefault(s.exercise, []).append(s)
    return grouped


def thin_series(points: Sequence[SeriesPoint], max_points: int) -> list[SeriesPoint]:
    """At most max_points points for a chart: consecutive points are bucketed and each
    bucket keeps its first label and the highest of each value (None ignored)."""
    if max_points <= 0 or len(points) <= max_points:
        return list(points)
    size = -(-len(points) // max_points)
    thinned: list[SeriesPoint] = []
    for start in range(0, len(points), size):
        bucket = points[start:start + size]
        values: list[float | None] = []
        for column in zip(*(p[1:] for p in bucket)):
            present = [v for v in column if v is not None]
            values.append(max(present) if present else None)
        thinned.append((bucket[0][0], *values))
    return thinned


# -- days and weeks ----------------------------------------------------------

def week_start(day: date) -> date:
    """The Monday of day's week."""
    return day - timedelta(days=day.weekday())


def last_weeks(today: date, count: int) -> list[date]:
    """Mondays of the last `count` weeks, oldest first, the current week last."""
    current = week_start(today)
    return [current - timedelta(weeks=count - 1 - i) for i in range(count)]


def describe_day(moment: DateTime, now: DateTime) -> str:
    """'Tue 18 Nov, 2 days ago' (the year is added when it is not this year).
    Both are pendulum DateTimes in the lifter's time zone."""
    text = moment.format("ddd D MMM") if moment.year == now.year else moment.format("ddd D MMM YYYY")
    return f"{text}, {days_ago((now.date() - moment.date()).days)}"


def days_ago(days: int) -> str:
    if days < 0:
        return "in the future"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    # Short forms past two weeks, so the exact date stays the widest part.
    if days < 60:
        return f"{days // 7} wk ago"
    if days < 730:
        return f"{days // 30} mo ago"
    return f"{days // 365} yr ago"


def format_duration(seconds: int | None) -> str:
    """3900 -> '1 h 05 min', 840 -> '14 min', None -> '-'."""
    if seconds is None:
        return "-"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


class DateBoundError(ValueError):
    """A date filter that cannot be read."""


_RELATIVE_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_date_bound(text: str, today: date) -> date:
    """'2026-11-18', 'today', or a span back from today: '30d', '12w', '6m', '1y'."""
    key = text.strip().lower()
    if key == "today":
        return today
    if key[:-1].isdigit() and key[-1:] in _RELATIVE_UNITS:
        count, unit = int(key[:-1]), key[-1]
        try:
            if unit in ("m", "y"):
                import pendulum

                back = pendulum.Date(today.year, today.month, today.day).subtract(
                    months=count if unit == "m" else 0, years=count if unit == "y" else 0
                )
                return date(back.year, back.month, back.day)
            return today - timedelta(days=count * _RELATIVE_UNITS[unit])
        except (ValueError, OverflowError):
            raise DateBoundError(f"{text!r} reaches back too far") from None
    try:
        day = date.fromisoformat(key)
    except ValueError:
        raise DateBoundError(f"{text!r} is not a date (use YYYY-MM-DD, or 30d, 12w, 6m, 1y back from today)") from None
    if not 1900 <= day.year <= 2999:  # the day after must still be a date
        raise DateBoundError(f"{text!r} is out of range: give a date between 1900 and 2999")
    return day
