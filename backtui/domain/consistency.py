"""Consistency: a calendar of training days, weeks as columns and Monday to Sunday as
rows, and the counts that go with it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from backtui.domain.history import week_start
from backtui.domain.units import plural


@dataclass(frozen=True)
class Consistency:
    training_days: int
    weeks: int
    weeks_trained: int
    current_streak_weeks: int  # weeks in a row with training, up to now
    longest_streak_weeks: int

    @property
    def per_week(self) -> float:
        return self.training_days / self.weeks if self.weeks else 0.0

    def describe(self) -> str:
        return (f"{plural(self.training_days, 'training day')} in {plural(self.weeks, 'week')} "
                f"({self.per_week:.1f} a week); trained in {self.weeks_trained} of them; "
                f"streak {plural(self.current_streak_weeks, 'week')} (longest {self.longest_streak_weeks})")


def calendar_columns(end: date, weeks: int) -> list[list[date | None]]:
    """`weeks` columns of 7 days (Monday first), the last column holding `end`;
    days after `end` are None."""
    first = week_start(end) - timedelta(weeks=weeks - 1)
    columns = []
    for w in range(weeks):
        monday = first + timedelta(weeks=w)
        columns.append([d if d <= end else None for d in (monday + timedelta(days=i) for i in range(7))])
    return columns


def month_labels(columns: list[list[date | None]]) -> list[tuple[int, str]]:
    """(column index, 'Nov') at each column holding the 1st of a month (and the first column)."""
    labels = []
    for index, column in enumerate(columns):
        days = [d for d in column if d is not None]
        if not days:
            continue
        starts = [d for d in days if d.day == 1]
        if starts or index == 0:
            labels.append((index, (starts[0] if starts else days[0]).strftime("%b")))
    return labels


def consistency(days: Collection[date], end: date, weeks: int) -> Consistency:
    columns = calendar_columns(end, weeks)
    trained = [any(d in days for d in column if d is not None) for column in columns]
    first, last = columns[0][0] or end, end  # the first column's Monday is never after `end`
    longest = run = 0
    for flag in trained:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    current = 0
    # The current week may simply not have had its training yet: it never breaks a streak.
    for index, flag in enumerate(reversed(trained)):
        if flag:
            current += 1
        elif index > 0:
            break
    return Consistency(
        training_days=sum(1 for d in days if first <= d <= last),
        weeks=weeks,
        weeks_trained=sum(trained),
        current_streak_weeks=current,
        longest_streak_weeks=longest,
    )
