"""The shipped catalog's cached copy (storage/catalog_cache.py): the same catalog as the
TOML files give, rebuilt whenever a file changes or the copy is unreadable, private."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backtui.domain.catalog import load_catalog, load_catalog_from
from backtui.storage import catalog_cache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalog_cache.shipped_catalog.cache_clear()
    found = catalog_cache.cache_file()
    assert found is not None
    path = Path(found)
    assert path.parent == tmp_path / "cache" / "backtui"
    yield path
    catalog_cache.shipped_catalog.cache_clear()


def test_cached_catalog_equals_the_parsed_one_and_is_private(cache_home: Path) -> None:
    first = catalog_cache.shipped_catalog()  # parses, writes the copy
    assert cache_home.stat().st_mode & 0o777 == 0o600
    assert cache_home.parent.stat().st_mode & 0o777 == 0o700
    catalog_cache.shipped_catalog.cache_clear()
    again = catalog_cache.shipped_catalog()  # from the copy
    assert again is not first
    assert again == first == load_catalog()
    assert all(isinstance(item, type(first.routines["essential-back"].items[0]))
               for routine in again.routines.values() for item in routine.items)


def test_a_start_from_the_copy_reads_no_toml(cache_home: Path, tmp_path: Path) -> None:
    catalog_cache.shipped_catalog()
    code = ("import sys; from backtui.storage.catalog_cache import shipped_catalog; c = shipped_catalog(); "
            "print(len(c.routines), 'tomllib' in sys.modules, 'sqlite_utils' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == [str(len(load_catalog().routines)), "False", "False"]


def test_a_changed_data_file_is_parsed_again(cache_home: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(catalog_cache.data_dir(), data)
    monkeypatch.setattr(catalog_cache, "data_dir", lambda: data)
    monkeypatch.setattr("backtui.domain.catalog.data_dir", lambda: data)
    load_catalog.cache_clear()
    try:
        assert catalog_cache.shipped_catalog().routines["essential-back"].name == "Essential back strength"
        routine = data / "routines" / "essential-back.toml"
        routine.write_text(routine.read_text().replace('name = "Essential back strength"', 'name = "Changed here"'))
        catalog_cache.shipped_catalog.cache_clear()
        load_catalog.cache_clear()
        assert catalog_cache.shipped_catalog().routines["essential-back"].name == "Changed here"
        catalog_cache.shipped_catalog.cache_clear()
        assert catalog_cache.shipped_catalog() == load_catalog_from(data)  # and the new copy says so
    finally:
        load_catalog.cache_clear()


@pytest.mark.parametrize("content", [b"", b"not marshal", marshal.dumps([1, 2]), None])
def test_an_unreadable_or_foreign_copy_is_rebuilt(cache_home: Path, content: bytes | None) -> None:
    catalog_cache.shipped_catalog()
    if content is None:  # the right key, the wrong shapes: parsed again, never a crash
        data = marshal.loads(cache_home.read_bytes())
        data["routines"] = {"essential-back": ("x",)}
        content = marshal.dumps(data)
    cache_home.write_bytes(content)
    catalog_cache.shipped_catalog.cache_clear()
    assert catalog_cache.shipped_catalog() == load_catalog()
    assert marshal.loads(cache_home.read_bytes())["routines"]["essential-back"][1] == "Essential back strength"
