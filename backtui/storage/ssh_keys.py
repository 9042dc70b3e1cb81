"""The public keys that let lifters into `backtui ssh-serve`: one lifter per key.

Kept in the database (table ssh_keys, migration m008_ssh_keys) rather than in a file of
their own: a key points at a profile's id, so renaming a lifter keeps their keys,
deleting a lifter removes their keys in the same transaction, two `ssh-keys add`
at once are serialised by SQLite's write lock like every other write, and a backup
of the file carries who may log in with it. Public keys are no secret; what the
table decides (who gets in as whom) is why only the server's owner edits it, from
the shell (`backtui ssh-keys`), and no session can reach it.

The server reads the table at every authentication on a connection of its own, so
a key added or removed takes effect from the next connection, without a restart.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from backtui.domain.clock import now_iso
from backtui.domain.profiles import ProfileError, find_profile, unknown_profile
from backtui.storage.profiles import list_profiles, write_transaction


@dataclass(frozen=True)
class NewKey:
    """A public key as read from a .pub file, before it belongs to anybody."""

    algorithm: str    # 'ssh-ed25519'
    public_key: str   # the base64 of the key, as in authorized_keys
    fingerprint: str  # 'SHA256:...'
    comment: str = ""


@dataclass(frozen=True)
class StoredKey:
    algorithm: str
    public_key: str
    fingerprint: str
    comment: str
    profile_id: int
    profile_name: str
    added_at: str


class SshKeyError(ValueError):
    """A key that cannot be added or removed, in words for the shell."""


_SELECT = """SELECT k.algorithm, k.public_key, k.fingerprint, k.comment, k.profile_id, p.name, k.added_at
              FROM ssh_keys k JOIN profiles p ON p.id = k.profile_id"""


def list_keys(conn: sqlite3.Connection) -> list[StoredKey]:
    """Every key, by lifter (in the order they were added), then by when it was added."""
    rows = conn.execute(_SELECT + " ORDER BY p.id, k.id").fetchall()  # sql: a constant
    return [StoredKey(*row) for row in rows]


def add_key(conn: sqlite3.Connection, profile_name: str, key: NewKey) -> StoredKey:
    """Let `key` in as the lifter called `profile_name`. A key already there for the
    same lifter is left as it is (its comment updated); one that lets in another
    lifter is refused: one key, one lifter."""
    with write_transaction(conn):
        profiles = list_profiles(conn)
        profile = find_profile(profiles, profile_name)
        if profile is None:
            raise ProfileError(unknown_profile(profile_name, profiles))
        taken = conn.execute("SELECT p.name FROM ssh_keys k JOIN profiles p ON p.id = k.profile_id "
                             "WHERE k.fingerprint = ? AND k.profile_id != ?", [key.fingerprint, profile.id]).fetchone()
        if taken is not None:
            raise SshKeyError(f"the key {key.fingerprint} already lets in the lifter {taken[0]!r}: one key is one lifter "
                            f"(remove it there first with `backtui ssh-keys remove {key.fingerprint}`)")
        conn.execute(
            "INSERT INTO ssh_keys (profile_id, algorithm, public_key, fingerprint, comment, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET comment = excluded.comment",
            [profile.id, key.algorithm, key.public_key, key.fingerprint, key.comment, now_iso()],
        )
        row = conn.execute(_SELECT + " WHERE k.fingerprint = ?", [key.fingerprint]).fetchone()  # sql: a constant
    return StoredKey(*row)


def remove_keys(conn: sqlite3.Connection, which: str, profile_name: str | None = None) -> list[StoredKey]:
    """Remove the key with this fingerprint ('SHA256:...', or without the prefix) or
    every key with this comment, of one lifter when `profile_name` is given. Nothing
    is removed (SshKeyError) when nothing matches, or when a comment is shared by
    several lifters' keys and no lifter is named."""
    with write_transaction(conn):
        keys = list_keys(conn)
        if profile_name is not None:
            profile = find_profile(list_profiles(conn), profile_name)
            if profile is None:
                raise ProfileError(unknown_profile(profile_name, list_profiles(conn)))
            keys = [k for k in keys if k.profile_id == profile.id]
        fingerprint = which if which.startswith("SHA256:") else f"SHA256:{which}"
        chosen = [k for k in keys if k.fingerprint == fingerprint] or [k for k in keys if which and k.comment == which]
        if not chosen:
            raise SshKeyError(f"no key with the fingerprint or comment {which!r}; see `backtui ssh-keys list`")
        owners = {k.profile_name for k in chosen}
        if len(owners) > 1:
            raise SshKeyError(f"keys of several lifters have the comment {which!r} ({', '.join(sorted(owners))}): "
                            "name the key by its fingerprint, or add --profile NAME")
        conn.executemany("DELETE FROM ssh_keys WHERE fingerprint = ?", [[k.fingerprint] for k in chosen])
    return chosen


def find_key(path: Path, fingerprint: str) -> StoredKey | None:
    """The key with this fingerprint and its lifter, read on a connection of its own
    that never writes (the server's authentication). None when there is none, or
    when the file predates the table."""
    from backtui.storage.db import reader

    conn = reader(path)
    try:
        row = conn.execute(_SELECT + " WHERE k.fingerprint = ?", [fingerprint]).fetchone()  # sql: a constant
    except sqlite3.OperationalError:
        return None  # no such table: nobody has been let in yet
    finally:
        conn.close()
    return StoredKey(*row) if row is not None else None

