"""Grip straps over time: how many working sets of an exercise were strapped each week,
the heaviest weight moved without straps, and a note when the grip looks like the
weak link.

Notes, in order of preference:
- strap share rose in each of the last RISING_WEEKS weeks that had sets of the
  exercise (weeks without it are skipped, not counted as a fall): the grip may be
  lagging behind the back;
- straps on at least HEAVY_SHARE of the latest week's sets while the heaviest set
  without straps is under UNSTRAPPED_GAP of the heaviest set: the grip has not kept up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from backtui.domain.balance import ExerciseWeek
from backtui.domain.units import format_number

RISING_WEEKS = 3
HEAVY_SHARE = 0.75
UNSTRAPPED_GAP = 0.8


@dataclass(frozen=True)
class StrapWeek:
    week: date  # Monday
    working_sets: int
    strap_sets: int

    @property
    def share(self) -> float | None:
        return self.strap_sets / self.working_sets if self.working_sets else None


def rising_streak(weeks: Sequence[StrapWeek]) -> int:
    """How many times in a row, up to the latest week with sets, the share went up."""
    shares = [w.share for w in weeks if w.share is not None]
    streak = 0
    for before, after in zip(reversed(shares[:-1]), reversed(shares[1:])):
        if after > before:
            streak += 1
        else:
            break
    return streak


def latest_share(weeks: Sequence[StrapWeek]) -> float | None:
    shares = [w.share for w in weeks if w.share is not None]
    return shares[-1] if shares else None


def strap_note(name: str, weeks: Sequence[StrapWeek], heaviest_kg: float | None,
               heaviest_without_kg: float | None) -> str | None:
    """One line for the lifter, or None when strap use looks unremarkable."""
    share = latest_share(weeks)
    if share is None or share == 0:
        return None
    percent = round(share * 100)
    streak = rising_streak(weeks)
    if streak >= RISING_WEEKS:
        return f"straps on {percent}% of {name} sets, up {streak} weeks running: grip may be lagging"
    if share >= HEAVY_SHARE and heaviest_kg and heaviest_kg > 0:
        if heaviest_without_kg is None:
            # Form-broke sets make no record, so an unstrapped one does not count here.
            return f"straps on {percent}% of {name} sets and none without them with form intact: train grip too"
        if heaviest_without_kg < UNSTRAPPED_GAP * heaviest_kg:
            part = round(heaviest_without_kg / heaviest_kg * 100)
            return (f"straps on {percent}% of {name} sets; without straps your best is "
                    f"{format_number(heaviest_without_kg)} kg, {part}% of {format_number(heaviest_kg)} kg: grip may be lagging")
    return None


def no_notes_line(any_strapped: bool, weeks: int) -> str:
    """What the notes say when there are none: neutral, since strap use can be high
    without a note (a high share alone is not the grip lagging)."""
    if not any_strapped:
        return f"No strapped sets in the last {weeks} weeks."
    return (f"No notes on strapped sets: a note appears when strap use rises {RISING_WEEKS} weeks running, "
            f"or reaches {round(HEAVY_SHARE * 100)}% while your best without straps is under "
            f"{round(UNSTRAPPED_GAP * 100)}% of the heaviest.")


def straps_by_exercise(rows: Sequence[tuple[ExerciseWeek, int]], weeks: Sequence[date]) -> dict[str, list[StrapWeek]]:
    """Rows of (exercise week, strapped sets) regrouped per exercise: one StrapWeek per Monday (zero when not done)."""
    found: dict[str, dict[date, StrapWeek]] = {}
    for row, strapped in rows:
        found.setdefault(row.exercise, {})[row.week] = StrapWeek(row.week, row.sets, strapped)
    return {
        slug: [by_week.get(monday, StrapWeek(monday, 0, 0)) for monday in weeks]
        for slug, by_week in found.items()
    }
