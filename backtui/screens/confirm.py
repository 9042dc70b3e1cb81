"""A yes/no question in a modal: y or Enter says yes, n or Escape says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True (yes) or False (no). `question` is markup: escape user text."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, question: str | Content) -> None:
        super().__init__()
        self.title_text = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question)
            yield Label("[b]y[/b] yes · [b]n[/b] or [b]Esc[/b] no", classes="dialog-help")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
