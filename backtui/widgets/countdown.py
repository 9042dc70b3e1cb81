"""A countdown for rest and holds, driven by the app's clock so tests can fake time."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from backtui.domain.formatting import format_rest


class Countdown(Static):
    """Counts down `seconds`; posts Finished at zero or when stopped early. Idle, it
    shows nothing but keeps its line: starting and stopping never move the layout."""

    remaining: reactive[int] = reactive(0)

    class Finished(Message):
        """The countdown ended: at zero, or stopped `early` by the lifter, after
        `elapsed` seconds (the time actually held)."""

        def __init__(self, countdown: Countdown, purpose: str, elapsed: int, early: bool = False) -> None:
            super().__init__()
            self.countdown, self.purpose, self.elapsed, self.early = countdown, purpose, elapsed, early

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.purpose = ""
        self.total = 0
        self._started = 0.0
        self._ends = 0.0
        self._timer: Timer | None = None

    @property
    def running(self) -> bool:
        return self._timer is not None

    def _now(self) -> float:
        # The app's clock (tests fake it); the monotonic clock under any other app.
        clock: Callable[[], float] = getattr(self.app, "clock", time.monotonic)
        return clock()

    def start(self, seconds: int, purpose: str) -> None:
        self.stop_quietly()
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
        self.update("")

    def watch_remaining(self, remaining: int) -> None:
        if not self.running:
            return
        label = "Rest" if self.purpose == "rest" else "Hold"
        done = 1 - remaining / self.total if self.total else 1
        width = 20
        bar = "█" * round(done * width) + "░" * (width - round(done * width))
        hint = "esc skip · ^r +30s" if self.purpose == "rest" else "^t stop and log"
        self.update(f"{label} {format_rest(remaining)}  {bar}  {hint}")
