"""`backtui routines export SLUG` and `backtui routines import FILE`: a routine as a
TOML file, in the format of the shipped routine files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from backtui.cli.common import (
    UserError,
    chosen_db_path,
    db_option,
    existing_catalog,
    open_store,
    output_options,
    profile_catalog,
    say,
    unknown_routine,
    write_output,
)
from backtui.cli.completion import complete_routine

MAX_FILE_BYTES = 1024 * 1024


@click.command("export")
@click.argument("slug", shell_complete=complete_routine)
@output_options
@db_option
@click.pass_context
def export_routine(ctx: click.Context, slug: str, output: Path | None, force: bool, db_path: Path | None) -> None:
    """Write routine SLUG (shipped or yours) as a TOML file."""
    from backtui.domain.routine_file import routine_toml

    catalog = existing_catalog(ctx, db_path)  # a shipped routine needs no database
    routine = catalog.routines.get(slug)
    if routine is None:
        raise unknown_routine(slug, catalog.routines)
    write_output(routine_toml(routine), output, force=force, database=chosen_db_path(ctx, db_path))


def _read(file: Path) -> str:
    try:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1) if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {file}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"{file} is over 1 MB: not a routine file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{file}: is not UTF-8 text") from None


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite your routine with the same slug.")
@db_option
@click.pass_context
def import_routine(ctx: click.Context, file: Path, replace: bool, db_path: Path | None) -> None:
    """Add a routine from a TOML file (as written by `backtui routines export`).

    Mistakes in the file are reported as FILE:LINE: problem, with exit status 2.
    """
    from backtui.domain.catalog import DataFileError, load_catalog, parse_routine
    from backtui.domain.routine_edit import EditError, check_routine
    from backtui.storage.routines import save_user_routine, user_routine_slugs

    text = _read(file)
    store = open_store(ctx, db_path)
    try:
        catalog = profile_catalog(store)
        try:
            routine = parse_routine(text, catalog.exercises, str(file), shipped=False)
        except DataFileError as exc:
            raise UserError(str(exc)) from None
        if routine.slug in load_catalog().routines:
            raise UserError(f"{file}: slug {routine.slug!r} is a shipped routine's; give your copy its own slug "
                            f"and name in the file (e.g. slug = \"{routine.slug}-mine\")")
        if routine.slug in user_routine_slugs(store) and not replace:
            raise UserError(f"{file}: you already have a routine {routine.slug!r}; --replace overwrites it")
        try:
            check_routine(routine, catalog.exercises, catalog.routines)
        except EditError as exc:
            raise UserError(f"{file}: {exc}") from None
        save_user_routine(store, routine)
    finally:
        store.db.close()
    count = len(routine.items)
    say(f"Imported {routine.name!r} ({routine.slug}), {count} exercise{'s' if count != 1 else ''}: "
               f"it is on the routine picker now")
