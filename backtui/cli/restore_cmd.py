"""`backtui restore FILE`: put a backup back.

The command only recognises the file by its first bytes and hands it on: a copy of
the database file (`backtui backup`, or any copy) is restored by storage/backups.py
(checks, the lock, the snapshot of what was there); a JSON backup (`backtui export
--format backup`) is restored into an empty database by storage/backup_json.py.
"""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import UserError, chosen_db_path, plain_db_option
from backtui.domain.inert import visible
from backtui.storage.db import SQLITE_MAGIC
from backtui.storage.errors import StorageError


def _kind(path: Path) -> str:
    """"sqlite", "json" (a backup made by `export --format backup`) or "unknown"."""
    from backtui.storage.backup_json import looks_like_backup

    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise UserError(f"cannot read {visible(str(path))}: {exc.strerror or exc}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    return "json" if looks_like_backup(head) else "unknown"


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


def restore_json(file: Path, path: Path) -> None:
    """A JSON backup into an empty database (a new file, or one holding nothing yet)."""
    shown = visible(str(file))
    from backtui.storage.backup_json import BackupError, restore_backup
    from backtui.storage.db import open_database

    existed = path.exists()
    db = open_database(path)
    restored = False
    try:
        from backtui.storage.backups import snapshot_before

        snapshot_before(db.conn, "before-restore")  # nothing to keep in an empty file: no copy is made
        with file.open(encoding="utf-8-sig") as handle:
            info = restore_backup(db.conn, handle, read_whole=lambda: file.read_text(encoding="utf-8-sig"))
        restored = True
    except BackupError as exc:
        raise UserError(f"{shown}: {exc}; nothing was restored") from None
    except UnicodeDecodeError:
        raise UserError(f"{shown} is not UTF-8 text: not a backtui backup; nothing was restored") from None
    finally:
        db.close()
        if not restored and not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    from backtui.domain.units import plural

    rows = info.rows
    click.echo(f"Restored {shown} into {path}: {plural(rows.get('profiles', 0), 'profile')}, "
               f"{plural(rows.get('workouts', 0), 'workout')}, {plural(rows.get('sets', 0), 'set')}, "
               f"{plural(sum(rows.values()), 'row')} in {len(rows)} tables "
               f"(backup made {info.created_at[:16].replace('T', ' ')} UTC by backtui {info.app_version}).")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@plain_db_option
@click.pass_context
def restore(ctx: click.Context, file: Path, db_path: Path | None) -> None:
    """Put a backup back: a copy of the database file (from `backtui backup`, or any
    copy) replaces the database; a JSON backup (`backtui export --format backup`) is
    restored into an empty database.

    A database copy is checked first: whole, a backtui database, not from a newer
    backtui. What the database holds now is kept as a before-restore backup. Refused
    while another program (the app, `backtui log`, Litestream) has the database open.
    """
    path = chosen_db_path(ctx, db_path)
    source = find_backup(file, path)
    kind = _kind(source) if source.is_file() else "sqlite"  # a missing file: the SQLite restore says so
    if kind == "sqlite":
        restore_sqlite(source, path)
    elif kind == "json":
        restore_json(source, path)
    else:
        raise UserError(f"{visible(str(source))} is not a backtui backup: neither a copy of the database "
                        "(`backtui backup`) nor a JSON backup (`backtui export --format backup`)")
