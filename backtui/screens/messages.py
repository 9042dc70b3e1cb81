"""Messages the app posts to its screens (in their own module, so screens never import the app)."""

from __future__ import annotations

from textual.message import Message


class StorageReady(Message):
    """Posted to the active screen once the database is open."""
