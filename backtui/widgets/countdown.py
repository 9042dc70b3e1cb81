"""A countdown for rest and holds, driven by the app's clock so tests can fake time."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import cast

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Static

from backtui.domain.formatting import format_rest

BAR = 20  # cells of the progress bar


class Countdown(Horizontal):
    """Counts down `seconds`; posts Finished at zero or when stopped early. Idle, it
    shows nothing but keeps its line: starting and stopping never move the layout.

    Three parts, each repainted only when it changes: the time ("Rest 1:59", once a
    second: a short update over SSH), the bar (once a twentieth of the rest) and the
    keys (when it starts)."""

    remaining: var[int] = var(0)  # a var: its parts repaint themselves, not the whole line

    class Finished(Message):
        """The countdown ended: at zero, or stopped `early` by the lifter, after
        `elapsed` seconds (the time actually held)."""

        def __init__(self, countdown: Countdown, purpose: str, elapsed: int, early: bool = False) -> None:
            super().__init__()
            self.countdown, self.purpose, self.elapsed, self.early = countdown, purpose, elapsed, early

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._texts = ["", "", ""]  # what each part shows
        self.purpose = ""
        self.total = 0
        self._started = 0.0
        self._ends = 0.0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="countdown-time")
        yield Static("", classes="countdown-bar")
        yield Static("", classes="countdown-keys")

    def _show(self, *texts: str) -> None:
        for index, (part, text) in enumerate(zip(self.children, texts, strict=True)):
            shown = self._texts[index]
            if shown != text:  # the same text again sends nothing
                self._texts[index] = text
                # As wide as before, or a part of fixed width (the rest's): repaint these
                # cells only, no layout of the screen.
                width = part.styles.width
                cast(Static, part).update(text, layout=len(shown) != len(text) and (width is None or width.is_auto))

    @property
    def text(self) -> str:
        """What the line says, parts joined ('' when idle)."""
        return "".join(self._texts)

    @property
    def running(self) -> bool:
        return self._timer is not None

    def _now(self) -> float:
        # The app's clock (tests fake it); the monotonic clock under any other app.
        clock: Callable[[], float] = getattr(self.app, "clock", time.monotonic)
        return clock()

    def start(self, seconds: int, purpose: str) -> None:
        if self._timer is not None:  # a new rest over the last one: the line is redrawn in place
            self._timer.stop()
        self.purpose, self.total = purpose, seconds
        self._started = self._now()
        self._ends = self._started + seconds
        self._timer = self.set_interval(0.25, self.tick)
        self.remaining = seconds
        self.watch_remaining(seconds)

    def extend(self, seconds: int) -> None:
        if self.running:
            self._ends += seconds
            self.total += seconds
            self.tick()

    def elapsed(self) -> int:
        return max(0, int(self._now() - self._started))

    def tick(self) -> None:
        if not self.running:
            return
        left = self._ends - self._now()
        if left <= 0:
            elapsed = self.total
            self._halt()
            self.post_message(self.Finished(self, self.purpose, elapsed))
            return
        # Only repaint when the shown second changes: fewer bytes over SSH.
        self.remaining = math.ceil(left)

    def stop(self) -> None:
        """Cut short by the lifter."""
        if self.running:
            elapsed = min(self.elapsed(), self.total)
            self._halt()
            self.post_message(self.Finished(self, self.purpose, elapsed, early=True))

    def stop_quietly(self) -> None:
        if self.running:
            self._halt()

    def _halt(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = None
        self._show("", "", "")

    def watch_remaining(self, remaining: int) -> None:
        if not self.running:
            return
        label = "Rest" if self.purpose == "rest" else "Hold"
        done = round((1 - remaining / self.total if self.total else 1) * BAR)
        hint = "esc skip · ^r +30s" if self.purpose == "rest" else "^t stop and log"
        self._show(f"{label} {format_rest(remaining)} ", "█" * done + "░" * (BAR - done) + "  ", hint)
