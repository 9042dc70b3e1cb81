"""`backtui serve`: the same app in a browser, through textual-serve.

Each browser tab starts its own `backtui --db <the same file>` process; SQLite's
locking keeps two tabs (or a tab and a terminal) from losing each other's sets.
Bound to loopback unless --host says otherwise. The page has no login: a key in its
address, printed at start, is what lets a browser in (cli/serve_web.py).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from backtui.cli.common import (
    Failure,
    chosen_db_path,
    chosen_profile,
    chosen_profile_name,
    db_option,
    say,
    wants_read_only,
)
from backtui.storage.db import check_database_file


def serve_command(path: Path, profile: str | None = None, *, read_only: bool = False) -> str:
    """The shell command textual-serve runs for each browser session. With a profile,
    the session is confined to it (--lock-profile): a browser cannot switch lifters."""
    command = f"{shlex.quote(sys.executable)} -m backtui --db {shlex.quote(str(path))}"
    if profile is not None:
        command += f" --profile {shlex.quote(profile)} --lock-profile"
    return command + (" --read-only" if read_only else "")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes your log to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-sessions", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Browser tabs served at once (each runs its own app).")
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, max_sessions: int, db_path: Path | None) -> None:
    """Serve the app to a web browser at an address with a key in it (printed at start).

    With --profile NAME every session stays with that lifter. Profiles are a
    convenience, not access control: anyone with the address can use the log.
    """
    path = chosen_db_path(ctx, db_path).resolve()
    check_database_file(path)  # a bad file is one line here, not a broken page later
    profile = chosen_profile_name(ctx)
    if profile is not None:  # refused here, in one line, rather than in every browser tab
        from backtui.storage.profiles import peek_profiles

        profile = chosen_profile(ctx, peek_profiles(path)).name
    try:
        from backtui.cli.serve_web import GuardedServer, new_key
    except ImportError:
        raise Failure("textual-serve is not installed: pip install textual-serve") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"warning: serving on {host}: anyone who can reach it and has the address can read and change your log",
            err=True)
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise Failure(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    command = serve_command(path, profile, read_only=wants_read_only(ctx))
    GuardedServer(command, host=host, port=port, key=new_key(), max_sessions=max_sessions).serve()
