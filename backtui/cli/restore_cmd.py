"""`backtui restore FILE`: a backup back into an empty database.

The file is recognised by its first bytes: a JSON backup (`backtui export --format
backup`) is restored by storage/backup_json.py; an SQLite file gets a one-line refusal
for now (restoring a copy of the database file itself comes with issue 19).
"""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import UserError, chosen_db_path, plain_db_option
from backtui.domain.inert import visible_line


def _kind(file: Path) -> str:
    from backtui.storage.backup_json import looks_like_backup
    from backtui.storage.db import SQLITE_MAGIC

    try:
        with file.open("rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise UserError(f"cannot read {visible_line(str(file))}: {exc.strerror or exc}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    return "json" if looks_like_backup(head) else "unknown"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@plain_db_option
@click.pass_context
def restore(ctx: click.Context, file: Path, db_path: Path | None) -> None:
    """Restore a backup made by `backtui export --format backup` into an empty database
    (a new file with --db, or the default database before it holds anything)."""
    shown = visible_line(str(file))
    kind = _kind(file)
    if kind == "sqlite":
        raise UserError(f"{shown} is an SQLite database file: restoring one is not supported yet; restore a backup "
                        "made by `backtui export --format backup`")
    if kind != "json":
        raise UserError(f"{shown} is not a backtui backup (make one with `backtui export --format backup`)")
    from backtui.storage.backup_json import BackupError, restore_backup
    from backtui.storage.db import open_database

    path = chosen_db_path(ctx, db_path)
    existed = path.exists()
    db = open_database(path)
    restored = False
    try:
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
