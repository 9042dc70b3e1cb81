"""`backtui log` without click, sqlite-utils or pendulum, for the common case.

A script or a phone's SSH command logs one set and exits: loading the command-line
toolkit, sqlite-utils and pendulum costs several times the insert itself (issue 17).
`run` handles `log EXERCISE ENTRY... [--db PATH] [--json] [--yes|-y]` for a shipped
exercise, now, on a database already at the current schema, and returns the exit
status. Whenever it meets anything else (another option, --at, --routine, --profile,
an unknown exercise, an entry it cannot parse, a set that looks like a typo, a
workout left open too long, a file that needs checks or migration) it returns None
BEFORE writing anything, and the full click command runs instead: every message stays
the click path's own. It uses the same domain functions (entry grammar, doubt rule,
set format), so what it saves and prints is what the click path saves and prints
(tests/test_quick_log.py runs both on the same inputs).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

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
    etc = Path(root) / "etc"
    timezone_file = etc / "timezone"
    if timezone_file.is_file():
        data = timezone_file.read_bytes()
        if data.startswith(b"TZif2"):
            return None
        name = data.strip().decode()
        name = name.partition(" ")[0].partition("#")[0]
        return _zone(name.replace(" ", "_"))
    if (etc / "sysconfig" / "clock").is_file() or (etc / "conf.d" / "clock").is_file():
        return None
    link = etc / "localtime"
    if link.is_file() and link.is_symlink():
        parts = [p.replace(" ", "_") for p in reversed(link.resolve().parts)]
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
    from backtui.storage.catalog_cache import cached_data

    return cached_data()


def find_exercise(exercises: dict, text: str):
    """Catalog.find_exercise on the cached fields."""
    from backtui.domain.models import Exercise

    key = text.strip().lower()
    fields = exercises.get(key)
    if fields is None:
        fields = next((f for f in exercises.values() if f[1].lower() == key), None)
    return Exercise(*fields) if fields is not None else None


# -- the database -----------------------------------------------------------------
def _open(path: Path) -> sqlite3.Connection:
    from backtui.storage.db import BUSY_TIMEOUT_MS, check_database_file, read_only_on_disk
    from backtui.storage.errors import StorageError
    from backtui.storage.version import SCHEMA_VERSION

    if not path.is_file() or path.stat().st_size == 0:
        raise _Fallback
    try:
        check_database_file(path)
    except StorageError:
        raise _Fallback from None
    if read_only_on_disk(path) is not None:
        raise _Fallback
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raise _Fallback
        conn.execute("PRAGMA synchronous = FULL")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
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
    row = conn.execute("SELECT value FROM settings WHERE profile_id = ? AND key = ?", [profile, key]).fetchone()
    if row is None:
        return False, None
    import json  # only for a stored setting: most lifters keep the defaults

    try:
        return True, json.loads(row[0])
    except ValueError:
        raise _Fallback from None  # a hand-edited row: the full command's rules apply


def _bests(conn: sqlite3.Connection, profile: int, exercise_id: int, share: float):
    """storage/bests.py's bests_for with nothing excluded."""
    from backtui.domain.records import Bests
    from backtui.storage.summaries import KEPT_REP_BESTS

    bests = Bests(load_share=share)
    row = conn.execute("SELECT max(top_kg), max(e1rm), max(hold_s) FROM exercise_sessions "
                       "WHERE profile_id = ? AND exercise_id = ?", [profile, exercise_id]).fetchone()
    if row is not None:
        bests.heaviest_kg, bests.best_e1rm_kg, bests.longest_hold_s = row
    bests.reps_at_weight.update((w, r) for w, r in conn.execute(KEPT_REP_BESTS, [profile, exercise_id]))
    return bests


def _bodyweight(conn: sqlite3.Connection, profile: int, at: str) -> float | None:
    row = conn.execute("SELECT weight_kg FROM body_weights WHERE profile_id = ? AND measured_at <= ? "
                       "ORDER BY measured_at DESC, id DESC LIMIT 1", [profile, at]).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def _log(conn: sqlite3.Connection, profile: int, exercise_id: int, drafts, *, day_start: str, day_end: str,
         at: str, before: str, bodyweight: float | None) -> list[int]:
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
        for draft in drafts:
            number += 1
            cursor = conn.execute(
                "INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, "
                "straps, rpe, form_broke, note, unit, logged_at, bodyweight_kg) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [profile, workout_id, exercise_id, number, draft.kind, draft.weight_kg, draft.reps, draft.seconds,
                 int(draft.straps), draft.rpe, int(draft.form_broke), draft.note, draft.unit, at, bodyweight])
            ids.append(int(cursor.lastrowid or 0))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return ids


def _saved(conn: sqlite3.Connection, profile: int, ids: list[int]):
    from backtui.domain.models import LoggedSet

    marks = ", ".join("?" * len(ids))
    rows = conn.execute(f"{_SET_SELECT}WHERE s.id IN ({marks}) AND s.profile_id = ? ORDER BY s.id",  # sql: marks only
                        [*ids, profile]).fetchall()
    return [LoggedSet(id=r[0], workout_id=r[1], exercise=r[2], set_number=r[3], kind=r[4], weight_kg=r[5], reps=r[6],
                      seconds=r[7], straps=bool(r[8]), rpe=r[9], note=r[10], unit=r[11], logged_at=r[12],
                      form_broke=bool(r[13]), bodyweight_kg=r[14]) for r in rows]


def _say(text: str) -> None:
    from backtui.domain.inert import visible

    sys.stdout.write(visible(text) + "\n")


def run(args: list[str]) -> int | None:
    """Log the sets and return the exit status; None: the full command must run."""
    options = parse_args(args)
    if options is None:
        return None
    db = options["db"] or os.environ.get("BACKTUI_DB")
    if not db or os.environ.get("BACKTUI_PROFILE"):
        return None  # the default folder and profiles by name: the full command's business
    zone = local_zone()
    if zone is None:
        return None
    exercise_text, *entry = options["words"]
    catalog = shipped_catalog()
    found = find_exercise(catalog["exercises"], exercise_text)
    if found is None:
        return None
    try:
        conn = _open(Path(db).expanduser())
    except (_Fallback, sqlite3.Error):
        return None
    try:
        return _log_sets(conn, catalog, found, entry, zone, options)
    except _Fallback:
        return None
    except sqlite3.Error as exc:
        # What write_transaction and BacktuiGroup make of it on the click path.
        from backtui.domain.inert import visible
        from backtui.storage.db import friendly_error

        sys.stderr.write(f"Error: {visible(friendly_error(exc))}\n")
        return 1
    finally:
        conn.close()


def _log_sets(conn: sqlite3.Connection, catalog: dict, found, entry: list[str], zone, options: dict) -> int:
    from backtui.domain.entry import EntryError, parse_entry
    from backtui.domain.formatting import format_set
    from backtui.domain.plausible import implausible
    from backtui.domain.settings import OPEN_LIMIT_KEY, SETTINGS, checked_value

    profile = _profile(conn)
    row = conn.execute("SELECT value FROM meta WHERE key = 'catalog_hash'").fetchone()
    if row is None or row[0] != catalog["digest"]:
        raise _Fallback  # Store.sync_catalog has exercises to write first
    rows = conn.execute("SELECT id FROM exercises WHERE slug = ? AND (profile_id IS NULL OR profile_id = ?) "
                        "ORDER BY profile_id IS NOT NULL", [found.slug, profile]).fetchall()
    if not rows:
        raise _Fallback
    exercise_id = int(rows[-1][0])  # the lifter's own exercise wins, as Store.read_exercise_ids has it
    stored, unit = _setting(conn, profile, "unit")
    unit = unit if stored else "kg"
    if unit not in ("kg", "lb"):
        raise _Fallback
    stored, hours = _setting(conn, profile, OPEN_LIMIT_KEY)
    hours = int(checked_value(OPEN_LIMIT_KEY, hours) if stored else SETTINGS[OPEN_LIMIT_KEY].default)
    try:
        drafts = parse_entry(" ".join(entry), found.measure, unit, found.name, assisted=found.assisted)
    except EntryError:
        raise _Fallback from None
    now = datetime.now(timezone.utc)
    at = now.astimezone(zone)
    at_text = iso(at)
    bodyweight = _bodyweight(conn, profile, at_text) if found.bodyweight else None
    if not options["sure"]:
        bests = _bests(conn, profile, exercise_id, found.body_share)
        if implausible(drafts, found, bests, unit, bodyweight):
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

        data = [{"id": s.id, "workout_id": s.workout_id, "exercise": s.exercise, "set_number": s.set_number,
                 "kind": s.kind, "weight_kg": s.weight_kg, "reps": s.reps, "seconds": s.seconds, "straps": s.straps,
                 "rpe": s.rpe, "form_broke": s.form_broke, "note": s.note, "unit": s.unit, "logged_at": s.logged_at}
                for s in saved]
        sys.stdout.write(json_visible(json.dumps(data, indent=2)) + "\n")
        return 0
    _say(f"Saved {len(saved)} set{'s' if len(saved) != 1 else ''} of {found.name} "
         f"(workout {saved[0].workout_id}, {words_when(at)}):")
    for logged in saved:
        _say(f"  set {logged.set_number}: {format_set(logged, found.measure, unit, assisted=found.assisted)}"
             + (f"  # {logged.note}" if logged.note else ""))
    return 0
