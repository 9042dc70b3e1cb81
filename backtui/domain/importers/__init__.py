"""Importing other apps' exports (Strong, Hevy, FitNotes) and backtui's own CSV.

Pure: text in, records out (no database). `parse_import` reads a whole file and
either returns every workout and set it found, with the rows it skipped and why, or
raises ImportFileError with the line and the problem. Nothing in the file is ever
evaluated or run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from backtui.domain.importers.csvfile import decode, read_table
from backtui.domain.importers.fitnotes import is_fitnotes, parse_fitnotes
from backtui.domain.importers.hevy import is_hevy, parse_hevy
from backtui.domain.importers.model import (
    ImportedSet,
    ImportedWorkout,
    ImportFileError,
    ParsedImport,
    SkippedRow,
)
from backtui.domain.importers.options import ReadOptions
from backtui.domain.importers.resolve import Resolution, resolve_exercises
from backtui.domain.importers.strong import english_keys, is_strong, parse_strong
from backtui.domain.importers.values import LocalTimes

FORMATS = ("auto", "strong", "hevy", "fitnotes")
_DETECTORS = (("strong", is_strong), ("hevy", is_hevy), ("fitnotes", is_fitnotes))
_PARSERS = {"strong": parse_strong, "hevy": parse_hevy, "fitnotes": parse_fitnotes}

__all__ = [
    "FORMATS", "ImportFileError", "ImportedSet", "ImportedWorkout", "LocalTimes", "ParsedImport", "Resolution",
    "SkippedRow", "detect_format", "parse_import", "resolve_exercises",
]


def detect_format(keys: list[str]) -> str | None:
    """'strong', 'hevy' or 'fitnotes' from the normalised header cells (None: unknown)."""
    for name, matches in _DETECTORS:
        if matches(keys):
            return name
    return None


def parse_import(
    data: bytes | str,
    fmt: str = "auto",
    *,
    unit: str | None = None,
    tz: tzinfo | None = None,
    progress: Callable[[int], None] | None = None,
) -> ParsedImport:
    """Read a whole export. `unit` is for files that do not say theirs (Strong's comma
    layout; None: not given, kg is assumed and the summary says so); `tz` is the zone of
    the file's local times (None: this computer's)."""
    if fmt not in FORMATS:
        raise ImportFileError(None, f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    table = read_table(decode(data))
    table.keys, localised = english_keys(table.keys)
    found = detect_format(table.keys)
    if found is None:
        shown = ",".join(table.header)[:120]
        raise ImportFileError(1, f"not a Strong, Hevy or FitNotes export (header: {shown})")
    if fmt != "auto" and fmt != found:
        names = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes"}
        raise ImportFileError(1, f"this looks like a {names.get(found, found)} export, not "
                                 f"{names.get(fmt, fmt)}: try --from auto")
    times = LocalTimes(tz)
    parsed = _PARSERS[found](table, ReadOptions(unit=unit, times=times), progress)
    parsed.zone, parsed.zone_chosen, parsed.shifted_times = times.name, times.chosen, times.shifted
    if localised:
        parsed.layout += ", German header"
    return parsed
