"""`backtui --demo`: the app on a throwaway database full of believable training."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from backtui.cli.common import Failure, UserError, say


def make_demo_database(path: Path) -> int:
    """Create a new database at `path` holding the demo history; returns the set count."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.db import open_database
    from backtui.storage.demo import write_demo
    from backtui.storage.store import Store

    db = open_database(path)
    try:
        return write_demo(Store(db, load_catalog()))
    finally:
        db.close()


def run_demo(*, routine: str | None = None, mouse: bool = True) -> None:
    """Open the app on a temporary demo database; the folder is removed on exit."""
    import signal
    import sys

    from backtui.starting import run_app

    def closed(signum, frame):  # the terminal went away: still remove the demo folder
        sys.exit(128 + signum)

    previous = {sig: signal.signal(sig, closed) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        with tempfile.TemporaryDirectory(prefix="backtui-demo-") as folder:
            path = Path(folder) / "demo.db"
            make_demo_database(path)
            run_app(path, routine=routine, mouse=mouse)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command("demo-db", hidden=True)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def demo_db(path: Path) -> None:
    """Write the demo history to a NEW database file (for trying things and benchmarks)."""
    if path.exists():
        raise UserError(f"{path} already exists: demo-db only writes a new file")
    try:
        sets = make_demo_database(path)
    except OSError as exc:
        raise Failure(f"cannot create {path}: {exc.strerror or exc}") from None
    say(f"Wrote {sets} demo sets to {path}")
