"""The workout was finished (or deleted) by another backtui or `backtui log`: nothing
more is logged into it. Start a new one with the same plan, or go back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from backtui.widgets.words import lines_content


class WorkoutEndedScreen(ModalScreen[bool]):
    """Dismisses with True (start a new workout) or False (back to the routines)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("enter,n", "answer(True)", "New workout"),
        Binding("escape", "answer(False)", "Back to routines"),
    ]

    def __init__(self, how: str) -> None:
        super().__init__()
        self.how = how

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("This workout has ended", classes="dialog-title")
            yield Static(lines_content([
                (("Another backtui or `backtui log` closed it: ", "plain"), (self.how, "strong"), (".", "plain")),
                (("Nothing more is logged into it; a line you typed stays in the entry line.", "plain"),),
            ]))
            # A Static wraps where a Label (width auto) would be cut at 80 columns.
            yield Static("[b]Enter[/b] start a new workout with the same plan · [b]Esc[/b] back to the routines",
                         classes="dialog-help")

    def action_answer(self, again: bool) -> None:
        self.dismiss(again)
