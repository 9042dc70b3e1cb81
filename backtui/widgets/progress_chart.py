"""A line chart of an exercise's estimated 1RM and top set weight over time."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

from backtui.domain.history import ExerciseSession, thin_series
from backtui.domain.units import from_kg


class ProgressChart(PlotextPlot):
    """Set `show(...)`; it redraws to its own size. Points are thinned to about two per
    column, keeping each bucket's highest values, so ten years stay readable."""

    def show(self, title: str, sessions: Sequence[ExerciseSession], unit: str) -> None:
        self._title, self._sessions, self._unit = title, list(sessions), unit
        self._draw()

    def on_resize(self) -> None:
        if hasattr(self, "_sessions"):
            self._draw()

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.date_form("Y-m-d")
        points = [
            (s.date,
             from_kg(s.e1rm_kg, self._unit) if s.e1rm_kg is not None else None,
             from_kg(s.top_weight_kg, self._unit) if s.top_weight_kg is not None else None)
            for s in self._sessions
        ]
        points = thin_series(points, max(10, self.size.width * 2) if self.size.width else 200)
        e1rm = [(day, value) for day, value, _ in points if value is not None]
        top = [(day, value) for day, _, value in points if value is not None]
        if not e1rm and not top:
            holds = [(s.date, s.hold_s) for s in self._sessions if s.hold_s]
            holds = thin_series(holds, max(10, self.size.width * 2) if self.size.width else 200)
            if holds:
                plt.title(f"{self._title}: longest hold (s)")
                plt.plot([d for d, _ in holds], [v for _, v in holds], label="hold", marker="braille")
            else:
                plt.title(f"{self._title}: nothing to chart yet")
            self.refresh()
            return
        plt.title(f"{self._title} ({self._unit})")
        if e1rm:
            plt.plot([d for d, _ in e1rm], [v for _, v in e1rm], label="e1RM (estimate)", marker="braille")
        if top:
            plt.plot([d for d, _ in top], [v for _, v in top], label="top set", marker="braille")
        self.refresh()
