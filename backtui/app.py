"""The Textual application: wiring between the screens and the store."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from backtui.domain.catalog import Catalog, load_catalog


class BackTUI(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "backtui"
    BINDINGS = [Binding("f1", "app.help", "Help", show=False)]

    def __init__(self, db_path: Path, routine: str | None = None):
        super().__init__()
        self.db_path = Path(db_path)
        self.start_routine = routine
        self.catalog: Catalog = load_catalog()
        self.store = None
        self.fatal_error: str | None = None

    def on_mount(self) -> None:
        from backtui.screens.picker import PickerScreen

        self.push_screen(PickerScreen())
        # Paint first, then pay for sqlite-utils and the file.
        self.call_after_refresh(self.open_storage)

    def open_storage(self) -> None:
        from backtui.storage.db import StorageError, open_database
        from backtui.storage.store import Store

        try:
            self.store = Store(open_database(self.db_path), self.catalog)
        except StorageError as exc:
            self.fatal_error = str(exc)
            self.exit(return_code=1)
            return
        self.screen.post_message(StorageReady())


from textual.message import Message  # noqa: E402


class StorageReady(Message):
    """The database is open: screens may load their data."""


def make_app(db_path: Path | str, routine: str | None = None) -> BackTUI:
    """Build the app on a database file (tests and benchmarks start here)."""
    return BackTUI(Path(db_path), routine=routine)
