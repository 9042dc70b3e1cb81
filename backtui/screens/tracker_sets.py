"""The tracker's keys on today's sets and undo, kept out of screens/tracker.py (at
its size limit): each is a command of the live workout, sent as any other."""

from __future__ import annotations

from textual.screen import Screen

from backtui.widgets.set_table import SetTable


class TodaysSets(Screen):
    # self.send, self.entry and self.focus_entry are TrackerScreen's.
    def on_set_table_edit_requested(self, event: SetTable.EditRequested) -> None:
        self.send(lambda live: live.begin_edit(event.set_id), then=self.focus_entry)  # type: ignore[attr-defined]

    def on_set_table_delete_requested(self, event: SetTable.DeleteRequested) -> None:
        self.send(lambda live: live.delete(event.set_id))  # type: ignore[attr-defined]

    def on_set_table_form_toggled(self, event: SetTable.FormToggled) -> None:
        self.send(lambda live: live.toggle_form(event.set_id))  # type: ignore[attr-defined]

    def on_set_table_left(self, event: SetTable.Left) -> None:
        entry = self.entry  # type: ignore[attr-defined]
        entry.focus()
        if event.typed:
            entry.insert_text_at_cursor(event.typed)

    def action_undo(self, redo: bool = False) -> None:
        self.send(lambda live: live.redo_last() if redo else live.undo_last())  # type: ignore[attr-defined]
