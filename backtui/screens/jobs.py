"""Screens run the workout core's commands on the app's database thread.

The job runs there, after every job sent before it; `then(result)` runs back on the
UI loop, in the same order. The screen stays live meanwhile: a write waiting for
another process's lock never stops the timers or the keyboard.

A screen may wait a moment (`quick`) for the answer: a set is saved in a millisecond
or two, and an answer taken in the same handler goes out in the same frame as the key
(one that comes later waits for Textual's next frame, up to 1/60 s). Past that moment
the answer comes in a worker, whenever the file lets it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from backtui.storage.errors import StorageError

if TYPE_CHECKING:
    from backtui.storage.workouts import SqliteWorkouts

T = TypeVar("T")


def run_job(node: DOMNode, job: Callable[[SqliteWorkouts], T], then: Callable[[T], object], *,
            failed: Callable[[StorageError], object] | None = None, quick: float = 0.0) -> Worker[None] | None:
    """Run `job(storage)` on the database thread and hand its result to `then`.
    A StorageError goes to `failed` (default: the app's "Not saved" notice). None
    when the database is not open yet, or when the answer came within `quick` seconds."""
    app = node.app
    thread = getattr(app, "db_thread", None)
    if thread is None:
        return None
    future = thread.submit(job)

    def answer(get: Callable[[], T]) -> None:
        try:
            result = get()
        except StorageError as exc:
            if failed is not None:
                failed(exc)
            else:
                app.storage_failed(str(exc))  # type: ignore[attr-defined]
            return
        then(result)

    if quick:
        concurrent.futures.wait([future], timeout=quick)
        if future.done():
            answer(future.result)
            return None

    async def wait() -> None:
        try:
            await asyncio.wrap_future(future)
        except StorageError:
            pass  # said by answer()
        answer(future.result)

    return node.run_worker(wait(), group="database")
