"""What the small form dialogs share: the keys and a labelled row."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Label

# ctrl+s saves from anywhere; Enter on a choice line saves too (inputs submit);
# up/down walk the fields, as in any form.
FORM_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("ctrl+s", "save", "Save", priority=True),
    Binding("enter", "save", "Save", show=False),
    Binding("escape", "cancel", "Cancel"),
    Binding("down", "app.focus_next", "Next field", show=False),
    Binding("up", "app.focus_previous", "Previous field", show=False),
]


def form_row(label: str, field) -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), field, classes="form-row")
