"""One line saying what the history is narrowed to."""

from __future__ import annotations

from textual.markup import escape
from textual.reactive import reactive
from textual.widgets import Static


class FilterBar(Static):
    """Attributes in, text out: the screen sets `exercise`, `routine` and `dates`."""

    exercise: reactive[str] = reactive("")
    routine: reactive[str] = reactive("")
    dates: reactive[str] = reactive("")

    def render(self) -> str:
        parts = [
            f"[b]Exercise[/b] {escape(self.exercise) or 'none'}",
            f"[b]Routine[/b] {escape(self.routine) or 'any'}",
            f"[b]Dates[/b] {escape(self.dates) or 'all time'}",
        ]
        return "  ·  ".join(parts)
