"""Ask for one line of text (a profile's name); the caller's check says what is wrong."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.widgets.inert import UserInput, markup_escaped, user_text


class NamePromptScreen(ModalScreen[str | None]):
    """Dismisses with the accepted text, or None on Escape. `check(text)` returns the
    text to use or raises ValueError with the problem in words."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, check: Callable[[str], str], value: str = "", max_length: int = 40) -> None:
        super().__init__()
        self.title_text = title
        self.check = check
        self.value = value
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(user_text(self.title_text), classes="dialog-title")
            yield UserInput(self.value, id="prompt-input", max_length=self.max_length, select_on_focus=True)
            yield Static("", id="prompt-error", classes="dialog-error")
            yield Label("[b]Enter[/b] saves · [b]Esc[/b] cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def submitted(self, event: Input.Submitted) -> None:
        try:
            accepted = self.check(event.value)
        except ValueError as exc:
            self.query_one("#prompt-error", Static).update(markup_escaped(str(exc)))
            return
        self.dismiss(accepted)

    def action_cancel(self) -> None:
        self.dismiss(None)
