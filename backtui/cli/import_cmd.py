"""`backtui import FILE`: bring in a Strong, Hevy or FitNotes export (or our own CSV)."""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import click

from backtui.cli.common import UserError, db_option, open_store
from backtui.domain.importers import FORMATS, ImportFileError, parse_import
from backtui.domain.units import plural

MAX_FILE_BYTES = 512 * 1024 * 1024
SHOWN_LINES = 8


def _read(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UserError(f"{path} is over {MAX_FILE_BYTES // 2**20} MB: not an export this importer reads")
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    return f"line{'s' if len(lines) > 1 else ''} {shown}" + (f" and {len(lines) - SHOWN_LINES} more"
                                                            if len(lines) > SHOWN_LINES else "")


def summary_lines(summary, name: str) -> list[str]:
    out = [f"{summary.layout}: {plural(summary.rows, 'row')} in {name}"]
    out.append(f"  workouts   {summary.workouts:,} new"
               + (f", {summary.workouts_existing:,} already in the database (skipped)"
                  if summary.workouts_existing else ""))
    out.append(f"  sets       {summary.sets:,}")
    out.append(f"  exercises  {len(summary.matched)} matched to the catalog, {len(summary.created)} new custom"
               + (f", {len(summary.reused)} custom from earlier imports" if summary.reused else ""))
    for name_in_file, slug in summary.matched.items():
        out.append(f"             {name_in_file} -> {slug}")
    for exercise in summary.created:
        out.append(f"             {exercise.name} (new: {exercise.slug}, {exercise.measure.replace('_', ' ')})")
    by_reason: dict[str, list[int]] = defaultdict(list)
    for row in summary.skipped:
        by_reason[row.reason].append(row.line)
    out.append(f"  skipped    {len(summary.skipped):,} row{'' if len(summary.skipped) == 1 else 's'}")
    for reason, lines in by_reason.items():
        out.append(f"             {reason}: {len(lines):,} ({_lines(lines)})")
    for row in summary.warnings[:SHOWN_LINES]:
        out.append(f"  note       line {row.line}: {row.reason}")
    if len(summary.warnings) > SHOWN_LINES:
        out.append(f"  note       and {len(summary.warnings) - SHOWN_LINES} more")
    out.append("Dry run: nothing was written." if summary.dry_run else
               ("Imported." if summary.workouts else "Nothing new to import."))
    return out


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="The app that wrote the file (auto: recognise it from the header).")
@click.option("--unit", type=click.Choice(["kg", "lb"]), default="kg", show_default=True,
              help="Weight unit of files that do not say theirs (Strong's comma layout).")
@click.option("--dry-run", is_flag=True, help="Read the file and print the summary; write nothing.")
@db_option
@click.pass_context
def import_file(ctx: click.Context, file: Path, fmt: str, unit: str, dry_run: bool, db_path: Path | None) -> None:
    """Import workouts from Strong, Hevy or FitNotes (or a backtui CSV export).

    Importing the same file twice adds nothing the second time. The whole import
    is one transaction: a file that fails half way changes nothing.
    """
    from backtui.cli.common import chosen_db_path
    from backtui.storage.importing import import_parsed

    data = _read(file)
    on_terminal = sys.stderr.isatty()
    try:
        if on_terminal:
            with click.progressbar(length=max(1, data.count(b"\n")), label="Reading ", file=sys.stderr) as bar:
                seen = [0]

                def advance(rows: int) -> None:
                    bar.update(rows - seen[0])
                    seen[0] = rows

                parsed = parse_import(data, fmt, unit=unit, progress=advance)
        else:
            parsed = parse_import(data, fmt, unit=unit)
    except ImportFileError as exc:
        raise UserError(f"{file}: {exc}") from None
    path = chosen_db_path(ctx, db_path)
    with tempfile.TemporaryDirectory() as scratch:
        # A dry run writes nothing: not even a new empty database at the real path.
        target = Path(scratch) / "dry-run.db" if dry_run and not path.exists() else path
        store = open_store(ctx, target)
        try:
            if not dry_run:
                from backtui.storage.backups import snapshot_before

                snapshot_before(store.conn, "before-import")
            if on_terminal and not dry_run:
                with click.progressbar(length=max(1, len(parsed.workouts)), label="Writing ",
                                       file=sys.stderr) as bar:
                    written = [0]

                    def wrote(done: int, total: int) -> None:
                        bar.update(done - written[0])
                        written[0] = done

                    summary = import_parsed(store, parsed, progress=wrote)
            else:
                summary = import_parsed(store, parsed, dry_run=dry_run)
        finally:
            store.db.close()
    click.echo("\n".join(summary_lines(summary, str(file))))
