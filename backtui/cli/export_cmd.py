"""`backtui export`: every set, as JSON or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import db_option, open_store, write_output
from backtui.domain.exporting import to_json, to_strong_csv
from backtui.storage.exports import export_rows


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@db_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, db_path: Path | None) -> None:
    """Export every set. CSV uses Strong's comma layout plus Straps and Set Kind."""
    store = open_store(ctx, db_path)
    rows = export_rows(store)
    write_output(to_json(rows) if fmt == "json" else to_strong_csv(rows), output)
