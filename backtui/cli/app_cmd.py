"""Starting the Textual app from the command line."""

from __future__ import annotations

from pathlib import Path

from backtui.cli.common import Failure, UserError
from backtui.storage.db import StorageError, check_database_file, resolve_db_path


def run_app(db_path: Path | None, *, routine: str | None = None, mouse: bool = True) -> None:
    path = resolve_db_path(db_path)
    try:
        # Cheap checks first, so a bad file is one line on the shell, not a broken screen.
        check_database_file(path)
    except StorageError as exc:
        raise Failure(str(exc)) from None
    if routine is not None:
        from backtui.domain.catalog import load_catalog

        if routine not in load_catalog().routines:
            raise UserError(f"unknown routine {routine!r}; see `backtui routines`")
    from backtui.app import make_app

    app = make_app(path, routine=routine)
    app.run(mouse=mouse)
    if app.fatal_error:
        raise Failure(app.fatal_error)
