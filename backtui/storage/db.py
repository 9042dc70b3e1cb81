"""Opening the database file safely.

Before anything is written, the file is checked: that it is SQLite, whole, a
backtui database (or empty) and not from a newer backtui. Each failure is one
StorageError with a line meant for the lifter, and leaves the file as it was.

A file that cannot be written (read-only on disk, in a read-only folder, or opened
with --read-only) opens view only: every read works, and every write is refused
with the reason before it touches the file (`Connection.view_only`). A file found
damaged later (PRAGMA quick_check) is switched to view only the same way.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from backtui.storage.errors import StorageError

# Re-exported: the rest of backtui opens files through this module.
from backtui.storage.files import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from backtui.storage.files import SQLITE_MAGIC as SQLITE_MAGIC
from backtui.storage.files import damaged as damaged
from backtui.storage.files import friendly_error as friendly_error
from backtui.storage.files import is_damage as is_damage
from backtui.storage.files import readonly_uri as readonly_uri
from backtui.storage.version import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

class Connection(sqlite3.Connection):
    """sqlite3's connection, knowing why it must not write when it must not:
    `view_only` is that reason in words (store.write_transaction refuses with it)."""

    view_only: str | None = None


def mark_view_only(conn: sqlite3.Connection, reason: str) -> None:
    """From now on every write through `conn` is refused with `reason`."""
    if not isinstance(conn, Connection):
        raise TypeError("a view-only connection is opened with factory=Connection")
    conn.view_only = reason


def asked_read_only(path: Path) -> str:
    return f"{path} is open read-only (--read-only)"


def read_only_on_disk(path: Path) -> str | None:
    """Why this existing file cannot be written, or None when it can."""
    if not _writable(path):
        return f"{path} is read-only on disk"
    if not _writable(path.parent) or not os.access(path.parent, os.X_OK):
        return f"the folder {path.parent} is read-only (SQLite needs it for its journal)"
    return None


def default_db_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("backtui", appauthor=False) / "backtui.db"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then BACKTUI_DB, then the platform's user data folder."""
    chosen = explicit or os.environ.get("BACKTUI_DB") or default_db_path()
    return Path(chosen).expanduser()


def quick_check(path: Path, *, full: bool = False) -> list[str]:
    """SQLite's own check of every page (`full`: integrity_check, which also compares
    every index with its table), on a reading connection of its own: the problems
    found, [] when the file is whole. Damage bad enough that SQLite stops reading is
    one problem."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = reader(path)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, path)) from None
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]  # sql: one of two constants
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise StorageError(friendly_error(exc, path)) from None
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


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


def reader(path: Path, factory: type[sqlite3.Connection] = sqlite3.Connection) -> sqlite3.Connection:
    """A connection that never writes and leaves nothing behind: read-only, and
    immutable (no -wal, -shm or locks) when nobody can be writing the file (it is
    read-only on disk and no -wal is beside it); a writable file gets an ordinary
    connection with query_only, which tidies its -wal and -shm away when it closes
    (a read-only one would leave them) and sees what another backtui writes."""
    wal = Path(f"{path}-wal").exists()
    if read_only_on_disk(path) is not None:
        conn = sqlite3.connect(readonly_uri(path, immutable=not wal), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False, factory=factory)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, factory=factory)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _open_view_only(path: Path, reason: str) -> Database:
    """The database for reading only; every write is refused with `reason`."""
    from sqlite_utils import Database

    if path.stat().st_size == 0:
        raise StorageError(f"{path} is empty: there is nothing to show yet")
    try:
        conn = reader(path, Connection)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, path)) from None
    mark_view_only(conn, reason)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        conn.close()
        raise StorageError(friendly_error(exc, path)) from None
    if version < SCHEMA_VERSION:
        conn.close()
        raise StorageError(f"{path} was written by an older backtui (schema {version}) and cannot be updated here "
                           f"({reason}): open it once with write access")
    return Database(conn, execute_plugins=False)


def memory_database() -> Database:
    """An empty database in memory, for commands that read a file not made yet."""
    from sqlite_utils import Database

    from backtui.storage.schema import migrate

    db = Database(sqlite3.connect(":memory:", check_same_thread=False, factory=Connection), execute_plugins=False)
    migrate(db)
    return db


def _claim_empty_file(path: Path) -> None:
    """An empty file becomes the database: private, like one we create."""
    try:
        if path.stat().st_size == 0 and path.stat().st_uid == os.getuid():
            os.chmod(path, 0o600)
    except OSError:
        pass  # not ours to change: SQLite still uses it as it is


def _create_file(path: Path) -> bool:
    """Create the folder (0700) and the file (0600) ourselves, before SQLite does.
    True when this call made the file. A dangling symbolic link is followed: the
    file is made where it points, with the same mode."""
    if path.is_symlink():
        path = path.resolve()
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

    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, factory=Connection)
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
    """Every check that needs no write: safe to run before the app paints. A file
    that cannot be written passes: it opens view only."""
    if path.exists():
        if not path.is_file():
            raise StorageError(f"{path} is not a regular file")
        if not os.access(path, os.R_OK):
            raise StorageError(f"{path} cannot be read (permission denied)")
        _inspect(path, _check_header(path))


def connect_again(path: str | os.PathLike[str], view_only: str | None = None) -> Database:
    """One more connection to a database this process has open and checked already
    (`view_only`: the first connection's reason, so this one refuses writes too).
    No file checks here: Python opening and closing the file would drop the POSIX
    locks SQLite holds on it for every connection of this process, and another
    process could then delete the write-ahead log under them."""
    from sqlite_utils import Database

    try:
        if view_only is None:
            return _connect(Path(path).expanduser())
        conn = reader(Path(path).expanduser(), Connection)
        mark_view_only(conn, view_only)
        return Database(conn, execute_plugins=False)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, Path(path))) from None


def view_only_reason(path: Path, read_only: bool = False) -> str | None:
    """Why an existing database file will open view only (None: it opens for writing)."""
    return asked_read_only(path) if read_only else read_only_on_disk(path)


def open_database(path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False) -> Database:
    """Open (creating if allowed) a backtui database and bring its schema up to date;
    view only (`db.conn.view_only`) when asked or when the file cannot be written."""
    path = Path(path).expanduser()
    created = False
    if path.exists():
        check_database_file(path)
        reason = view_only_reason(path, read_only)
        if reason is not None:
            return _open_view_only(path, reason)
        _claim_empty_file(path)
    elif read_only:
        raise StorageError(f"no database at {path} (--read-only never creates one)")
    elif not create:
        raise StorageError(f"no database at {path}")
    else:
        created = _create_file(path)
    db = None
    try:
        db = _connect(path)
        # The schema module (every migration) loads only when there is one to apply:
        # `backtui log` from a script mostly meets a file that is up to date.
        if db.conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            from backtui.storage.schema import migrate

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
