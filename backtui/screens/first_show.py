"""A screen's first show, without styling its widgets a second time."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


def first_show(screen: Screen, event: events.ScreenResume) -> bool:
    """Call from the screen's on_screen_resume (it runs before Textual's own handler).
    True the first time the screen is shown.

    Textual restyles every widget of a screen each time it is shown. The first time,
    that repeats the styling each widget got as it was mounted a moment before, with
    the same stylesheet and classes: the tracker's ~40 widgets cost several ms of the
    start-up this way. Later shows restyle as usual (the theme, the terminal's size or
    the lifter's settings may have changed while another screen was on top)."""
    if getattr(screen, "_backtui_shown", False):
        return False
    screen._backtui_shown = True  # type: ignore[attr-defined]
    event.refresh_styles = False
    return True
