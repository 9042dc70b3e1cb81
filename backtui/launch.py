"""The `backtui` console command.

A lifter waits for the first frame at the gym, so `backtui` with nothing but app
options (--db, --routine, --profile, --no-mouse) starts the app without loading the
command-line toolkit. Anything else (a subcommand, --help, --version, --demo, an
option it does not know) goes to the full click command line, which also explains
every mistake.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from backtui.storage.db import StorageError, check_database_file, resolve_db_path

_FLAGS = {"--no-mouse"}
_OPTIONS = {"--db", "--routine", "--profile"}


def app_options(args: list[str]) -> dict[str, str | bool] | None:
    """The app options in `args`, or None when the full command line must handle them."""
    found: dict[str, str | bool] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _FLAGS:
            found[arg] = True
            index += 1
            continue
        name, equals, value = arg.partition("=")
        if name not in _OPTIONS or name in found:
            return None
        if not equals:
            if index + 1 >= len(args) or args[index + 1].startswith("-"):
                return None
            value = args[index + 1]
            index += 1
        if not value:
            return None
        found[name] = value
        index += 1
    return found


class LaunchError(Exception):
    """The app cannot start: one line for the shell, and the exit status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message, self.exit_code = message, exit_code


def Failure(message: str) -> LaunchError:  # noqa: N802 (reads like the CLI's exception)
    return LaunchError(message, 1)


def UserError(message: str) -> LaunchError:  # noqa: N802
    return LaunchError(message, 2)


def run_app(db_path: Path | None, *, routine: str | None = None, mouse: bool = True,
            profile: str | None = None) -> None:
    path = resolve_db_path(db_path)
    try:
        # Cheap checks first, so a bad file is one line on the shell, not a broken screen.
        check_database_file(path)
    except StorageError as exc:
        raise Failure(str(exc)) from None
    if profile is not None or routine is not None:
        _check_choices(path, profile, routine)
    from backtui.app import make_app

    app = make_app(path, routine=routine, profile=profile)
    app.run(mouse=mouse)
    if app.fatal_error:
        raise Failure(app.fatal_error)


def _check_choices(path: Path, profile: str | None, routine: str | None) -> None:
    """--profile must name a profile, --routine a shipped routine or one of the
    lifter's own (of any lifter, when the app will ask who is training)."""
    from backtui.domain.catalog import load_catalog

    own_routine = routine is not None and routine not in load_catalog().routines
    if profile is None and not own_routine:
        return  # a shipped routine (or none), whoever trains: nothing to read from the file
    from backtui.domain.profiles import ProfileError
    from backtui.storage.profiles import choose_profile, peek_profiles, peek_routine_owners

    if own_routine:
        profiles, owners = peek_routine_owners(path, routine)
    else:
        profiles, owners = peek_profiles(path), set()
    try:
        chosen = choose_profile(profiles, profile) if profile is not None or len(profiles) == 1 else None
    except ProfileError as exc:
        raise UserError(str(exc)) from None
    if own_routine and (not owners or (chosen is not None and chosen.id not in owners)):
        raise UserError(f"unknown routine {routine!r}; see `backtui routines`")


def main() -> None:
    options = app_options(sys.argv[1:])
    if options is not None:
        # Start-up allocates a lot and frees little: no collections until the app has
        # painted and settled (BackTUI.settle_memory collects, freezes and re-enables).
        gc.disable()
    if options is None:
        from backtui.cli import main as command_line

        command_line()
        return
    try:
        run_app(
            options.get("--db") or None,
            routine=options.get("--routine") or None,
            mouse="--no-mouse" not in options,
            profile=options.get("--profile") or os.environ.get("BACKTUI_PROFILE") or None,
        )
    except LaunchError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
