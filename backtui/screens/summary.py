"""Finishing a workout: what it came to, new records, an optional note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.widgets.words import lines_content

if TYPE_CHECKING:
    from backtui.core.lifecycle import FinishView


class SummaryScreen(ModalScreen[str | None]):
    """Dismisses with the workout note ("" for none) to finish, or None to keep going.
    What finishing does is decided by the file when Enter is pressed: a workout
    with sets in it is never discarded."""

    BINDINGS = [
        Binding("escape", "back", "Keep going"),
        Binding("pagedown,ctrl+n", "scroll_body(1)", "More", show=False),
        Binding("pageup,ctrl+b", "scroll_body(-1)", "Back up", show=False),
    ]

    def __init__(self, summary: FinishView) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Label("Finish workout?", id="summary-title")
            # The body scrolls (PgUp/PgDn) so the note and the keys stay on an 80x24 screen.
            with VerticalScroll(id="summary-scroll", can_focus=False):
                yield Static(lines_content(self.summary.lines), id="summary-body")
            yield Input(placeholder="a note for this workout (optional)", id="summary-note")
            yield Label("Enter finishes and saves · Esc keeps going", id="summary-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#summary-scroll", VerticalScroll)
        body.scroll_page_down() if direction > 0 else body.scroll_page_up()
