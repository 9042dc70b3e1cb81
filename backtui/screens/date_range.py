"""A modal asking for a date range; each end may be empty (open) or relative (12w)."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.domain.history import DateBoundError, parse_date_bound


class DateRangeScreen(ModalScreen[tuple[date | None, date | None] | None]):
    """Dismisses with (since, until), or None on escape. Enter in the first box moves on;
    Enter in the second applies. A bad entry is explained and nothing is applied."""

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: date, since: date | None = None, until: date | None = None):
        super().__init__()
        self.today = today
        self.since, self.until = since, until

    def compose(self) -> ComposeResult:
        with Vertical(id="dates-box", classes="modal-box"):
            # A Static wraps where a Label (width auto) would be cut in the box.
            yield Static("Dates: YYYY-MM-DD, or 30d, 12w, 6m, 1y back from today; empty = open", classes="modal-title")
            yield Label("From")
            yield Input(value=self.since.isoformat() if self.since else "", placeholder="e.g. 12w", id="since")
            yield Label("To (inclusive)")
            yield Input(value=self.until.isoformat() if self.until else "", placeholder="empty = today", id="until")
            yield Label("", id="dates-error")

    @on(Input.Submitted, "#since")
    def next_box(self) -> None:
        self.query_one("#until", Input).focus()

    @on(Input.Submitted, "#until")
    def apply(self) -> None:
        try:
            since = self._read("since")
            until = self._read("until")
        except DateBoundError as exc:
            self.query_one("#dates-error", Label).update(str(exc))
            return
        if since and until and since > until:
            self.query_one("#dates-error", Label).update("'From' is after 'To'")
            return
        self.dismiss((since, until))

    def _read(self, box: str) -> date | None:
        text = self.query_one(f"#{box}", Input).value.strip()
        return parse_date_bound(text, self.today) if text else None

    def action_cancel(self) -> None:
        self.dismiss(None)
