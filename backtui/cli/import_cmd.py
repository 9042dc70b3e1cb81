"""`backtui import FILE`: bring in a Strong, Hevy or FitNotes export (or our own CSV);
`--list` shows the imports made, `--undo ID` takes one back."""

from __future__ import annotations

import sys
import tempfile
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import click

from backtui.cli.common import UserError, db_option, open_store
from backtui.cli.progress import TerminalProgress
from backtui.domain.importers import FORMATS, ImportFileError, parse_import
from backtui.domain.importers.bodyweight import READINGS
from backtui.domain.inert import visible_line

if TYPE_CHECKING:
    from backtui.domain.importers import ParsedImport
    from backtui.storage.importing import ImportSummary

MAX_FILE_BYTES = 512 * 1024 * 1024


def _read(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UserError(f"{path} is over {MAX_FILE_BYTES // 2**20} MB: not an export this importer reads")
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {visible_line(str(path))}: {exc.strerror or exc}") from None


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UserError(f"--tz {visible_line(name)!r} is not a time zone this computer knows "
                        "(use an IANA name such as Europe/Berlin or America/New_York)") from None


def _maps(pairs: tuple[str, ...]) -> dict[str, str]:
    names = {}
    for pair in pairs:
        name, sep, slug = pair.rpartition("=")
        if not sep or not name.strip() or not slug.strip():
            raise UserError(f"--map {visible_line(pair)!r}: write it as \"Name in the file=slug\"")
        names[name.strip()] = slug.strip()
    return names


@click.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="The app that wrote the file (auto: recognise it from the header).")
@click.option("--unit", type=click.Choice(["kg", "lb"]), default=None,
              help="Weight unit of files that do not say theirs (Strong's comma layout). Without it kg is "
                   "assumed, and the import stops if the values do not fit kg.")
@click.option("--tz", "tz_name", metavar="ZONE", default=None,
              help="Time zone of the file's local times (IANA name, e.g. Europe/Berlin; default: this computer's).")
@click.option("--bodyweight-column", type=click.Choice(READINGS), default=None,
              help="What the weight beside a bodyweight move (pull-up, dip, back extension) is: added load or "
                   "your body weight (default: decided per exercise from the values).")
@click.option("--map", "maps", metavar="NAME=SLUG", multiple=True,
              help="Place an exercise of the file on one of yours, e.g. --map \"Wide Grip Pulldown=lat-pulldown\" "
                   "(remembered for your next imports).")
@click.option("--update", is_flag=True, help="Sets imported before that the file now holds otherwise take the "
                                             "file's values (default: they are reported and left alone).")
@click.option("--dry-run", is_flag=True, help="Read the file and print the summary; write nothing.")
@click.option("--list", "list_batches", is_flag=True, help="List the imports made, newest last.")
@click.option("--undo", "undo", metavar="ID", type=int, default=None, help="Take back import ID (see --list).")
@db_option
@click.pass_context
def import_file(ctx: click.Context, file: Path | None, fmt: str, unit: str | None, tz_name: str | None,
                bodyweight_column: str | None, maps: tuple[str, ...], update: bool, dry_run: bool,
                list_batches: bool, undo: int | None, db_path: Path | None) -> None:
    """Import workouts from Strong, Hevy or FitNotes (or a backtui CSV export).

    Sets already imported are not imported again: a newer export adds only what is
    new. The whole import is one transaction: a file that fails half way changes
    nothing. Each import is kept as a batch that --undo can take back.
    """
    if list_batches or undo is not None:
        if file is not None or (list_batches and undo is not None):
            raise UserError("--list and --undo ID take no FILE, and not both at once")
        _batches(ctx, db_path, undo)
        return
    if file is None:
        raise UserError("give the export FILE to import (or --list, or --undo ID)")
    zone = _zone(tz_name)
    names = _maps(maps)
    data = _read(file)
    shown_name = str(file)
    try:
        with TerminalProgress("Reading", data.count(b"\n")) as bar:
            parsed = parse_import(data, fmt, unit=unit, tz=zone, progress=bar.update)
    except ImportFileError as exc:
        raise UserError(f"{visible_line(shown_name)}: {visible_line(str(exc))}") from None
    summary = _write(ctx, db_path, parsed, shown_name, dry_run=dry_run, update=update, names=names,
                     bodyweight_column=bodyweight_column)
    from backtui.cli.import_report import summary_lines

    click.echo("\n".join(summary_lines(summary, shown_name)))


def _write(ctx: click.Context, db_path: Path | None, parsed: ParsedImport, shown_name: str, *, dry_run: bool,
           update: bool, names: dict[str, str], bodyweight_column: str | None) -> ImportSummary:
    from backtui.cli.common import chosen_db_path
    from backtui.cli.import_report import unit_question_lines
    from backtui.storage.importing import NameMapError, UnitQuestion, import_parsed

    path = chosen_db_path(ctx, db_path)
    with tempfile.TemporaryDirectory() as scratch:
        # A dry run writes nothing: not even a new empty database at the real path.
        target = Path(scratch) / "dry-run.db" if dry_run and not path.exists() else path
        store = open_store(ctx, target)
        try:
            if not dry_run:
                from backtui.storage.backups import snapshot_before

                snapshot_before(store.conn, "before-import")  # nothing is imported without a copy of what was there
            with TerminalProgress("Writing", len(parsed.workouts), enabled=not dry_run) as bar:
                return import_parsed(store, parsed, dry_run=dry_run, update=update, names=names,
                                     bodyweight_column=bodyweight_column, file_name=Path(shown_name).name,
                                     progress=lambda done, _total: bar.update(done))
        except UnitQuestion as question:
            raise UserError("\n".join(unit_question_lines(question, shown_name))) from None
        except NameMapError as exc:
            raise UserError(visible_line(str(exc))) from None
        finally:
            store.db.close()


def _batches(ctx: click.Context, db_path: Path | None, undo: int | None) -> None:
    from backtui.cli.common import chosen_db_path
    from backtui.cli.import_report import batch_lines, refused_lines, undone_lines
    from backtui.storage.import_batches import UndoRefused, list_batches, undo_batch

    if undo is None and not chosen_db_path(ctx, db_path).exists():
        click.echo("\n".join(batch_lines([])))  # no database: no imports, and none is created to say so
        return
    store = open_store(ctx, db_path, create=False)
    try:
        if undo is None:
            click.echo("\n".join(batch_lines(list_batches(store))))
            return
        try:
            undone = undo_batch(store, undo)
        except UndoRefused as refused:
            raise UserError("\n".join(refused_lines(refused))) from None
        except LookupError as exc:
            raise UserError(str(exc.args[0])) from None
        click.echo("\n".join(undone_lines(undone)))
    finally:
        store.db.close()
