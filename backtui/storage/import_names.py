"""Names of other apps' exercises a lifter mapped by hand (--map "Name=slug"), kept
per profile so the next import of the same app's export places them the same way."""

from __future__ import annotations

from backtui.domain.importers.names import name_key
from backtui.storage.store import Store


def load_name_map(store: Store) -> dict[str, str]:
    """name_key -> slug for this lifter."""
    return {key: slug for key, slug in store.conn.execute(
        "SELECT name_key, slug FROM import_names WHERE profile_id = ?", [store.profile_id])}


def remember_names(store: Store, names: dict[str, str]) -> None:
    """Keep name -> slug pairs (inside the caller's write transaction)."""
    store.conn.executemany(
        "INSERT INTO import_names (profile_id, name_key, name, slug) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (profile_id, name_key) DO UPDATE SET name = excluded.name, slug = excluded.slug",
        [[store.profile_id, name_key(name), name, slug] for name, slug in names.items()])
