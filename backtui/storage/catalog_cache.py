"""The shipped catalog, parsed and checked once per version of its files.

Reading the TOML files and checking every field costs several milliseconds that a
lifter waits for at each start (the app's first frame, `backtui log` from a script).
The checked result is kept in the user's cache folder as a marshal file (0600), keyed
like Python's own bytecode: by the size and modification time of each data file, and
of the modules that decide what the cached form holds. Any mismatch, or a file that
cannot be read back into the same types, parses the TOML again and rewrites it.

The cache is only ever a copy: delete it and the next start rebuilds it.
"""

from __future__ import annotations

import marshal
import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backtui.domain.catalog import Catalog

# Raise when the cached form changes shape (the key then never matches an old file).
FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent.parent
# The modules that shape the cached tuples: a change to a dataclass's fields changes
# one of these files, and with it the key.
_SHAPERS = (_PACKAGE / "domain" / "models.py", _PACKAGE / "domain" / "catalog.py", Path(__file__).resolve())


def cache_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base:
        home = os.environ.get("HOME")
        if not home:
            return None
        base = os.path.join(home, ".cache")
    # One file per installed copy: two versions side by side never undo each other's.
    return Path(base) / "backtui" / f"catalog-{zlib.crc32(str(_PACKAGE).encode()):08x}.marshal"


def data_dir() -> Path:
    """domain/catalog.py's data_dir, without importing the TOML parser it carries."""
    packaged = _PACKAGE / "data"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "data"


def cache_key(folder: Path) -> list[object]:
    key: list[object] = [FORMAT, str(folder)]
    for path in [folder / "exercises.toml", *sorted((folder / "routines").glob("*.toml")), *_SHAPERS]:
        stat = path.stat()
        key.append((path.name, stat.st_size, stat.st_mtime_ns))
    return key


def _build(catalog: Catalog) -> dict[str, Any]:
    from dataclasses import astuple

    from backtui.storage.store import catalog_digest

    return {
        # Store.sync_catalog keeps this hash in the file: the quick `backtui log` checks it.
        "digest": catalog_digest(catalog),
        "exercises": {slug: astuple(e) for slug, e in catalog.exercises.items()},
        # astuple reaches into the items too: (slug, name, description, (item fields...), shipped).
        "routines": {slug: astuple(r) for slug, r in catalog.routines.items()},
    }


def _write(cache: Path, data: dict[str, Any]) -> None:
    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(data))
        os.replace(temporary, cache)  # whole or not at all, for a second backtui starting meanwhile
    except OSError:
        pass  # no cache: the next start parses again


def _read(cache: Path | None, key: list[object]) -> dict[str, Any] | None:
    if cache is None:
        return None
    try:
        data = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def cached_data() -> dict[str, Any]:
    """{"digest": the hash Store.sync_catalog keeps in meta, "exercises": slug -> the
    Exercise's fields, "routines": slug -> the Routine's fields, "key": ...}."""
    data, _catalog = _load()
    return data


@lru_cache(maxsize=1)
def shipped_catalog() -> Catalog:
    """The shipped catalog (as domain.catalog.load_catalog gives it), once per process."""
    data, catalog = _load()
    if catalog is not None:
        return catalog
    try:
        return _catalog_from(data)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        # Not the shapes this version expects, whatever the key said: parse and rewrite.
        _data, catalog = _load(rebuild=True)
        assert catalog is not None
        return catalog


def _load(*, rebuild: bool = False) -> tuple[dict[str, Any], Catalog | None]:
    """The cached data, and the Catalog when it had to be parsed for it (None on a hit)."""
    folder = data_dir()
    key = cache_key(folder)
    cache = cache_file()
    data = None if rebuild else _read(cache, key)
    if data is not None:
        return data, None
    from backtui.domain.catalog import load_catalog

    catalog = load_catalog()
    data = _build(catalog)
    data["key"] = key
    if cache is not None:
        _write(cache, data)
    return data, catalog


def _catalog_from(data: dict[str, Any]) -> Catalog:
    from backtui.domain.catalog import Catalog
    from backtui.domain.models import Exercise, Routine, RoutineItem

    exercises = {slug: Exercise(*fields) for slug, fields in data["exercises"].items()}
    routines = {}
    for slug, (r_slug, name, description, items, shipped) in data["routines"].items():
        routines[slug] = Routine(r_slug, name, description, tuple(RoutineItem(*item) for item in items), shipped)
    return Catalog(exercises=exercises, routines=routines)
