"""`backtui check`: SQLite's full integrity check of the database, on demand."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import DB_PATH_KEY, Failure, chosen_db_path, plain_db_option, say

SHOWN_PROBLEMS = 10


@click.command()
@plain_db_option
@click.pass_context
def check(ctx: click.Context, db_path: Path | None) -> None:
    """Read every page and index of the database (SQLite's integrity_check).

    Exit status 0 when the file is whole, 1 when it is damaged (restore it from a
    backup) or cannot be read. The app runs the quicker page check by itself after
    it opens; `backtui log` checks nothing it does not read, to start fast.
    """
    from backtui.storage.db import check_database_file, damaged, quick_check

    path = chosen_db_path(ctx, db_path)
    ctx.meta[DB_PATH_KEY] = path
    if not path.exists():
        raise Failure(f"no database at {path}")
    check_database_file(path)  # not SQLite, truncated, another app's: its own words
    problems = quick_check(path, full=True)
    if not problems:
        say(f"ok: every page and index of {path} passed SQLite's integrity check")
        return
    for problem in problems[:SHOWN_PROBLEMS]:
        say(f"  {problem}", err=True)
    if len(problems) > SHOWN_PROBLEMS:
        say(f"  ... and {len(problems) - SHOWN_PROBLEMS} more", err=True)
    raise Failure(damaged(path))
