"""Parsed styles kept between runs, so a start does not parse every style sheet again.

At each start Textual parses the app's .tcss files and the default styles of every
widget class on the first screen: about 10 ms before the first frame, a large part of
what backtui adds to a bare Textual app. Here the parsed rules of the first frames are
kept in the user's cache folder (a pickle file, 0600, in a 0700 folder) and handed to
the stylesheet before it parses anything.

Textual's own parse cache is keyed by each source's text, so a style sheet whose text
changed is parsed again as usual. The rules also depend on the style variables (the
theme's colours are put in as they are parsed) and on Textual's version: a file made
with other ones is not used. The file is read only when it belongs to this user and
nobody else can write to it. Anything unexpected means parsing as before.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

import textual
from textual.css.stylesheet import Stylesheet

_FORMAT = 1  # raise when the file changes shape
_TEXTUAL = Path(textual.__file__).resolve().parent
# The Textual that parsed the rules: its folder, and the modules that shape parsed rules
# (as Python's bytecode is keyed: by size and time). textual.__version__ would read the
# package's metadata: slower than the parse it saves.
_SHAPERS = ("css/parse.py", "css/model.py", "css/styles.py", "css/_styles_builder.py", "css/tokenize.py")
# Parsed rules by variables, for further apps in this process (tests start hundreds).
_known: dict[tuple[tuple[str, str], ...], dict[tuple, Any]] = {}


def cache_file() -> Path | None:
    from backtui.storage.catalog_cache import cache_folder

    folder = cache_folder()  # the catalog's copy's folder, by the same rules
    if folder is None:
        return None
    # One file per installed copy of backtui: its own style files are named by their paths.
    here = str(Path(__file__).resolve().parent.parent).encode()
    return Path(folder) / f"styles-{zlib.crc32(here):08x}.pickle"


def _version() -> tuple[object, ...]:
    stats = [(name, (stat := (_TEXTUAL / name).stat()).st_size, stat.st_mtime_ns) for name in _SHAPERS]
    return (_FORMAT, sys.version_info[:2], str(_TEXTUAL), *stats)


def _variables(stylesheet: Stylesheet) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(stylesheet._variables.items()))


def _read(path: Path, variables: tuple[tuple[str, str], ...]) -> dict[tuple, Any] | None:
    try:
        version = _version()
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            # Unpickling runs code the file names: only a file this user alone can write.
            if stat.st_uid != os.getuid() or stat.st_mode & 0o022:
                return None
            data = pickle.load(handle)  # noqa: S301 (see above)
    except Exception:  # noqa: BLE001 - missing, damaged, from another version: parse as before
        return None
    if not isinstance(data, dict) or data.get("version") != version or data.get("variables") != variables:
        return None
    rules = data.get("rules")
    return rules if isinstance(rules, dict) else None


class StyleCache:
    """Primes one app's stylesheet before its first parse; `keep` saves what the first
    frames parsed, when the file did not have it yet."""

    def __init__(self, stylesheet: Stylesheet) -> None:
        self.stylesheet = stylesheet
        self.variables = _variables(stylesheet)
        self.path = cache_file()
        rules = _known.get(self.variables)
        self.on_disk = rules is not None  # known in this process: saved already, or not wanted
        if rules is None and self.path is not None:
            rules = _read(self.path, self.variables)
            self.on_disk = rules is not None
        self.primed: dict[tuple, Any] = dict(rules or {})
        cache = stylesheet._parse_cache
        for key, parsed in self.primed.items():
            cache.set(key, parsed)
        self.snapshot: dict[tuple, Any] | None = None

    def take_snapshot(self) -> None:
        """Once the first frame is out, and again once the first screen is complete:
        what was parsed for them, while the variables are still those it was parsed
        with (a lifter's theme, applied once the file is open, parses everything again)."""
        if _variables(self.stylesheet) != self.variables:
            return
        cache = self.stylesheet._parse_cache
        self.snapshot = {key: cache.get(key) for key in cache.keys() if key not in self.primed}
        _known[self.variables] = {**self.primed, **self.snapshot}

    def keep(self) -> None:
        """Write the file when the first frames parsed what it did not hold."""
        self.take_snapshot()
        if self.snapshot is None or self.path is None or (self.on_disk and not self.snapshot):
            return
        rules = {**self.primed, **self.snapshot}
        try:
            data = pickle.dumps({"version": _version(), "variables": self.variables, "rules": rules},
                                protocol=pickle.HIGHEST_PROTOCOL)
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, self.path)  # whole or not at all, for another backtui starting
            self.on_disk, self.primed, self.snapshot = True, rules, {}
        except Exception:  # noqa: BLE001 - unpicklable, disk full, read-only home: parse next time
            pass
