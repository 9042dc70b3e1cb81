"""What every storage module needs to know about an SQLite file before opening it:
its first bytes, how long a writer waits for the lock, how to open it read-only,
and sqlite3's errors in words. Kept below db.py, so that backups.py (which the
migrations call) and db.py can both use them without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def damaged(path: Path | str) -> str:
    """The one line for a damaged file, wherever the damage is found."""
    return f"the database file is damaged ({path}): restore it from a backup"


def friendly_error(exc: BaseException, path: Path | str | None = None) -> str:
    """Turn an sqlite3 or OS error into words."""
    text = str(exc)
    low = text.lower()
    where = f" ({path})" if path else ""
    # Python 3.11's sqlite3 errors carry SQLite's extended code: IOERR_SHMSIZE is no room
    # for the WAL index, a generic IOERR on a disk with no free block is a full disk too.
    code = getattr(exc, "sqlite_errorname", "") or ""
    io_error = code.startswith("SQLITE_IOERR") or "disk i/o error" in low
    if ("disk is full" in low or "database or disk is full" in low or getattr(exc, "errno", None) == 28
            or code == "SQLITE_IOERR_SHMSIZE" or (io_error and _no_free_space(path))):
        return f"the disk is full: nothing was saved{where}; free some space and try again"
    if "readonly" in low or "read-only" in low:
        return f"the database is read-only: nothing was saved{where}"
    if "locked" in low or "busy" in low:
        return f"the database stayed locked by another backtui for over {BUSY_TIMEOUT_MS // 1000} s{where}"
    if is_damage(exc):
        return damaged(path) if path else "the database file is damaged: restore it from a backup"
    if "unable to open" in low:
        return f"cannot open the database file{where}"
    if io_error:
        return f"the disk failed while reading or writing the database{where}: nothing was saved ({text})"
    return f"database error{where}: {text}"


def is_damage(exc: BaseException) -> bool:
    """An sqlite3 error that means the file's pages are damaged."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    low = str(exc).lower()
    return (code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or "malformed" in low or "not a database" in low or "corrupt" in low)


def _no_free_space(path: Path | str | None) -> bool:
    if path is None:
        return False
    try:
        stats = os.statvfs(Path(path).parent)
    except OSError:
        return False
    return stats.f_bavail == 0 or stats.f_bfree == 0


def readonly_uri(path: Path | str, *, immutable: bool = False) -> str:
    """An SQLite URI opening `path` read-only (quoted: a '#' or '?' in a file name
    would otherwise cut the path short and open, or create, another file)."""
    from urllib.parse import quote

    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")
