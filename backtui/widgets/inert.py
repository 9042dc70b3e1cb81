"""User text for Textual widgets: never parsed as markup, never drawn raw.

Textual parses a plain `str` in a DataTable cell, a Static, a Label, an Option, a
notification or a palette entry as content markup, where `[@click=app.quit]` is a
live action and `[link=...]` a live link. A `Text` or a `Content` is taken as it is;
`visible` also spells out the control characters a terminal would act on.

- `user_text(name)`: a cell, a label, an option: rich Text.
- `user_markup("[b]$name[/b]", name=name)`: markup of ours with user text dropped in.
- `markup_escaped(name)`: for the few places that take nothing but a markup string.
- `UserInput`: an Input whose value (typed, pasted or prefilled from the file) never
  holds a raw control character.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.widgets import Input

from backtui.domain.inert import visible, visible_line


def user_text(text: str, style: str | Style = "", *, one_line: bool = True) -> Text:
    """A lifter's or a file's text, shown literally."""
    return Text(visible_line(text) if one_line else visible(text), style=style)


def user_markup(template: str, **values: str) -> Content:
    """Our markup with user text as values: `user_markup("[b]$name[/b]", name=n)`. The
    values go in after parsing (a `[` or `\\` in them shows as typed) and spelled out."""
    return Content.from_markup(template, **{key: visible(value) for key, value in values.items()})


def markup_escaped(text: str) -> str:
    """User text for an API that parses every string it gets as markup (the command
    palette's prompts and help): spelled out on one line, then escaped."""
    return escape(visible_line(text))


def highlighted(matcher: Matcher, text: str) -> Content:
    """`text` with the letters a fuzzy search matched picked out, like Matcher.highlight,
    which reads its text as markup."""
    shown = visible_line(text)
    content = Content(shown)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class UserInput(Input):
    """An Input for names and notes: control characters pasted or loaded from the file
    are spelled out (`\\x1b`) in the value, so the field never draws them raw and the
    text saved is the text shown."""

    def validate_value(self, value: str) -> str:
        return visible_line(value)
