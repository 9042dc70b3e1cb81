"""Screens run the workout core's commands on the app's database thread.

The job runs there, after every job sent before it; `then(result)` runs back on the
UI loop, in the same order. The screen stays live meanwhile: a write waiting for
another process's lock never stops the timers or the keyboard.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from backtui.storage.errors import StorageError

if TYPE_CHECKING:
    from backtui.storage.workouts import SqliteWorkouts

T = TypeVar("T")


def run_job(node: DOMNode, job: Callable[[SqliteWorkouts], T], then: Callable[[T], object], *,
            failed: Callable[[StorageError], object] | None = None) -> Worker[None] | None:
    """Run `job(storage)` on the database thread and hand its result to `then`.
    A StorageError goes to `failed` (default: the app's "Not saved" notice). None
    when the database is not open yet."""
    app = node.app
    thread = getattr(app, "db_thread", None)
    if thread is None:
        return None

    async def wait() -> None:
        try:
            result = await asyncio.wrap_future(thread.submit(job))
        except StorageError as exc:
            if failed is not None:
                failed(exc)
            else:
                app.storage_failed(str(exc))  # type: ignore[attr-defined]
            return
        then(result)

    return node.run_worker(wait(), group="database")
