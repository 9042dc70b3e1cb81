"""Messages between the app and its screens (in their own module, so screens never import the app)."""

from __future__ import annotations

from textual.message import Message


class StorageReady(Message):
    """Posted to the active screen once the database is open."""


class BackToRoutines(Message):
    """A workout screen is done (finished, not started, ended elsewhere): the app goes
    back to the routine picker and says `notice`, if any. The app handles it, so no
    workout screen imports the picker."""

    def __init__(self, notice: str = "") -> None:
        super().__init__()
        self.notice = notice
