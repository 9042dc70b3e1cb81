"""One line saying what the history is narrowed to."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from backtui.domain.inert import visible_line
from backtui.widgets.inert import markup_escaped


def _shorten(text: str, room: int) -> str:
    return text if len(text) <= room else text[:max(1, room - 1)] + "…"


def filter_parts(exercise: str, note: str, routine: str, dates: str,
                 width: int) -> tuple[list[tuple[str, str]], str]:
    """(label, value) pairs and the separator that fit `width` columns, plainest last:
    labelled with the note, then without the note, then unlabelled, then with the
    names shortened (dates are never cut: they are the narrowest and the most exact)."""
    exercise, routine_text, dates_text = exercise or "none", routine or "any", dates or "all time"

    def length(parts: list[tuple[str, str]], sep: int) -> int:
        return sum(len(label) + bool(label) + len(value) for label, value in parts) + sep * (len(parts) - 1)

    labelled = [("Exercise", f"{exercise} {note}".strip()), ("Routine", routine_text), ("Dates", dates_text)]
    if length(labelled, 5) <= width:
        return labelled, "  ·  "
    labelled[0] = ("Exercise", exercise)
    if length(labelled, 3) <= width:
        return labelled, " · "
    bare = [("", exercise), ("", routine or "any routine"), ("", dates or "all dates")]
    spare = width - length(bare, 3)
    if spare < 0:  # cut the longer name first, keeping at least 8 columns of each
        for index in sorted((0, 1), key=lambda i: -len(bare[i][1])):
            value = bare[index][1]
            room = max(8, len(value) + spare)
            spare += len(value) - len(_shorten(value, room))
            bare[index] = ("", _shorten(value, room))
    return bare, " · "


class FilterBar(Static):
    """Attributes in, text out: the screen sets `exercise` (with `note`, e.g. what the
    workout list shows), `routine` and `dates`. It fits its width, dropping words first."""

    exercise: reactive[str] = reactive("")
    note: reactive[str] = reactive("")
    routine: reactive[str] = reactive("")
    dates: reactive[str] = reactive("")

    def render(self) -> str:
        width = self.content_size.width or 78
        parts, separator = filter_parts(visible_line(self.exercise), self.note, visible_line(self.routine),
                                        self.dates, width)
        return separator.join(f"[b]{label}[/b] {markup_escaped(value)}" if label else markup_escaped(value) for label, value in parts)

    def on_resize(self) -> None:
        self.refresh()
