"""`backtui profile list|add|rename|delete`: lifters sharing one database."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click

from backtui.cli.common import (
    UserError,
    chosen_db_path,
    locked_out,
    locked_profile,
    open_database_for,
    plain_db_option,
    say,
    say_json,
)
from backtui.domain.profiles import DEFAULT_PROFILE_ID, ProfileError


@contextmanager
def _connection(ctx: click.Context, db_path: Path | None, *, writes: bool = True):
    """`writes`: adding, renaming or deleting a lifter, refused in a session confined
    to one (--lock-profile); listing reads (a missing file lists the default lifter)."""
    locked = locked_profile(ctx)
    if writes and locked is not None:
        raise UserError(locked_out(locked))
    db = open_database_for(ctx, chosen_db_path(ctx, db_path), create=writes, missing_ok=True)
    try:
        yield db.conn
    except ProfileError as exc:
        raise UserError(str(exc)) from None
    finally:
        db.close()


@click.group()
def profile() -> None:
    """Lifters sharing one database: each has their own history, settings and routines.

    Choose one with `backtui --profile NAME` (or BACKTUI_PROFILE) for the app and
    for every command; without it the default profile is used.
    """


@profile.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@plain_db_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """Every profile with what it holds."""
    from backtui.storage.profiles import list_profiles, profile_counts

    locked = locked_profile(ctx)
    with _connection(ctx, db_path, writes=False) as conn:
        rows = [(p, profile_counts(conn, p.id)) for p in list_profiles(conn)
                if locked is None or p.name.casefold() == locked.casefold()]
    if as_json:
        say_json([{"id": p.id, "name": p.name, "default": p.id == DEFAULT_PROFILE_ID,
                                "created_at": p.created_at, **counts} for p, counts in rows])
        return
    from backtui.cli.catalog_cmds import _print_table

    _print_table("Profiles", ["name", "workouts", "sets", "routines"], [
        [p.name + (" (default)" if p.id == DEFAULT_PROFILE_ID else ""), str(c["workouts"]), str(c["sets"]),
         str(c["routines"])] for p, c in rows])


@profile.command("add")
@click.argument("name")
@plain_db_option
@click.pass_context
def add(ctx: click.Context, name: str, db_path: Path | None) -> None:
    """Add a profile: 1-40 characters, unique whatever the case."""
    from backtui.storage.profiles import add_profile

    with _connection(ctx, db_path) as conn:
        made = add_profile(conn, name)
    say(f"Added profile {made.name!r}: backtui --profile {_quoted(made.name)}")


@profile.command("rename")
@click.argument("old")
@click.argument("new")
@plain_db_option
@click.pass_context
def rename(ctx: click.Context, old: str, new: str, db_path: Path | None) -> None:
    """Rename a profile; its data stays with it."""
    from backtui.storage.profiles import rename_profile

    with _connection(ctx, db_path) as conn:
        renamed = rename_profile(conn, old, new)
    say(f"Renamed {old!r} to {renamed.name!r}")


@profile.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask to type the name.")
@plain_db_option
@click.pass_context
def delete(ctx: click.Context, name: str, yes: bool, db_path: Path | None) -> None:
    """Delete a profile with all of its workouts, sets, settings and routines.

    Asks you to type the name to confirm, unless --yes.
    """
    from backtui.domain.profiles import describe_counts, find_profile, unknown_profile
    from backtui.storage.profiles import delete_profile, list_profiles, profile_counts

    with _connection(ctx, db_path) as conn:
        profiles = list_profiles(conn)
        found = find_profile(profiles, name)
        if found is None:
            raise UserError(unknown_profile(name, profiles))
        if not yes:
            counts = profile_counts(conn, found.id)
            say(f"This deletes {found.name!r} with {describe_counts(counts)}, for good.", err=True)
            typed = click.prompt("Type the profile's name to delete it", default="", show_default=False, err=True)
            if typed.strip().casefold() != found.name.casefold():
                raise UserError(f"not deleted: {typed.strip()!r} is not {found.name!r}")
        delete_profile(conn, found.name)
    say(f"Deleted profile {found.name!r}")


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)
