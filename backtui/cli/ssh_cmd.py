"""`backtui ssh-serve` and `backtui ssh-keys`: backtui's own SSH server, one lifter per key.

The server lives in backtui/sshserve/ (asyncssh, the `ssh` extra); the keys are
rows of the database (storage/ssh_keys.py says why there).
"""

from __future__ import annotations

import ipaddress
import re
import sys
from pathlib import Path

import click

from backtui.cli.common import (
    Failure,
    UserError,
    chosen_db_path,
    locked_out,
    locked_profile,
    open_database_for,
    plain_db_option,
    say,
    say_json,
    wants_read_only,
)

KEY_FILE_MOST = 256 * 1024  # an authorized_keys file of a whole gym is a few KB


def _not_confined(ctx: click.Context) -> None:
    """Keys decide who logs in as whom: never from a session confined to one lifter."""
    locked = locked_profile(ctx)
    if locked is not None:
        raise UserError(locked_out(locked))


def _asyncssh() -> None:
    try:
        import asyncssh  # noqa: F401
    except ImportError:
        from backtui.sshserve.keys import asyncssh_missing

        raise Failure(asyncssh_missing()) from None


@click.group("ssh-keys")
def ssh_keys() -> None:
    """The public keys that let lifters into `backtui ssh-serve`, one lifter per key.

    A lifter makes a key on their phone or laptop (ssh-keygen -t ed25519, or the
    SSH app's own key maker) and gives you its public half (the .pub file).
    """


def _read_key_text(key_file: str) -> tuple[str, str]:
    """The text of KEYFILE (or standard input for '-'), and how to name it."""
    if key_file == "-":
        data = sys.stdin.buffer.read(KEY_FILE_MOST + 1)
        source = "standard input"
    else:
        path = Path(key_file).expanduser()
        if path.is_dir():
            raise UserError(f"{path} is a folder: give the .pub file of the key")
        try:
            with path.open("rb") as handle:
                data = handle.read(KEY_FILE_MOST + 1)
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
        source = str(path)
    if len(data) > KEY_FILE_MOST:
        raise UserError(f"{source} is larger than {KEY_FILE_MOST // 1024} KB: not a public key file")
    try:
        return data.decode("utf-8"), source
    except UnicodeDecodeError:
        raise UserError(f"{source} is not text: give the .pub file of the key") from None


@ssh_keys.command("add")
@click.argument("profile_name", metavar="PROFILE")
@click.argument("key_file", metavar="KEYFILE|-")
@plain_db_option
@click.pass_context
def add(ctx: click.Context, profile_name: str, key_file: str, db_path: Path | None) -> None:
    """Let the key(s) in KEYFILE (a .pub file, or - for standard input) log in as PROFILE."""
    from backtui.domain.profiles import ProfileError
    from backtui.sshserve.keys import KeyFileError, read_public_keys
    from backtui.storage.ssh_keys import SshKeyError, add_key

    _not_confined(ctx)
    _asyncssh()
    text, source = _read_key_text(key_file)
    try:
        keys = read_public_keys(text, source)
    except KeyFileError as exc:
        raise UserError(str(exc)) from None
    db = open_database_for(ctx, chosen_db_path(ctx, db_path))
    try:
        for key in keys:
            stored = add_key(db.conn, profile_name, key)
            comment = f" ({stored.comment})" if stored.comment else ""
            say(f"{stored.fingerprint} {stored.algorithm}{comment} now logs in as {stored.profile_name!r}")
    except (ProfileError, SshKeyError) as exc:
        raise UserError(str(exc)) from None
    finally:
        db.close()


@ssh_keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@plain_db_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """Every key, with the lifter it logs in as."""
    from backtui.storage.ssh_keys import list_keys

    _not_confined(ctx)
    path = chosen_db_path(ctx, db_path)
    db = open_database_for(ctx, path, create=False, missing_ok=True)
    try:
        keys = list_keys(db.conn)
    finally:
        db.close()
    if as_json:
        say_json([{"profile": k.profile_name, "algorithm": k.algorithm, "fingerprint": k.fingerprint,
                   "comment": k.comment, "added_at": k.added_at} for k in keys])
        return
    if not keys:
        say("no keys yet: `backtui ssh-keys add PROFILE KEYFILE` lets a lifter in")
        return
    width = max(len(k.profile_name) for k in keys)
    for k in keys:
        say(f"{k.profile_name:<{width}}  {k.fingerprint}  {k.algorithm}  {k.added_at[:10]}  {k.comment}".rstrip())


@ssh_keys.command("remove")
@click.argument("which", metavar="FINGERPRINT|COMMENT")
@click.option("--profile", "only_profile", metavar="NAME", help="Only this lifter's keys (when a comment is shared).")
@plain_db_option
@click.pass_context
def remove(ctx: click.Context, which: str, only_profile: str | None, db_path: Path | None) -> None:
    """Stop a key (by fingerprint, as `list` shows it) or the keys with a comment from
    logging in. Sessions already open go on until they end."""
    from backtui.domain.profiles import ProfileError
    from backtui.storage.ssh_keys import SshKeyError, remove_keys

    _not_confined(ctx)
    path = chosen_db_path(ctx, db_path)
    if not path.exists():
        raise UserError(f"no database at {path}, so no keys")
    db = open_database_for(ctx, path)
    try:
        removed = remove_keys(db.conn, which, only_profile)
    except (ProfileError, SshKeyError) as exc:
        raise UserError(str(exc)) from None
    finally:
        db.close()
    for k in removed:
        say(f"removed {k.fingerprint} {k.algorithm} of {k.profile_name!r}")


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smh]?)")


def _seconds(text: str) -> float:
    """'30m', '90s', '1h' or plain minutes ('30') in seconds."""
    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        raise click.BadParameter(f"{text!r}: give minutes, or a number with s, m or h (30m, 90s, 1h); 0 for never")
    return float(found[1]) * {"s": 1, "m": 60, "h": 3600, "": 60}[found[2]]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("ssh-serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets the network reach the server (keys still decide who gets in).")
@click.option("--port", default=2222, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-sessions", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Sessions (apps and commands) at once, all lifters together.")
@click.option("--max-sessions-per-key", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Sessions at once with one key (a reconnecting phone may briefly hold two).")
@click.option("--idle-timeout", default="30m", show_default=True, metavar="DURATION",
              help="Close the app after this long without a key pressed (30m, 90s, 1h; 0: never). Sets stay saved.")
@plain_db_option
@click.pass_context
def ssh_serve(ctx: click.Context, host: str, port: int, max_sessions: int, max_sessions_per_key: int,
              idle_timeout: str, db_path: Path | None) -> None:
    """Serve the app over SSH: each lifter logs in with their own key, straight into
    their own profile, with no shell and no password.

    Add keys first with `backtui ssh-keys add PROFILE KEYFILE`. Each connection runs
    the app for the key's lifter only (--lock-profile); `ssh -p PORT HOST 'history
    --json'` runs one of a few read or log commands instead. Stop with Ctrl+C or
    SIGTERM: apps are ended, their sets are already saved.
    """
    _not_confined(ctx)
    _asyncssh()
    idle = _seconds(idle_timeout)
    path = chosen_db_path(ctx, db_path).expanduser().resolve()
    read_only = wants_read_only(ctx)
    # Made and migrated now, so the keys table is there (--read-only: it must be already).
    db = open_database_for(ctx, path, create=not read_only)
    try:
        from backtui.storage.ssh_keys import list_keys

        key_count = len(list_keys(db.conn))
    finally:
        db.close()
    from backtui.sshserve.keys import KeyFileError, host_keys
    from backtui.sshserve.run import serve_forever
    from backtui.sshserve.server import Limits

    try:
        keys = host_keys(path)
    except KeyFileError as exc:
        raise Failure(str(exc)) from None
    limits = Limits(max_sessions=max_sessions, per_key=max_sessions_per_key, idle_timeout=idle)
    if not _loopback(host):
        say(f"warning: listening on {host}: anyone who can reach this address can try to log in "
            "(only the keys in `backtui ssh-keys list` get in)", err=True)
    for key in keys:
        made = " (new)" if key.created else ""
        say(f"host key {key.algorithm} {key.fingerprint}{made}: {key.path}")
    if key_count == 0:
        say("warning: no lifter keys yet, so nobody can log in: `backtui ssh-keys add PROFILE KEYFILE`", err=True)
    try:
        serve_forever(path, [k.key for k in keys], limits, host, port, log=lambda line: say(line), read_only=read_only)
    except OSError as exc:
        raise Failure(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
