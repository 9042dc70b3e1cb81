"""`backtui log` without click, sqlite-utils or pendulum, for the common case.

A script or a phone's SSH command logs one set and exits: loading the command-line
toolkit, sqlite-utils and pendulum costs several times the insert itself (issue 17),
and so does importing the domain's dataclasses, typing, re, json and pathlib. So this
module imports nothing but os, sys, sqlite3 (which brings datetime) and zoneinfo; what
it needs from the domain (the entry grammar, the doubt rule, the set's words, a few
constants) it does in plain code, and tests/test_quick_log.py checks it against the
domain functions on many inputs and the constants against their sources.

`run` handles `log EXERCISE ENTRY... [--db PATH] [--json] [--yes|-y]` for a shipped
exercise, now, on a database already at the current schema (--db, else $BACKTUI_DB,
else the default file where platformdirs' answer is plain: Linux, absolute
$XDG_DATA_HOME or $HOME), and returns the exit status. Whenever it meets anything else (another option, --at, --routine, --profile,
an unknown exercise, an entry it cannot parse, a set that looks like a typo, a
workout left open too long, a file that needs checks or migration) it returns None
BEFORE writing anything, and the full click command runs instead: every message stays
the click path's own. So each piece here may refuse more than the domain does, never
accept what the domain refuses nor read it otherwise.
"""

import os
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

# -- constants kept in step with their sources (tests compare them) -----------------
BUSY_TIMEOUT_MS = 10_000  # backtui.storage.files
SQLITE_MAGIC = b"SQLite format 3\x00"  # backtui.storage.files
KG_PER_LB = 0.45359237  # backtui.domain.units
MAX_WEIGHT_KG = 1000.0  # backtui.domain.units
MAX_BODYWEIGHT_LOAD_KG = 200.0  # backtui.domain.units
MAX_REPS = 1000  # backtui.domain.entry
MAX_HOLD_SECONDS = 3600
MAX_SETS_PER_LINE = 20
MAX_NOTE_CHARS = 500
OPEN_LIMIT = ("open_limit_h", 6, 1, 72)  # backtui.domain.settings: key, default, low, high
PLAUSIBLE_KG = {"barbell": 350.0, "dumbbell": 100.0, "kettlebell": 100.0, "cable": 200.0, "machine": 300.0,
                "bodyweight": 150.0, "band": 100.0, "ball": 50.0}  # backtui.domain.plausible
PLAUSIBLE_DEFAULT_KG = 300.0
PLAUSIBLE_REPS = 100
PLAUSIBLE_SECONDS = 600
WEIGHT_FACTOR = 1.5
E1RM_FACTOR = 1.3
E1RM_MAX_REPS = 10  # backtui.domain.records

_FLAGS = {"--json": "json", "--yes": "sure", "-y": "sure"}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SET_SELECT = (
    "SELECT s.id, s.workout_id, e.slug, s.set_number, s.kind, s.weight_kg, s.reps, s.seconds, s.straps, s.rpe, "
    "s.note, s.unit, s.logged_at, s.form_broke, s.bodyweight_kg FROM sets s JOIN exercises e ON e.id = s.exercise_id "
)


class _Fallback(Exception):
    """The full command must handle this; nothing was written."""


def parse_args(args: list[str]) -> dict | None:
    """The log options and arguments, or None when click must parse them."""
    found: dict = {"json": False, "sure": False, "db": None, "words": []}
    seen: set[str] = set()
    index = 0
    while index < len(args):
        arg = args[index]
        if "\x00" in arg:
            return None
        if arg in _FLAGS:
            if _FLAGS[arg] in seen:
                return None
            seen.add(_FLAGS[arg])
            found[_FLAGS[arg]] = True
        elif arg == "--db" or arg.startswith("--db="):
            if "db" in seen:
                return None
            seen.add("db")
            if arg == "--db":
                if index + 1 >= len(args) or args[index + 1].startswith("-"):
                    return None
                index += 1
                value = args[index]
            else:
                value = arg[len("--db="):]
            if not value:
                return None
            found["db"] = value
        elif arg.startswith("-"):
            return None  # another option, `--`, or an assistance entry (-20x8): click's parser decides
        else:
            found["words"].append(arg)
        index += 1
    if len(found["words"]) < 2:
        return None
    return found


# -- where the database is, as storage/db.py's resolve_db_path finds it -------------
def _clean(path: str) -> bool:
    """A path pathlib would print unchanged (no doubled slash, no '.' part, no trailing
    slash): then this text and the full command's Path name the same file the same way."""
    return bool(path) and "//" not in path and "/./" not in path and not path.startswith("./") \
        and not path.endswith(("/", "/.")) and path != "."


def default_db_path() -> str | None:
    """platformdirs' user_data_path("backtui") / "backtui.db" on Linux, where every
    platformdirs 4 release agrees: $XDG_DATA_HOME when it is an absolute path, else
    $HOME/.local/share with an absolute $HOME. None for the rest (then click runs)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system":
        return None  # perhaps an Android app's folders: platformdirs looks further
    base = os.environ.get("XDG_DATA_HOME", "")
    if not base.startswith("/"):
        if base.strip():
            return None  # a relative XDG_DATA_HOME: releases differ on it
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            return None
        base = (home.rstrip("/") or "") + "/.local/share"
    path = os.path.join(base, "backtui", "backtui.db")
    return path if _clean(path) else None


def database_path(option: str | None) -> str | None:
    """--db, then $BACKTUI_DB, then the default, with `~` expanded as Path.expanduser
    does; None when click must work it out."""
    chosen = option or os.environ.get("BACKTUI_DB") or default_db_path()
    if not chosen:
        return None
    if chosen.startswith("~"):
        chosen = os.path.expanduser(chosen)
        if chosen.startswith("~"):
            return None  # no such home: the full command says so
    return chosen


# -- the lifter's time zone, as pendulum finds it --------------------------------
def _zone(key: str):
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(key)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def local_zone(root: str = "/"):
    """pendulum's get_local_timezone on Unix for the usual set-ups (TZ naming a zone,
    /etc/timezone, a /etc/localtime link); None for the rest (then click runs)."""
    if sys.platform == "win32" or "darwin" in sys.platform:
        return None
    tzenv = os.environ.get("TZ")
    if tzenv:
        if tzenv[0] == ":" or os.path.isfile(tzenv):
            return None
        return _zone(tzenv)
    etc = os.path.join(root, "etc")
    timezone_file = os.path.join(etc, "timezone")
    if os.path.isfile(timezone_file):
        with open(timezone_file, "rb") as handle:
            data = handle.read()
        if data.startswith(b"TZif2"):
            return None
        name = data.strip().decode()
        name = name.partition(" ")[0].partition("#")[0]
        return _zone(name.replace(" ", "_"))
    if os.path.isfile(os.path.join(etc, "sysconfig", "clock")) or os.path.isfile(os.path.join(etc, "conf.d", "clock")):
        return None
    link = os.path.join(etc, "localtime")
    if os.path.isfile(link) and os.path.islink(link):
        # Path.resolve().parts: the root is "/", every other part a name.
        parts = ["/" if not p else p.replace(" ", "_") for p in reversed(os.path.realpath(link).split("/"))]
        tried: list[str] = []
        while parts:
            tried.insert(0, parts.pop(0))
            zone = _zone(os.path.sep.join(tried))
            if zone is not None:
                return zone
    return None


def wall_time(zone, naive: datetime) -> datetime:
    """A wall-clock time in `zone`, normalised as pendulum's Timezone.convert does
    (a time skipped by DST moves by the gap: forward with fold=1, back with fold=0)."""
    before = zone.utcoffset(naive.replace(fold=0))
    after = zone.utcoffset(naive.replace(fold=1))
    if after > before:
        naive = naive + ((after - before) if naive.fold else (before - after))
    return naive.replace(tzinfo=zone)


def day_bounds(at: datetime, zone) -> tuple[datetime, datetime]:
    """pendulum's `at.start_of("day")` (midnight, keeping at's fold) and that
    `.add(days=1)` (the same wall time a day later, fold=1): where DST skips
    midnight, the start moves and the end follows it, as pendulum has them."""
    start = wall_time(zone, datetime(at.year, at.month, at.day, fold=at.fold))
    following = start.replace(tzinfo=None, fold=0) + timedelta(days=1)
    return start, wall_time(zone, following.replace(fold=1))


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def words_when(moment: datetime) -> str:
    """pendulum's format("ddd D MMM YYYY HH:mm") in English."""
    return (f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year} "
            f"{moment.hour:02d}:{moment.minute:02d}")


# -- the shipped catalog, parsed once per version of its files (storage/catalog_cache.py)
def shipped_catalog() -> dict:
    """{"digest": the hash Store.sync_catalog keeps in meta, "log": slug -> (name, measure,
    equipment, assisted), "names": lower-case name -> slug, ...}. Raises _Fallback when the
    files cannot be read or parsed: the full command says why."""
    from backtui.storage.catalog_cache import cached_data

    try:
        data = cached_data()
        data["log"], data["names"]  # noqa: B018 (a copy without them: the full command)
    except Exception:
        raise _Fallback from None
    return data


def find_exercise(catalog: dict, text: str) -> tuple | None:
    """Catalog.find_exercise on the cached fields: (slug, name, measure, equipment, assisted)."""
    key = text.strip().lower()
    slug = key if key in catalog["log"] else catalog["names"].get(key)
    return None if slug is None else (slug, *catalog["log"][slug])


# -- the entry grammar (domain/entry.py's parse_entry), for the usual lines ---------
# A draft is SetDraft's fields in order:
# (weight_kg, reps, seconds, unit, straps, rpe, kind, note, form_broke).
_STRAPS = ("s", "strap", "straps")
_KINDS = {
    "w": "warmup", "wu": "warmup", "warmup": "warmup", "warm-up": "warmup",
    "d": "drop", "drop": "drop", "dropset": "drop",
    "f": "failure", "fail": "failure", "failure": "failure",
}
# Lines made of these (after lower-casing plain ASCII) are parsed here; anything else
# (tabs, '×', non-ASCII digits and letters...) goes to the domain parser on the click path.
_PLAIN = frozenset("0123456789abcdefghijklmnopqrstuvwxyz.,@!+-:* ")
_UNIT_WORDS = ("kgs", "kg", "lbs", "lb")
_HOLD_WORDS = ("s", "sec", "secs", "seconds")


def _number(text: str) -> bool:
    """[0-9]+(.[0-9]+)?"""
    whole, dot, fraction = text.partition(".")
    return whole.isdigit() and (not dot or fraction.isdigit())


def _whole(text: str, low: int, high: int) -> int:
    if not text.isdigit() or len(text) > 6 or int(text) > high or int(text) < low:
        raise _Fallback
    return int(text)


def _spaces_out(text: str) -> str:
    """Runs of spaces next to an 'x' removed: the entry grammar's `\\s*x\\s*` -> 'x'."""
    out: list[str] = []
    index, size = 0, len(text)
    while index < size:
        if text[index] != " ":
            out.append(text[index])
            index += 1
            continue
        end = index
        while end < size and text[end] == " ":
            end += 1
        if not ((index and text[index - 1] == "x") or (end < size and text[end] == "x")):
            out.append(text[index:end])
        index = end
    return "".join(out)


def _glued(tokens: list[str], joins) -> list[str]:
    """Neighbouring tokens joined where `joins(left, right)` says so, left to right, a
    joined token standing as the left one of the next pair."""
    out: list[str] = []
    for token in tokens:
        if out and joins(out[-1], token):
            out[-1] += token
        else:
            out.append(token)
    return out


def _unit_follows(left: str, right: str) -> bool:
    """'60 kg' and '60 kgx8': a number's unit typed apart."""
    return left[-1].isdigit() and any(right == u or right.startswith(u + "x") for u in _UNIT_WORDS)


def _hold_word_follows(left: str, right: str) -> bool:
    """'90 s' on a timed exercise: a hold typed apart."""
    return left.isdigit() and right in _HOLD_WORDS


def _tokens(body: str, measure: str) -> list[str] | None:
    """entry.py's _normalise(body).split(), for a plain ASCII body; None for another."""
    if not body.isascii():
        return None
    text = body.lower()
    if not _PLAIN.issuperset(text):
        return None
    text = text.replace("*", "x")
    if "," in text:
        chars = list(text)
        for index in range(1, len(text) - 1):
            if text[index] == "," and text[index - 1].isdigit() and text[index + 1].isdigit():
                chars[index] = "."  # 62,5 -> 62.5
        text = "".join(chars)
    while "@ " in text:
        text = text.replace("@ ", "@")
    text = _spaces_out(text)
    tokens = _glued(text.split(), _unit_follows)
    if measure == "seconds":
        tokens = _glued(tokens, _hold_word_follows)
    return tokens


def _hold(token: str) -> list | None:
    """A hold spec [seconds, count] when the token has a hold's shape ('45s', '1:30',
    '45sx3'), else None."""
    digits = len(token) - len(token.lstrip("0123456789"))
    if not digits:
        return None
    lead, rest = token[:digits], token[digits:]
    count = None
    for word in _HOLD_WORDS:
        if rest == word or rest.startswith(word + "x"):
            seconds = MAX_HOLD_SECONDS + 1 if len(lead) > 6 else int(lead)
            count = rest[len(word) + 1:] if len(rest) > len(word) else None
            break
    else:
        if not (rest[:1] == ":" and rest[1:3].isdigit() and len(rest[1:3]) == 2 and (len(rest) == 3 or rest[3] == "x")):
            return None
        if int(rest[1:3]) >= 60:
            raise _Fallback
        seconds = MAX_HOLD_SECONDS + 1 if len(lead) > 4 else int(lead) * 60 + int(rest[1:3])
        count = rest[4:] if len(rest) > 3 else None
    if not 1 <= seconds <= MAX_HOLD_SECONDS:
        raise _Fallback
    return [seconds, 1 if count is None else _whole(count, 1, MAX_SETS_PER_LINE)]


def _reps_spec(token: str) -> dict:
    parts = token.split("x")
    if len(parts) > 3 or not parts[0] or not parts[1]:
        raise _Fallback
    spec: dict = {"token": token, "seconds": None, "sign": "", "value": None, "unit": None, "count": 1}
    if parts[0] != "bw":
        text = parts[0]
        sign = text[0] if text[0] in "+-" else ""
        rest = text[len(sign):]
        unit = None
        if not _number(rest):
            unit = next((u for u in _UNIT_WORDS if rest.endswith(u) and _number(rest[:-len(u)])), None)
            if unit is None:
                raise _Fallback
            rest = rest[:-len(unit)]
        if len(rest) > 12:
            raise _Fallback
        spec.update(sign=sign, value=float(rest), unit=None if unit is None else unit[:2])
    spec["reps"] = _whole(parts[1], 1, MAX_REPS)
    if len(parts) == 3:
        spec["count"] = _whole(parts[2], 1, MAX_SETS_PER_LINE)
    return spec


def _rpe(token: str) -> float:
    raw = token[1:]
    if not _number(raw) or len(raw) > 5:
        raise _Fallback
    rpe = float(raw)
    if not 1 <= rpe <= 10 or rpe * 2 != int(rpe * 2):
        raise _Fallback
    return rpe


def _weight_kg(spec: dict, measure: str, unit: str, assisted: bool) -> float:
    """entry.py's _weight_kg for a line it accepts; _Fallback where it refuses."""
    sign, value = spec["sign"], spec["value"]
    if measure == "bodyweight_reps" and value is not None:
        if assisted and sign == "+":
            raise _Fallback
        if assisted:
            sign = "-"
    if measure == "weight_reps" and (value is None or sign):
        raise _Fallback
    if value is None:
        return 0.0
    if value > (MAX_WEIGHT_KG if unit == "kg" else MAX_WEIGHT_KG / KG_PER_LB) + 1e-9:
        raise _Fallback
    if measure == "bodyweight_reps":
        span = MAX_BODYWEIGHT_LOAD_KG if unit == "kg" else float(int(MAX_BODYWEIGHT_LOAD_KG / KG_PER_LB))
        if value > span + 1e-9 or (not sign and spec["unit"] is None and value):
            raise _Fallback  # out of range, or `12x3`: added load or sets of reps? The click path asks.
    kg = round(value * KG_PER_LB if unit == "lb" else float(value), 6)
    return -kg if sign == "-" and kg else kg


def parse_sets(text: str, measure: str, unit: str, *, assisted: bool = False) -> list[tuple] | None:
    """parse_entry(text, measure, unit, assisted=assisted) as draft tuples, for a line
    whose words are plain ASCII; None for any line it refuses and for other lines."""
    try:
        return _parse_sets(text, measure, unit, assisted)
    except _Fallback:
        return None


def _parse_sets(text: str, measure: str, unit: str, assisted: bool) -> list[tuple] | None:
    if "\x00" in text:
        return None
    body, hash_mark, note = text.partition("#")
    note = note.strip() if hash_mark else ""
    if len(note) > MAX_NOTE_CHARS:
        return None
    tokens = _tokens(body, measure)
    if tokens is None:
        return None
    specs: list[dict] = []
    straps = form_broke = False
    kind = rpe = None
    for token in tokens:
        if token.endswith("!") and token != "!":
            form_broke = True
            token = token.rstrip("!")
        if token == "!":
            form_broke = True
        elif token in _STRAPS:
            straps = True
        elif token in _KINDS:
            if kind and kind != _KINDS[token]:
                return None
            kind = _KINDS[token]
        elif token.startswith("@"):
            if rpe is not None:
                return None
            rpe = _rpe(token)
        elif (hold := _hold(token)) is not None:
            specs.append({"seconds": hold[0], "count": hold[1], "reps": None, "unit": None})
        elif "x" in token:
            specs.append(_reps_spec(token))
        elif token.isdigit():
            specs.append({"token": token, "reps": _whole(token, 1, MAX_REPS), "seconds": None, "sign": "",
                          "value": None, "unit": None, "count": 1})
        else:
            return None  # 'bw' alone, a weight without reps, a word it does not know
    holds = sum(spec["seconds"] is not None for spec in specs)
    if not specs or holds not in (0, len(specs)) or (measure == "seconds") != bool(holds):
        return None
    if sum(spec["count"] for spec in specs) > MAX_SETS_PER_LINE:
        return None
    drafts: list[tuple] = []
    for spec in specs:
        spec_unit = spec["unit"] or unit
        weight = None if spec["seconds"] is not None else _weight_kg(spec, measure, spec_unit, assisted)
        draft = (weight, spec["reps"], spec["seconds"], spec_unit, straps, rpe, kind or "working", note, form_broke)
        drafts.extend([draft] * spec["count"])
    return drafts


# -- the doubt rule (domain/plausible.py's implausible), as a yes or no --------------
def _e1rm(draft: tuple, bodyweight_kg: float | None) -> float | None:
    """records.set_e1rm(draft, bodyweight_kg=...) with its default share (1.0)."""
    weight, reps, seconds, kind = draft[0], draft[1], draft[2], draft[6]
    if kind == "warmup" or seconds is not None or reps is None or weight is None:
        return None
    load = weight if bodyweight_kg is None else bodyweight_kg * 1.0 + weight
    if not 1 <= reps <= E1RM_MAX_REPS or load <= 0:
        return None
    return round(load if reps == 1 else load * (1 + reps / 30), 2)


def _beyond_range(draft: tuple, equipment: str) -> bool:
    weight, reps, seconds = draft[0], draft[1], draft[2]
    return ((weight is not None and weight > PLAUSIBLE_KG.get(equipment, PLAUSIBLE_DEFAULT_KG))
            or (reps is not None and reps > PLAUSIBLE_REPS) or (seconds is not None and seconds > PLAUSIBLE_SECONDS))


def doubtful(drafts: list[tuple], equipment: str, bodyweight_move: bool, bests: tuple,
             bodyweight_kg: float | None) -> bool:
    """implausible(...) is not None: bests is (heaviest_kg, best_e1rm_kg, longest_hold_s)."""
    heaviest, best_e1rm, longest = bests
    if heaviest is None and best_e1rm is None and longest is None:
        return any(_beyond_range(draft, equipment) for draft in drafts)
    for draft in drafts:
        weight, reps = draft[0], draft[1]
        if weight is not None and reps is not None and heaviest is not None and heaviest > 0 \
                and weight > heaviest * WEIGHT_FACTOR:
            return True
        e1rm = _e1rm(draft, bodyweight_kg if bodyweight_move else None)
        if e1rm is not None and best_e1rm and e1rm > best_e1rm * E1RM_FACTOR:
            return True
        if heaviest is None and best_e1rm is None and _beyond_range(draft, equipment):
            return True
    return False


# -- a set in words (domain/formatting.py's format_set) ----------------------------
def format_number(value: float, max_decimals: int = 2) -> str:
    text = f"{value:.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _shown(kg: float, unit: str) -> str:
    """units.display_weight(kg, unit, with_unit=False)."""
    value = round(kg / KG_PER_LB if unit == "lb" else kg, 6)
    two_places = round(value, 2)
    if abs(value - two_places) >= 1e-4:
        two_places = round(round(value / 0.25) * 0.25, 6)
    return format_number(two_places)


def set_words(s: tuple, measure: str, unit: str, *, assisted: bool = False) -> str:
    """format_set(s, measure, unit, assisted=assisted) for a draft tuple's fields
    (weight_kg, reps, seconds, unit, straps, rpe, kind, note, form_broke)."""
    weight, reps, seconds, typed_in, straps, rpe, kind, _note, form_broke = s
    if seconds is not None:
        body = f"{seconds} s" if seconds < 60 else f"{seconds // 60}:{seconds % 60:02d}"
    elif assisted and weight is not None and weight < 0:
        shown_in = typed_in if typed_in != unit and typed_in in ("kg", "lb") else unit
        body = f"assist {_shown(abs(weight), shown_in)} {shown_in} x {reps}"
    else:
        if weight is None:
            load = ""
        else:
            shown_in = typed_in if typed_in in ("kg", "lb") and typed_in != unit else unit
            load = _shown(abs(weight), shown_in)
            if shown_in != unit and weight != 0:
                load += shown_in
            if measure == "bodyweight_reps":
                load = "bw" if weight == 0 else ("-" if weight < 0 else "+") + load
        body = f"{load} x {reps}" if load == "bw" else f"{load}x{reps}"
    parts = [body]
    if kind == "warmup":
        parts.insert(0, "w")
    elif kind in ("drop", "failure"):
        parts.append(kind)
    if straps:
        parts.append("straps")
    if rpe is not None:
        parts.append(f"@{format_number(rpe, 1)}")
    if form_broke:
        parts.append("!")
    return " ".join(parts)


# -- the database -----------------------------------------------------------------
def _writable(path: str) -> bool:
    return os.access(path, os.W_OK) and bool(os.stat(path).st_mode & 0o222)


def _checked(path: str) -> None:
    """What storage/db.py's check_database_file and read_only_on_disk would pass, checked
    without importing them; _Fallback for anything they might refuse or view only."""
    try:
        stat = os.stat(path)
        if (stat.st_mode & 0o170000) != 0o100000 or stat.st_size < 100 or not os.access(path, os.R_OK):
            raise _Fallback  # not a regular file, empty or truncated, unreadable
        with open(path, "rb") as handle:
            header = handle.read(100)
        folder = os.path.dirname(path) or "."
        if not (_writable(path) and _writable(folder) and os.access(folder, os.X_OK)):
            raise _Fallback  # view only: the click path says so
    except OSError:
        raise _Fallback from None
    from backtui.storage.version import APPLICATION_ID

    if len(header) < 100 or not header.startswith(SQLITE_MAGIC) \
            or int.from_bytes(header[68:72], "big", signed=True) != APPLICATION_ID:
        raise _Fallback  # not SQLite, or not ours (or not yet: an application id still in the WAL)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and header[92:96] == header[24:28] and stat.st_size < pages * page_size:
        raise _Fallback  # shorter than its pages (or the rest is in the WAL): _check_header decides


def _open(path: str) -> sqlite3.Connection:
    from backtui.storage.version import APPLICATION_ID, SCHEMA_VERSION

    _checked(path)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raise _Fallback
        conn.execute("PRAGMA synchronous = FULL")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION \
                or conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise _Fallback
    except BaseException:
        conn.close()
        raise
    return conn


def _profile(conn: sqlite3.Connection) -> int:
    ids = [row[0] for row in conn.execute("SELECT id FROM profiles ORDER BY id")]
    if 1 in ids:
        return 1
    if len(ids) == 1:
        return int(ids[0])
    raise _Fallback


def _setting(conn: sqlite3.Connection, profile: int, key: str):
    """(stored, value): the setting's JSON value as Store.get_setting reads it."""
    row = conn.execute("SELECT value FROM settings WHERE profile_id = ? AND key = ?", [profile, key]).fetchone()
    if row is None:
        return False, None
    raw = row[0]
    if raw in ('"kg"', '"lb"'):
        return True, raw[1:-1]
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and raw == str(int(raw)):
        return True, int(raw)
    import json  # a value of another shape: rare enough to pay for json

    try:
        return True, json.loads(raw)
    except (ValueError, TypeError):
        raise _Fallback from None  # a hand-edited row: the full command's rules apply


def open_limit_hours(stored: bool, value) -> int:
    """settings.checked_value(OPEN_LIMIT_KEY, value), or the default when nothing is stored."""
    key, default, low, high = OPEN_LIMIT
    if not stored:
        return default
    if type(value) is int:
        return value if low <= value <= high else default
    from backtui.domain.settings import checked_value  # a float or a string: the domain's rules

    return int(checked_value(key, value))


def _bests(conn: sqlite3.Connection, profile: int, exercise_id: int) -> tuple:
    """storage/bests.py's bests_for with nothing excluded: the marks the doubt rule reads."""
    row = conn.execute("SELECT max(top_kg), max(e1rm), max(hold_s) FROM exercise_sessions "
                       "WHERE profile_id = ? AND exercise_id = ?", [profile, exercise_id]).fetchone()
    return (None, None, None) if row is None else tuple(row)


def _bodyweight(conn: sqlite3.Connection, profile: int, at: str) -> float | None:
    row = conn.execute("SELECT weight_kg FROM body_weights WHERE profile_id = ? AND measured_at <= ? "
                       "ORDER BY measured_at DESC, id DESC LIMIT 1", [profile, at]).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def _log(conn: sqlite3.Connection, profile: int, exercise_id: int, drafts: list[tuple], *, day_start: str,
         day_end: str, at: str, before: str, bodyweight: float | None) -> list[int]:
    """SqliteWorkouts.log_to_day for today without a routine (after close_stale found
    nothing stale), in one write transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        stale = conn.execute(
            "SELECT 1 FROM workouts w WHERE w.profile_id = ? AND w.ended_at IS NULL AND coalesce((SELECT "
            "max(s.logged_at) FROM sets s WHERE s.workout_id = w.id), w.started_at) < ?", [profile, before]).fetchone()
        if stale is not None:
            raise _Fallback  # close_stale has something to close and say
        row = conn.execute("SELECT id FROM workouts WHERE profile_id = ? AND ended_at IS NULL AND started_at >= ? "
                           "AND started_at < ? ORDER BY started_at DESC LIMIT 1", [profile, day_start, day_end]).fetchone()
        if row is None:
            row = conn.execute("SELECT id FROM workouts WHERE profile_id = ? AND ended_at IS NULL "
                               "ORDER BY started_at DESC LIMIT 1", [profile]).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO workouts (profile_id, routine_slug, routine_name, started_at, ended_at, source) "
                "VALUES (?, ?, ?, ?, ?, 'cli')", [profile, None, None, at, None])
            workout_id = int(cursor.lastrowid or 0)
        else:
            workout_id = int(row[0])
        number = conn.execute("SELECT coalesce(max(set_number), 0) FROM sets WHERE workout_id = ? AND exercise_id = ? "
                              "AND profile_id = ?", [workout_id, exercise_id, profile]).fetchone()[0] or 0
        ids = []
        for weight, reps, seconds, unit, straps, rpe, kind, note, form_broke in drafts:
            number += 1
            cursor = conn.execute(
                "INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, "
                "straps, rpe, form_broke, note, unit, logged_at, bodyweight_kg) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [profile, workout_id, exercise_id, number, kind, weight, reps, seconds, int(straps), rpe,
                 int(form_broke), note, unit, at, bodyweight])
            ids.append(int(cursor.lastrowid or 0))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ids


def _saved(conn: sqlite3.Connection, profile: int, ids: list[int]) -> list[tuple]:
    """The stored sets, as _SET_SELECT's columns."""
    marks = ", ".join("?" * len(ids))
    return conn.execute(f"{_SET_SELECT}WHERE s.id IN ({marks}) AND s.profile_id = ? ORDER BY s.id",  # sql: marks only
                        [*ids, profile]).fetchall()


def _visible(text: str) -> str:
    """inert.visible: printable text has nothing to spell out (every character it spells
    is a control or format character), so only other text loads it."""
    if text.isprintable():
        return text
    from backtui.domain.inert import visible

    return visible(text)


def _utf8_out() -> bool:
    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "").replace("_", "") == "utf8"


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (| head): the sets are saved, and as on the click path
        # that is not an error worth a word. What is left unwritten goes nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def run(args: list[str]) -> int | None:
    """Log the sets and return the exit status; None: the full command must run."""
    options = parse_args(args)
    if options is None or os.environ.get("BACKTUI_PROFILE") or sys.stdout is None:
        return None  # profiles by name, or no standard output: the full command's business
    if not (_utf8_out() or "".join(options["words"]).isascii()):
        return None  # text the terminal's encoding may not hold: the click path says what happens
    db = database_path(options["db"])
    if db is None:
        return None
    try:
        return _run(db, options)
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")  # click's words and status; a transaction it cut was rolled back
        return 1


def _run(db: str, options: dict) -> int | None:
    zone = local_zone()
    if zone is None:
        return None
    exercise_text, *entry = options["words"]
    try:
        catalog = shipped_catalog()
    except _Fallback:
        return None
    found = find_exercise(catalog, exercise_text)
    if found is None or not (_utf8_out() or found[1].isascii()):
        return None
    try:
        conn = _open(db)
    except (_Fallback, sqlite3.Error):
        return None
    try:
        return _log_sets(conn, catalog, found, entry, zone, options)
    except _Fallback:
        return None
    except sqlite3.Error as exc:
        # What write_transaction and BacktuiGroup make of it on the click path.
        from backtui.storage.files import friendly_error

        sys.stderr.write(f"Error: {_visible(friendly_error(exc))}\n")
        return 1
    finally:
        conn.close()


def _log_sets(conn: sqlite3.Connection, catalog: dict, found: tuple, entry: list[str], zone, options: dict) -> int:
    slug, name, measure, equipment, assisted = found
    profile = _profile(conn)
    row = conn.execute("SELECT value FROM meta WHERE key = 'catalog_hash'").fetchone()
    if row is None or row[0] != catalog["digest"]:
        raise _Fallback  # Store.sync_catalog has exercises to write first
    rows = conn.execute("SELECT id FROM exercises WHERE slug = ? AND (profile_id IS NULL OR profile_id = ?) "
                        "ORDER BY profile_id IS NOT NULL", [slug, profile]).fetchall()
    if not rows:
        raise _Fallback
    exercise_id = int(rows[-1][0])  # the lifter's own exercise wins, as Store.read_exercise_ids has it
    stored, unit = _setting(conn, profile, "unit")
    unit = unit if stored else "kg"
    if unit not in ("kg", "lb"):
        raise _Fallback
    hours = open_limit_hours(*_setting(conn, profile, OPEN_LIMIT[0]))
    drafts = parse_sets(" ".join(entry), measure, unit, assisted=assisted)
    if drafts is None:
        raise _Fallback  # the click path's parser says what is wrong
    now = datetime.now(timezone.utc)
    at = now.astimezone(zone)
    at_text = iso(at)
    bodyweight_move = measure == "bodyweight_reps"
    bodyweight = _bodyweight(conn, profile, at_text) if bodyweight_move else None
    if not options["sure"] and doubtful(drafts, equipment, bodyweight_move, _bests(conn, profile, exercise_id),
                                        bodyweight):
        raise _Fallback  # the click path asks, in its words
    start, end = day_bounds(at, zone)
    if start.date() < at.date():
        raise _Fallback  # a past day (midnight skipped by DST): the click path closes it
    before = (now - timedelta(hours=hours)).isoformat()
    ids = _log(conn, profile, exercise_id, drafts, day_start=iso(start), day_end=iso(end), at=at_text,
               before=before, bodyweight=bodyweight)
    saved = _saved(conn, profile, ids)
    if options["json"]:
        import json

        from backtui.domain.inert import json_visible

        data = [{"id": s[0], "workout_id": s[1], "exercise": s[2], "set_number": s[3], "kind": s[4],
                 "weight_kg": s[5], "reps": s[6], "seconds": s[7], "straps": bool(s[8]), "rpe": s[9],
                 "form_broke": bool(s[13]), "note": s[10], "unit": s[11], "logged_at": s[12]} for s in saved]
        _write(json_visible(json.dumps(data, indent=2)) + "\n")
        return 0
    lines = [f"Saved {len(saved)} set{'s' if len(saved) != 1 else ''} of {name} "
             f"(workout {saved[0][1]}, {words_when(at)}):"]
    for s in saved:
        words = set_words((s[5], s[6], s[7], s[11], bool(s[8]), s[9], s[4], s[10], bool(s[13])), measure, unit,
                          assisted=assisted)
        lines.append(f"  set {s[3]}: {words}" + (f"  # {s[10]}" if s[10] else ""))
    _write("".join(_visible(line) + "\n" for line in lines))
    return 0
