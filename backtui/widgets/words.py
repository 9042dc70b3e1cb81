"""Lines the workout core words (backtui.core.views.Words), shown inert.

Every part goes through user_text: the lifter's names and notes sit in these lines,
so nothing in them is read as markup and control characters are spelled out. A tone
becomes the theme's style here, the one place that knows the theme.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from backtui.core.views import Tone, Words
from backtui.widgets.inert import user_text

STYLES: dict[Tone, str] = {
    "plain": "", "dim": "dim", "strong": "bold", "success": "bold $success", "warning": "bold $warning",
    "error": "$error", "accent": "bold $accent",
}


def words_content(words: Words, *, one_line: bool = True) -> Content:
    parts = []
    for text, tone in words:
        part = Content.from_rich_text(user_text(text, one_line=one_line))
        parts.append(part.stylize(STYLES[tone]) if STYLES[tone] else part)
    return Content("").join(parts)


def lines_content(lines: Sequence[Words]) -> Content:
    return Content("\n").join(words_content(line) for line in lines)


class WordsLine(Static):
    """A line (or a few) that repaints only when what it shows changes: fewer bytes
    over an SSH link."""

    _shown: tuple[Words, ...] | None = None

    def show(self, *lines: Words) -> None:
        if lines == self._shown:
            return
        self._shown = lines
        # A line of fixed height and a width not set by its text keeps its size whatever
        # it says: repaint it alone, without laying the whole screen out again.
        height, width = self.styles.height, self.styles.width
        sized = height is not None and not height.is_auto and (width is None or not width.is_auto)
        self.update(lines_content(lines), layout=not sized)
