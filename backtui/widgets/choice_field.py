"""One line that holds one of a few values: ←/→ (or space) step through them, a
letter jumps to the next value starting with it. No drop-down, so it fits 80x24."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.binding import Binding
from textual.markup import escape
from textual.message import Message
from textual.widgets import Static


class ChoiceField(Static, can_focus=True):
    BINDINGS = [
        Binding("right,space", "step(1)", "Next value", show=False),
        Binding("left", "step(-1)", "Previous value", show=False),
    ]

    class Changed(Message):
        def __init__(self, field: ChoiceField, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(self, options: Sequence[tuple[str, str]], value: str | None = None, **kwargs) -> None:
        """`options`: (value, label) pairs, in the order ←/→ walks them."""
        super().__init__(**kwargs)
        self.options = list(options)
        values = [v for v, _ in self.options]
        self.position = values.index(value) if value in values else 0

    @property
    def value(self) -> str:
        return self.options[self.position][0]

    @value.setter
    def value(self, value: str) -> None:
        values = [v for v, _ in self.options]
        if value in values:
            self.position = values.index(value)
            self._show()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        label = escape(self.options[self.position][1])
        self.update(f"◂ {label} ▸" if len(self.options) > 1 else label)

    def action_step(self, delta: int) -> None:
        if len(self.options) > 1:
            self.position = (self.position + delta) % len(self.options)
            self._show()
            self.post_message(self.Changed(self, self.value))

    def on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if not char.isalnum():
            return
        count = len(self.options)
        for step in range(1, count + 1):
            index = (self.position + step) % count
            if self.options[index][1].lower().startswith(char):
                event.stop()
                self.position = index
                self._show()
                self.post_message(self.Changed(self, self.value))
                return
