"""The one-line set entry. Up and Down nudge the suggested weight instead of moving."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class EntryLine(Input):
    BINDINGS = [
        Binding("up", "nudge(1)", "Weight +", show=False, tooltip="Raise the next set's weight one step"),
        Binding("down", "nudge(-1)", "Weight -", show=False, tooltip="Lower the next set's weight one step"),
        Binding("escape", "cancel", "Cancel", show=False, tooltip="Clear the line, cancel an edit, skip the rest"),
        # With text on the line, ctrl+z takes back the last word typed, never a logged set;
        # on an empty line it is the screen's undo.
        Binding("ctrl+z", "undo_text", "Undo",
                tooltip="Undo the last log, edit or delete (with text on the line: the typing)"),
    ]

    def __init__(self, **kwargs) -> None:
        # Coming back to the line must not select what is there: the next key would replace it.
        super().__init__(select_on_focus=False, **kwargs)
        self._earlier: list[str] = []  # the line before each edit, newest last
        self._shown = ""

    def _on_input_changed(self, event: Input.Changed) -> None:
        """Remember the line before each edit; letters typed one after another (a
        word) are one edit. A line emptied (a set logged) forgets its history."""
        before, after = self._shown, event.value
        if before == after:
            return
        self._shown = after
        if not after:
            self._earlier.clear()
            return
        typing_on = (len(after) == len(before) + 1 and after.startswith(before) and before
                     and not before[-1].isspace() and not after[-1].isspace())
        if not typing_on and (not self._earlier or self._earlier[-1] != before):
            self._earlier.append(before)

    async def action_undo_text(self) -> None:
        if not self.value:
            await self.run_action("screen.undo")
            return
        self.value = self._earlier.pop() if self._earlier else ""
        self._shown = self.value
        self.cursor_position = len(self.value)

    class Cancelled(Message):
        """Escape in the entry line; the screen decides what it cancels."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    class Nudged(Message):
        def __init__(self, steps: int) -> None:
            super().__init__()
            self.steps = steps

    async def _on_key(self, event: events.Key) -> None:
        # Input drops "format" characters typed one by one (the zero-width joiner
        # inside 🏋️‍♀️, right-to-left marks); a note must keep them as typed.
        character = event.character
        if character and len(character) == 1 and unicodedata.category(character) == "Cf":
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(character)
            return
        await super()._on_key(event)

    def action_nudge(self, steps: int) -> None:
        self.post_message(self.Nudged(steps))
