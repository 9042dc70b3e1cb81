"""Profiles: lifters sharing one database. Every other table hangs off a profile
(ON DELETE CASCADE), so deleting one removes that lifter's data and nobody else's.

These functions work across profiles on purpose (listing, adding, choosing); the
Store they lead to is bound to one profile.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypedDict

from backtui.domain.clock import now_iso
from backtui.domain.profiles import (
    DEFAULT_PROFILE_ID,
    Profile,
    ProfileError,
    check_profile_name,
    find_profile,
    unknown_profile,
)
from backtui.storage.rows import inserted_id, read_int, read_rows


class _ProfileRow(TypedDict):
    id: int
    name: str
    created_at: str


class _OwnerRow(TypedDict):
    profile_id: int


def write_transaction(conn: sqlite3.Connection) -> AbstractContextManager[None]:
    # Imported on use: peek_profiles runs before the app's first frame, without sqlite-utils.
    from backtui.storage.store import write_transaction as transaction

    return transaction(conn)


_PROFILES = "SELECT id, name, created_at FROM profiles ORDER BY id"  # _ProfileRow
_ROUTINE_OWNERS = "SELECT profile_id FROM user_routines WHERE slug = ?"  # _OwnerRow


def _profile(row: _ProfileRow) -> Profile:
    return Profile(id=row["id"], name=row["name"], created_at=row["created_at"])


def list_profiles(conn: sqlite3.Connection) -> list[Profile]:
    return [_profile(row) for row in read_rows(conn, _ProfileRow, _PROFILES)]


def _peek_connection(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a database file that has been written to (None for
    one that does not exist yet or is empty), without migrating it: this runs before
    the app starts."""
    from backtui.storage.db import BUSY_TIMEOUT_MS, readonly_uri

    if not path.exists() or path.stat().st_size == 0:
        return None
    return sqlite3.connect(readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _peek_profiles(conn: sqlite3.Connection | None) -> list[Profile]:
    try:
        if conn is not None:
            return list_profiles(conn)
    except sqlite3.OperationalError:
        pass  # a file from before the profiles table: migrating will add the default one
    return [Profile(DEFAULT_PROFILE_ID, "default", "")]


def peek_profiles(path: Path) -> list[Profile]:
    """The profiles of a database file (a new file will have just the default one)."""
    conn = _peek_connection(path)
    try:
        return _peek_profiles(conn)
    finally:
        if conn is not None:
            conn.close()


def peek_routine_owners(path: Path, slug: str) -> tuple[list[Profile], set[int]]:
    """peek_profiles, and the ids of the profiles that have a routine of their own
    with this slug, read on one connection."""
    conn = _peek_connection(path)
    owners: set[int] = set()
    try:
        profiles = _peek_profiles(conn)
        if conn is not None:
            try:
                owners = {row["profile_id"] for row in read_rows(conn, _OwnerRow, _ROUTINE_OWNERS, [slug])}
            except sqlite3.OperationalError:
                pass  # a file from before user_routines: nobody has a routine of their own
    finally:
        if conn is not None:
            conn.close()
    return profiles, owners


def choose_profile(profiles: list[Profile], name: str | None) -> Profile | None:
    """The profile to use: the one named (ProfileError if there is none), else the
    default one (id 1), else the only one; None when several remain to pick from."""
    if name is not None:
        found = find_profile(profiles, name)
        if found is None:
            raise ProfileError(unknown_profile(name, profiles))
        return found
    default = next((p for p in profiles if p.id == DEFAULT_PROFILE_ID), None)
    if default is not None:
        return default
    return profiles[0] if len(profiles) == 1 else None


def add_profile(conn: sqlite3.Connection, name: str) -> Profile:
    with write_transaction(conn):
        cleaned = check_profile_name(name, [p.name for p in list_profiles(conn)])
        cursor = conn.execute("INSERT INTO profiles (name, created_at) VALUES (?, ?)", [cleaned, now_iso()])
    return Profile(inserted_id(cursor.lastrowid), cleaned)


def rename_profile(conn: sqlite3.Connection, old: str, new: str) -> Profile:
    with write_transaction(conn):
        profiles = list_profiles(conn)
        found = find_profile(profiles, old)
        if found is None:
            raise ProfileError(unknown_profile(old, profiles))
        cleaned = check_profile_name(new, [p.name for p in profiles if p.id != found.id])
        conn.execute("UPDATE profiles SET name = ? WHERE id = ?", [cleaned, found.id])
    return Profile(found.id, cleaned, found.created_at)


def delete_profile(conn: sqlite3.Connection, name: str) -> Profile:
    """Delete a profile with all its workouts, sets, settings and routines. The last
    profile stays (rename it instead)."""
    from backtui.storage.summaries import forget_profile, summaries_paused

    with write_transaction(conn):
        profiles = list_profiles(conn)
        found = find_profile(profiles, name)
        if found is None:
            raise ProfileError(unknown_profile(name, profiles))
        if len(profiles) == 1:
            raise ProfileError(f"{found.name!r} is the only profile; rename it instead of deleting it")
        # Its sets go before its own exercises, which they point at; their summaries in
        # one statement each, not a trigger per set (29 s for 100,000 sets).
        with summaries_paused(conn):
            conn.execute("DELETE FROM sets WHERE profile_id = ?", [found.id])
            forget_profile(conn, found.id)
        conn.execute("DELETE FROM profiles WHERE id = ?", [found.id])
    return found


def profile_counts(conn: sqlite3.Connection, profile_id: int) -> dict[str, int]:
    """What a profile holds, to show before it is deleted."""
    def count(sql: str) -> int:
        return read_int(conn, sql, [profile_id]) or 0  # sql: the three constants below

    return {
        "workouts": count("SELECT count(*) FROM workouts WHERE profile_id = ?"),
        "sets": count("SELECT count(*) FROM sets WHERE profile_id = ?"),
        "routines": count("SELECT count(*) FROM user_routines WHERE profile_id = ?"),
    }
