"""The shipped catalog: exercises and routines read from TOML files in data/.

Every problem in a data file is reported as `file:line: problem`, so a typo in a
routine never turns into a traceback or a silently wrong plan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from backtui.domain.inert import has_nul
from backtui.domain.models import (
    EQUIPMENT,
    MEASURES,
    MECHANICS,
    PATTERNS,
    REGIONS,
    ROLES,
    ROTATIONS,
    Exercise,
    Routine,
    RoutineItem,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUPERSET_RE = re.compile(r"^[A-Za-z0-9]{1,8}$")
SUPERSET_SIZES = (2, 3)
_EXERCISE_KEYS = {
    "slug", "name", "region", "pattern", "mechanic", "equipment", "measure", "sets",
    "reps", "seconds", "rest", "straps", "group", "ramp", "per_side", "cues",
    "assisted", "load_share", "load_source", "secondary",
}
_ROUTINE_KEYS = {"slug", "name", "description", "item"}
_ITEM_KEYS = {"exercise", "role", "sets", "reps", "seconds", "rest", "group", "note", "superset", "ramp", "rotate"}


class DataFileError(ValueError):
    """A data file that cannot be used, with where and why."""

    def __init__(self, path: str | Path, line: int | None, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


def data_dir() -> Path:
    """The catalog folder: inside the installed package, or the repository's data/."""
    packaged = Path(__file__).resolve().parent.parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "data"


class _Source:
    """A parsed TOML file that can say on which line a table or key sits. Built from
    `data` instead (a routine stored in the database), it has no lines to point at."""

    def __init__(self, path: Path | str, text: str | None = None, data: dict[str, object] | None = None):
        self.path = path
        if text is None:
            self.lines: list[str] | None = None
            self.data = data if data is not None else {}
            return
        import tomllib  # here: a start that finds the catalog cached never loads the parser

        self.lines = text.splitlines()
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+)", str(exc))
            raise DataFileError(path, int(match[1]) if match else None, f"not valid TOML: {exc}") from None

    def table_lines(self, header: str) -> list[int]:
        """1-based line numbers of each `[[header]]`, in file order."""
        if self.lines is None:
            return []
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]")
        return [n for n, line in enumerate(self.lines, 1) if pattern.match(line)]

    def key_line(self, key: str, start: int | None = 1, end: int | None = None) -> int | None:
        if self.lines is None or start is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        stop = end if end is not None else len(self.lines) + 1
        for n in range(start, min(stop, len(self.lines) + 1)):
            if pattern.match(self.lines[n - 1]):
                return n
        return start

    def error(self, line: int | None, problem: str) -> DataFileError:
        return DataFileError(self.path, line, problem)


class _Table:
    """One TOML table with typed getters that fail with file and line."""

    def __init__(self, src: _Source, data: Any, start: int | None, end: int | None, what: str, keys: set[str]):
        self.src, self.start, self.end, self.what = src, start, end, what
        if not isinstance(data, dict):
            raise src.error(start, f"{what} must be a table")
        self.data = data
        for key in data:
            if key not in keys:
                raise self.error(key, f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(keys))})")

    def error(self, key: str | None, problem: str) -> DataFileError:
        line = self.src.key_line(key, self.start, self.end) if key else self.start
        return self.src.error(line, problem)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, required: bool = True, max_len: int = 200, default: str = "") -> str:
        if key not in self.data:
            if required:
                raise self.error(None, f"{self.what} is missing {key!r}")
            return default
        value = self.data[key]
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.error(key, f"{key!r} must be non-empty text")
        if len(value) > max_len:
            raise self.error(key, f"{key!r} is longer than {max_len} characters")
        if has_nul(value):
            raise self.error(key, f"{key!r} holds a NUL character (\\x00)")
        return value

    def choice(self, key: str, allowed: Sequence[str], *, required: bool = True, default: str = "") -> str:
        value = self.text(key, required=required, default=default)
        if value not in allowed and (required or value):
            raise self.error(key, f"{key!r} is {value!r}; expected one of: {', '.join(allowed)}")
        return value

    def number(self, key: str, low: int, high: int) -> int:
        value = self.optional_number(key, low, high)
        if value is None:
            raise self.error(None, f"{self.what} is missing {key!r}")
        return value

    def optional_number(self, key: str, low: int, high: int) -> int | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(key, f"{key!r} must be a whole number from {low} to {high}")
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"{key!r} must be true or false")
        return value

    def optional_flag(self, key: str) -> bool | None:
        return self.flag(key) if key in self.data else None

    def rep_range(self, key: str = "reps") -> tuple[int, int] | None:
        if key not in self.data:
            return None
        value = self.data[key]
        ok = (
            isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 1 <= value[0] <= value[1] <= 100
        )
        if not ok:
            raise self.error(key, f"{key!r} must be [low, high] with 1 <= low <= high <= 100")
        return value[0], value[1]

    def slug(self, key: str = "slug") -> str:
        value = self.text(key, max_len=60)
        if not SLUG_RE.match(value):
            raise self.error(key, f"{key!r} {value!r} must be lowercase words joined by '-'")
        return value


def _exercise(table: _Table, *, custom: bool = False) -> Exercise:
    slug = table.slug()
    measure = table.choice("measure", list(MEASURES))
    reps = table.rep_range()
    seconds = table.optional_number("seconds", 1, 3600)
    if measure == "seconds":
        if reps is not None:
            raise table.error("reps", f"{slug} is timed: give 'seconds', not 'reps'")
        if seconds is None:
            raise table.error(None, f"{slug} is timed but has no 'seconds' target")
    else:
        if seconds is not None:
            raise table.error("seconds", f"{slug} counts reps: give 'reps', not 'seconds'")
        if reps is None:
            raise table.error(None, f"{slug} counts reps but has no 'reps' range")
    cues = table.data.get("cues", [])
    if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
        raise table.error("cues", "'cues' must be a list of short texts")
    if not 2 <= len(cues) <= 4 and not custom:
        raise table.error("cues", f"{slug} needs 2 to 4 cues, has {len(cues)}")
    if any(len(c) > 80 for c in cues):
        raise table.error("cues", "each cue must be at most 80 characters")
    group = table.text("group", required=False) or slug
    if not SLUG_RE.match(group):
        raise table.error("group", f"'group' {group!r} must be lowercase words joined by '-'")
    assisted = table.flag("assisted")
    if assisted and measure != "bodyweight_reps":
        raise table.error("assisted", f"{slug}: only a bodyweight move can be assisted")
    share = _load_share(table, slug, measure, custom)
    secondary = table.data.get("secondary", [])
    if not isinstance(secondary, list) or not all(isinstance(r, str) and r in REGIONS for r in secondary):
        raise table.error("secondary", f"'secondary' must be a list of regions from: {', '.join(REGIONS)}")
    source = table.text("load_source", required=False, max_len=300)
    if share is not None and not source.strip():
        raise table.error("load_share", f"{slug}: say where the load share comes from in 'load_source'")
    return Exercise(
        slug=slug,
        name=table.text("name", max_len=40),
        region=table.choice("region", list(REGIONS)),
        pattern=table.choice("pattern", list(PATTERNS)),
        mechanic=table.choice("mechanic", list(MECHANICS)),
        equipment=table.choice("equipment", list(EQUIPMENT)),
        measure=measure,
        sets=table.number("sets", 1, 10),
        rest=table.number("rest", 0, 600),
        rep_low=reps[0] if reps else None,
        rep_high=reps[1] if reps else None,
        seconds=seconds,
        straps=table.flag("straps"),
        group=group,
        ramp=table.flag("ramp"),
        per_side=table.flag("per_side"),
        cues=tuple(c.strip() for c in cues),
        custom=custom,
        assisted=assisted,
        load_share=share,
        load_source=source.strip(),
        secondary=tuple(r for r in dict.fromkeys(secondary) if r != table.data.get("region")),
    )


def _load_share(table: _Table, slug: str, measure: str, custom: bool) -> float | None:
    """The share of body weight a bodyweight move lifts, 0 to 1; every shipped
    bodyweight move names one, other moves none."""
    if "load_share" not in table.data:
        if measure == "bodyweight_reps" and not custom:
            raise table.error(None, f"{slug} is a bodyweight move: give its 'load_share' (0 to 1) and 'load_source'")
        return None
    if measure != "bodyweight_reps":
        raise table.error("load_share", f"{slug} is not a bodyweight move: 'load_share' does not apply")
    value = table.data["load_share"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise table.error("load_share", "'load_share' must be a number from 0 to 1")
    return float(value)


def parse_exercises(text: str, path: str | Path = "exercises.toml") -> dict[str, Exercise]:
    src = _Source(path, text)
    unknown = set(src.data) - {"exercise"}
    if unknown:
        raise src.error(src.key_line(sorted(unknown)[0]), f"unknown top-level key {sorted(unknown)[0]!r}")
    entries = src.data.get("exercise", [])
    if not isinstance(entries, list) or not entries:
        raise src.error(None, "no [[exercise]] tables found")
    starts = src.table_lines("exercise")
    exercises: dict[str, Exercise] = {}
    for index, entry in enumerate(entries):
        start = starts[index] if index < len(starts) else 1
        end = starts[index + 1] if index + 1 < len(starts) else None
        exercise = _exercise(_Table(src, entry, start, end, "exercise", _EXERCISE_KEYS))
        if exercise.slug in exercises:
            raise src.error(src.key_line("slug", start, end), f"duplicate exercise slug {exercise.slug!r}")
        exercises[exercise.slug] = exercise
    return exercises


def _item(table: _Table, exercises: dict[str, Exercise]) -> RoutineItem:
    slug = table.text("exercise")
    if slug not in exercises:
        close = difflib.get_close_matches(slug, list(exercises), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise table.error("exercise", f"unknown exercise {slug!r}{hint}")
    exercise = exercises[slug]
    reps = table.rep_range()
    seconds = table.optional_number("seconds", 1, 3600)
    if exercise.timed and reps is not None:
        raise table.error("reps", f"{slug} is timed: give 'seconds', not 'reps'")
    if not exercise.timed and seconds is not None:
        raise table.error("seconds", f"{slug} counts reps: give 'reps', not 'seconds'")
    group = table.text("group", required=False) or None
    if group is not None and group != exercise.variant_group:
        raise table.error("group", f"{slug} belongs to group {exercise.variant_group!r}, not {group!r}")
    superset = table.text("superset", required=False, max_len=8) or None
    if superset is not None and not SUPERSET_RE.match(superset):
        raise table.error("superset", f"'superset' {superset!r} must be a short label of letters or digits, such as A")
    return RoutineItem(
        exercise=slug,
        role=table.choice("role", list(ROLES), required=False, default="work") or "work",
        sets=table.optional_number("sets", 1, 10),
        rep_low=reps[0] if reps else None,
        rep_high=reps[1] if reps else None,
        seconds=seconds,
        rest=table.optional_number("rest", 0, 600),
        group=group,
        note=table.text("note", required=False, max_len=120),
        superset=superset,
        ramp=table.optional_flag("ramp"),
        rotate=table.choice("rotate", list(ROTATIONS), required=False, default="stall") or "stall",
    )


def superset_runs(labels: Sequence[str | None]) -> list[tuple[str, int, int]]:
    """(label, first index, size) of each run of adjacent items sharing a superset label."""
    runs: list[tuple[str, int, int]] = []
    for index, label in enumerate(labels):
        if not label:
            continue
        if runs and runs[-1][0] == label and runs[-1][1] + runs[-1][2] == index:
            runs[-1] = (label, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((label, index, 1))
    return runs


def superset_problem(labels: Sequence[str | None]) -> tuple[int, str] | None:
    """The first broken superset among items' labels, as (item index, problem), or None.
    A superset is 2 or 3 adjacent items sharing a label."""
    seen: dict[str, int] = {}
    for label, first, size in superset_runs(labels):
        if label in seen:
            return first, (f"superset {label!r} must be adjacent items: items {seen[label] + 1} and "
                           f"{first + 1} are apart")
        seen[label] = first
        if size not in SUPERSET_SIZES:
            count = "one item" if size == 1 else f"{size} items"
            return first, f"superset {label!r} has {count}; a superset is 2 or 3 adjacent items"
    return None


def parse_routine(
    text: str, exercises: dict[str, Exercise], path: str | Path = "routine.toml", *, shipped: bool = True
) -> Routine:
    """A routine from TOML text (a shipped file or a lifter's own); errors say file:line."""
    return _routine(_Source(path, text), exercises, shipped)


def parse_routine_data(
    data: dict[str, object], exercises: dict[str, Exercise], where: str = "routine", *, shipped: bool = False
) -> Routine:
    """A routine from the same keys already loaded (one stored in the database)."""
    return _routine(_Source(where, data=data), exercises, shipped)


def _routine(src: _Source, exercises: dict[str, Exercise], shipped: bool) -> Routine:
    top = _Table(src, {k: v for k, v in src.data.items()}, 1 if src.lines is not None else None, None,
                 "routine", _ROUTINE_KEYS)
    slug = top.slug()
    entries = src.data.get("item", [])
    if not isinstance(entries, list) or not entries:
        raise src.error(None, f"routine {slug!r} has no [[item]] tables")
    starts = src.table_lines("item")
    items, tables = [], []
    for index, entry in enumerate(entries):
        start = starts[index] if index < len(starts) else (1 if src.lines is not None else None)
        end = starts[index + 1] if index + 1 < len(starts) else None
        table = _Table(src, entry, start, end, f"item {index + 1}", _ITEM_KEYS)
        tables.append(table)
        items.append(_item(table, exercises))
    problem = superset_problem([item.superset for item in items])
    if problem is not None:
        raise tables[problem[0]].error("superset", problem[1])
    return Routine(
        slug=slug,
        name=top.text("name", max_len=40),
        description=top.text("description", required=False, max_len=600),
        items=tuple(items),
        shipped=shipped,
    )


@dataclass(frozen=True)
class Catalog:
    exercises: dict[str, Exercise]
    routines: dict[str, Routine]

    def exercise(self, slug: str) -> Exercise:
        return self.exercises[slug]

    def variants(self, group: str) -> list[Exercise]:
        return [e for e in self.exercises.values() if e.variant_group == group]

    def find_exercise(self, text: str) -> Exercise | None:
        """An exercise by slug or by name, ignoring case."""
        key = text.strip().lower()
        if key in self.exercises:
            return self.exercises[key]
        for exercise in self.exercises.values():
            if exercise.name.lower() == key:
                return exercise
        return None

    def suggest(self, text: str, n: int = 3) -> list[str]:
        key = text.strip().lower()
        names = {e.name.lower(): e.slug for e in self.exercises.values()}
        close = difflib.get_close_matches(key, list(self.exercises), n=n, cutoff=0.5)
        close += [names[m] for m in difflib.get_close_matches(key, list(names), n=n, cutoff=0.5)]
        close += [slug for slug in self.exercises if key and key in slug]
        return list(dict.fromkeys(close))[:n]


def load_catalog_from(folder: Path) -> Catalog:
    path = folder / "exercises.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataFileError(path, None, "is not UTF-8 text") from None
    exercises = parse_exercises(text, path)
    routines: dict[str, Routine] = {}
    for file in sorted((folder / "routines").glob("*.toml")):
        try:
            routine = parse_routine(file.read_text(encoding="utf-8"), exercises, file)
        except UnicodeDecodeError:
            raise DataFileError(file, None, "is not UTF-8 text") from None
        if routine.slug != file.stem:
            raise DataFileError(file, 1, f"slug {routine.slug!r} must match the file name {file.stem!r}")
        routines[routine.slug] = routine
    return Catalog(exercises=exercises, routines=routines)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The shipped catalog (read once per process)."""
    return load_catalog_from(data_dir())
