"""What every command shares: finding the database, and failing in words."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from backtui.storage.db import resolve_db_path


class UserError(click.ClickException):
    """A mistake in what was typed: one line, exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


class Failure(click.ClickException):
    """Something outside the command line went wrong (the file, the disk): exit 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message


PROFILE_HELP = "Whose data: a profile name (default: $BACKTUI_PROFILE, else the default profile)."
_PROFILE_KEY = "backtui.profile"


def _remember_profile(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    # ctx.meta is shared along the command chain: the innermost --profile wins.
    if value is not None:
        ctx.meta[_PROFILE_KEY] = value


def profile_option(func: Callable) -> Callable:
    """--profile on a subcommand (the group's --profile and BACKTUI_PROFILE apply too)."""
    return click.option("--profile", metavar="NAME", expose_value=False, callback=_remember_profile,
                        help=PROFILE_HELP)(func)


def plain_db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),  # a folder is refused by storage, in one line
        default=None,
        help="Database file (default: BACKTUI_DB or the user data folder).",
    )(func)


def db_option(func: Callable) -> Callable:
    """--db and --profile on a subcommand, falling back to the group's options, the
    environment (BACKTUI_DB, BACKTUI_PROFILE), then the defaults."""
    return profile_option(plain_db_option(func))


def chosen_db_path(ctx: click.Context, db_path: Path | None) -> Path:
    context = ctx.parent
    while db_path is None and context is not None:
        db_path = context.params.get("db_path")
        context = context.parent
    return resolve_db_path(db_path)


def chosen_profile_name(ctx: click.Context) -> str | None:
    """The --profile given on any level of the command, else BACKTUI_PROFILE."""
    name = ctx.meta.get(_PROFILE_KEY)
    if name is None:
        name = ctx.find_root().params.get("profile_name")
    return name if name is not None else (os.environ.get("BACKTUI_PROFILE") or None)


def chosen_profile(ctx: click.Context, profiles):
    from backtui.domain.profiles import ProfileError
    from backtui.storage.profiles import choose_profile

    try:
        chosen = choose_profile(profiles, chosen_profile_name(ctx))
    except ProfileError as exc:
        raise UserError(str(exc)) from None
    if chosen is None:
        names = ", ".join(p.name for p in profiles)
        raise UserError(f"there are several profiles and no default one: choose with --profile NAME ({names})")
    return chosen


def open_store(ctx: click.Context, db_path: Path | None, *, create: bool = True):
    """Open the database for a command, bound to the chosen profile: storage problems
    exit 1 (BacktuiGroup says them), a profile that does not exist exits 2 with the
    list of profiles. Commands
    that only read pass create=False, so a mistyped path never becomes a new file."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.db import open_database
    from backtui.storage.profiles import list_profiles
    from backtui.storage.store import Store

    path = chosen_db_path(ctx, db_path)
    if not create and not path.exists():
        raise Failure(f"no database at {path} yet: log a set or open the app first")
    db = open_database(path)
    try:
        profile = chosen_profile(ctx, list_profiles(db.conn))
        return Store(db, load_catalog(), profile.id)
    except BaseException:
        db.close()
        raise


def profile_catalog(store):
    """The shipped catalog plus the lifter's own exercises and routines; problems
    with their routines are said on standard error."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.routines import profile_catalog as merge

    catalog, problems = merge(load_catalog(), store)
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    return catalog


def existing_catalog(ctx: click.Context, db_path: Path | None):
    """profile_catalog from the database when there is one, else the shipped catalog
    (listing must not create a file); the profile is checked either way."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.profiles import peek_profiles

    path = chosen_db_path(ctx, db_path)
    if not path.exists():
        chosen_profile(ctx, peek_profiles(path))
        return load_catalog()
    store = open_store(ctx, path)
    try:
        return profile_catalog(store)
    finally:
        store.db.close()


def unknown_exercise(catalog, text: str) -> UserError:
    close = catalog.suggest(text)
    hint = f"; did you mean: {', '.join(close)}?" if close else "; see `backtui exercises`"
    return UserError(f"unknown exercise {text!r}{hint}")


def unknown_routine(slug: str, known) -> UserError:
    import difflib

    close = difflib.get_close_matches(slug, list(known), n=3, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else "; see `backtui routines`"
    return UserError(f"unknown routine {slug!r}{hint}")


def debug_enabled() -> bool:
    return os.environ.get("BACKTUI_DEBUG", "") not in ("", "0")


def output_options(func: Callable) -> Callable:
    """-o/--output FILE and --force, for commands that can write a file."""
    func = click.option("--force", is_flag=True, help="Replace FILE if it exists.")(func)
    return click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                        help="Write to this file instead of standard output.")(func)


def write_output(text: str, output: Path | None, *, force: bool = False, database: Path | None = None,
                 form: str = "text") -> None:
    """Print (made inert), or write a file readable only by its owner (exports hold
    personal data), atomically: cli/atomic_output.py. Never onto the database itself,
    and never over another file without --force."""
    from backtui.cli.atomic_output import output_stream

    with output_stream(output, force=force, database=database, form=form) as handle:
        handle.write(text)
