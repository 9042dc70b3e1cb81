"""Settings and body weight in the database, for the Store's profile.

Settings are JSON values in the settings table (Store.get_setting/set_setting);
body weight is a dated history in body_weights. Every query filters by profile_id.
"""

from __future__ import annotations

from typing import Any, TypedDict

from backtui.domain.clock import now_iso
from backtui.domain.settings import BODYWEIGHT_KEY, BODYWEIGHT_RANGE_KG, SETTINGS, SettingError, Settings, setting
from backtui.storage.rows import as_rows, read_float, read_text
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


def set_from_text(store: Store, key: str, text: str, *, since: str | None = None) -> Any:
    """`backtui config set` and the settings screen: parse typed text (bare
    weights in the lifter's unit) and store it. Raises SettingError.

    Body weight may say from when it holds: `82 since 2026-11-01` (or `since=` from
    `config set bodyweight 82 --since 2026-11-01`): the sets of bodyweight moves
    logged from that day on count it. Without it, no set logged before now changes."""
    definition = setting(key)
    unit = load_settings(store).unit
    if key == BODYWEIGHT_KEY:
        number, word, day = text.strip().partition(" since ")
        if word:
            if since is not None:
                raise SettingError("say the date once: '82 since 2026-11-01' or --since 2026-11-01")
            text, since = number, day.strip()
        weight = definition.parse(text, unit)
        record_bodyweight(store, weight, since=parse_since(since) if since is not None else None)
        return weight
    if since is not None:
        raise SettingError(f"--since only applies to {BODYWEIGHT_KEY}")
    return save_setting(store, key, definition.parse(text, unit))


def parse_since(text: str) -> str:
    """A day ('2026-11-01') as the UTC instant it starts (sets are stored in UTC)."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise SettingError(f"since {text.strip()!r} is not a date: write it like 2026-11-01") from None
    if day > dt.datetime.now(dt.timezone.utc).date():
        raise SettingError(f"since {day.isoformat()} is in the future: a body weight holds from a day already begun")
    return f"{day.isoformat()}T00:00:00.000000+00:00"


# -- body weight -------------------------------------------------------------
def record_bodyweight(store: Store, weight_kg: float, *, at: str | None = None, since: str | None = None) -> int:
    """Add a body weight to the history, measured `at` (now by default).

    Each set keeps the body weight in effect when it was logged (the latest entry at
    or before it), so a new entry changes no set already logged: a workout's volume
    does not jump when the body weight is set halfway through it. Only `since` (a UTC
    instant, the lifter asking) dates the entry then and gives it to the bodyweight
    moves' sets logged from then until the next entry. Returns how many sets changed."""
    low, high = BODYWEIGHT_RANGE_KG
    if weight_kg is None or not low <= weight_kg <= high:
        raise SettingError(f"{BODYWEIGHT_KEY}: {weight_kg!r} kg is not allowed; use {SETTINGS[BODYWEIGHT_KEY].allowed()}")
    measured = since or at or now_iso()
    with write_transaction(store.conn):
        store.db.table("body_weights").insert(
            {"profile_id": store.profile_id, "measured_at": measured, "weight_kg": round(weight_kg, 6)})
        if since is None:
            return 0
        until = read_text(store.conn, "SELECT min(measured_at) FROM body_weights WHERE profile_id = ? "
                                      "AND measured_at > ?", [store.profile_id, since]) or "9999"
        changed = store.conn.execute(
            "UPDATE sets SET bodyweight_kg = ? WHERE profile_id = ? AND logged_at >= ? AND logged_at < ? "
            "AND exercise_id IN (SELECT id FROM exercises WHERE measure = 'bodyweight_reps')",
            [round(weight_kg, 6), store.profile_id, since, until],
        )
        return changed.rowcount


def bodyweight_on(store: Store, when: str | None = None) -> float | None:
    """Body weight in effect on a day ('2026-11-21') or at an instant (a set's
    logged_at): the last measurement at or before it, else None (a weight measured
    later is not the one that was lifted then). No `when`: the latest."""
    bound = _upper_bound(when)
    return read_float(
        store.conn,
        "SELECT weight_kg FROM body_weights WHERE profile_id = ? AND measured_at <= ? "
        "ORDER BY measured_at DESC, id DESC LIMIT 1",
        [store.profile_id, bound],
    )


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
