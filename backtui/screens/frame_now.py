"""Paint a key's changes in the key's own handler, and hand the frame to the terminal.

Textual paints a change on the screen's next idle moment: each changed widget hops
through its own message queue, then the screen's, then the screen's frame timer. On
Enter that round of messages cost about as long as saving the set (0.8 ms of the
Enter-to-"saved" time, bench_keypress). Then the frame is handed to Textual's output
thread, which needs the interpreter to write it; the UI loop keeps it while it works
through the messages the key left, so "saved" reached the terminal later again.

`paint_now` does what the frame timer would, at once, for a frame that needs no
layout (the tracker's Enter moves nothing: tests/test_enter_layout.py); with a
layout, a scroll, a restyle or a recompose pending, or a message on its way to the
screen, it leaves everything to Textual. It then lets go of the interpreter until
the output thread has taken the frame (at most HANDOFF_S: a terminal that stopped
reading never holds the screen), and a moment more.

Textual is pinned (pyproject.toml): this follows Screen._on_idle and
Screen._on_timer_update of 8.2.8.
"""

from __future__ import annotations

import time

from textual.screen import Screen
from textual.widget import Widget

HANDOFF_S = 0.002
READER_S = 0.0003
_PAUSE_S = 0.00005


def paint_now(screen: Screen[object]) -> bool:
    """Send the screen's pending repaints now; False when Textual should: the screen
    is not the one on top, or a layout, scroll, restyle or recompose is pending (asked
    for by a widget, or on its way to the screen in a message)."""
    app = screen.app
    if (app._batch_count or screen is not app.screen or screen._layout_required or screen._scroll_required
            or screen._recompose_required or screen._layout_widgets or not screen._message_queue.empty()):
        return False
    changed: list[Widget] = []
    for widget in screen.walk_children(Widget):
        if (widget._layout_required or widget._scroll_required or widget._refresh_styles_required
                or widget._recompose_required):
            return False
        if widget._repaint_required and widget.display:
            changed.append(widget)
    if not changed and not screen._dirty_widgets and not screen._repaint_required:
        return False
    for widget in changed:
        widget._repaint_required = False  # its idle handler would ask the screen again
    screen._dirty_widgets.update(changed)
    screen._on_timer_update()
    _hand_to_output(app)
    return True


def _hand_to_output(app: object) -> None:
    """Pause until Textual's output thread has taken the frame (it writes it, then
    lets go of the interpreter in the write itself)."""
    driver = getattr(app, "_driver", None)
    writer = getattr(driver, "_writer_thread", None)
    queue = getattr(writer, "_queue", None)
    if queue is None:
        return  # headless, or a driver that writes by itself
    deadline = time.perf_counter() + HANDOFF_S
    while queue.qsize() and time.perf_counter() < deadline:
        time.sleep(_PAUSE_S)
    # A moment more, for whoever reads the terminal (sshd, the terminal itself): woken
    # by the write, it gets this core while the UI loop waits, instead of waiting for
    # another one (bench_keypress p99 on 2 cores: 9.7 ms without, 8.0 ms with).
    time.sleep(READER_S)
