"""`backtui backup [DIR]` and `backtui backups [DIR]`: the logic is in storage/backups.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from backtui.cli.common import chosen_db_path, plain_db_option
from backtui.domain.inert import visible
from backtui.domain.units import plural

FOLDER = click.Path(file_okay=False, path_type=Path)


def file_size(size: int) -> str:
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{amount:.1f} GB"


def local_date(iso_text: str | None) -> str:
    if not iso_text:
        return "-"
    try:
        return datetime.fromisoformat(iso_text).astimezone().strftime("%Y-%m-%d")
    except ValueError:
        return "?"


def facts_line(facts) -> str:
    return (f"{plural(facts.sets, 'set')} in {plural(facts.workouts, 'workout')}"
            + (f", last set {local_date(facts.last_set_at)}" if facts.last_set_at else ""))


@click.command()
@click.argument("folder", required=False, type=FOLDER)
@plain_db_option
@click.pass_context
def backup(ctx: click.Context, folder: Path | None, db_path: Path | None) -> None:
    """Copy the database to FOLDER (default: backups/ beside it), safely while backtui runs.

    The copy passes SQLite's integrity check before it is kept, is named by date and
    time, and only you can read it. The last `backtui config get backup_keep` backups
    (10 out of the box) are kept; older ones are removed.
    """
    from backtui.storage.backups import read_facts, take_backup

    path = chosen_db_path(ctx, db_path)
    made = take_backup(path, folder)
    facts = read_facts(made.path)
    click.echo(f"Backed up {visible(str(path))}\n"
               f"       to {visible(str(made.path))}\n"
               f"({facts_line(facts)}, {file_size(made.size)}; integrity check ok)")


@click.command()
@click.argument("folder", required=False, type=FOLDER)
@plain_db_option
@click.pass_context
def backups(ctx: click.Context, folder: Path | None, db_path: Path | None) -> None:
    """List the database's backups, oldest first, with what each holds.

    Restore one with `backtui restore FILE` (the file name alone is enough for
    the backups beside the database).
    """
    from backtui.storage.backups import default_folder, describe_backups, list_backups

    path = chosen_db_path(ctx, db_path)
    where = Path(folder).expanduser() if folder is not None else default_folder(path)
    listed = describe_backups(list_backups(path, where))
    if not listed:
        click.echo(f"No backups of {visible(str(path))} in {visible(str(where))} yet: make one with `backtui backup`.")
        return
    click.echo(f"Backups of {visible(str(path))} in {visible(str(where))}:")
    click.echo(f"  {'taken (local time)':<19}  {'kind':<16}  {'size':>8}  {'sets':>9}  {'workouts':>8}  "
               f"{'last set':<10}  file")
    for item in listed:
        taken = item.file.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if item.facts is None:
            counts = f"{'?':>9}  {'?':>8}  {'unreadable':<10}"
        else:
            counts = f"{item.facts.sets:>9,}  {item.facts.workouts:>8,}  {local_date(item.facts.last_set_at):<10}"
        click.echo(f"  {taken:<19}  {item.file.kind:<16}  {file_size(item.file.size):>8}  {counts}  "
                   f"{visible(item.file.path.name)}")
    for item in listed:
        if item.problem:
            click.echo(f"warning: {visible(item.file.path.name)}: {visible(item.problem)}", err=True)
