"""Training days as a grid: one column per week, Monday to Sunday down, as many weeks
as fit the width (up to a year)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from backtui.domain.consistency import calendar_columns, month_labels

DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MAX_WEEKS = 53
CELL = 2  # characters per week column
LABEL = 4  # the day-name column


class TrainingCalendar(Widget, can_focus=False):
    days: reactive[frozenset[date]] = reactive(frozenset)
    end: reactive[date | None] = reactive(None)

    class Resized(Message):
        """The weeks shown changed with the width: words about them must follow."""

    def weeks_shown(self) -> int:
        width = self.size.width or 80
        return max(4, min(MAX_WEEKS, (width - LABEL) // CELL))

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def render(self) -> Text:
        if self.end is None:
            return Text("")
        columns = calendar_columns(self.end, self.weeks_shown())
        header = [" "] * (LABEL + CELL * len(columns))
        for index, name in month_labels(columns):
            at = LABEL + CELL * index
            # Only where it fits before the next label and the right edge: never wrapped.
            if at + len(name) <= len(header) and all(c == " " for c in header[at:at + len(name) + 1]):
                header[at:at + len(name)] = name
        text = Text("".join(header).rstrip() + "\n", style="bold", no_wrap=True, overflow="crop")
        for row in range(7):
            text.append(f"{DAY_NAMES[row]:<{LABEL}}", style="dim")
            for column in columns:
                day = column[row]
                if day is None:
                    text.append(" " * CELL)
                elif day in self.days:
                    text.append("■ ", style="bold green")
                else:
                    text.append("· ", style="dim")
            text.append("\n")
        text.append("■ trained  · rest", style="dim")
        return text

    def get_content_height(self, container, viewport, width: int) -> int:
        return 9
