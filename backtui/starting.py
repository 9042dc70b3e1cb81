"""Starting the app on a database: the checks that come first, and their errors.

Both the fast launcher (launch.py) and the click command line (cli/) start the app
through run_app, so it lives apart from both of them.
"""

from __future__ import annotations

import os
from pathlib import Path

from backtui.storage.db import check_database_file, resolve_db_path
from backtui.storage.errors import StorageError

SIGNAL_GRACE = 3.0  # seconds a signalled app has to give the terminal back before it just ends


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
            profile: str | None = None, read_only: bool = False, lock_profile: bool = False,
            start: bool = False) -> None:
    """`read_only`: view only, whatever the file allows. `lock_profile`: the session
    stays with `profile` (no lifter switch, no adding, renaming or deleting lifters).
    `start`: with `routine`, start its workout at once (else its plan shows first)."""
    path = resolve_db_path(db_path)
    if lock_profile and not profile:
        raise UserError("--lock-profile needs --profile NAME: the lifter to confine this session to")
    if read_only and not path.exists():
        raise Failure(f"no database at {path} (--read-only never creates one)")
    try:
        # Cheap checks first, so a bad file is one line on the shell, not a broken screen.
        check_database_file(path)
    except StorageError as exc:
        raise Failure(str(exc)) from None
    if profile is not None or routine is not None:
        _check_choices(path, profile, routine)
    from backtui.app import make_app

    app = make_app(path, routine=routine, profile=profile, read_only=read_only, lock_profile=lock_profile,
                   start=start)
    signalled = run_until_signal(app, mouse=mouse)
    if app.fatal_error:
        raise Failure(app.fatal_error)
    if signalled:
        raise SystemExit(128 + signalled)


def run_until_signal(app, *, mouse: bool) -> int:
    """Run the app; SIGTERM or SIGHUP end it as a quit does (the terminal is given back:
    alternate screen left, mouse reporting off; the database thread finishes what was
    sent, and every set was committed at Enter). The signal's number, or 0."""
    import asyncio
    import signal

    caught: list[int] = []

    def ended(signum, _frame) -> None:
        caught.append(signum)
        # Bounded: a terminal hung up mid-frame can leave Textual's shutdown waiting on its
        # output thread for ever (seen over SSH during start-up). Every set is committed at
        # Enter, so after the grace the process simply goes.
        import threading

        limit = threading.Timer(SIGNAL_GRACE, os._exit, args=(128 + signum,))
        limit.daemon = True
        limit.start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet, or done: nothing on the terminal to give back
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.exit)

    wanted = (signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, ended) for sig in wanted}
    try:
        app.run(mouse=mouse)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return caught[0] if caught else 0


def _check_choices(path: Path, profile: str | None, routine: str | None) -> None:
    """--profile must name a profile, --routine a shipped routine or one of the
    lifter's own (of any lifter, when the app will ask who is training)."""
    from backtui.storage.catalog_cache import shipped_catalog

    own_routine = routine is not None and routine not in shipped_catalog().routines
    if profile is None and not own_routine:
        return  # a shipped routine (or none), whoever trains: nothing to read from the file
    from backtui.domain.profiles import ProfileError
    from backtui.storage.profiles import choose_profile, peek_profiles, peek_routine_owners

    if own_routine and routine is not None:
        profiles, owners = peek_routine_owners(path, routine)
    else:
        profiles, owners = peek_profiles(path), set()
    try:
        chosen = choose_profile(profiles, profile) if profile is not None or len(profiles) == 1 else None
    except ProfileError as exc:
        raise UserError(str(exc)) from None
    if own_routine and (not owners or (chosen is not None and chosen.id not in owners)):
        raise UserError(f"unknown routine {routine!r}; see `backtui routines`")
