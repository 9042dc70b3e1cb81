"""Starting the Textual app from the command line."""

from __future__ import annotations

from pathlib import Path

from backtui.cli.common import Failure, UserError
from backtui.storage.db import StorageError, check_database_file, resolve_db_path


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
    from backtui.domain.profiles import ProfileError
    from backtui.storage.profiles import choose_profile, peek_profiles, peek_routine_profiles

    profiles = peek_profiles(path)
    try:
        chosen = choose_profile(profiles, profile) if profile is not None or len(profiles) == 1 else None
    except ProfileError as exc:
        raise UserError(str(exc)) from None
    if routine is None:
        return
    from backtui.domain.catalog import load_catalog

    if routine in load_catalog().routines:
        return
    owners = peek_routine_profiles(path, routine)
    if not owners or (chosen is not None and chosen.id not in owners):
        raise UserError(f"unknown routine {routine!r}; see `backtui routines`")
