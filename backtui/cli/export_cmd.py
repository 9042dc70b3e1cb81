"""`backtui export`: every set, as JSON or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import chosen_db_path, db_option, open_store, output_options, write_output
from backtui.domain.exporting import to_json, to_strong_csv
from backtui.storage.exports import export_rows


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@output_options
@db_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, force: bool, db_path: Path | None) -> None:
    """Export every set. CSV uses Strong's comma layout plus Straps and Set Kind."""
    store = open_store(ctx, db_path, create=False, quick=True)  # every row goes out: none from a damaged page
    rows = export_rows(store)
    text = to_json(rows) if fmt == "json" else to_strong_csv(rows)
    write_output(text, output, force=force, database=chosen_db_path(ctx, db_path), form=fmt)
