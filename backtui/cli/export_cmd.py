"""`backtui export`: every set as JSON or CSV, or the whole database as a backup.

Exports are streamed (one set in memory at a time) into a temporary file that
replaces the target only once it is complete (cli/atomic_output.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import Failure, chosen_db_path, db_option, open_store, output_options


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "backup"]), default="json", show_default=True,
              help="json: a list of sets; csv: Strong's layout plus our columns; backup: every table of the "
                   "database, every lifter in it (`backtui restore` reads it back).")
@output_options
@db_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, force: bool, db_path: Path | None) -> None:
    """Export every set (CSV uses Strong's comma layout plus our own columns), or the
    whole database as a backup that loses nothing."""
    from backtui.cli.atomic_output import output_stream

    path = chosen_db_path(ctx, db_path)
    if fmt == "backup":
        _backup(path, output, force)
        return
    from backtui.domain.exporting import write_json, write_strong_csv
    from backtui.storage.exports import export_rows

    store = open_store(ctx, db_path, create=False, quick=True)  # every row goes out: none from a damaged page
    try:
        with output_stream(output, force=force, database=path, form=fmt) as out:
            (write_json if fmt == "json" else write_strong_csv)(export_rows(store), out)
    finally:
        store.db.close()


def _backup(path: Path, output: Path | None, force: bool) -> None:
    """The backup belongs to the file, not to one profile: no --profile is needed."""
    from backtui import __version__
    from backtui.cli.atomic_output import output_stream
    from backtui.storage.backup_json import write_backup
    from backtui.storage.db import open_database

    if not path.exists():
        raise Failure(f"no database at {path} yet: log a set or open the app first")
    db = open_database(path, create=False)
    try:
        with output_stream(output, force=force, database=path, form="backup") as out:
            write_backup(db.conn, out, __version__)
    finally:
        db.close()
