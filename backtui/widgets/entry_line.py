"""The one-line set entry. Up and Down nudge the suggested weight instead of moving."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class EntryLine(Input):
    BINDINGS = [
        Binding("up", "nudge(1)", "Weight +", show=False, tooltip="Raise the next set's weight one step"),
        Binding("down", "nudge(-1)", "Weight -", show=False, tooltip="Lower the next set's weight one step"),
        Binding("escape", "cancel", "Cancel", show=False, tooltip="Cancel an edit, skip the rest, or clear"),
    ]

    class Cancelled(Message):
        """Escape in the entry line; the screen decides what it cancels."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    class Nudged(Message):
        def __init__(self, steps: int) -> None:
            super().__init__()
            self.steps = steps

    def action_nudge(self, steps: int) -> None:
        self.post_message(self.Nudged(steps))
