"""What every command shares: finding the database, and failing in words."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from backtui.cli.errors import Failure, UserError
from backtui.domain.inert import json_visible, visible
from backtui.storage.db import resolve_db_path


def say(text: str, *, err: bool = False) -> None:
    """Print a line for a person: names and notes from the file are in it, so control
    characters are spelled out (`\\x1b`), never sent to the terminal."""
    click.echo(visible(text), err=err)


def say_json(data, *, indent: int | None = 2) -> None:
    """Print JSON: the same data, with every character a terminal would act on escaped."""
    import json

    click.echo(json_visible(json.dumps(data, indent=indent)))


PROFILE_HELP = "Whose data: a profile name (default: $BACKTUI_PROFILE, else the default profile)."
_PROFILE_KEY = "backtui.profile"


def _remember_profile(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    # ctx.meta is shared along the command chain: the innermost --profile wins.
    if value is not None:
        ctx.meta[_PROFILE_KEY] = value


def profile_option(func: Callable) -> Callable:
    """--profile on a subcommand (the group's --profile and BACKTUI_PROFILE apply too)."""
    from backtui.cli.completion import complete_profile

    return click.option("--profile", metavar="NAME", expose_value=False, callback=_remember_profile,
                        help=PROFILE_HELP, shell_complete=complete_profile)(func)


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
    """The --profile given on any level of the command, else BACKTUI_PROFILE. With
    --lock-profile, the top-level --profile, and no other."""
    root = ctx.find_root().params
    if root.get("lock_profile"):
        locked = root.get("profile_name")
        other = ctx.meta.get(_PROFILE_KEY)
        if other is not None and locked is not None and other.casefold() != locked.casefold():
            raise UserError(locked_out(locked))
        return locked
    name = ctx.meta.get(_PROFILE_KEY)
    if name is None:
        name = root.get("profile_name")
    return name if name is not None else (os.environ.get("BACKTUI_PROFILE") or None)


def locked_profile(ctx: click.Context) -> str | None:
    """The lifter every command is confined to (--lock-profile), if any."""
    root = ctx.find_root().params
    return root.get("profile_name") if root.get("lock_profile") else None


def locked_out(name: str) -> str:
    return f"this session is confined to the lifter {name!r} (--lock-profile): other lifters are out of reach"


def wants_read_only(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("read_only"))


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


DB_PATH_KEY = "backtui.db_path"


def open_database_for(ctx: click.Context, path: Path, *, create: bool = True, quick: bool | None = None,
                      missing_ok: bool = False):
    """The database for a command. `create`: the command writes (and may make the
    file); it is refused, in one line and before anything is written, when the file
    opens view only (--read-only, read-only on disk) or fails SQLite's quick check
    (`quick`, on by default for writes: `log` skips it to start fast). Commands that
    only read pass create=False: a mistyped path never becomes a file; `missing_ok`
    gives them an empty database in memory instead of an error."""
    from backtui.storage.db import damaged, memory_database, open_database, quick_check

    ctx.meta[DB_PATH_KEY] = path  # for BacktuiGroup's words about a damaged file
    read_only = wants_read_only(ctx)
    if not path.exists():
        if missing_ok and not create:
            return memory_database()
        if read_only or not create:
            raise Failure(f"no database at {path} yet: log a set or open the app first")
    if create and read_only:
        from backtui.storage.db import asked_read_only

        raise Failure(f"{asked_read_only(path)}: nothing was saved")
    db = open_database(path, read_only=read_only)
    try:
        reason = getattr(db.conn, "view_only", None)
        if create and reason:
            raise Failure(f"{reason}: nothing was saved")
        if (create if quick is None else quick) and quick_check(path):
            raise Failure(damaged(path))
    except BaseException:
        db.close()
        raise
    return db


def open_store(ctx: click.Context, db_path: Path | None, *, create: bool = True, quick: bool | None = None,
               missing_ok: bool = False):
    """Open the database for a command (open_database_for says how), bound to the
    chosen profile: storage problems exit 1 (BacktuiGroup says them), a profile that
    does not exist exits 2 with the list of profiles."""
    from backtui.domain.catalog import load_catalog
    from backtui.storage.profiles import list_profiles
    from backtui.storage.store import Store

    db = open_database_for(ctx, chosen_db_path(ctx, db_path), create=create, quick=quick, missing_ok=missing_ok)
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
        say(f"warning: {problem}", err=True)
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
    store = open_store(ctx, path, create=False)
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
