"""The one-line set entry. Up and Down nudge the suggested weight instead of moving."""

from __future__ import annotations

import unicodedata
from typing import Protocol, runtime_checkable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input


@runtime_checkable
class LineTaker(Protocol):
    """A screen that takes the line on Enter itself (the tracker)."""

    def take_line(self, line: EntryLine) -> None: ...


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
        kwargs.setdefault("compact", True)  # the box around it is EntryBox's: a key repaints one row
        # Coming back to the line must not select what is there: the next key would replace it.
        super().__init__(select_on_focus=False, **kwargs)
        # No blink unless the lifter's settings ask (the app sets it on focus): a blinking
        # cursor sends bytes twice a second, all workout long, over an SSH link.
        self.set_reactive(Input.cursor_blink, False)
        self._earlier: list[str] = []  # the line before each edit, newest last
        self._shown = ""
        self._quiet = False  # the screen is changing the line: no Changed message

    def set_quietly(self, text: str) -> None:
        """The screen's own change to the line (emptied once its set is saved, or at
        once when the answer is late; a line put back, a set to edit). No Changed
        message: that is about the lifter typing, and each one hops through every
        container up to the screen, between Enter and "saved". The line's undo
        history follows as it would for a Changed."""
        before = self._shown
        self._quiet = True
        try:
            self.value = text
        finally:
            self._quiet = False
        self.cursor_position = len(text)
        self._shown = text
        if not text:
            self._earlier.clear()
        elif before != text and (not self._earlier or self._earlier[-1] != before):
            self._earlier.append(before)

    def post_message(self, message: Message) -> bool:
        if self._quiet and isinstance(message, Input.Changed):
            return True
        return super().post_message(message)

    # Typing changes the line's virtual (scrollable) width; Textual would lay the whole
    # screen out for it. The line's own size is fixed (one row, 50 columns): record the
    # new width and repaint the line alone.
    @property
    def virtual_size(self) -> Size:
        return Widget.virtual_size.__get__(self, type(self))

    @virtual_size.setter
    def virtual_size(self, size: Size) -> None:
        if self.is_mounted and size.height == self.virtual_size.height:
            self.set_reactive(Widget.virtual_size, size)
            self.refresh()
        else:
            Widget.virtual_size.__set__(self, size)

    def _on_input_changed(self, event: Input.Changed) -> None:
        """Remember the line before each edit; letters typed one after another (a
        word) are one edit. A line emptied (a set logged) forgets its history."""
        before, after = self._shown, event.value
        if before == after or after != self.value:
            return  # or stale: the line changed again since (keys read together with Enter)
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
        if event.key == "enter":
            # Input's own binding, taken here: the key would otherwise bubble through
            # every container up to the app before the binding is looked up (a
            # millisecond between Enter and "saved"). No ancestor handles Enter itself;
            # priority bindings were checked before the key reached this line. The
            # tracker takes the line at once: a Submitted message would hop through
            # every container on its way up to it. Enter is taken here, in the line's
            # own queue, after every key typed before it.
            event.stop()
            event.prevent_default()
            if isinstance(self.screen, LineTaker):
                self.screen.take_line(self)
            else:
                await self.action_submit()
            return
        # The line's own keys (ctrl+u, ctrl+w, arrows, Esc...) run here, in the order typed.
        # As bindings they would run only once the key had bubbled up to the app, after
        # the characters and Enter read with it: ctrl+u 15 Enter in one read (a paste, a
        # slow link) cleared the line after taking '15'.
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
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


class EntryBox(Vertical):
    """The bordered box around the entry line. The border belongs to the box, not to
    the line: a typed key repaints the line's one row (about 130 bytes at 80
    columns), not the three rows of a bordered Input (about 900)."""

    def __init__(self, *, id: str = "entry") -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=f"{id}-box")
        self.line_id = id

    def compose(self) -> ComposeResult:
        yield EntryLine(id=self.line_id)
