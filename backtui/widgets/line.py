"""A line of text that repaints only when it changes, with user text kept as typed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from backtui.widgets.inert import user_markup


class Line(Static):
    """`show("[dim]Last time:[/] $sets", sets=text)`: the template is markup, the values
    are plain text dropped in after parsing, so a note with `[` or `\\` shows exactly as
    typed (escape() doubles some backslashes). Showing the same thing twice costs nothing:
    fewer bytes over an SSH link."""

    _shown: tuple | None = None

    def show(self, template: str = "", **values: str) -> None:
        key = (template, tuple(sorted(values.items())))
        if key == self._shown:
            return
        self._shown = key
        self.update(user_markup(template, **values) if values else template)


def markup(template: str, **values: str) -> Content:
    """Markup with user text dropped in as plain values: `markup("[b]$name[/b]", name=n)`.
    Use it wherever a name, note or typed text meets markup (widgets.inert.user_markup:
    control characters in the values are spelled out too)."""
    return user_markup(template, **values)
