"""The settings screen: every setting in a list, Enter to edit, Escape back.

Keyboard first: arrows move, Enter opens the editor under the list with the
current value selected (typing replaces it), Enter saves, Escape cancels. A
refused value stays in the editor with the allowed range in words. Every save
posts SettingsScreen.Changed so the app can react (theme, unit, bell).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from backtui.domain.settings import SETTINGS, SettingError, Settings
from backtui.screens.guard import storage_guarded
from backtui.screens.host import BacktuiHost
from backtui.widgets.quiet_footer import QuietFooter

HINT = "Enter edits the highlighted setting; Escape goes back."
# Columns around the values: a cell's padding (2 per column, 3 columns) and the scrollbar.
TABLE_CHROME = 3 * 2 + 2
VALUE_MIN = 16


def column_widths(width: int, labels: list[str], values: list[str], keys: list[str]) -> tuple[int, int, int]:
    """(label, value, key) widths for a table `width` columns wide: labels and keys are
    never cut (the key is what `backtui config` takes); the value gets the rest and
    wraps onto a second line when longer (plates at 80 columns)."""
    label, key = max(map(len, labels), default=7), max(map(len, keys), default=3)
    value = max(map(len, values), default=5)
    return label, max(VALUE_MIN, min(value, width - TABLE_CHROME - label - key)), key


class SettingsScreen(Screen):
    app = getters.app(BacktuiHost)

    CSS_PATH = "settings.tcss"
    SUB_TITLE = "Settings"  # the app title keeps the lifter's name
    BINDINGS = [Binding("escape", "back", "Back / cancel")]

    class Changed(Message):
        """A setting was saved (body weight: the kg value added to its history)."""

        def __init__(self, key: str, value: Any) -> None:
            super().__init__()
            self.key = key
            self.value = value

    def __init__(self) -> None:
        super().__init__()
        self.editing: str | None = None
        self.settings: Settings | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="settings-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="settings-help")
        yield Input(id="settings-input", classes="hidden", select_on_focus=True)
        yield Static("", id="settings-message")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._widths: tuple[int, int, int] | None = None
        self._laid_out_for = 0
        self.query_one(DataTable).focus()
        if self.app.store is None:
            self.say("Opening the database...")
        else:
            self.load()
            self.say(HINT)

    def on_storage_ready(self, _message: Message) -> None:
        """The app opened the database after this screen was shown."""
        self.load()
        self.say(HINT)

    # -- showing --------------------------------------------------------------
    def load(self) -> None:
        from backtui.storage.settings_store import load_settings

        self.settings = load_settings(self.app.open_store)
        table = self.query_one(DataTable)
        row = table.cursor_row
        rows = [(definition.label or key, definition.show(self.settings[key], self.settings.unit), key)
                for key, definition in SETTINGS.items()]
        # The app's width: this screen may not be laid out yet when the database opens.
        self._widths = column_widths(self.app.size.width, *(list(column) for column in zip(*rows)))
        self._laid_out_for = self.app.size.width
        table.clear(columns=True)
        label_w, value_w, key_w = self._widths
        # Too narrow for three columns (a phone): the key goes under the label, folded.
        folded = label_w + key_w + VALUE_MIN + TABLE_CHROME > self.app.size.width
        if folded:
            side = max(label_w, key_w)
            table.add_column("Setting · key", key="label", width=side)
            table.add_column("Value", key="value", width=max(8, self.app.size.width - side - TABLE_CHROME + 2))
        else:
            for title, column_key, width in zip(("Setting", "Value", "Key"), ("label", "value", "key"), self._widths):
                table.add_column(title, key=column_key, width=width)
        for label, shown, key in rows:
            cells = (Text.assemble(label, "\n", (key, "dim")), shown) if folded else (label, shown, key)
            table.add_row(*cells, key=key, height=None)  # None: a long value wraps
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.show_help()

    def on_resize(self) -> None:
        if self._widths is not None and self.settings is not None and self.app.size.width != self._laid_out_for:
            self.load()

    def current_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def show_help(self) -> None:
        key = self.current_key()
        text = ""
        if key is not None:
            definition = SETTINGS[key]
            text = f"{definition.help}. Allowed: {definition.allowed()}."
        self.query_one("#settings-help", Static).update(text)
        # A longer help takes lines from the list: once laid out, bring the row back into view.
        self.call_after_refresh(self.query_one(DataTable).move_cursor, scroll=True)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#settings-message", Static)
        message.update(text)
        message.set_class(error, "error")

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_help()

    # -- editing --------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _start_editing(self, event: DataTable.RowSelected) -> None:
        if self.settings is None:
            return
        key = str(event.row_key.value)
        definition = SETTINGS[key]
        self.editing = key
        editor = self.query_one(Input)
        editor.placeholder = definition.allowed(short=True)
        editor.value = definition.edit_text(self.settings[key], self.settings.unit)
        editor.remove_class("hidden")
        editor.focus()
        self.say(f"Editing {key}: Enter saves, Escape cancels.")

    @on(Input.Submitted, "#settings-input")
    @storage_guarded
    def _save(self, event: Input.Submitted) -> None:
        from backtui.storage.settings_store import set_from_text

        key = self.editing
        if key is None:
            return
        try:
            value = set_from_text(self.app.open_store, key, event.value)
        except SettingError as exc:
            self.say(str(exc), error=True)
            return
        self._stop_editing()
        if key == "theme":
            self._apply_theme(value)
        self.load()
        unit = self.settings.unit if self.settings is not None else "kg"  # load() has just set it
        self.say(f"Saved {key}: {SETTINGS[key].show(value, unit)}")
        self.post_message(self.Changed(key, value))

    def _apply_theme(self, name: str) -> None:
        try:
            self.app.theme = name
        except Exception:  # an unknown theme must not take the screen down
            self.say(f"theme {name!r} is saved but this terminal app does not know it", error=True)

    def _stop_editing(self) -> None:
        self.editing = None
        editor = self.query_one(Input)
        editor.add_class("hidden")
        self.query_one(DataTable).focus()

    def action_back(self) -> None:
        if self.editing is not None:
            self._stop_editing()
            self.say("Not changed.")
            return
        self.app.pop_screen()
