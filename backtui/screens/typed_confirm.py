"""Confirm something that cannot be undone by typing a name (deleting a lifter)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.domain.inert import visible_line
from backtui.widgets.inert import UserInput, user_markup, user_text


class TypedConfirmScreen(ModalScreen[bool]):
    """Dismisses with True once `expected` is typed (case does not matter), False on Escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, question: str | Content, expected: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.expected = expected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(user_text(self.title_text), classes="dialog-title")
            yield Static(self.question)
            yield UserInput(placeholder=visible_line(f"type {self.expected} to confirm"), id="typed-name")
            yield Static("", id="typed-error", classes="dialog-error")
            yield Label("[b]Enter[/b] confirms · [b]Esc[/b] keeps everything", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#typed-name")
    def typed(self, event: Input.Submitted) -> None:
        # The field spells out control characters: the name is compared as it is shown.
        if event.value.strip().casefold() in (self.expected.casefold(), visible_line(self.expected).casefold()):
            self.dismiss(True)
            return
        self.query_one("#typed-error", Static).update(
            user_markup("That is not $name: type the name, or Esc to keep it.", name=self.expected))

    def action_cancel(self) -> None:
        self.dismiss(False)
