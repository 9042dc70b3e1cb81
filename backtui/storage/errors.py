"""Storage errors in a module of their own, so every storage module can raise them
without importing another storage module (db and schema used to import each other)."""

from __future__ import annotations


class StorageError(Exception):
    """A database problem explained in one line. Exit status 1 on the CLI."""
