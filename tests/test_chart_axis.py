"""The progress chart's date axis is the same in every run.

plotext keeps x ticks in a set of (tick, label) pairs, so the order it places their
labels in follows the process's hash seed, and a label placed close to one before it
is moved aside: the same history drew its dates one column apart from run to run (a
screen snapshot caught it). day_axis spaces ticks so that no label meets another.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import plotext._utility as plotext_utility
import pytest
from textual_plotext.plot import Plot

from backtui.widgets.progress_chart import day_axis

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def drawn(days: list[date], width: int, reverse: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    """The chart plotext draws for `days`, its tick labels placed in ascending or descending order."""
    brush = plotext_utility.brush

    def ordered(*lists):
        kept = brush(*lists)
        if len(lists) != 2:  # the data points: not labels
            return kept
        pairs = sorted(zip(*kept), reverse=reverse)
        return [[tick for tick, _ in pairs], [label for _, label in pairs]]

    monkeypatch.setattr(plotext_utility, "brush", ordered)
    (left, right), ticks, labels = day_axis(days, width)
    plot = Plot()  # what the chart widget draws with, at any width (plotext alone stops at the terminal's)
    plot.plot([d.toordinal() for d in days], [100 + i for i in range(len(days))], marker="braille")
    plot.xlim(left, right)
    plot.xticks([float(t) for t in ticks], labels)
    plot.plotsize(width, 10)
    plot._set_size(width, 10)  # as PlotextPlot.render does: plotsize alone stops at the terminal width
    text = ANSI.sub("", plot.build())
    monkeypatch.setattr(plotext_utility, "brush", brush)
    return text


@pytest.mark.parametrize("span_days", [1, 9, 30, 88, 400, 3000])
def test_the_axis_does_not_depend_on_the_order_plotext_places_labels_in(span_days: int, monkeypatch):
    start = date(2026, 1, 5)
    days = sorted({start + timedelta(days=round(span_days * i / 15)) for i in range(16)})
    for width in range(16, 170, 3):
        first = drawn(days, width, False, monkeypatch)
        assert drawn(days, width, True, monkeypatch) == first, f"width {width}:\n{first}"
        shown = [label for label in day_axis(days, width)[2] if label in first]
        assert shown, f"no date shown at width {width}"
