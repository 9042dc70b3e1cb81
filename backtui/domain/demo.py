"""Twelve weeks of believable back training, for `backtui --demo`.

Pure and deterministic: the same seed and 'today' give the same workouts. Three
sessions a week rotate through the shipped routines (plus a desk-relief Saturday
now and then); main lifts follow double progression (add reps up to the top of the
range, then add weight); the barbell row stalls for a few weeks before a deload;
straps creep onto more deadlift sets as the weight climbs; notes, RPE, warm-ups,
ramp-up sets and timed holds are all there, so every screen has something to show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from backtui.domain.catalog import Catalog
from backtui.domain.clock import iso
from backtui.domain.history import week_start
from backtui.domain.importers.model import ImportedSet, ImportedWorkout
from backtui.domain.models import Exercise, RoutineItem
from backtui.domain.units import round_to_step

WEEKS = 12
ROTATION = ("essential-back", "width-and-thickness", "lower-back-focus", "upper-back-and-lats", "pre-exhaust-pull")
# Starting working weight (kg) and the jump when the top of the rep range is reached.
START = {
    "deadlift": (100.0, 5.0), "barbell-row": (60.0, 2.5), "lat-pulldown": (50.0, 2.5),
    "seated-cable-row": (50.0, 2.5), "t-bar-row": (40.0, 2.5), "shrug": (80.0, 5.0), "face-pull": (17.5, 2.5),
    "straight-arm-pulldown": (20.0, 2.5), "dumbbell-pullover": (16.0, 2.0), "chest-supported-row": (20.0, 2.0),
    "assisted-pull-up": (-30.0, 5.0), "pull-up": (0.0, 2.5), "back-extension": (0.0, 5.0),
}
STALL_WEEKS = range(4, 9)  # the barbell row stops moving here...
DELOAD_WEEK = 9  # ...and comes back after a lighter week
SET_NOTES = (
    "grip went before the back did", "felt the lats this time", "slow negatives", "lower back a bit tight",
    "gym was packed, short rests", "paused at the top", "elbows in, much better", "new belt",
)
WORKOUT_NOTES = (
    "Slept badly, kept it honest", "Great session", "Short on time", "Back felt fresh after the weekend",
    "Morning session before work", "Trained with a friend",
)


@dataclass
class _Lift:
    """One exercise's running state: double progression."""

    weight: float
    step: float
    target: int


class _Session:
    def __init__(self, rng: random.Random, start: datetime, week: int):
        self.rng, self.clock, self.week = rng, start, week
        self.sets: list[ImportedSet] = []

    def add(self, slug: str, rest: int, *, weight_kg: float | None = None, reps: int | None = None,
            seconds: int | None = None, kind: str = "working") -> ImportedSet:
        self.clock += timedelta(seconds=rest + self.rng.randint(10, 50))
        logged = ImportedSet(exercise=slug, line=0, logged_at=iso(self.clock), weight_kg=weight_kg, reps=reps,
                             seconds=seconds, kind=kind)
        self.sets.append(logged)
        return logged


def _schedule(today: date) -> list[tuple[date, int, str]]:
    """(day, week index, routine slug) for twelve weeks ending yesterday."""
    first_monday = week_start(today) - timedelta(weeks=WEEKS)
    days, turn = [], 0
    for week in range(WEEKS + 1):
        for weekday in (0, 2, 4):
            day = first_monday + timedelta(weeks=week, days=weekday)
            if day >= today or (week == 6 and weekday == 2):  # week 6: away for work midweek
                continue
            days.append((day, week, ROTATION[turn % len(ROTATION)]))
            turn += 1
        saturday = first_monday + timedelta(weeks=week, days=5)
        if week % 3 == 1 and saturday < today:
            days.append((saturday, week, "desk-relief"))
    return days


def demo_workouts(catalog: Catalog, *, seed: int = 6, today: date, tz: tzinfo | None = None) -> list[ImportedWorkout]:
    """The demo history: workouts whose sets name catalog slugs, oldest first."""
    rng = random.Random(seed)
    lifts: dict[str, _Lift] = {}
    workouts: list[ImportedWorkout] = []
    for day, week, slug in _schedule(today):
        routine = catalog.routines[slug]
        hour = time(10, 0) if day.weekday() == 5 else time(18, 0)
        start = datetime.combine(day, hour) + timedelta(minutes=rng.randint(-40, 50))
        start = start.replace(tzinfo=tz) if tz is not None else start.astimezone()
        session = _Session(rng, start, week)
        for item in routine.items:
            exercise = catalog.exercises[item.exercise]
            _log_item(session, item, exercise, lifts)
        note = rng.choice(WORKOUT_NOTES) if rng.random() < 0.25 else ""
        if week == 7 and any(s.exercise == "barbell-row" for s in session.sets):
            note = "Row stuck at the same weight for weeks: deload soon"
        if week == DELOAD_WEEK and not any("Deload" in w.note for w in workouts):
            note = "Deload week: 10% off the row, reps clean"
        workouts.append(ImportedWorkout(
            key=f"demo|{day.isoformat()}|{slug}", started_at=iso(start),
            ended_at=iso(session.clock + timedelta(minutes=3)), line=0, name=routine.name,
            note=note, routine_slug=slug, sets=session.sets,
        ))
    return workouts


def _log_item(session: _Session, item: RoutineItem, exercise: Exercise, lifts: dict[str, _Lift]) -> None:
    rng, week = session.rng, session.week
    target = item.target_for(exercise)
    slug = exercise.slug
    if exercise.timed:
        seconds = (target.seconds or 20) + 5 * (week // 3) * (item.role == "work")
        for _ in range(target.sets):
            session.add(slug, 30, seconds=seconds + rng.choice([0, 0, 5]),
                        kind="warmup" if item.role == "warmup" else "working")
        return
    low, high = target.rep_low or 8, target.rep_high or 12
    if item.role == "warmup":
        for _ in range(target.sets):
            session.add(slug, 45, weight_kg=0.0, reps=high, kind="warmup")
        return
    base, step = START.get(slug, (0.0 if exercise.bodyweight else 20.0, 2.5))
    lift = lifts.setdefault(slug, _Lift(base, step, low))
    stalled = slug == "barbell-row" and week in STALL_WEEKS
    weight = round_to_step(lift.weight * 0.9, 2.5) if slug == "barbell-row" and week == DELOAD_WEEK else lift.weight
    if exercise.ramp:
        for share, reps in ((0.5, 8), (0.75, 4)):
            session.add(slug, 90, weight_kg=round_to_step(weight * share, 2.5), reps=reps, kind="warmup")
    done = []
    for number in range(target.sets):
        reps = lift.target - (number // 2) * rng.choice([0, 1])
        if stalled:
            reps = min(reps, low + 1) - number // 2
        reps = max(1, min(reps, high))
        logged = session.add(slug, exercise.rest, weight_kg=weight, reps=reps)
        done.append(reps)
        if exercise.straps and _straps(slug, week, number, weight, rng):
            logged.straps = True
        if number == target.sets - 1 and not exercise.bodyweight:
            logged.rpe = min(10.0, 7.5 + rng.choice([0, 0.5, 1.0, 1.5]) + (1.0 if stalled else 0.0))
        if rng.random() < 0.07:
            logged.note = rng.choice(SET_NOTES)
    last = session.sets[-1]
    if slug == "deadlift" and week in (3, 10):
        last.form_broke = True
        last.note = "back rounded on the last rep: stopped there"
    if slug == "barbell-row" and stalled and week == 5:
        last.note = f"{weight:g} again, same reps as last week"
    if slug == "pull-up" and week % 4 == 3:
        last.kind = "failure"
    if slug == "lat-pulldown" and rng.random() < 0.3:
        session.add(slug, 10, weight_kg=round_to_step(weight * 0.7, 2.5), reps=high, kind="drop")
    if not stalled and week != DELOAD_WEEK:
        if done[0] >= high:
            lift.weight, lift.target = lift.weight + lift.step, low
        else:
            lift.target = min(high, lift.target + 2)


def _straps(slug: str, week: int, number: int, weight: float, rng: random.Random) -> bool:
    """Straps on more deadlift sets as the weight climbs; on heavy rows late on."""
    if slug == "deadlift":
        return rng.random() < 0.15 + week / 12 or weight >= 130
    if slug in ("barbell-row", "t-bar-row", "shrug"):
        return week >= 8 and number >= 2
    return False
