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

# Plain os.path and no runtime typing: the quick `backtui log` reads this too, and
# pathlib, typing and dataclasses cost it more than the whole write (issue 17).
import marshal
import os
import zlib
from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

    from backtui.domain.catalog import Catalog

# Raise when the cached form changes shape (the key then never matches an old file).
FORMAT = 3
_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
# The modules that shape the cached tuples: a change to a dataclass's fields changes
# one of these files, and with it the key.
_SHAPERS = (os.path.join(_PACKAGE, "domain", "models.py"), os.path.join(_PACKAGE, "domain", "catalog.py"),
            os.path.realpath(__file__))


def cache_folder() -> str | None:
    """$XDG_CACHE_HOME/backtui, else ~/.cache/backtui; a relative folder is ignored (as the
    XDG spec says), so no cache lands in whatever folder backtui ran from."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base.startswith("/"):
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "backtui")


def cache_file() -> str | None:
    folder = cache_folder()
    # One file per installed copy: two versions side by side never undo each other's.
    return None if folder is None else os.path.join(folder, f"catalog-{zlib.crc32(_PACKAGE.encode()):08x}.marshal")


def data_dir() -> str:
    """domain/catalog.py's data_dir, without importing the TOML parser it carries."""
    packaged = os.path.join(_PACKAGE, "data")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(_PACKAGE), "data")


def cache_key(folder: str | os.PathLike[str]) -> list[object]:
    """What the copy was built from: every file load_catalog reads (a broken routine
    fails load_catalog, so the key must see it) and the modules that shape the copy."""
    folder = os.fspath(folder)
    key: list[object] = [FORMAT, folder]
    routines = os.path.join(folder, "routines")
    names = sorted(name for name in os.listdir(routines) if name.endswith(".toml"))
    for path in [os.path.join(folder, "exercises.toml"), *(os.path.join(routines, n) for n in names), *_SHAPERS]:
        stat = os.stat(path)
        key.append((os.path.basename(path), stat.st_size, stat.st_mtime_ns))
    return key


def _build(catalog: Catalog) -> dict[str, Any]:
    from dataclasses import astuple

    from backtui.storage.store import catalog_digest

    names: dict[str, str] = {}
    for exercise in catalog.exercises.values():
        names.setdefault(exercise.name.lower(), exercise.slug)  # the first wins, as Catalog.find_exercise has it
    return {
        # Store.sync_catalog keeps this hash in the file: the quick `backtui log` checks it.
        "digest": catalog_digest(catalog),
        "exercises": {slug: astuple(e) for slug, e in catalog.exercises.items()},
        # astuple reaches into the items too: (slug, name, description, (item fields...), shipped).
        "routines": {slug: astuple(r) for slug, r in catalog.routines.items()},
        # What the quick `backtui log` needs, without building an Exercise.
        "log": {slug: (e.name, e.measure, e.equipment, e.assisted) for slug, e in catalog.exercises.items()},
        "names": names,
    }


def _write(cache: str, data: dict[str, Any]) -> None:
    try:
        os.makedirs(os.path.dirname(cache), mode=0o700, exist_ok=True)
        temporary = f"{cache}.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(data))
        os.replace(temporary, cache)  # whole or not at all, for a second backtui starting meanwhile
    except OSError:
        pass  # no cache: the next start parses again


def _read(cache: str | None, key: list[object]) -> dict[str, Any] | None:
    if cache is None:
        return None
    try:
        with open(cache, "rb") as handle:
            data = marshal.loads(handle.read())
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
