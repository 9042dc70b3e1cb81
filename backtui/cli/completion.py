"""Shell completion of exercise slugs, routine slugs and profile names.

Click hands bash, zsh and fish their completion script (`_BACKTUI_COMPLETE=bash_source
backtui`) and asks these functions for the words while the lifter presses Tab: they
must be quick and must never fail loudly (a completion that prints a traceback breaks
the shell's line). The shipped catalog is always offered; the lifters' own exercises,
routines and profiles are read from the database file when it exists, read-only and
without migrating it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from click.shell_completion import CompletionItem


def _db_path(ctx: click.Context) -> Path | None:
    from backtui.storage.db import resolve_db_path

    context: click.Context | None = ctx
    while context is not None:
        value = context.params.get("db_path")
        if value:
            return resolve_db_path(value)
        context = context.parent
    try:
        return resolve_db_path(None)
    except Exception:  # no user data folder: nothing of theirs to offer
        return None


_OWN_EXERCISES = "SELECT slug, name FROM exercises WHERE profile_id IS NOT NULL"
_OWN_ROUTINES = "SELECT slug, name FROM user_routines"
_PROFILES = "SELECT name, '' FROM profiles"


def _from_file(ctx: click.Context, what: str) -> list[tuple[str, str]]:
    """(value, help) rows of the lifters' own exercises, routines or profiles, read-only
    from the file; [] when there is no file or it cannot be read (an old schema, a lock
    held too long)."""
    sql = _OWN_EXERCISES if what == "exercises" else _OWN_ROUTINES if what == "routines" else _PROFILES
    path = _db_path(ctx)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return []
    from backtui.storage.db import readonly_uri

    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=0.5)
        try:
            return [(str(value), str(text or "")) for value, text in conn.execute(sql)]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _items(pairs: Iterable[tuple[str, str]], incomplete: str) -> list[CompletionItem]:
    seen: dict[str, str] = {}
    for value, text in pairs:
        if value.startswith(incomplete) and value not in seen:
            seen[value] = text
    return [CompletionItem(value, help=text) for value, text in sorted(seen.items())]


def complete_exercise(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from backtui.domain.catalog import load_catalog

    shipped = [(slug, exercise.name) for slug, exercise in load_catalog().exercises.items()]
    own = _from_file(ctx, "exercises")
    return _items([*shipped, *own], incomplete)


def complete_routine(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from backtui.domain.catalog import load_catalog

    shipped = [(slug, routine.name) for slug, routine in load_catalog().routines.items()]
    own = _from_file(ctx, "routines")
    return _items([*shipped, *own], incomplete)


def complete_profile(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    names = _from_file(ctx, "profiles") or [("default", "")]
    return _items(names, incomplete)


Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]
