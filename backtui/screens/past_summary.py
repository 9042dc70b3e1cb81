"""The finish summary of a past workout, reopened from History's workout view (s)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from backtui.core.views import Words
from backtui.widgets.quiet_footer import QuietFooter
from backtui.widgets.words import lines_content


class PastSummaryScreen(ModalScreen[None]):
    """The finish summary of a past workout, reopened from its detail (s)."""

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "close", "Back"), Binding("q", "close", "Back", show=False)]

    def __init__(self, lines: tuple[Words, ...]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="workout-detail", classes="modal-box"):
            yield Static(lines_content(self.lines), id="summary-body")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#workout-detail").focus()

    def action_close(self) -> None:
        self.dismiss(None)
