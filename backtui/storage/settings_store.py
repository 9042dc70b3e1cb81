"""Settings and body weight in the database, for the Store's profile.

Settings are JSON values in the settings table (Store.get_setting/set_setting);
body weight is a dated history in body_weights. Every query filters by profile_id.
"""

from __future__ import annotations

from typing import Any, TypedDict

from backtui.domain.clock import now_iso
from backtui.domain.settings import BODYWEIGHT_KEY, BODYWEIGHT_RANGE_KG, SETTINGS, SettingError, Settings, setting
from backtui.storage.rows import as_rows, read_float
from backtui.storage.store import Store, write_transaction


class _SettingRow(TypedDict):
    key: str
    value: str


class _BodyWeightRow(TypedDict):
    measured_at: str
    weight_kg: float


def load_settings(store: Store) -> Settings:
    """Every setting (defaults for missing or unusable rows) and today's body weight,
    in two queries: cheap enough to call whenever a screen needs them."""
    rows = as_rows(_SettingRow, store.db.table("settings").rows_where(
        "profile_id = ?", [store.profile_id], select="key, value"))
    stored = {row["key"]: _json(row["value"]) for row in rows}
    return Settings.from_stored(stored, bodyweight_on(store))


def _json(text: str) -> Any:
    import json

    try:
        return json.loads(text)
    except ValueError:
        return None  # a hand-edited row that is not JSON: the default applies


def save_setting(store: Store, key: str, value: Any) -> Any:
    """Store an already parsed value (checked again here); body weight goes to
    its history. Returns the value stored. Raises SettingError."""
    definition = setting(key)
    if key == BODYWEIGHT_KEY:
        record_bodyweight(store, value)
        return value
    checked = definition.check(value)
    store.set_setting(key, checked)
    return checked


def set_from_text(store: Store, key: str, text: str) -> Any:
    """`backtui config set` and the settings screen: parse typed text (bare
    weights in the lifter's unit) and store it. Raises SettingError."""
    definition = setting(key)
    unit = load_settings(store).unit
    return save_setting(store, key, definition.parse(text, unit))


# -- body weight -------------------------------------------------------------
def record_bodyweight(store: Store, weight_kg: float, *, at: str | None = None) -> None:
    low, high = BODYWEIGHT_RANGE_KG
    if weight_kg is None or not low <= weight_kg <= high:
        raise SettingError(f"{BODYWEIGHT_KEY}: {weight_kg!r} kg is not allowed; use {SETTINGS[BODYWEIGHT_KEY].allowed()}")
    with write_transaction(store.conn):
        store.db.table("body_weights").insert(
            {"profile_id": store.profile_id, "measured_at": at or now_iso(), "weight_kg": round(weight_kg, 6)})
        # Bodyweight sets logged before any body weight was known get this first one,
        # so their e1RM and volume count the body (not the added plate alone).
        store.conn.execute(
            "UPDATE sets SET bodyweight_kg = ? WHERE profile_id = ? AND bodyweight_kg IS NULL "
            "AND exercise_id IN (SELECT id FROM exercises WHERE measure = 'bodyweight_reps')",
            [round(weight_kg, 6), store.profile_id],
        )


def bodyweight_on(store: Store, when: str | None = None) -> float | None:
    """Body weight on a day ('2026-11-21') or at an instant (a set's logged_at):
    the last measurement at or before it, else the first one after it (better than
    nothing for an old set), else None. No `when`: the latest."""
    bound = _upper_bound(when)
    found = read_float(
        store.conn,
        "SELECT weight_kg FROM body_weights WHERE profile_id = ? AND measured_at <= ? "
        "ORDER BY measured_at DESC, id DESC LIMIT 1",
        [store.profile_id, bound],
    )
    if found is None:
        found = read_float(
            store.conn, "SELECT weight_kg FROM body_weights WHERE profile_id = ? ORDER BY measured_at, id LIMIT 1",
            [store.profile_id],
        )
    return found


def _upper_bound(when: str | None) -> str:
    if when is None:
        return "9999"
    if len(when) == 10:  # a date: the whole of that (UTC) day counts
        return when + "T23:59:59.999999+00:00"
    return when


def bodyweight_history(store: Store, limit: int | None = None) -> list[tuple[str, float]]:
    """(measured_at, weight_kg), newest first."""
    rows = as_rows(_BodyWeightRow, store.db.table("body_weights").rows_where(
        "profile_id = ?", [store.profile_id], order_by="measured_at DESC, id DESC", limit=limit,
        select="measured_at, weight_kg"))
    return [(row["measured_at"], row["weight_kg"]) for row in rows]
