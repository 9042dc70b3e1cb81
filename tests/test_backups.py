"""Backups and restores (issue 19): copies taken while another process writes,
checked, rotated; restores that check first, keep what was there, and refuse
while another program has the file open."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clirun import invoker
from setwriter import finish, next_line, writer
from sqlrows import rows, table_contents

from backtui.storage import backups
from backtui.storage.backups import DatabaseInUse, list_backups, restore_database_file, take_backup
from backtui.storage.db import open_database
from backtui.storage.errors import StorageError
from backtui.storage.version import SCHEMA_VERSION

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "schema_v1.sql"
NAME = re.compile(r"^backtui-\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z-backup\.db$")


@pytest.fixture
def run(db_path: Path):
    return invoker(db_path)


def notes(path: Path) -> list[str]:
    return [n for (n,) in rows(path, "SELECT note FROM sets ORDER BY id")]


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:  # damaged past what the check can walk
        return [str(exc)]
    finally:
        conn.close()


def logged(run, *entries: str) -> None:
    for entry in entries:
        assert run("log", "deadlift", entry).exit_code == 0


# ---------------------------------------------------------------- backups


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["held", "cli"])
def test_backups_taken_while_another_process_logs_hold_a_prefix_of_its_sets(db_path: Path, tmp_path: Path,
                                                                           mode: str):
    """Every set is either in the copy or was committed after it, and every copy
    passes integrity_check. `held`: one connection open all along (the app);
    `cli`: `backtui log`'s open, write, close for every set."""
    open_database(db_path).close()
    count = 400 if mode == "held" else 60
    process = writer(db_path, count, *(["--cli"] if mode == "cli" else []))
    folder = tmp_path / "copies"
    during = []
    seen = []  # each copy read as soon as it is made: only the last few are kept (backup_keep)
    try:
        while process.poll() is None and len(during) < 200:
            made = take_backup(db_path, folder)
            seen.append((integrity(made.path), notes(made.path)))
            if process.poll() is None:
                during.append(made.path)
    finally:
        finish(process)
    assert during, "no backup was taken while the writer was still writing"
    final = notes(db_path)
    assert final == [f"set{i:05d}" for i in range(count)]
    assert len(list_backups(db_path, folder)) <= 10
    in_copies = []
    for checked, got in seen:
        assert checked == ["ok"]
        assert got == final[:len(got)], "a copy holds a set without every set committed before it"
        in_copies.append(len(got))
    # The writer was caught half way at least once (otherwise this proved nothing).
    assert any(0 < n < count for n in in_copies), in_copies


def test_a_backup_is_private_named_by_time_and_readable_alone(db_path: Path, run, tmp_path: Path):
    logged(run, "100x5", "110x5")
    made = take_backup(db_path)
    assert made.path.parent == tmp_path / "backups"
    assert NAME.match(made.path.name)
    assert oct(made.path.stat().st_mode & 0o777) == "0o600"
    assert oct(made.path.parent.stat().st_mode & 0o777) == "0o700"
    assert made.kind == "backup" and made.size == made.path.stat().st_size
    # One file on its own: no journal beside it, rollback journal mode in the header.
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]
    assert made.path.read_bytes()[18:20] == b"\x01\x01"
    assert table_contents(made.path) == table_contents(db_path)
    assert backups.read_facts(made.path).sets == 2


def test_rotation_keeps_the_last_n_of_each_kind_and_nothing_else_is_touched(db_path: Path, run, tmp_path: Path):
    logged(run, "100x5")
    assert run("config", "set", "backup_keep", "3").exit_code == 0
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    foreign = [folder / "notes.txt", folder / "other-2026-01-01T000000.000Z-backup.db"]
    for path in foreign:
        path.write_text("not ours")
    made = [take_backup(db_path) for _ in range(5)]
    auto = [take_backup(db_path, kind="before-import") for _ in range(2)]
    kept = list_backups(db_path)
    assert [b.path for b in kept if b.kind == "backup"] == [m.path for m in made[-3:]]
    assert [b.path for b in kept if b.kind == "before-import"] == [a.path for a in auto]
    assert all(path.read_text() == "not ours" for path in foreign)
    assert len({m.path for m in made}) == 5  # the same millisecond never overwrote a backup


def test_the_most_any_profile_asks_for_is_kept(db_path: Path, run):
    logged(run, "100x5")
    assert run("profile", "add", "sam").exit_code == 0
    assert run("config", "set", "backup_keep", "2").exit_code == 0
    assert run("--profile", "sam", "config", "set", "backup_keep", "4").exit_code == 0
    for _ in range(6):
        take_backup(db_path)
    assert len(list_backups(db_path)) == 4


def test_backup_keep_setting_takes_whole_numbers(run):
    assert run("config", "get", "backup_keep").output.strip() == "10"
    for bad in ("0", "2.5", "many", "1001"):
        result = run("config", "set", "backup_keep", bad)
        assert result.exit_code == 2 and "whole number from 1 to 1000" in result.output
    assert run("config", "set", "backup_keep", "30").output.strip() == "backup_keep = 30"


def test_a_damaged_database_gives_no_backup(db_path: Path, run, tmp_path: Path):
    logged(run, *[f"{100 + i}x5 # {'n' * 300}" for i in range(40)])
    damage_inner_page(db_path)
    with pytest.raises(StorageError, match="integrity check|damaged"):
        take_backup(db_path)
    assert list_backups(db_path) == []
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []  # no half-made copy left


def test_backup_refuses_what_is_not_a_backtui_database(tmp_path: Path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="not a backtui database"):
        take_backup(other)
    with pytest.raises(StorageError, match="no database at"):
        take_backup(tmp_path / "missing.db")


# ---------------------------------------------------------------- automatic snapshots


def test_a_snapshot_is_taken_before_a_migration_of_a_file_with_data(tmp_path: Path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(FIXTURE_V1.read_text())
    conn.close()
    before = table_contents(old)
    assert before["!version"] == [(1,)]
    open_database(old).close()
    snapshots = list_backups(old)
    assert [s.kind for s in snapshots] == ["before-migration"]
    assert table_contents(snapshots[0].path) == before  # the file as it was, schema 1
    open_database(old).close()  # nothing left to migrate: no second snapshot
    assert len(list_backups(old)) == 1


def test_no_snapshot_for_a_new_database(db_path: Path, tmp_path: Path):
    open_database(db_path).close()
    open_database(db_path).close()
    assert not (tmp_path / "backups").exists()


def test_a_snapshot_is_taken_before_an_import_into_a_file_with_data(db_path: Path, run):
    export = Path(__file__).parent / "fixtures" / "import" / "strong_comma.csv"
    assert run("import", str(export)).exit_code == 0  # a new file: nothing to keep
    assert list_backups(db_path) == []
    assert run("import", str(export), "--dry-run").exit_code == 0
    assert list_backups(db_path) == []
    before = table_contents(db_path)
    assert run("import", str(export)).exit_code == 0
    snapshots = list_backups(db_path)
    assert [s.kind for s in snapshots] == ["before-import"]
    assert table_contents(snapshots[0].path) == before


# ---------------------------------------------------------------- restores


def filled(run, db_path: Path) -> None:
    logged(run, "100x5", "105x5 @8 # heavy", "110x3")
    assert run("log", "dead-hang", "45s").exit_code == 0
    assert run("config", "set", "unit", "lb").exit_code == 0
    assert run("config", "set", "bodyweight", "180").exit_code == 0


def test_restore_round_trip_is_equal_table_by_table(db_path: Path, run):
    filled(run, db_path)
    made = take_backup(db_path)
    expected = table_contents(db_path)
    logged(run, "120x2", "125x1")  # what happens after the backup...
    assert run("config", "set", "unit", "kg").exit_code == 0
    changed = table_contents(db_path)
    result = restore_database_file(made.path, db_path)
    # Nothing left beside the file: no journal, no WAL, no scratch copy (a -shm from the
    # reads above may stay: SQLite rebuilds it when the next connection opens).
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name != "backtui.db-shm") == ["backtui.db", "backups"]
    assert table_contents(db_path) == expected
    assert result.facts.sets == 4
    # ...is kept aside, table by table, and restoring that undoes the restore.
    assert result.kept_aside is not None and result.kept_aside.kind == "before-restore"
    assert table_contents(result.kept_aside.path) == changed
    restore_database_file(result.kept_aside.path, db_path)
    assert table_contents(db_path) == changed
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in (db_path.parent / "backups").iterdir() if p.name.startswith(".")] == []


def test_restore_into_a_missing_database_creates_it_private(tmp_path: Path, db_path: Path, run):
    filled(run, db_path)
    made = take_backup(db_path, tmp_path / "elsewhere")
    target = tmp_path / "new" / "place" / "backtui.db"
    result = restore_database_file(made.path, target)
    assert result.kept_aside is None
    assert table_contents(target) == table_contents(made.path) | {"!schema": table_contents(target)["!schema"]}
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert oct(target.parent.stat().st_mode & 0o777) == "0o700"
    assert open_database(target).conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_refuses_a_newer_schema_and_changes_nothing(db_path: Path, run, tmp_path: Path):
    filled(run, db_path)
    made = take_backup(db_path)
    newer = tmp_path / "newer.db"
    newer.write_bytes(made.path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = table_contents(db_path)
    with pytest.raises(StorageError, match=f"newer backtui \\(schema {SCHEMA_VERSION + 1}.*nothing was changed"):
        restore_database_file(newer, db_path)
    assert table_contents(db_path) == before
    assert [b.kind for b in list_backups(db_path)] == ["backup"]  # no before-restore: nothing happened


def damage_inner_page(path: Path) -> None:
    """Overwrite a page in the middle of the file (not the header page) with garbage."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sets'").fetchone()[0]
    conn.close()
    assert pages > 3
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_restore_refuses_a_damaged_copy_and_changes_nothing(db_path: Path, run, tmp_path: Path):
    filled(run, db_path)
    made = take_backup(db_path)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(made.path.read_bytes())
    damage_inner_page(damaged)
    before = table_contents(db_path)
    with pytest.raises(StorageError, match="damaged.*nothing was changed"):
        restore_database_file(damaged, db_path)
    assert table_contents(db_path) == before


def test_restore_refuses_files_that_are_not_backtui_databases(db_path: Path, run, tmp_path: Path):
    filled(run, db_path)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(StorageError, match="not a backtui database"):
        restore_database_file(other, db_path)
    with pytest.raises(StorageError, match="not a whole SQLite file"):
        restore_database_file(text, db_path)
    with pytest.raises(StorageError, match="the database itself"):
        restore_database_file(db_path, db_path)


@pytest.mark.slow
@pytest.mark.parametrize("idle", [False, True], ids=["writing", "idle"])
def test_restore_is_refused_while_another_instance_has_the_file_open(db_path: Path, run, idle: bool):
    """A second process logging sets (or idle with the file open, as an app between
    sets) makes the restore refuse with the reason; nothing changes, no set is lost."""
    filled(run, db_path)
    made = take_backup(db_path)
    process = writer(db_path, 5 if idle else 100_000, "--pause", "0" if idle else "0.002", "--hold", "60")
    try:
        if idle:
            assert next_line(process) == "done"
        with pytest.raises(DatabaseInUse, match="open in another program.*nothing was changed"):
            restore_database_file(made.path, db_path)
        assert process.poll() is None, "the writer finished before the restore was tried"
    finally:
        process.terminate()
        process.wait(timeout=60)
    written = [n for n in notes(db_path) if n.startswith("set")]
    assert len(written) >= 5 and written == [f"set{i:05d}" for i in range(len(written))]  # none lost
    assert [b.kind for b in list_backups(db_path)] == ["backup"]
    restore_database_file(made.path, db_path)  # once it is closed, the restore goes through
    assert notes(db_path) == notes(made.path)


def test_a_waiting_writer_sees_the_restored_file_not_the_old_one(db_path: Path, run, tmp_path: Path):
    """The copy is written into the same file under SQLite's lock, so a program that
    opens the database during the restore waits and then reads the restored data."""
    filled(run, db_path)
    made = take_backup(db_path)
    logged(run, "130x1")
    live = backups._lock_exclusively(db_path)
    try:
        reader = subprocess.Popen(
            [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=30); "
             "print(c.execute('SELECT count(*) FROM sets').fetchone()[0])", str(db_path)],
            stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)  # the reader is waiting on the lock now
        assert reader.poll() is None
        backups._write_into(_incoming(made.path, tmp_path), live)
    finally:
        live.close()
    out, _ = reader.communicate(timeout=60)
    assert int(out) == 4


def _incoming(path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "incoming.db"
    copy.write_bytes(path.read_bytes())
    backups._use_rollback_journal(copy)
    return copy


def test_restore_over_a_file_that_is_not_sqlite_any_more_keeps_its_bytes(db_path: Path, run):
    filled(run, db_path)
    made = take_backup(db_path)
    garbage = os.urandom(8192)
    db_path.write_bytes(garbage)
    result = restore_database_file(made.path, db_path)
    assert result.kept_aside is not None and result.kept_aside.path.read_bytes() == garbage
    assert result.kept_aside_problem
    assert notes(db_path) == notes(made.path)
    assert integrity(db_path) == ["ok"]


def test_restore_over_a_damaged_database_keeps_the_damaged_file_aside(db_path: Path, run):
    logged(run, *[f"{100 + i}x5 # {'n' * 300}" for i in range(40)])
    made = take_backup(db_path)
    damage_inner_page(db_path)
    result = restore_database_file(made.path, db_path)
    assert integrity(db_path) == ["ok"] and notes(db_path) == notes(made.path)
    assert result.kept_aside is not None and result.kept_aside_problem  # kept, and said to be damaged
    assert integrity(result.kept_aside.path) != ["ok"]


# ---------------------------------------------------------------- the commands


def test_backup_backups_and_restore_commands(db_path: Path, run, tmp_path: Path):
    filled(run, db_path)
    result = run("backup")
    assert result.exit_code == 0, result.output
    assert "4 sets in 1 workout" in result.output and "integrity check ok" in result.output
    made = list_backups(db_path)[0]
    listing = run("backups")
    assert listing.exit_code == 0
    line = next(line for line in listing.output.splitlines() if made.path.name in line)
    assert re.search(r"backup\s+\d+\.\d KB\s+4\s+1\s+\d{4}-\d{2}-\d{2}", line), line
    logged(run, "140x1")
    restored = run("restore", made.path.name)  # the name from the listing is enough
    assert restored.exit_code == 0, restored.output
    assert "Restored" in restored.output and "before-restore" in restored.output
    assert "Restore that file to undo" in restored.output
    assert len(notes(db_path)) == 4


def test_backup_to_a_folder_of_your_choice(db_path: Path, run, tmp_path: Path):
    filled(run, db_path)
    result = run("backup", str(tmp_path / "usb" / "gym"))
    assert result.exit_code == 0, result.output
    assert len(list_backups(db_path, tmp_path / "usb" / "gym")) == 1
    listing = run("backups", str(tmp_path / "usb" / "gym"))
    assert "backup" in listing.output and "4" in listing.output
    (tmp_path / "afile").write_text("x")
    refused = run("backup", str(tmp_path / "afile"))
    assert refused.exit_code in (1, 2) and "Traceback" not in refused.output


def test_commands_say_what_is_wrong_in_one_line(db_path: Path, run, tmp_path: Path):
    assert run("backups").output.startswith("No backups of")
    missing = run("backup")
    assert missing.exit_code == 1 and "no database at" in missing.output
    text = tmp_path / "notes.txt"
    text.write_text("{}")
    refused = run("restore", str(text))
    assert refused.exit_code == 2 and "not a backtui backup" in refused.output
    absent = run("restore", "nothing-here.db")
    assert absent.exit_code == 1 and "no file at" in absent.output


def test_restore_an_old_schema_backup_brings_it_up_to_date(tmp_path: Path, db_path: Path, run):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(FIXTURE_V1.read_text())
    conn.close()
    logged(run, "100x5")
    result = run("restore", str(old))
    assert result.exit_code == 0, result.output
    assert f"Upgraded it from schema 1 to {SCHEMA_VERSION}" in result.output
    assert rows(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
