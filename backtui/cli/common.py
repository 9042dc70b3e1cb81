"""What every command shares: finding the database, and failing in words."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from backtui.storage.db import StorageError, resolve_db_path


class UserError(click.ClickException):
    """A mistake in what was typed: one line, exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


class Failure(click.ClickException):
    """Something outside the command line went wrong (the file, the disk): exit 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message


def db_option(func: Callable) -> Callable:
    """--db on a subcommand, falling back to the group's --db, BACKTUI_DB, then the default."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Database file (default: BACKTUI_DB or the user data folder).",
    )(func)


def chosen_db_path(ctx: click.Context, db_path: Path | None) -> Path:
    parent = ctx.find_root().params.get("db_path") if ctx.parent else None
    return resolve_db_path(db_path or parent)


def open_store(ctx: click.Context, db_path: Path | None):
    """Open the database for a command, turning storage problems into exit 1."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.db import open_database
    from backtui.storage.store import Store

    path = chosen_db_path(ctx, db_path)
    try:
        return Store(open_database(path), load_catalog())
    except StorageError as exc:
        raise Failure(str(exc)) from None


def storage_errors(func: Callable) -> Callable:
    """Report a StorageError raised while a command runs as one line, exit 1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except StorageError as exc:
            raise Failure(str(exc)) from None

    return wrapper


def debug_enabled() -> bool:
    return os.environ.get("BACKTUI_DEBUG", "") not in ("", "0")


def write_output(text: str, output: Path | None) -> None:
    """Print, or write a new file readable only by its owner (exports hold personal data)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise Failure(f"cannot write {output}: {exc.strerror or exc}") from None
