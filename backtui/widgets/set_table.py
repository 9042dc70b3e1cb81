"""Today's sets of the current exercise, with keys to edit and delete one."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from backtui.core.views import SetRow
from backtui.widgets.inert import user_text


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
        """Back to the entry line; `typed` is a character that belongs there."""

        def __init__(self, typed: str = "") -> None:
            super().__init__()
            self.typed = typed

    def __init__(self, **kwargs) -> None:
        # The cursor shows while the table has the keys (Tab): a row appended while
        # typing in the entry line then restyles no other row.
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=False, **kwargs)
        self._rows: list[tuple] = []  # what is on screen, to add only what is new
        self._appending: list[int] = []  # indexes of rows being appended, while sizes are updated

    # A set logged adds a row under the others. DataTable sizes itself again, and a new
    # virtual size re-lays the whole screen out and repaints the whole table. When the
    # table's scrollbars stay as they are, only the new rows are painted: fewer bytes
    # over SSH and less time between Enter and "saved".
    @property
    def virtual_size(self) -> Size:
        return Widget.virtual_size.__get__(self, type(self))

    @virtual_size.setter
    def virtual_size(self, size: Size) -> None:
        shown = self.virtual_size
        window = self.scrollable_content_region.size
        # Rows appended, and the table overflows (or fits) its region as before in both
        # directions: its scrollbars stay as they are and nothing else on the screen
        # moves. The new rows are painted (all of them when the columns widened); once
        # rows overflow, the scrollbar learns the new height and scroll_end (show)
        # brings the newest in view.
        # A scrollbar shown already (make_room) stays: rows may then start to overflow.
        if (self._appending and window.width and window.height and size.height >= shown.height
                and (shown.width > window.width) == (size.width > window.width)
                and (self.show_vertical_scrollbar or (shown.height > window.height) == (size.height > window.height))):
            self.set_reactive(Widget.virtual_size, size)
            if size.height > window.height or size.width > window.width:
                self._scroll_update(size)
            if size.width != shown.width:
                self.refresh()
            else:
                for index in self._appending:
                    self.refresh_row(index)
            return
        Widget.virtual_size.__set__(self, size)

    def _update_dimensions(self, new_rows) -> None:
        self._appending = sorted(i for key in new_rows if (i := self._row_locations.get(key)) is not None)
        try:
            super()._update_dimensions(new_rows)
        finally:
            self._appending = []

    def on_focus(self) -> None:
        self.show_cursor = True
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    def on_blur(self) -> None:
        self.show_cursor = False

    def on_mount(self) -> None:
        self.add_column("#", key="n", width=3)
        self.add_column("Set", key="set")
        self.add_column("Kind", key="kind")
        self.add_column("Note", key="note")

    def show(self, sets: Sequence[SetRow]) -> bool:
        """Show these sets; True when that only added rows under the ones shown (or
        changed nothing), False when the table was drawn again."""
        rows = [(str(s.id), str(s.number), s.text, s.kind, s.note) for s in sets]
        appended = rows[: len(self._rows)] == self._rows
        if not appended:
            self.clear()  # an edit, a delete or another exercise: draw it all again
            self._rows = []
            self.styles.overflow_y = None  # make_room's scrollbar goes until this list fills up
        # Logging a set only appends: the rows already drawn are left alone (fewer
        # bytes over SSH, less time between Enter and "saved").
        for key, number, text, kind, note in rows[len(self._rows):]:
            # Text cells, never markup: notes show exactly as typed.
            self.add_row(number, user_text(text), kind, user_text(note), key=key)
        self._rows = rows
        if rows and self.has_focus:
            self.move_cursor(row=len(rows) - 1)
        elif rows:
            # The newest stays in view (a no-op while every row fits: nothing is sent).
            self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
        return appended

    def make_room(self) -> None:
        """The table is full: show its scrollbar now, after "saved" was painted, not
        on the Enter whose row overflows it. A scrollbar appearing lays the whole
        screen out (about 12 ms at 80x24), which that Enter would wait for."""
        window = self.scrollable_content_region.size
        if (window.height and self.virtual_size.height >= window.height and not self.show_vertical_scrollbar
                and self.styles.overflow_y == "auto"):
            self.styles.overflow_y = "scroll"

    def _selected(self) -> int | None:
        if not self.row_count:
            return None
        return int(str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value))  # keys are set ids

    def action_edit(self) -> None:
        if (set_id := self._selected()) is not None:
            self.post_message(self.EditRequested(set_id))

    def action_delete(self) -> None:
        if (set_id := self._selected()) is not None:
            self.post_message(self.DeleteRequested(set_id))

    async def _on_key(self, event) -> None:
        # Someone typing a set here meant the entry line: digits and the grammar's
        # signs go back there instead of being dropped (the letters are this list's keys).
        character = event.character
        if character and (character.isdigit() or character in "+-#@.,:"):
            event.stop()
            event.prevent_default()
            self.post_message(self.Left(character))
            return
        await super()._on_key(event)

    def action_flag(self) -> None:
        if (set_id := self._selected()) is not None:
            self.post_message(self.FormToggled(set_id))

    def action_leave(self) -> None:
        self.post_message(self.Left())
