"""Storage errors in a module of their own, so every storage module can raise them
without importing another storage module (db and schema used to import each other).
The classes themselves live in backtui.domain.errors, which the workout core can see."""

from __future__ import annotations

from backtui.domain.errors import StorageError, WorkoutEnded

__all__ = ["StorageError", "WorkoutEnded"]
