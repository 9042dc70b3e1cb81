"""Weekly balance of back training: working sets and volume per region, and whether
width (vertical pulls) and thickness (horizontal pulls) are drifting apart.

The drift rule: over the last DRIFT_WEEKS weeks (the current one included), count the
working sets of vertical pulls (pattern vertical_pull: pull-ups, pulldowns) and of
horizontal pulls (pattern horizontal_pull: rows, face pulls). Sets, not volume, are
compared, because pull-ups done at bodyweight carry no volume. It is flagged when one
side has more than DRIFT_RATIO times the sets of the other (a side with none counts as
infinitely behind), once there are at least DRIFT_MIN_SETS pulling sets in all: with
fewer, one missed session would raise a false alarm. The words follow the numbers:
"in balance" only within BALANCED_RATIO either way; between that and DRIFT_RATIO the
leading side is named, without the flag.

Stretches (pattern stretch) are not training volume: they count neither as working
sets nor as volume of their region (holds such as a dead hang still do).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from backtui.domain.models import Exercise

BALANCE_REGIONS: dict[str, str] = {
    "lats": "Lats",
    "upper_back": "Upper back",
    "lower_back": "Lower back",
    "other": "Other",
}
DRIFT_WEEKS = 4
DRIFT_RATIO = 2.0
BALANCED_RATIO = 1.5
NOT_TRAINING_PATTERNS = frozenset({"stretch"})
DRIFT_MIN_SETS = 6


def counts_as_training(exercise: Exercise | None) -> bool:
    """Whether an exercise's sets are working sets for the balance (an unknown one is)."""
    return exercise is None or exercise.pattern not in NOT_TRAINING_PATTERNS


def balance_region(region: str) -> str:
    """Catalog region -> one of BALANCE_REGIONS (neck, shoulders and core are 'other')."""
    return region if region in BALANCE_REGIONS else "other"


@dataclass(frozen=True)
class ExerciseWeek:
    """Working sets and volume of one exercise in one week (a row from storage)."""

    exercise: str
    week: date  # Monday
    sets: int
    volume_kg: float


@dataclass
class RegionWeek:
    week: date
    sets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BALANCE_REGIONS, 0))
    volume_kg: dict[str, float] = field(default_factory=lambda: dict.fromkeys(BALANCE_REGIONS, 0.0))

    @property
    def total_sets(self) -> int:
        return sum(self.sets.values())


@dataclass(frozen=True)
class PullDrift:
    vertical_sets: int
    horizontal_sets: int
    flagged: bool
    message: str

    @property
    def ratio(self) -> float | None:
        """Larger side over smaller side; None when nothing was pulled."""
        high, low = max(self.vertical_sets, self.horizontal_sets), min(self.vertical_sets, self.horizontal_sets)
        if high == 0:
            return None
        return float("inf") if low == 0 else high / low


def weekly_balance(rows: Iterable[ExerciseWeek], exercises: Mapping[str, Exercise],
                   weeks: Sequence[date]) -> list[RegionWeek]:
    """One RegionWeek per Monday in `weeks` (weeks without training stay at zero)."""
    table = {week: RegionWeek(week) for week in weeks}
    for row in rows:
        target = table.get(row.week)
        exercise = exercises.get(row.exercise)
        if target is None or not counts_as_training(exercise):
            continue
        region = balance_region(exercise.region) if exercise else "other"
        target.sets[region] += row.sets
        target.volume_kg[region] = round(target.volume_kg[region] + row.volume_kg, 2)
    return [table[week] for week in weeks]


def pull_drift(rows: Iterable[ExerciseWeek], exercises: Mapping[str, Exercise],
               weeks: Sequence[date]) -> PullDrift:
    """Vertical against horizontal pulling over the last DRIFT_WEEKS of `weeks`."""
    window = set(weeks[-DRIFT_WEEKS:])
    vertical = horizontal = 0
    for row in rows:
        exercise = exercises.get(row.exercise)
        if row.week not in window or exercise is None:
            continue
        if exercise.pattern == "vertical_pull":
            vertical += row.sets
        elif exercise.pattern == "horizontal_pull":
            horizontal += row.sets
    return _judge(vertical, horizontal)


def _judge(vertical: int, horizontal: int) -> PullDrift:
    span = f"the last {DRIFT_WEEKS} weeks"
    counts = f"{vertical} vertical (width) vs {horizontal} horizontal (thickness) pulling sets in {span}"
    if vertical + horizontal < DRIFT_MIN_SETS:
        return PullDrift(vertical, horizontal, False, f"Too few pulling sets to judge balance: {counts}.")
    high, low = max(vertical, horizontal), min(vertical, horizontal)
    if low and high / low <= BALANCED_RATIO:
        return PullDrift(vertical, horizontal, False, f"Width and thickness in balance: {counts} ({high / low:.1f}:1).")
    if low and high / low <= DRIFT_RATIO:
        leads, trails = ("Width", "thickness") if vertical > horizontal else ("Thickness", "width")
        return PullDrift(vertical, horizontal, False,
                         f"{leads} leads {trails} {high / low:.1f}:1: {counts}; not yet out of balance.")
    ratio = f"{high / low:.1f}:1" if low else "none on one side"
    if vertical > horizontal:
        advice = "thickness is falling behind: add rows"
    else:
        advice = "width is falling behind: add pull-ups or pulldowns"
    return PullDrift(vertical, horizontal, True, f"Pulling out of balance ({ratio}): {counts}; {advice}.")
