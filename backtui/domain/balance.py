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

Weekly hard sets: every working set (not a warm-up, not a stretch) counts one hard set
for its exercise's region and half a set for each secondary region the catalog names,
as the fractional counting of Pelland et al. (2024) does. Lats, upper back and lower
back are held against a band of 10 to 20 hard sets a week: Schoenfeld, Ogborn and
Krieger (2017) found growth rising with weekly sets (10 or more per muscle beat fewer),
and Baz-Valle et al. (2022) found 12 to 20 weekly sets a sound range for trained lifters.
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
HARD_SET_BAND = (10, 20)
BAND_REGIONS = ("lats", "upper_back", "lower_back")
SECONDARY_SHARE = 0.5


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


def hard_sets(done: Mapping[str, int], exercises: Mapping[str, Exercise]) -> dict[str, float]:
    """Hard sets per catalog region from working sets per exercise (one week's):
    a set counts 1 for its region and SECONDARY_SHARE for each secondary region."""
    counts: dict[str, float] = {}
    for slug, sets in done.items():
        exercise = exercises.get(slug)
        if exercise is None or not counts_as_training(exercise) or not sets:
            continue
        counts[exercise.region] = counts.get(exercise.region, 0.0) + sets
        for region in exercise.secondary:
            counts[region] = counts.get(region, 0.0) + sets * SECONDARY_SHARE
    return counts


def _count(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def band_lines(counts: Mapping[str, float], when: str = "this week") -> list[str]:
    """'lats this week: 8 of 10-20' for each band region, with what to do when outside it."""
    low, high = HARD_SET_BAND
    lines = []
    for region in BAND_REGIONS:
        value = counts.get(region, 0.0)
        name = BALANCE_REGIONS[region].lower()
        tail = " (below the band)" if value < low else " (above the band)" if value > high else ""
        lines.append(f"{name} {when}: {_count(value)} of {low}-{high} hard sets{tail}")
    return lines


def pull_ratio_line(done: Mapping[str, int], exercises: Mapping[str, Exercise], when: str = "this week") -> str:
    """Vertical against horizontal pulling sets, as a ratio: 'pulling this week: 6 vertical : 9 horizontal (1:1.5)'."""
    vertical = sum(n for slug, n in done.items() if (e := exercises.get(slug)) and e.pattern == "vertical_pull")
    horizontal = sum(n for slug, n in done.items() if (e := exercises.get(slug)) and e.pattern == "horizontal_pull")
    if not vertical and not horizontal:
        return f"pulling {when}: none yet"
    if vertical and horizontal:
        ratio = f"1:{horizontal / vertical:.1f}" if horizontal >= vertical else f"{vertical / horizontal:.1f}:1"
    else:
        ratio = "one side only"
    return f"pulling {when}: {vertical} vertical : {horizontal} horizontal ({ratio})"


def week_sets(rows: Iterable[ExerciseWeek], week: date) -> dict[str, int]:
    """Working sets per exercise in one week, from the balance's rows."""
    done: dict[str, int] = {}
    for row in rows:
        if row.week == week:
            done[row.exercise] = done.get(row.exercise, 0) + row.sets
    return done


def week_summary(rows: Iterable[ExerciseWeek], exercises: Mapping[str, Exercise], week: date) -> list[str]:
    """The band lines and the pulling ratio of one week (the Balance tab's last week)."""
    done = week_sets(rows, week)
    when = f"week of {week.strftime('%d %b')}"
    return [*band_lines(hard_sets(done, exercises), when), pull_ratio_line(done, exercises, when)]
