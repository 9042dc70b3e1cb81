"""Every setting backtui knows: key, type, default, allowed range and help.

Values are stored as JSON in the settings table (Store.get_setting/set_setting).
Text typed by a person (`backtui config set`, the settings screen) goes through
`parse_setting`, which refuses bad values with the allowed range in words.
Values read back from the database go through `checked_value`, which falls back
to the default rather than letting a hand-edited row break the app.

Body weight is not stored here: it has a history (the body_weights table); the
key "bodyweight" is listed so the screen and `config` can show and set it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from backtui.domain.formatting import format_rest
from backtui.domain.notices import NOTICE_KINDS
from backtui.domain.plates import DEFAULT_BAR, DEFAULT_PLATES, PlateLoad, load_bar
from backtui.domain.units import (
    DEFAULT_INCREMENTS,
    KG_PER_LB,
    UNITS,
    format_number,
    from_kg,
    normalise_unit,
    to_kg,
)

# Textual's built-in theme names (textual 8.2.8, textual/theme.py BUILTIN_THEMES);
# kept here because the core never imports Textual. A test checks they agree.
THEMES = (
    "textual-dark", "textual-light", "nord", "gruvbox", "catppuccin-mocha", "dracula",
    "tokyo-night", "monokai", "flexoki", "catppuccin-latte", "catppuccin-frappe",
    "catppuccin-macchiato", "solarized-light", "solarized-dark", "rose-pine",
    "rose-pine-moon", "rose-pine-dawn", "atom-one-dark", "atom-one-light", "ansi-dark", "ansi-light",
)
# Weight steps per equipment and unit: the next loadable jump for that kit, out of
# the box the same as units.default_step (one source). Cable and machine are the
# weight stack's step; bodyweight is the load added (or assistance removed) once
# the reps top out; band and ball use it too.
_STEP_FOR = {"band": "bodyweight", "ball": "bodyweight"}
BODYWEIGHT_KEY = "bodyweight"
BODYWEIGHT_RANGE_KG = (20.0, 400.0)
BACKUP_KEEP_KEY = "backup_keep"
OPEN_LIMIT_KEY = "open_limit_h"
BACKUP_KEEP_DEFAULT = 10
_TRUE = ("on", "yes", "true", "1")
_FALSE = ("off", "no", "false", "0")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
# An address to push to: http(s), printable ASCII without spaces, a sane length.
_URL = re.compile(r"^https?://[!-~]{1,500}$")


class SettingError(ValueError):
    """A value that cannot be used, with the allowed range in words."""


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text.replace(",", ".")) if _NUMBER.match(text) else None


@dataclass(frozen=True)
class Setting:
    key: str
    kind: str  # choice | bool | number | count | seconds | plates | bodyweight | url
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    unit: str = ""  # the unit a number or plate list is in ('kg', 'lb', 's')
    optional: bool = False  # empty text means "none" (stored as null)
    empty_means: str = "none"
    label: str = ""

    def _bounds(self) -> tuple[float, float]:
        """low and high of a number, seconds or plates setting (which always have them)."""
        if self.low is None and self.high is None:
            raise TypeError(f"setting {self.key!r} has no range")
        return (self.low if self.low is not None else 0.0), (self.high if self.high is not None else float("inf"))

    def _within(self, value: float) -> bool:
        low, high = self._bounds()
        return low <= value <= high

    def allowed(self, short: bool = False) -> str:
        """The allowed values in words, as shown with a refusal (`short`: for a
        table, long lists of names cut to a few examples)."""
        if self.kind == "choice":
            if len(self.choices) <= 3:
                return " or ".join(self.choices)
            if short:
                return f"one of {len(self.choices)} names: {', '.join(self.choices[:3])}, ..."
            return "one of " + ", ".join(self.choices)
        if self.kind == "bool":
            return "on or off"
        if self.kind == "url":
            return "an http:// or https:// address" + (f", or empty for {self.empty_means}" if self.optional else "")
        if self.kind == "plates":
            return (f"plate sizes in {self.unit} with a count per side, e.g. 25x2 20x2 2.5x2 "
                    f"(sizes up to {format_number(self._bounds()[1])}, counts 1 to 20)")
        if self.kind == "seconds":
            low, high = self._bounds()
            span = f"whole seconds from {low:.0f} to {high:.0f}"
        elif self.kind == "count":
            low, high = self._bounds()
            span = f"a whole number from {low:.0f} to {high:.0f}"
        elif self.kind == "bodyweight":
            low, high = BODYWEIGHT_RANGE_KG
            span = f"{format_number(low)} to {format_number(high)} kg ({low / KG_PER_LB:.0f} to {high / KG_PER_LB:.0f} lb)"
        else:
            low, high = self._bounds()
            span = f"{format_number(low)} to {format_number(high)} {self.unit}".rstrip()
        return span + (f", or empty for {self.empty_means}" if self.optional else "")

    def refuse(self, text: str) -> SettingError:
        return SettingError(f"{self.key}: {text.strip()!r} is not allowed; use {self.allowed()}")

    def parse(self, text: str, unit: str = "kg") -> Any:
        """The value for typed text, or SettingError. Body weight returns kg; a bare
        number is read in `unit` (the lifter's unit), '82kg' or '180lb' say theirs."""
        raw = text.strip()
        if self.optional and raw.lower() in ("", "none", "default", "-"):
            return None
        if self.kind == "choice":
            value = raw.lower()
            if value not in self.choices:
                raise self.refuse(text)
            return value
        if self.kind == "bool":
            if raw.lower() in _TRUE:
                return True
            if raw.lower() in _FALSE:
                return False
            raise self.refuse(text)
        if self.kind == "plates":
            return self._parse_plates(text)
        if self.kind == "seconds":
            return self._parse_seconds(text)
        if self.kind == "count":
            count = int(raw) if raw.isdigit() else None
            if count is None or not self._within(count):
                raise self.refuse(text)
            return count
        if self.kind == "bodyweight":
            return self._parse_bodyweight(text, unit)
        if self.kind == "url":
            if not _URL.match(raw):
                raise self.refuse(text)
            return raw
        number = _number(raw.removesuffix(self.unit).strip() if self.unit else raw)
        if number is None or not self._within(number):
            raise self.refuse(text)
        return number

    def _parse_seconds(self, text: str) -> int:
        raw = text.strip().lower().removesuffix("s").strip()
        if ":" in raw:
            minutes, _, seconds = raw.partition(":")
            ok = minutes.isdigit() and seconds.isdigit() and len(seconds) == 2
            value = int(minutes) * 60 + int(seconds) if ok else None
        else:
            value = int(raw) if raw.isdigit() else None
        if value is None or not self._within(value):
            raise self.refuse(text)
        return value

    def _parse_bodyweight(self, text: str, unit: str) -> float:
        raw = text.strip().lower()
        match = re.match(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)$", raw)
        if not match:
            raise self.refuse(text)
        try:
            entry_unit = normalise_unit(match[2]) if match[2] else unit
        except ValueError:
            raise self.refuse(text) from None
        kg = to_kg(float(match[1].replace(",", ".")), entry_unit)
        low, high = BODYWEIGHT_RANGE_KG
        if not low <= kg <= high:
            raise self.refuse(text)
        return kg

    def _parse_plates(self, text: str) -> list[list[float | int]]:
        tokens = [t for t in re.split(r"[\s,;]+", text.strip().lower()) if t]
        if not tokens:
            raise self.refuse(text)
        counts: dict[float, int] = {}
        for token in tokens:
            size_text, _, count_text = token.partition("x")
            size = _number(size_text)
            count = int(count_text) if count_text.isdigit() else (2 if not count_text else None)
            if size is None or count is None or not 0 < size <= self._bounds()[1] or not 1 <= count <= 20:
                raise self.refuse(text)
            counts[size] = counts.get(size, 0) + count
        if any(c > 20 for c in counts.values()):
            raise self.refuse(text)
        return [[size, counts[size]] for size in sorted(counts, reverse=True)]

    def check(self, value: Any) -> Any:
        """A stored (JSON) value if it is valid, else SettingError."""
        if value is None and self.optional:
            return None
        if self.kind == "choice" and isinstance(value, str) and value in self.choices:
            return value
        if self.kind == "bool" and isinstance(value, bool):
            return value
        if self.kind == "url" and isinstance(value, str) and _URL.match(value):
            return value
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if self.kind == "number" and number and self._within(value):
            return float(value)
        if self.kind in ("seconds", "count") and number and float(value).is_integer() and self._within(value):
            return int(value)
        if self.kind == "plates" and isinstance(value, list) and value:
            try:
                return self._parse_plates(" ".join(f"{format_number(s, 6)}x{int(c)}" for s, c in value))
            except (TypeError, ValueError):
                pass
        raise SettingError(f"{self.key}: stored value {value!r} is not allowed; use {self.allowed()}")

    def edit_text(self, value: Any, unit: str = "kg") -> str:
        """The text an editor starts from: what `parse` takes back unchanged."""
        if value is None:
            return ""
        if self.kind == "bodyweight":
            return format_number(from_kg(value, unit), 2)
        if self.kind == "number":
            return format_number(value)
        if self.kind == "count":
            return str(value)
        return self.show(value, unit)

    def show(self, value: Any, unit: str = "kg") -> str:
        """A value as people read it (and as `parse` accepts it back)."""
        if value is None:
            return self.empty_means
        if self.kind == "bool":
            return "on" if value else "off"
        if self.kind == "plates":
            return " ".join(f"{format_number(size)}x{count}" for size, count in value)
        if self.kind == "seconds":  # a rest as m:ss, as everywhere; a hold step in seconds
            return format_rest(value) if self.key.startswith("rest") else f"{value} s"
        if self.kind == "bodyweight":
            return f"{format_number(from_kg(value, unit), 1)} {unit}"
        if self.kind == "number":
            return f"{format_number(value)} {self.unit}".rstrip()
        return str(value)


def _catalogue() -> dict[str, Setting]:
    items = [
        Setting("unit", "choice", "kg", "Weight unit for entries and display (everything is stored in kg)",
                choices=UNITS, label="Unit"),
        Setting(BODYWEIGHT_KEY, "bodyweight", None, "Your body weight, kept with its date: sets logged from now count it "
                "(their share of it, minus assistance, plus added load); '82 since 2026-11-01' also gives it "
                "to the sets logged since that day", empty_means="not set",
                label="Body weight"),
        Setting("rest_default", "seconds", None, "Rest between sets; empty uses each exercise's own rest",
                low=10, high=900, unit="s", optional=True, empty_means="each exercise's own rest",
                label="Default rest"),
        Setting("bell", "bool", True, "Ring the terminal bell when a rest ends", label="Bell"),
        Setting("notify", "choice", "auto", "When a rest ends, also ask the terminal for a desktop notification: "
                "auto picks OSC 99 on kitty, 777 on foot and urxvt, else 9 (passed through tmux)",
                choices=NOTICE_KINDS, label="Desktop notice"),
        Setting("ntfy_url", "url", None, "When a rest ends, push to this ntfy topic "
                "(e.g. https://ntfy.example.org/my-rest-timer), for a phone whose screen went dark",
                optional=True, empty_means="no push", label="ntfy topic"),
        Setting("cursor_blink", "bool", False, "Blink the cursor in text fields (off: nothing is sent to "
                "the terminal while idle, lighter over SSH)", label="Cursor blink"),
        Setting("theme", "choice", "textual-dark", "Colour theme", choices=THEMES, label="Theme"),
        Setting("hold_step", "seconds", 5, "Seconds added to a timed hold once every set holds the target",
                low=1, high=60, unit="s", label="Hold step"),
        Setting(OPEN_LIMIT_KEY, "count", 6, "Hours a workout may stay open with nothing logged; the next start "
                "closes it at its last set and says so", low=1, high=72, label="Close open workouts after (h)"),
    ]
    for unit in UNITS:
        bar_high = 50.0 if unit == "kg" else 110.0
        items.append(Setting(f"bar.{unit}", "number", DEFAULT_BAR[unit], f"Barbell weight in {unit}",
                             low=0.0, high=bar_high, unit=unit, label=f"Bar ({unit})"))
        items.append(Setting(f"plates.{unit}", "plates", [[s, c] for s, c in DEFAULT_PLATES[unit]],
                             f"{unit} plates you have, with how many per side of the bar",
                             high=50.0 if unit == "kg" else 100.0, unit=unit, label=f"Plates ({unit})"))
    for equipment, steps in DEFAULT_INCREMENTS.items():
        for unit in UNITS:
            high = 20.0 if unit == "kg" else 45.0
            items.append(Setting(f"increment.{equipment}.{unit}", "number", steps[unit],
                                 f"Weight step for {equipment} exercises in {unit}",
                                 low=0.25, high=high, unit=unit, label=f"Step: {equipment} ({unit})"))
    items.append(Setting(BACKUP_KEEP_KEY, "count", BACKUP_KEEP_DEFAULT, "Backups kept of each kind (yours, and the "
                         "automatic ones before an import, a migration or a restore); a file shared by several "
                         "profiles keeps the most any of them asks for", low=1, high=1000, label="Backups kept"))
    return {s.key: s for s in items}


SETTINGS: dict[str, Setting] = _catalogue()


def setting(key: str) -> Setting:
    """The definition for `key`, or SettingError naming close keys."""
    try:
        return SETTINGS[key]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, list(SETTINGS), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `backtui config list`"
        raise SettingError(f"unknown setting {key!r}{hint}") from None


def parse_setting(key: str, text: str, unit: str = "kg") -> Any:
    return setting(key).parse(text, unit)


def checked_value(key: str, value: Any) -> Any:
    """A stored value, or the default when it is missing or not allowed."""
    definition = SETTINGS[key]
    try:
        return definition.check(value)
    except SettingError:
        return definition.default


@dataclass(frozen=True)
class Settings:
    """A snapshot of every setting (defaults filled in) plus the current body weight.
    Build it with `backtui.storage.settings_store.load_settings(store)`."""

    values: Mapping[str, Any] = field(default_factory=dict)
    bodyweight_kg: float | None = None

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any], bodyweight_kg: float | None = None) -> Settings:
        values = {
            key: checked_value(key, stored[key]) if key in stored else definition.default
            for key, definition in SETTINGS.items()
            if key != BODYWEIGHT_KEY
        }
        return cls(values, bodyweight_kg)

    def __getitem__(self, key: str) -> Any:
        if key == BODYWEIGHT_KEY:
            return self.bodyweight_kg
        return self.values.get(key, SETTINGS[key].default)

    # Typed reads of the JSON values; from_stored has checked each against its kind.
    def _text(self, key: str) -> str:
        value = self[key]
        if not isinstance(value, str):
            raise TypeError(f"setting {key!r} holds {value!r}, not text")
        return value

    def _number(self, key: str) -> float:
        value = self[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"setting {key!r} holds {value!r}, not a number")
        return float(value)

    @property
    def unit(self) -> str:
        return self._text("unit")

    @property
    def bell(self) -> bool:
        return bool(self["bell"])

    @property
    def notify(self) -> str:
        value = self["notify"]
        return value if value in NOTICE_KINDS else "auto"

    @property
    def ntfy_url(self) -> str | None:
        value = self["ntfy_url"]
        return value if isinstance(value, str) and value else None

    @property
    def cursor_blink(self) -> bool:
        return bool(self["cursor_blink"])

    @property
    def theme(self) -> str:
        return self._text("theme")

    @property
    def rest_default(self) -> int | None:
        value = self["rest_default"]
        return None if value is None else int(self._number("rest_default"))

    @property
    def hold_step(self) -> int:
        return int(self._number("hold_step"))

    def increment(self, equipment: str, unit: str | None = None) -> float:
        """The weight step for this equipment in `unit` (default: the lifter's)."""
        unit = unit or self.unit
        kit = _STEP_FOR.get(equipment, equipment)
        if kit not in DEFAULT_INCREMENTS:
            kit = "dumbbell"
        return self._number(f"increment.{kit}.{unit}")

    def increments(self, unit: str | None = None) -> dict[str, float]:
        """Equipment -> step in `unit`, what `suggest_next(increments=...)` takes."""
        unit = unit or self.unit
        kits = set(DEFAULT_INCREMENTS) | set(_STEP_FOR)
        return {kit: self.increment(kit, unit) for kit in sorted(kits)}

    def bar(self, unit: str | None = None) -> float:
        """Bar weight in `unit`."""
        return self._number(f"bar.{unit or self.unit}")

    def bar_kg(self, unit: str | None = None) -> float:
        unit = unit or self.unit
        return to_kg(self.bar(unit), unit)

    def plates(self, unit: str | None = None) -> tuple[tuple[float, int], ...]:
        """(size, count per side) largest first, in `unit`."""
        return tuple((float(size), int(count)) for size, count in self[f"plates.{unit or self.unit}"])

    def plate_load(self, weight_kg: float, unit: str | None = None) -> PlateLoad:
        """Plates per side for a stored (kg) barbell weight, in `unit`'s bar and plates."""
        unit = unit or self.unit
        return load_bar(from_kg(weight_kg, unit), self.bar(unit), self.plates(unit))


def describe_settings(settings: Settings) -> list[tuple[str, str, str, str]]:
    """(key, value shown, allowed, help) for each setting, in catalogue order."""
    return [
        (key, definition.show(settings[key], settings.unit), definition.allowed(short=True), definition.help)
        for key, definition in SETTINGS.items()
    ]
