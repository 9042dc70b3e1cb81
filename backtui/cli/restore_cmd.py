"""`backtui restore FILE`: put a backup in place of the database.

The command only recognises the file and hands it on; the SQLite restore (checks,
the lock, the snapshot of what was there) is storage/backups.py.
"""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import UserError, chosen_db_path, plain_db_option
from backtui.domain.inert import visible
from backtui.storage.db import SQLITE_MAGIC
from backtui.storage.errors import StorageError


def _first_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(f"cannot read {visible(str(path))}: {exc.strerror or exc}") from None


def find_backup(file: Path, db_path: Path) -> Path:
    """FILE as given, else a backup of that name in the folder beside the database
    (so a name from `backtui backups` is enough)."""
    from backtui.storage.backups import default_folder

    given = file.expanduser()
    if given.exists() or given.name != str(file):
        return given
    beside = default_folder(db_path) / given.name
    return beside if beside.exists() else given


def restore_sqlite(source: Path, db_path: Path) -> None:
    from backtui.storage.backups import restore_database_file

    report_restore(restore_database_file(source, db_path))


def report_restore(result) -> None:
    """What was restored, where the old content is kept, and the schema brought up to date."""
    from backtui.cli.backup_cmd import facts_line
    from backtui.storage.backups import read_facts
    from backtui.storage.db import open_database
    from backtui.storage.version import SCHEMA_VERSION

    click.echo(f"Restored {visible(str(result.database))} from {visible(result.source)}\n"
               f"({facts_line(result.facts)}).")
    if result.kept_aside is not None:
        try:
            before = facts_line(read_facts(result.kept_aside.path))
        except StorageError:  # a damaged old file is kept all the same
            before = "unreadable"
        click.echo(f"What it held before ({before}) is kept as\n  {visible(str(result.kept_aside.path))}\n"
                   "Restore that file to undo.")
    if result.kept_aside_problem:
        click.echo(f"note: {result.kept_aside_problem}", err=True)
    if result.facts.schema < SCHEMA_VERSION:
        open_database(result.database).close()  # bring the old schema up to date now
        click.echo(f"Upgraded it from schema {result.facts.schema} to {SCHEMA_VERSION}.")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@plain_db_option
@click.pass_context
def restore(ctx: click.Context, file: Path, db_path: Path | None) -> None:
    """Replace the database with the backup FILE (from `backtui backup` or any copy).

    FILE is checked first: whole, a backtui database, not from a newer backtui.
    What the database holds now is kept as a before-restore backup. Refused while
    another program (the app, `backtui log`, Litestream) has the database open.
    """
    path = chosen_db_path(ctx, db_path)
    source = find_backup(file, path)
    head = _first_bytes(source) if source.is_file() else b""
    if source.is_file() and head != SQLITE_MAGIC:
        raise UserError(f"{visible(str(source))} is not a backtui backup (not an SQLite database file)")
    restore_sqlite(source, path)
