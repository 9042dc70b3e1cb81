"""Keep the app up when a write fails: say why in words, save nothing half way."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from backtui.storage.errors import StorageError


def storage_guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """For screen methods that write: a StorageError (disk full, file gone read-only)
    becomes an error notice instead of a traceback that ends the session."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StorageError as exc:
            self.app.storage_failed(str(exc))
            return None

    return wrapper
