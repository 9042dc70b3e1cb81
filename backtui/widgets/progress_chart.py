"""A line chart of an exercise's estimated 1RM and top set weight over time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual_plotext import PlotextPlot

from backtui.domain.history import ExerciseSession, SeriesPoint, thin_series
from backtui.domain.inert import visible_line
from backtui.domain.units import from_kg

DATE_LABEL = 10  # 'YYYY-MM-DD'
# Columns between two ticks. plotext places tick labels in an order of its own (a set
# of (tick, label) pairs, so it changes with the process's hash seed) and moves a label
# aside from one placed before it within a label's width; an end label is moved inward
# by half its width. Ticks this far apart never meet, so the axis is the same in every run.
TICK_SPACING = 2 * DATE_LABEL + 2
Y_LABELS = 10  # the y-axis labels and their axis line ('1,152.5┤'), and the frame


def day_axis(days: Sequence[date], width: int) -> tuple[tuple[int, int], list[int], list[str]]:
    """The x-axis for these days as (left, right) day numbers, tick positions and
    their labels. Days are plotted as numbers, not plotext dates: plotext spreads a
    single day over decades ('1963-06-11 ... 2090-04-27') and repeats one label on
    two adjacent days. One day gets a day either side and its own tick; otherwise
    ticks fall on whole days, as many as fit in `width` columns TICK_SPACING apart,
    never repeated (at least the first and the last day; only the last day when the
    chart is too narrow for two labels)."""
    numbers = sorted({d.toordinal() for d in days})
    first, last = numbers[0], numbers[-1]
    if first == last:
        return (first - 1, last + 1), [first], [date.fromordinal(first).isoformat()]
    canvas = width - Y_LABELS
    if canvas < TICK_SPACING:
        return (first, last), [last], [date.fromordinal(last).isoformat()]
    slots = max(2, min(len(numbers), canvas // TICK_SPACING + 1))
    spread = sorted({round(first + (last - first) * i / (slots - 1)) for i in range(slots)})
    # Whole days can bring two ticks closer than planned: keep those TICK_SPACING apart.
    columns_a_day = canvas / (last - first)
    ticks: list[int] = []
    for tick in spread:
        if not ticks or (tick - ticks[-1]) * columns_a_day >= TICK_SPACING:
            ticks.append(tick)
    if ticks[-1] != last:  # the last day is always labelled: it replaces a tick too close to it
        if (last - ticks[-1]) * columns_a_day < TICK_SPACING:
            ticks.pop()
        ticks.append(last)
    return (first, last), ticks, [date.fromordinal(t).isoformat() for t in ticks]


class ProgressChart(PlotextPlot):
    """Set `show(...)`; it redraws to its own size. Points are thinned to about two per
    column, keeping each bucket's highest values, so ten years stay readable."""

    def show(self, title: str, sessions: Sequence[ExerciseSession], unit: str) -> None:
        # plotext draws with escape sequences that are read back as such: a name's own
        # would be read too, so it goes in spelled out.
        self._title, self._sessions, self._unit = visible_line(title), list(sessions), unit
        self._draw()

    def on_resize(self) -> None:
        if hasattr(self, "_sessions"):
            self._draw()

    def _series(self, points: Sequence[tuple[str, float]], label: str) -> None:
        self.plt.plot([date.fromisoformat(d).toordinal() for d, _ in points], [v for _, v in points],
                      label=label, marker="braille")

    def _axis(self, days: Sequence[str]) -> None:
        (left, right), ticks, labels = day_axis([date.fromisoformat(d) for d in days], self.size.width or 80)
        self.plt.xlim(left, right)
        self.plt.xticks([float(t) for t in ticks], labels)

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        points: list[SeriesPoint] = [
            (s.date,
             from_kg(s.e1rm_kg, self._unit) if s.e1rm_kg is not None else None,
             from_kg(s.top_weight_kg, self._unit) if s.top_weight_kg is not None else None)
            for s in self._sessions
        ]
        width = max(10, self.size.width * 2) if self.size.width else 200
        e1rm: list[tuple[str, float]] = []
        top: list[tuple[str, float]] = []
        for day, *values in thin_series(points, width):
            best, heaviest = values
            if best is not None:
                e1rm.append((day, best))
            if heaviest is not None:
                top.append((day, heaviest))
        if not e1rm and not top:
            held: list[SeriesPoint] = [(s.date, s.hold_s) for s in self._sessions if s.hold_s]
            holds = [(day, values[0]) for day, *values in thin_series(held, width) if values[0] is not None]
            if holds:
                plt.title(f"{self._title}: longest hold (s)")
                self._series(holds, "hold")
                self._axis([d for d, _ in holds])
            else:
                plt.title(f"{self._title}: nothing to chart yet")
            self.refresh()
            return
        plt.title(f"{self._title} ({self._unit})")
        if e1rm:
            self._series(e1rm, "e1RM (estimate)")
        if top:
            self._series(top, "top set")
        self._axis([d for d, _ in e1rm + top])
        self.refresh()
