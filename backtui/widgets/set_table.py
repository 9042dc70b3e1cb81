"""Today's sets of the current exercise, with keys to edit and delete one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from backtui.domain.formatting import format_set
from backtui.domain.models import LoggedSet, SET_KINDS


class SetTable(DataTable):
    BINDINGS = [
        Binding("e,enter", "edit", "Edit set", tooltip="Load the set into the entry line to change it"),
        Binding("d,delete", "delete", "Delete set", tooltip="Delete the set (ctrl+z brings it back)"),
        Binding("exclamation_mark,f", "flag", "Form broke", tooltip="Flag or unflag: technique broke on this set"),
        Binding("escape", "leave", "Back to entry", show=False),
    ]

    class EditRequested(Message):
        def __init__(self, set_id: int) -> None:
            super().__init__()
            self.set_id = set_id

    class DeleteRequested(Message):
        def __init__(self, set_id: int) -> None:
            super().__init__()
            self.set_id = set_id

    class FormToggled(Message):
        def __init__(self, set_id: int) -> None:
            super().__init__()
            self.set_id = set_id

    class Left(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)

    def on_mount(self) -> None:
        self.add_column("#", key="n", width=3)
        self.add_column("Set", key="set")
        self.add_column("Kind", key="kind")
        self.add_column("Note", key="note")

    def show(self, sets: Sequence[LoggedSet], measure: str, unit: str) -> None:
        self.clear()
        for s in sets:
            # Text cells are not parsed as markup, so notes show exactly as typed.
            self.add_row(
                str(s.set_number),
                Text(format_set(s, measure, unit)),
                SET_KINDS.get(s.kind, s.kind),
                Text(s.note),
                key=str(s.id),
            )
        if sets:
            self.move_cursor(row=len(sets) - 1)

    def _selected(self) -> int | None:
        if not self.row_count:
            return None
        return int(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def action_edit(self) -> None:
        if (set_id := self._selected()) is not None:
            self.post_message(self.EditRequested(set_id))

    def action_delete(self) -> None:
        if (set_id := self._selected()) is not None:
            self.post_message(self.DeleteRequested(set_id))

    def action_flag(self) -> None:
        if (set_id := self._selected()) is not None:
            self.post_message(self.FormToggled(set_id))

    def action_leave(self) -> None:
        self.post_message(self.Left())
