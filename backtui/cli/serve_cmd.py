"""`backtui serve`: the same app in a browser, through textual-serve.

Each browser tab starts its own `backtui --db <the same file>` process; SQLite's
locking keeps two tabs (or a tab and a terminal) from losing each other's sets.
Bound to loopback unless --host says otherwise: the page gives full access to the
training log, with no login of its own.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from backtui.cli.common import Failure, chosen_db_path, chosen_profile, chosen_profile_name, db_option, say
from backtui.storage.db import check_database_file


def serve_command(path: Path, profile: str | None = None) -> str:
    """The shell command textual-serve runs for each browser session."""
    command = f"{shlex.quote(sys.executable)} -m backtui --db {shlex.quote(str(path))}"
    return command + (f" --profile {shlex.quote(profile)}" if profile is not None else "")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes your log to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, db_path: Path | None) -> None:
    """Serve the app to a web browser (http://HOST:PORT)."""
    path = chosen_db_path(ctx, db_path).resolve()
    check_database_file(path)  # a bad file is one line here, not a broken page later
    profile = chosen_profile_name(ctx)
    if profile is not None:  # refused here, in one line, rather than in every browser tab
        from backtui.storage.profiles import peek_profiles

        chosen_profile(ctx, peek_profiles(path))
    try:
        from textual_serve.server import Server
    except ImportError:
        raise Failure("textual-serve is not installed: pip install textual-serve") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"warning: serving on {host}: anyone who can reach it can read and change your log", err=True)
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise Failure(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    Server(serve_command(path, profile), host=host, port=port, title="backtui").serve()
