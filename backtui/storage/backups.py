"""Backups you can prove: online copies of the database, checked, named by time,
kept in rotation, and restored without ever leaving a half-written file.

Copying: SQLite's backup API in one step, so the copy is one read transaction's
view of the file (in WAL mode the app and `backtui log` keep writing meanwhile),
then `PRAGMA integrity_check` on the copy before it gets its final name. Copies
are switched to the rollback journal, so each is one file that reads alone.

Restoring: the incoming file is copied privately and checked (integrity, a backtui
database, a schema this backtui knows). Then the live file is opened in SQLite's
EXCLUSIVE locking mode: that lock is refused while any other connection has the
file open (an idle app or Litestream holds a shared lock on it the whole time,
not only while writing), so a busy lock is our proof that another program has
it open. Holding it, the current content is kept aside as a snapshot and the
copy is written into the live file with the backup API as one transaction
(journalled: a crash half way rolls back to the old content). Writing into the
same file, rather than renaming another over it, means a program that was
waiting for the lock reads the restored data, never an unlinked old file.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from backtui.storage.errors import StorageError
from backtui.storage.files import BUSY_TIMEOUT_MS, SQLITE_MAGIC, friendly_error, readonly_uri
from backtui.storage.version import APPLICATION_ID, SCHEMA_VERSION

KINDS = ("backup", "before-import", "before-migration", "before-restore")
FOLDER_NAME = "backups"
# How long a restore waits for a writer that is only busy for a moment (a set being
# saved); a program that keeps the file open never lets go, so waiting longer is useless.
LOCK_WAIT_MS = 2_000
SIDECARS = ("-wal", "-journal")
# SQLite's lock bytes (os_unix.c): PENDING, RESERVED and the SHARED range.
_LOCK_START, _LOCK_LENGTH = 0x40000000, 512
_STALE_PARTIAL = timedelta(hours=1)
# Backups copy the whole file, so the few reads that decide about a backup (is there
# anything of anyone's to keep? how many copies to keep?) span every profile; they say
# so, for the profile audit (tests/test_profile_isolation.py), and return no rows.
WHOLE_FILE = "/* whole file: backups */ "
_ANY_LIFTER_DATA = tuple(WHOLE_FILE + sql for sql in (
    "SELECT 1 FROM workouts LIMIT 1",
    "SELECT 1 FROM body_weights LIMIT 1",
    "SELECT 1 FROM settings LIMIT 1",
    "SELECT 1 FROM user_routines LIMIT 1",
    "SELECT 1 FROM exercises WHERE profile_id IS NOT NULL LIMIT 1",
    "SELECT 1 FROM profiles LIMIT 1 OFFSET 1",
))
_KEEP_SETTING = WHOLE_FILE + "SELECT value FROM settings WHERE key = ?"
_IN_USE = ("the backtui app, `backtui log`, `backtui serve`, Litestream or an sqlite3 shell")


class DatabaseInUse(StorageError):
    """The live file is open in another program: a restore would pull it from under them."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC, from the name
    kind: str  # one of KINDS
    size: int


@dataclass(frozen=True)
class DatabaseFacts:
    schema: int
    profiles: int
    workouts: int
    sets: int
    last_set_at: str | None  # UTC ISO text, as stored


@dataclass(frozen=True)
class BackupListing:
    file: BackupFile
    facts: DatabaseFacts | None
    problem: str | None  # why the facts could not be read


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: str  # as shown to the lifter
    facts: DatabaseFacts
    kept_aside: BackupFile | None  # what the database held before, as a snapshot
    kept_aside_problem: str | None = None  # the old content failed its integrity check


def default_folder(db_path: Path) -> Path:
    """Beside the database: `<db folder>/backups/`."""
    return Path(db_path).expanduser().absolute().parent / FOLDER_NAME


# ---------------------------------------------------------------- names and folders


def _name(stem: str, moment: datetime, kind: str) -> str:
    moment = moment.astimezone(timezone.utc)
    return f"{stem}-{moment:%Y-%m-%dT%H%M%S}.{moment.microsecond // 1000:03d}Z-{kind}.db"


def _pattern(stem: str) -> re.Pattern[str]:
    kinds = "|".join(KINDS)
    return re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}}T\d{{6}}\.\d{{3}})Z-({kinds})\.db$")


def _parse_name(pattern: re.Pattern[str], name: str) -> tuple[datetime, str] | None:
    match = pattern.match(name)
    if match is None:
        return None
    moment = datetime.strptime(match[1], "%Y-%m-%dT%H%M%S.%f").replace(tzinfo=timezone.utc)
    return moment, match[2]


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupFile]:
    """This database's backups in `folder` (default: beside it), oldest first. Only
    files named the way backtui names them count: nothing else there is touched."""
    folder = Path(folder).expanduser() if folder is not None else default_folder(db_path)
    pattern = _pattern(Path(db_path).stem)
    found = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StorageError(f"cannot read the backup folder {folder}: {exc.strerror or exc}") from None
    for entry in entries:
        parsed = _parse_name(pattern, entry.name)
        if parsed is None or not entry.is_file(follow_symlinks=False):
            continue
        found.append(BackupFile(Path(entry.path), parsed[0], parsed[1], entry.stat(follow_symlinks=False).st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def make_private_folder(folder: Path) -> None:
    """Create the folder, and any missing parent, 0700 (backups hold personal data)."""
    if folder.is_dir():
        return
    if folder.exists():
        raise StorageError(f"{folder} is not a folder: choose a folder for the backups")
    make_private_folder(folder.parent)
    try:
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # whatever the umask
    except FileExistsError:
        pass  # another backtui made it a moment ago
    except OSError as exc:
        raise StorageError(f"cannot create the backup folder {folder}: {exc.strerror or exc}") from None


def _fsync_path(path: Path, *, folder: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if folder else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_file(folder: Path, name: str) -> Path:
    """A new empty 0600 file; never an existing one."""
    path = folder / name
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def _remove_with_sidecars(path: Path) -> None:
    for end in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{end}").unlink()


def _drop_stale_partials(folder: Path, stem: str) -> None:
    """Half-made copies left by a backup that was killed (never a young one: that
    may be another backtui's copy in progress)."""
    cutoff = time.time() - _STALE_PARTIAL.total_seconds()
    for entry in folder.glob(f".{glob.escape(stem)}-*.partial"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                _remove_with_sidecars(entry)


def _publish(partial: Path, folder: Path, stem: str, kind: str, moment: datetime) -> Path:
    """Give the checked copy its final name, never over an existing file (two
    backups in the same millisecond: the later one moves on a millisecond)."""
    for _ in range(1000):
        final = folder / _name(stem, moment, kind)
        try:
            os.link(partial, final)
        except FileExistsError:
            moment += timedelta(milliseconds=1)
            continue
        except OSError:  # a file system without hard links
            if final.exists():
                moment += timedelta(milliseconds=1)
                continue
            os.rename(partial, final)
            break
        partial.unlink()
        break
    else:
        raise StorageError(f"cannot name a new backup in {folder}: too many backups at the same moment")
    _fsync_path(folder, folder=True)
    return final


# ---------------------------------------------------------------- reading databases


def _integrity(conn: sqlite3.Connection) -> str | None:
    """None when the file is whole, else SQLite's first complaints."""
    try:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows)


def _facts(conn: sqlite3.Connection) -> DatabaseFacts:
    def one(sql: str) -> object:
        try:
            row = conn.execute(sql).fetchone()  # sql: one of the constant queries just below
        except sqlite3.OperationalError:  # a table this schema does not have
            return None
        return row[0] if row else None

    def count(sql: str) -> int:
        value = one(sql)
        return value if isinstance(value, int) else 0

    last = one("SELECT max(logged_at) FROM sets")
    return DatabaseFacts(
        schema=count("PRAGMA user_version"),
        profiles=count("SELECT count(*) FROM profiles"),
        workouts=count("SELECT count(*) FROM workouts"),
        sets=count("SELECT count(*) FROM sets"),
        last_set_at=last if isinstance(last, str) else None,
    )


def _has_sidecar(path: Path) -> bool:
    return any(Path(f"{path}{end}").exists() for end in SIDECARS)


def read_facts(path: Path) -> DatabaseFacts:
    """Counts from a database file, read-only; a file with no journal beside it is
    read alone (immutable), so looking at a backup leaves nothing beside it."""
    try:
        conn = sqlite3.connect(readonly_uri(path, immutable=not _has_sidecar(path)), uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, path)) from None
    try:
        return _facts(conn)
    except sqlite3.DatabaseError as exc:
        raise StorageError(friendly_error(exc, path)) from None
    finally:
        conn.close()


def describe_backups(files: list[BackupFile]) -> list[BackupListing]:
    listed = []
    for backup in files:
        try:
            listed.append(BackupListing(backup, read_facts(backup.path), None))
        except StorageError as exc:
            listed.append(BackupListing(backup, None, str(exc)))
    return listed


def _json(text: object) -> object:
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def backups_to_keep(conn: sqlite3.Connection) -> int:
    """The `backup_keep` setting for the whole file: the most any profile asks for."""
    from backtui.domain.settings import BACKUP_KEEP_DEFAULT, BACKUP_KEEP_KEY, checked_value

    try:
        rows = conn.execute(_KEEP_SETTING, [BACKUP_KEEP_KEY]).fetchall()
    except sqlite3.Error:
        return BACKUP_KEEP_DEFAULT
    values = [checked_value(BACKUP_KEEP_KEY, _json(value)) for (value,) in rows]
    return max((int(v) for v in values if isinstance(v, int)), default=BACKUP_KEEP_DEFAULT)


def holds_lifter_data(conn: sqlite3.Connection) -> bool:
    """Anything a lifter made: a workout, a body weight, a setting, a routine, a
    custom exercise, or a second profile. A file with none needs no snapshot."""
    for sql in _ANY_LIFTER_DATA:
        try:
            if conn.execute(sql).fetchone():
                return True
        except sqlite3.OperationalError:
            continue  # a table an old schema did not have yet
    return False


def _main_file(conn: sqlite3.Connection) -> Path | None:
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


# ---------------------------------------------------------------- taking backups


def _copy_to(source: sqlite3.Connection, folder: Path, stem: str) -> tuple[Path, str | None]:
    """Copy `source` into a new hidden 0600 file in `folder`: (its path, integrity
    problem or None). The caller names or removes it."""
    moment = datetime.now(timezone.utc)
    partial = _private_file(folder, f".{stem}-{moment:%Y%m%dT%H%M%S%f}-{os.getpid()}.partial")
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)  # one step: a single consistent read of the source
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = _integrity(target)
        finally:
            target.close()
        _fsync_path(partial)
    except BaseException:
        _remove_with_sidecars(partial)
        raise
    return partial, problem


def _prune(folder: Path, stem: str, kind: str, keep: int) -> None:
    mine = [b for b in list_backups(folder / f"{stem}.db", folder) if b.kind == kind]
    for old in mine[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.path.unlink()


def _backup_from(source: sqlite3.Connection, stem: str, folder: Path, kind: str, *,
                 require_whole: bool = True) -> tuple[BackupFile, str | None]:
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    make_private_folder(folder)
    _drop_stale_partials(folder, stem)
    moment = datetime.now(timezone.utc)
    partial, problem = _copy_to(source, folder, stem)
    if problem is not None and require_whole:
        _remove_with_sidecars(partial)
        raise StorageError(f"the copy failed its integrity check ({problem}): the database itself may be damaged; "
                           "no backup was kept")
    final = _publish(partial, folder, stem, kind, moment)
    _prune(folder, stem, kind, backups_to_keep(source))
    parsed = _parse_name(_pattern(stem), final.name)
    assert parsed is not None
    return BackupFile(final, parsed[0], kind, final.stat().st_size), problem


def _connect_source(path: Path) -> sqlite3.Connection:
    """A connection to the live database, after checking (through SQLite, never a
    plain open() and close() of the file: that would drop the POSIX locks of any
    SQLite connection this process holds on it) that it is a backtui database."""
    if not path.exists():
        raise StorageError(f"no database at {path}")
    if not path.is_file():
        raise StorageError(f"{path} is not a regular file")
    if path.stat().st_size == 0:
        raise StorageError(f"{path} is empty: there is nothing to back up yet")
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, path)) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(friendly_error(exc, path)) from None
    if app_id != APPLICATION_ID:
        conn.close()
        raise StorageError(f"{path} is an SQLite file but not a backtui database")
    return conn


def take_backup(db_path: Path, folder: Path | None = None, *, kind: str = "backup") -> BackupFile:
    """An online, checked copy of the database in `folder` (default: beside it), then
    the oldest of that kind beyond the `backup_keep` setting are removed."""
    db_path = Path(db_path).expanduser()
    folder = Path(folder).expanduser() if folder is not None else default_folder(db_path)
    source = _connect_source(db_path)
    try:
        made, _ = _backup_from(source, db_path.stem, folder, kind)
    except sqlite3.Error as exc:
        raise StorageError(friendly_error(exc, db_path)) from None
    except OSError as exc:
        raise StorageError(f"cannot write a backup in {folder}: {exc.strerror or exc}") from None
    finally:
        source.close()
    return made


def snapshot_before(conn: sqlite3.Connection, kind: str) -> BackupFile | None:
    """The automatic snapshot before a migration, an import or a restore, from an
    open connection, into the default folder. None for a database in memory or one
    holding nothing of the lifter's yet. A failure stops the change that asked for
    it: nothing is changed without a copy of what was there."""
    path = _main_file(conn)
    if path is None or not holds_lifter_data(conn):
        return None
    what = kind.removeprefix("before-")
    folder = default_folder(path)
    # A connection inside a transaction cannot be a backup's source; a second one
    # reads the last committed state, which is what the change is about to alter.
    source = _connect_source(path) if conn.in_transaction else conn
    try:
        made, _ = _backup_from(source, path.stem, folder, kind)
    except (sqlite3.Error, OSError, StorageError) as exc:
        reason = friendly_error(exc, path) if isinstance(exc, sqlite3.Error) else (
            exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc))
        raise StorageError(f"could not keep a copy of the database before the {what} ({reason}); "
                           "nothing was changed") from None
    finally:
        if source is not conn:
            source.close()
    return made


# ---------------------------------------------------------------- restoring


@contextlib.contextmanager
def _private_copy(source: Path, folder: Path) -> Iterator[Path]:
    """The incoming file (and any journal beside it) copied into a private temporary
    folder, so checking it can neither change it nor be fooled by it changing."""
    make_private_folder(folder)
    scratch = Path(tempfile.mkdtemp(prefix=".restore-", dir=folder))
    try:
        copy = scratch / "incoming.db"
        try:
            shutil.copyfile(source, copy)
            for end in SIDECARS:
                if Path(f"{source}{end}").exists():
                    shutil.copyfile(f"{source}{end}", f"{copy}{end}")
        except OSError as exc:
            raise StorageError(f"cannot read {source}: {exc.strerror or exc}") from None
        os.chmod(copy, 0o600)
        yield copy
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def verify_restorable(copy: Path, shown_as: str) -> DatabaseFacts:
    """Whole, a backtui database, and a schema this backtui knows; else StorageError."""
    with copy.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise StorageError(f"{shown_as} is not a backtui database (it is not a whole SQLite file); nothing was changed")
    try:
        conn = sqlite3.connect(copy, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"{shown_as}: {friendly_error(exc)}; nothing was changed") from None
    try:
        problem = _integrity(conn)
        if problem is not None:
            raise StorageError(f"{shown_as} is damaged: the integrity check found {problem}; nothing was changed")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID or version < 1:
            raise StorageError(f"{shown_as} is an SQLite file but not a backtui database; nothing was changed")
        if version > SCHEMA_VERSION:
            raise StorageError(f"{shown_as} was written by a newer backtui (schema {version}, this one knows "
                               f"{SCHEMA_VERSION}): upgrade backtui to restore it; nothing was changed")
        return _facts(conn)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{shown_as} is damaged ({exc}); nothing was changed") from None
    finally:
        conn.close()


class _Unreadable(Exception):
    """The live file's first page is not SQLite's: its own lock cannot be taken."""


def _in_use(path: Path) -> DatabaseInUse:
    return DatabaseInUse(f"{path} is open in another program ({_IN_USE}): close it and run the restore "
                         "again; nothing was changed")


def _lock_exclusively(path: Path) -> sqlite3.Connection:
    """A connection holding SQLite's EXCLUSIVE lock until it is closed; refused
    (DatabaseInUse) while any other connection has the file open."""
    conn = sqlite3.connect(path, timeout=LOCK_WAIT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorname", "")
        if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
            raise _in_use(path) from None
        if code.startswith("SQLITE_NOTADB") or "not a database" in str(exc):
            raise _Unreadable() from None
        raise StorageError(f"{friendly_error(exc, path)}; nothing was changed") from None
    return conn


def _keep_aside(live: sqlite3.Connection, db_path: Path, folder: Path) -> tuple[BackupFile | None, str | None]:
    """The current content as a before-restore snapshot, damaged or not: it is the
    lifter's, and the restore may be the mistake."""
    if db_path.stat().st_size == 0:
        return None, None
    return _backup_from(live, db_path.stem, folder, "before-restore", require_whole=False)


def _keep_raw_aside(db_path: Path, folder: Path) -> BackupFile:
    """A byte copy of a file SQLite cannot read, with its journal, under the
    before-restore name."""
    make_private_folder(folder)
    moment = datetime.now(timezone.utc)
    partial = _private_file(folder, f".{db_path.stem}-{moment:%Y%m%dT%H%M%S%f}-{os.getpid()}.partial")
    try:
        shutil.copyfile(db_path, partial)
        _fsync_path(partial)
        final = _publish(partial, folder, db_path.stem, "before-restore", moment)
        for end in SIDECARS:
            if Path(f"{db_path}{end}").exists():
                shutil.copyfile(f"{db_path}{end}", f"{final}{end}")
                os.chmod(f"{final}{end}", 0o600)
    except BaseException:
        _remove_with_sidecars(partial)
        raise
    parsed = _parse_name(_pattern(db_path.stem), final.name)
    assert parsed is not None
    return BackupFile(final, parsed[0], "before-restore", final.stat().st_size)


def _replace_unreadable(incoming: Path, db_path: Path, folder: Path) -> BackupFile:
    """The live file is not SQLite at all (overwritten, or another format): keep its
    bytes aside and rename a fresh copy over it, holding SQLite's lock bytes so no
    SQLite program opens it meanwhile."""
    import fcntl  # POSIX only, like SQLite's own locks that it stands in for

    fd = os.open(db_path, os.O_RDWR)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _LOCK_LENGTH, _LOCK_START, os.SEEK_SET)
        except OSError:
            raise _in_use(db_path) from None
        kept = _keep_raw_aside(db_path, folder)
        fresh = _private_file(db_path.parent, f".{db_path.name}.restoring-{os.getpid()}")
        try:
            with contextlib.closing(sqlite3.connect(incoming)) as source, \
                    contextlib.closing(sqlite3.connect(fresh)) as target:
                source.backup(target)
                target.execute("PRAGMA journal_mode = WAL")
            _fsync_path(fresh)
            for end in SIDECARS:  # the old file's journal would be replayed onto the new one
                Path(f"{db_path}{end}").unlink(missing_ok=True)
            os.replace(fresh, db_path)
            _fsync_path(db_path.parent, folder=True)
        except BaseException:
            _remove_with_sidecars(fresh)
            raise
    finally:
        os.close(fd)
    return kept


def _use_rollback_journal(copy: Path) -> None:
    """Mark the private copy as a rollback-journal file, so the page 1 it brings
    into the live file leaves that in rollback mode until `_write_into` turns WAL
    back on (which then also removes the rollback journal)."""
    with contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


def _write_into(incoming: Path, live: sqlite3.Connection) -> None:
    """The backup API from the checked copy into the locked live file: one journalled
    transaction. The rollback journal for the copy lets pages change size too."""
    live.execute("PRAGMA synchronous = FULL")
    live.execute("PRAGMA journal_mode = DELETE")
    with contextlib.closing(sqlite3.connect(incoming)) as source:
        source.backup(live)
    live.execute("PRAGMA journal_mode = WAL")


def _create_empty(db_path: Path) -> None:
    make_private_folder(db_path.parent)
    with contextlib.suppress(FileExistsError):
        fd = os.open(db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)


def restore_database_file(source: Path, db_path: Path, folder: Path | None = None, *,
                          shown_as: str | None = None) -> RestoreResult:
    """Put the backtui database `source` in place of `db_path`.

    The source is checked first; the current database is kept aside as a
    before-restore snapshot in `folder` (default: beside it); refused with
    DatabaseInUse while another program has the database open. StorageError
    with the reason for every refusal, and then nothing has changed. `shown_as`
    names the source in messages (a replica's URL rather than a temporary file)."""
    source = Path(source).expanduser()
    db_path = Path(db_path).expanduser()
    name = shown_as or str(source)
    if not source.is_file():
        raise StorageError(f"no file at {name}" if not source.exists() else f"{name} is not a regular file")
    if db_path.exists() and os.path.samefile(source, db_path):
        raise StorageError(f"{name} is the database itself: choose a backup to restore")
    folder = Path(folder).expanduser() if folder is not None else default_folder(db_path)
    with _private_copy(source, folder) as incoming:
        facts = verify_restorable(incoming, name)
        _use_rollback_journal(incoming)
        existed = db_path.exists()
        if not existed:
            _create_empty(db_path)
        try:
            live = _lock_exclusively(db_path)
        except _Unreadable:
            raw = _replace_unreadable(incoming, db_path, folder)
            return RestoreResult(db_path, name, facts, raw, "the old file was not a readable SQLite database")
        try:
            kept, problem = _keep_aside(live, db_path, folder) if existed else (None, None)
            _write_into(incoming, live)
            after = _integrity(live)
            if after is not None:
                raise StorageError(f"the restored database failed its integrity check ({after}); the old one is "
                                   f"kept as {kept.path if kept else 'nothing'}")
        except sqlite3.Error as exc:
            raise StorageError(f"{friendly_error(exc, db_path)}; the restore was rolled back") from None
        finally:
            live.close()
    os.chmod(db_path, 0o600)
    return RestoreResult(db_path, name, facts, kept, problem)
