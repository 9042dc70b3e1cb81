"""One thread that owns one connection: the app's workout work runs there, in order.

Why one serialised thread rather than a connection per worker: a lifter's commands
must reach the file in the order they were typed (log, undo, log again), which a
single queue gives without locks; one long-lived connection costs nothing per
command; and `PRAGMA data_version` on it tells exactly when anyone else wrote (this
app's other screens use their own connection, on the UI thread). A write waiting
for another process's lock waits here, so the screen keeps ticking and typing.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from backtui.domain.catalog import Catalog
from backtui.domain.errors import StorageError
from backtui.storage.workouts import SqliteWorkouts

T = TypeVar("T")


class DatabaseThread:
    def __init__(self, path: Path, profile_id: int, catalog: Catalog) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backtui-db")
        self._storage: SqliteWorkouts | None = None
        self._failure: StorageError | None = None
        self._executor.submit(self._open, path, profile_id, catalog)

    def _open(self, path: Path, profile_id: int, catalog: Catalog) -> None:
        from backtui.storage.db import connect_again
        from backtui.storage.store import Store

        try:  # the app opened, checked and migrated the file already
            self._storage = SqliteWorkouts(Store(connect_again(path), catalog, profile_id))
        except StorageError as exc:
            self._failure = exc

    def submit(self, job: Callable[[SqliteWorkouts], T]) -> Future[T]:
        """Run `job` on the thread, after every job submitted before it."""
        return self._executor.submit(self._run, job)

    def _run(self, job: Callable[[SqliteWorkouts], T]) -> T:
        if self._storage is None:
            raise self._failure or StorageError("the database is closed")
        return job(self._storage)

    def close(self) -> None:
        """Finish the jobs already submitted (a set being saved is saved), then close."""
        self._executor.submit(self._close)
        self._executor.shutdown(wait=False)

    def _close(self) -> None:
        if self._storage is not None:
            self._storage.conn.close()
            self._storage = None
