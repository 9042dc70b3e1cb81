"""The cyclic garbage collector held off between Enter and "saved" on the screen.

A collection that starts there pauses the set's save and its frame: about 0.3 ms for
the youngest generation (one Enter in four), 3 ms for the next (one in fifty), which
is the Enter's p99 (bench_keypress). Held, the collection still happens, two frames
after the answer: "saved" is painted by then, and the lifter is reading it. Start-up's
objects are frozen already (BackTUI.settle_memory).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from textual.dom import DOMNode

# The frame with "saved" is painted inside the Enter's handler (screens/frame_now.py),
# the emptied line in Textual's next frame, the rest of the outcome a frame after that:
# the collector waits two frames' time, on a timer of its own.
AFTER_SECONDS = 2 / 60


class HeldCollector:
    def __init__(self) -> None:
        self.holds = 0
        self.was_enabled = False

    @contextmanager
    def held(self, node: DOMNode) -> Iterator[None]:
        """No collection in the block, nor for AFTER_SECONDS after it (`node` owns the timer)."""
        if not self.holds:
            self.was_enabled = gc.isenabled()
            gc.disable()
        self.holds += 1
        try:
            yield
        finally:
            node.set_timer(AFTER_SECONDS, self.release)

    def release(self) -> None:
        self.holds -= 1
        if not self.holds and self.was_enabled:
            gc.enable()


collector = HeldCollector()
