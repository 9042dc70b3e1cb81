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
    def __init__(self, path: Path, profile_id: int, catalog: Catalog, view_only: str | None = None) -> None:
        """`view_only`: why the app's own connection refuses writes; this one refuses them too."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backtui-db")
        self._storage: SqliteWorkouts | None = None
        self._failure: StorageError | None = None
        self._executor.submit(self._open, path, profile_id, catalog, view_only)

    def _open(self, path: Path, profile_id: int, catalog: Catalog, view_only: str | None) -> None:
        from backtui.storage.db import connect_again
        from backtui.storage.store import Store

        try:  # the app opened, checked and migrated the file already
            self._storage = SqliteWorkouts(Store(connect_again(path, view_only), catalog, profile_id))
        except StorageError as exc:
            self._failure = exc

    def go_view_only(self, reason: str) -> None:
        """Damage found after opening: from the next job on, every write is refused."""
        self._executor.submit(self._view_only, reason)

    def _view_only(self, reason: str) -> None:
        from backtui.storage.db import mark_view_only

        if self._storage is not None:
            mark_view_only(self._storage.conn, reason)
            self._storage.conn.execute("PRAGMA query_only = ON")

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
