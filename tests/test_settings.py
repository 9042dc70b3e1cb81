"""Settings: every key's validation in words, storage per profile, body weight history."""

from __future__ import annotations

import pytest

from backtui.domain.settings import SETTINGS, THEMES, SettingError, Settings, checked_value, parse_setting
from backtui.storage.settings_store import (
    bodyweight_history,
    bodyweight_on,
    load_settings,
    record_bodyweight,
    save_setting,
    set_from_text,
)


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("unit", "LB", "lb"),
        ("unit", " kg ", "kg"),
        ("bell", "off", False),
        ("bell", "on", True),
        ("bell", "yes", True),
        ("theme", "nord", "nord"),
        ("rest_default", "90", 90),
        ("rest_default", "1:30", 90),
        ("rest_default", "120s", 120),
        ("rest_default", "", None),
        ("rest_default", "default", None),
        ("bar.kg", "15", 15.0),
        ("bar.lb", "35", 35.0),
        ("increment.barbell.kg", "1,25", 1.25),
        ("increment.dumbbell.lb", "2.5", 2.5),
        ("increment.cable.kg", "4.5", 4.5),
        ("hold_step", "10", 10),
        ("plates.kg", "20x2 10 1.25x4", [[20.0, 2], [10.0, 2], [1.25, 4]]),
        ("plates.lb", "45, 25, 10, 5, 2.5", [[45.0, 2], [25.0, 2], [10.0, 2], [5.0, 2], [2.5, 2]]),
        ("bodyweight", "82.5", 82.5),
        ("bodyweight", "180lb", pytest.approx(81.646627)),
    ],
)
def test_accepted_values(key, text, value):
    assert parse_setting(key, text) == value


@pytest.mark.parametrize(
    ("key", "text", "allowed"),
    [
        ("unit", "stone", "kg or lb"),
        ("bell", "maybe", "on or off"),
        ("theme", "neon", "nord"),
        ("rest_default", "5", "whole seconds from 10 to 900, or empty for each exercise's own rest"),
        ("rest_default", "ninety", "10 to 900"),
        ("rest_default", "901", "10 to 900"),
        ("bar.kg", "60", "0 to 50 kg"),
        ("bar.kg", "-5", "0 to 50 kg"),
        ("increment.barbell.kg", "0", "0.25 to 20 kg"),
        ("increment.barbell.kg", "lots", "0.25 to 20 kg"),
        ("hold_step", "0", "1 to 60"),
        ("plates.kg", "", "count per side"),
        ("plates.kg", "25x0", "counts 1 to 20"),
        ("plates.kg", "80x2", "sizes up to 50"),
        ("plates.kg", "heavy", "25x2"),
        ("bodyweight", "5", "20 to 400 kg"),
        ("bodyweight", "80 stone", "20 to 400 kg"),
    ],
)
def test_refused_values_say_the_allowed_range(key, text, allowed):
    with pytest.raises(SettingError) as caught:
        parse_setting(key, text)
    assert allowed in str(caught.value) and key in str(caught.value)


def test_unknown_key_suggests_close_ones():
    with pytest.raises(SettingError, match="did you mean increment.barbell.kg"):
        parse_setting("increment.barbel.kg", "2")


def test_every_setting_has_help_default_and_allowed_words():
    for key, definition in SETTINGS.items():
        assert definition.help and definition.allowed()
        if definition.default is not None:
            assert checked_value(key, definition.default) == definition.default
            # what is shown can be typed back
            shown = definition.show(definition.default)
            assert definition.parse(shown) == definition.default


def test_theme_names_match_textual():
    from textual.theme import BUILTIN_THEMES

    assert set(THEMES) == set(BUILTIN_THEMES)


def test_bad_stored_values_fall_back_to_defaults():
    settings = Settings.from_stored({"unit": "stone", "bell": "yes", "rest_default": 3.5, "plates.kg": [[25, "x"]],
                                     "increment.barbell.kg": 999, "theme": "nord"})
    assert settings.unit == "kg" and settings.bell is True and settings.rest_default is None
    assert settings.plates("kg")[0] == (25.0, 2) and settings.increment("barbell") == 2.5
    assert settings.theme == "nord"


def test_snapshot_accessors():
    settings = Settings.from_stored({"unit": "lb", "increment.machine.lb": 15.0})
    assert settings.increment("machine") == 15 and settings.increment("band") == 5
    assert settings.increments()["barbell"] == 5 and settings.increments("kg")["dumbbell"] == 2
    assert settings.bar() == 45 and settings.bar_kg("kg") == 20
    load = settings.plate_load(102.058283)  # 225 lb
    assert load.per_side == (45.0, 45.0)


# -- in the database ------------------------------------------------------------
def test_settings_round_trip_through_the_store(store):
    assert load_settings(store).unit == "kg"
    assert set_from_text(store, "unit", "lb") == "lb"
    assert set_from_text(store, "bell", "off") is False
    assert set_from_text(store, "rest_default", "") is None
    set_from_text(store, "plates.lb", "45x4 25 5 2.5")
    # the tracker reads these keys directly
    assert store.get_setting("unit") == "lb" and store.get_setting("bell") is False
    assert store.get_setting("rest_default", 60) is None
    settings = load_settings(store)
    assert settings.plates("lb") == ((45.0, 4), (25.0, 2), (5.0, 2), (2.5, 2))
    with pytest.raises(SettingError):
        set_from_text(store, "unit", "stone")
    assert load_settings(store).unit == "lb"


def test_typed_value_is_checked_again(store):
    with pytest.raises(SettingError):
        save_setting(store, "bell", "loud")
    assert save_setting(store, "rest_default", 120) == 120


def test_bare_body_weight_is_read_in_the_lifters_unit(store):
    set_from_text(store, "unit", "lb")
    set_from_text(store, "bodyweight", "180")
    assert load_settings(store).bodyweight_kg == pytest.approx(81.646627)


def test_body_weight_history_and_lookup_by_date(store):
    assert bodyweight_on(store) is None
    record_bodyweight(store, 82.0, at="2026-01-05T07:00:00.000000+00:00")
    record_bodyweight(store, 80.5, at="2026-02-01T07:00:00.000000+00:00")
    record_bodyweight(store, 79.0, at="2026-03-01T07:00:00.000000+00:00")
    assert bodyweight_on(store) == 79.0
    assert bodyweight_on(store, "2026-02-01") == 80.5
    assert bodyweight_on(store, "2026-02-20T18:00:00.000000+00:00") == 80.5
    assert bodyweight_on(store, "2025-12-01") is None  # before any: none was in effect (issue 16)
    assert [kg for _, kg in bodyweight_history(store)] == [79.0, 80.5, 82.0]
    assert len(bodyweight_history(store, limit=1)) == 1
    with pytest.raises(SettingError):
        record_bodyweight(store, 5.0)


def test_settings_and_body_weight_belong_to_one_profile(store):
    from backtui.storage.store import Store, write_transaction

    with write_transaction(store.conn):
        store.conn.execute("INSERT INTO profiles (id, name, created_at) VALUES (2, 'other', '2026-01-01')")
    other = Store(store.db, store.catalog, profile_id=2)
    set_from_text(other, "unit", "lb")
    record_bodyweight(other, 70.0)
    assert load_settings(store).unit == "kg" and bodyweight_on(store) is None
    assert load_settings(other).unit == "lb" and bodyweight_on(other) == 70.0
