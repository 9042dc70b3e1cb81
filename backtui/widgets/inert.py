"""User text for Textual widgets: a rich Text, never a markup string.

Textual parses a plain `str` in a DataTable cell, a Static, a notification or a
palette entry as content markup, where `[@click=app.quit]` is a live action.
A `Text` is taken as it is; `visible` also spells out control characters.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from backtui.domain.inert import visible, visible_line


def user_text(text: str, style: str | Style = "", *, one_line: bool = True) -> Text:
    """A lifter's or a file's text, shown literally."""
    return Text(visible_line(text) if one_line else visible(text), style=style)
