"""Opening the database file safely.

Before anything is written, the file is checked: that it is SQLite, whole, a
backtui database (or empty), not from a newer backtui, and writable. Each failure
is one StorageError with a line meant for the lifter, and leaves the file as it was.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from backtui.storage.errors import StorageError
from backtui.storage.version import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("backtui", appauthor=False) / "backtui.db"


def resolve_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db wins, then BACKTUI_DB, then the platform's user data folder."""
    chosen = explicit or os.environ.get("BACKTUI_DB") or default_db_path()
    return Path(chosen).expanduser()


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
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return f"the database file is damaged{where}: restore it from a backup"
    if "unable to open" in low:
        return f"cannot open the database file{where}"
    if io_error:
        return f"the disk failed while reading or writing the database{where}: nothing was saved ({text})"
    return f"database error{where}: {text}"


def _no_free_space(path: Path | str | None) -> bool:
    if path is None:
        return False
    try:
        stats = os.statvfs(Path(path).parent)
    except OSError:
        return False
    return stats.f_bavail == 0 or stats.f_bfree == 0


def _check_header(path: Path) -> bytes:
    """The file's first 100 bytes, after checking it is a whole SQLite file
    (empty bytes for an empty file, which is a fresh database)."""
    size = path.stat().st_size
    if size == 0:
        return b""
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise StorageError(f"{path} is not a backtui database (it is not an SQLite file)")
    if len(header) < 100:
        raise StorageError(f"{path} is truncated: restore it from a backup")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = int.from_bytes(header[24:28], "big")
    pages = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    if pages and valid_for == change_counter and size < pages * page_size and not _wal_in_use(path):
        raise StorageError(f"{path} is truncated ({size} of {pages * page_size} bytes): restore it from a backup")
    return header


def _wal_in_use(path: Path) -> bool:
    """A -wal file next to the database: another backtui has it open (or crashed),
    so the newest pages may be there rather than in the file."""
    return Path(f"{path}-wal").exists()


def readonly_uri(path: Path | str, *, immutable: bool = False) -> str:
    """An SQLite URI opening `path` read-only (quoted: a '#' or '?' in a file name
    would otherwise cut the path short and open, or create, another file)."""
    from urllib.parse import quote

    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def _read_meta(path: Path, *, immutable: bool) -> tuple[int, int, list[str]]:
    """application_id, user_version and table names, read-only. `immutable` reads the
    file alone (no -wal, -shm or locks), so checking a file creates nothing beside it."""
    try:
        conn = sqlite3.connect(readonly_uri(path, immutable=immutable), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, path)) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    except sqlite3.DatabaseError as exc:
        raise StorageError(friendly_error(exc, path)) from None
    finally:
        conn.close()
    return app_id, version, tables


def _inspect(path: Path, header: bytes) -> None:
    """A backtui database (or an empty one), not newer than us. Reads the header when
    no other backtui has the file open, so a refused file gets no -wal/-shm litter."""
    if not header:
        return
    if _wal_in_use(path):
        app_id, version, tables = _read_meta(path, immutable=False)
    else:
        app_id = int.from_bytes(header[68:72], "big", signed=True)
        version = int.from_bytes(header[60:64], "big", signed=True)
        tables = []
        if app_id == 0:  # an empty SQLite file, or another app's: look at its tables
            try:
                app_id, version, tables = _read_meta(path, immutable=True)
            except StorageError:  # a writer started meanwhile: read it the usual way
                app_id, version, tables = _read_meta(path, immutable=False)
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise StorageError(f"{path} is an SQLite file but not a backtui database")
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} was written by a newer backtui (schema {version}, this one knows {SCHEMA_VERSION}): upgrade backtui"
        )


def _create_file(path: Path) -> bool:
    """Create the folder (0700) and the file (0600) ourselves, before SQLite does.
    True when this call made the file."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except FileExistsError:
        return False  # another backtui created it a moment ago
    except OSError as exc:
        raise StorageError(f"cannot create {path}: {exc.strerror or exc}") from None
    return True


def _discard_new_file(path: Path) -> None:
    """A database we created but could not set up (a full disk) is removed again,
    so a failed first start leaves nothing behind."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0]:
                return  # another backtui set it up meanwhile: keep it
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # unreadable: it holds nothing of ours
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def _connect(path: Path) -> Database:
    from sqlite_utils import Database  # imported late: it costs ~80 ms at start-up

    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn, execute_plugins=False)
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a set that the screen calls saved survives a power cut.
    conn.execute("PRAGMA synchronous = FULL")
    return db


def _writable(path: Path) -> bool:
    # The mode bits count even for root: a file marked read-only stays untouched.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def check_database_file(path: Path) -> None:
    """Every check that needs no write: safe to run before the app paints."""
    if path.exists():
        if not path.is_file():
            raise StorageError(f"{path} is not a regular file")
        if not os.access(path, os.R_OK):
            raise StorageError(f"{path} cannot be read (permission denied)")
        header = _check_header(path)
        # Permissions before opening: a read-only place gets its own words, not SQLite's.
        if not _writable(path):
            raise StorageError(f"{path} is read-only: backtui needs to write to it")
        if not _writable(path.parent) or not os.access(path.parent, os.X_OK):
            raise StorageError(f"the folder {path.parent} is read-only: SQLite needs it for its journal")
        _inspect(path, header)


def connect_again(path: str | os.PathLike) -> Database:
    """One more connection to a database this process has open and checked already.
    No file checks here: Python opening and closing the file would drop the POSIX
    locks SQLite holds on it for every connection of this process, and another
    process could then delete the write-ahead log under them."""
    try:
        return _connect(Path(path).expanduser())
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, path)) from None


def open_database(path: str | os.PathLike, *, create: bool = True) -> Database:
    """Open (creating if allowed) a backtui database and bring its schema up to date."""
    from backtui.storage.schema import migrate

    path = Path(path).expanduser()
    created = False
    if path.exists():
        check_database_file(path)
    elif not create:
        raise StorageError(f"no database at {path}")
    else:
        created = _create_file(path)
    db = None
    try:
        db = _connect(path)
        migrate(db)
    except (sqlite3.Error, StorageError) as exc:
        if db is not None:
            db.conn.close()
        if created:
            _discard_new_file(path)
        if isinstance(exc, StorageError):
            raise
        raise StorageError(friendly_error(exc, path)) from None
    return db
