"""Tracker keys for fixing mistakes: edit or delete a logged set, and undo."""

from __future__ import annotations

from dataclasses import replace

from textual.markup import escape

from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.formatting import entry_text
from backtui.storage.errors import StorageError
from backtui.widgets.set_table import SetTable


class EditingMixin:
    """Mixed into TrackerScreen; uses its sets, store, entry line and status."""

    def on_set_table_delete_requested(self, event: SetTable.DeleteRequested) -> None:
        self.delete_set(event.set_id)

    def on_set_table_edit_requested(self, event: SetTable.EditRequested) -> None:
        chosen = next((s for s in self.sets if s.id == event.set_id), None)
        if chosen is None:
            return
        self.editing = chosen
        entry = self.part("#entry")
        entry.value = entry_text(chosen, self.exercise.measure, chosen.unit)
        entry.cursor_position = len(entry.value)
        entry.focus()
        self.show_status()

    def on_set_table_form_toggled(self, event: SetTable.FormToggled) -> None:
        """Flag (or unflag) a set whose technique broke down: it holds the weight back."""
        chosen = next((s for s in self.sets if s.id == event.set_id), None)
        if chosen is None:
            return
        draft = replace(chosen.draft(), form_broke=not chosen.form_broke)
        try:
            updated = self.store.update_set(chosen.id, draft)
        except StorageError as exc:
            self.show_error(f"Not saved: {exc}")
            return
        self.undo.push_edit(chosen)
        self.sets = [updated if s.id == chosen.id else s for s in self.sets]
        flag = "flagged: form broke" if updated.form_broke else "form flag removed"
        self.show_today(f"[$success]✓ saved[/] set {updated.set_number} {flag}")

    def on_set_table_left(self, event: SetTable.Left) -> None:
        entry = self.part("#entry")
        entry.focus()
        if event.typed:
            entry.insert_text_at_cursor(event.typed)

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.editing = None
            self.part("#entry").value = ""
            self.show_status()

    def save_edit(self, text: str) -> None:
        before = self.editing
        exercise = self.exercise
        try:
            drafts = parse_entry(text, exercise.measure, before.unit, exercise.name, default_kind=before.kind)
        except EntryError as exc:
            self.show_error(str(exc))
            return
        if len(drafts) != 1:
            self.show_error("An edit changes one set: type a single set")
            return
        try:
            updated = self.store.update_set(before.id, drafts[0])
        except StorageError as exc:
            self.show_error(f"Not saved: {exc}")
            return
        self.sets = [updated if s.id == before.id else s for s in self.sets]
        self.undo.push_edit(before)
        self.editing = None
        self._bests.pop(exercise.slug, None)
        self.part("#entry").value = ""
        self.clear_error()
        self.show_today(f"[$success]✓ saved[/] set {updated.set_number} changed")

    def delete_set(self, set_id: int) -> None:
        chosen = next((s for s in self.sets if s.id == set_id), None)
        if chosen is None:
            return
        try:
            self.store.delete_set(set_id)
        except StorageError as exc:
            self.show_error(f"Not deleted: {exc}")
            return
        self.undo.push_delete(chosen)
        self.reload_sets()
        self.show_status(f"deleted set {chosen.set_number} (ctrl+z brings it back)")

    def reload_sets(self) -> None:
        self.sets = self.store.workout_sets(self.workout.id)
        self._bests.clear()
        self.show_today()
        self.show_exercise_plan()

    def action_undo(self) -> None:
        undoing_a_log = self.undo.newest_kind == "log"
        try:
            message = self.undo.undo(self.store)
        except StorageError as exc:
            self.show_error(f"Undo failed: {exc}")
            return
        if message is None:
            self.show_status("nothing to undo")
            return
        if undoing_a_log:
            self.part("#rest").stop_quietly()  # the rest was for the set taken back
        self.cancel_edit()
        self.reload_sets()
        self.show_status(f"undone: {escape(message)}")
