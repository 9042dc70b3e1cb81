"""The workout at a glance: every slot with done / current / skipped marks."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from backtui.core.views import PlanLine, Tone
from backtui.widgets.words import words_content


def slot_line(line: PlanLine) -> Content:
    """One slot: "▶ A1 Seated cable row 1/3"; the name may be the lifter's own: inert."""
    mark: tuple[str, Tone]
    if line.current:
        mark = ("▶", "accent")
    elif line.skipped:
        mark = ("–", "dim")
    elif line.done >= line.to_log:
        mark = ("✓", "success")
    else:
        mark = ("·", "dim")
    group: tuple[str, Tone] = (f"{line.superset} " if line.superset else "", "accent")
    if line.skipped:
        content = words_content((mark, (" ", "plain"), group, (line.name, "dim"), (" skipped", "dim")))
        return content.stylize("strike", 2 + len(group[0]), 2 + len(group[0]) + len(line.name))
    content = words_content((mark, (" ", "plain"), group, (line.name, "plain"), (f" {line.done}/{line.to_log}", "dim")))
    return content.stylize("bold") if line.current else content


class PlanList(Static):
    """Read-only list of the plan's lines, as the core gives them."""

    _shown: tuple[PlanLine, ...] | None = None

    def show(self, lines: Sequence[PlanLine]) -> None:
        if tuple(lines) == self._shown:
            return
        self._shown = tuple(lines)
        # Hidden (a narrow terminal): kept for when it shows, without laying the screen out.
        self.update(Content("\n").join(slot_line(line) for line in lines) if lines
                    else Content.from_markup("[dim]No exercises yet: ctrl+o adds one[/]"), layout=self.display)
