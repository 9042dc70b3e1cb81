"""The backup that loses nothing, the restore that gives back identical tables, and
exports that are streamed and atomic (issue 14)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main

QUIRKS = Path(__file__).parent / "fixtures" / "import" / "quirks"
FIXTURES = Path(__file__).parent / "fixtures" / "import"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def every_table(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table but the migrations' bookkeeping, with its columns and rows in key order."""
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'")]
        found = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            found[table] = (columns, sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr))
        return found
    finally:
        conn.close()


@pytest.fixture
def rich_db(tmp_path: Path) -> Path:
    """A database holding a bit of everything a lifter owns, for two lifters."""
    db = tmp_path / "rich.db"
    d = ["--db", str(db)]
    steps = [
        ["log", "deadlift", "60x5", "w", "100x5", "s", "@8", "# grip went", "--at", "2026-11-18T18:05"],
        ["log", "barbell-row", "60x5", "f", "--at", "2026-11-18T18:20"],
        ["log", "assisted-pull-up", "-20x8", "--at", "2026-11-18T18:25"],
        ["config", "set", "bodyweight", "82.5"],
        ["log", "pull-up", "+10x5", "12", "--at", "2026-11-18T18:30"],
        ["config", "set", "unit", "lb"],
        ["import", str(QUIRKS / "strong_older.csv"), "--unit", "kg"],
        ["import", str(QUIRKS / "strong_newer.csv"), "--unit", "kg", "--update"],
        ["import", str(QUIRKS / "strong_body_weight_kg.csv")],
        ["import", str(QUIRKS / "strong_distance_semicolon.csv")],
        ["import", str(FIXTURES / "strong_quoted_lbs.csv"), "--map", "Wide Pull Up=pull-up"],
        ["profile", "add", "partner"],
        ["--profile", "partner", "log", "face-pull", "20x15", "--at", "2026-11-19T07:00"],
        ["--profile", "partner", "import", str(QUIRKS / "hevy_repeated_blocks.csv")],
    ]
    for step in steps:
        result = CliRunner().invoke(main, [*d, *step] if step[0] == "--profile" else [*step, *d])
        assert result.exit_code == 0, (step, result.output)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO user_routines (profile_id, slug, name, description, items, created_at, updated_at) "
                 "VALUES (1, 'my-pull', 'My pull', 'heavy day', '[{\"exercise\": \"deadlift\"}]', 'a', 'b')")
    conn.execute("INSERT INTO exercises (profile_id, slug, name, region, pattern, mechanic, equipment, measure, "
                 "source) VALUES (1, 'rope-row', 'Rope row', 'upper_back', 'horizontal_pull', 'compound', 'cable', "
                 "'weight_reps', 'custom')")
    conn.commit()
    conn.close()
    return db


def test_backup_then_restore_into_an_empty_database_gives_identical_tables(rich_db: Path, tmp_path: Path):
    backup = tmp_path / "backup.json"
    result = run("export", "--format", "backup", "-o", str(backup), "--db", str(rich_db))
    assert result.exit_code == 0, result.output
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    restored = tmp_path / "restored.db"
    result = run("restore", str(backup), "--db", str(restored))
    assert result.exit_code == 0, result.output
    assert "2 profiles" in result.output
    before, after = every_table(rich_db), every_table(restored)
    assert set(before) == set(after)
    for table in before:
        assert after[table] == before[table], table
    # Everything the issue names is in it.
    for table in ("profiles", "settings", "body_weights", "exercises", "user_routines", "workouts", "sets",
                  "import_batches", "imported_sets", "import_updates", "import_names"):
        assert before[table][1], f"{table} is empty in the test database"
    # And the restored file is a working database.
    later = run("log", "deadlift", "100x3", "--profile", "default", "--db", str(restored))
    assert later.exit_code == 0, later.output


def test_a_reformatted_backup_is_still_read(rich_db: Path, tmp_path: Path):
    backup = tmp_path / "backup.json"
    run("export", "--format", "backup", "-o", str(backup), "--db", str(rich_db))
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(backup.read_text()), indent=4))
    restored = tmp_path / "restored.db"
    assert run("restore", str(pretty), "--db", str(restored)).exit_code == 0
    assert every_table(restored) == every_table(rich_db)


def test_restore_refuses_in_one_line_and_writes_nothing(rich_db: Path, tmp_path: Path):
    backup = tmp_path / "backup.json"
    run("export", "--format", "backup", "-o", str(backup), "--db", str(rich_db))
    # Into a database that holds something.
    before = every_table(rich_db)
    busy = run("restore", str(backup), "--db", str(rich_db))
    assert busy.exit_code == 2 and "not empty" in busy.output and "nothing was restored" in busy.output
    assert every_table(rich_db) == before
    # An SQLite file (the database itself, copied) is the other kind of backup: the same
    # command restores it through storage/backups.py.
    copy = tmp_path / "copy.db"
    with sqlite3.connect(rich_db) as live, sqlite3.connect(copy) as target:
        live.backup(target)  # the file's bytes alone may miss what is still in its write-ahead log
    sqlite_file = run("restore", str(copy), "--db", str(tmp_path / "restored-copy.db"))
    assert sqlite_file.exit_code == 0, sqlite_file.output
    assert every_table(tmp_path / "restored-copy.db") == before
    # Not a backup at all, and a backup cut short: no new database is left behind.
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert run("restore", str(other), "--db", str(tmp_path / "new2.db")).exit_code == 2
    cut = tmp_path / "cut.json"
    text = backup.read_text()
    cut.write_text(text[: len(text) * 2 // 3])
    result = run("restore", str(cut), "--db", str(tmp_path / "new3.db"))
    assert result.exit_code == 2 and "cut short" in result.output
    assert not any(p.name.startswith("new") for p in tmp_path.iterdir())
    newer = tmp_path / "newer.json"
    newer.write_text(text.replace('"schema": ', '"schema": 9', 1))
    result = run("restore", str(newer), "--db", str(tmp_path / "new4.db"))
    assert result.exit_code == 2 and "newer backtui" in result.output


def test_restore_into_the_default_database_before_it_holds_anything(rich_db: Path, tmp_path: Path):
    backup = tmp_path / "backup.json"
    run("export", "--format", "backup", "-o", str(backup), "--db", str(rich_db))
    fresh = tmp_path / "fresh.db"
    assert run("exercises", "--db", str(fresh)).exit_code == 0  # opened once: catalog, default profile
    assert run("restore", str(backup), "--db", str(fresh)).exit_code == 0
    assert every_table(fresh) == every_table(rich_db)


def test_csv_export_keeps_body_weight_and_custom_regions_so_volume_and_balance_survive(tmp_path: Path):
    source, copy = tmp_path / "source.db", tmp_path / "copy.db"
    assert run("import", str(QUIRKS / "strong_body_weight_kg.csv"), "--db", str(source)).exit_code == 0
    assert run("import", str(QUIRKS / "strong_distance_semicolon.csv"), "--db", str(source)).exit_code == 0
    conn = sqlite3.connect(source)
    conn.execute("UPDATE exercises SET region = 'lower_back', pattern = 'hinge' WHERE name = \"Farmer's Walk\"")
    conn.commit()
    conn.close()
    out = tmp_path / "export.csv"
    assert run("export", "--format", "csv", "-o", str(out), "--db", str(source)).exit_code == 0
    header = out.read_text().splitlines()[0]
    assert header.endswith("Routine,Body Weight,Distance Unit,Region,Pattern,Weight Unit")
    result = run("import", str(out), "--db", str(copy))
    assert result.exit_code == 0, result.output

    def balance(path: Path) -> list[tuple]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT week, region, working_sets, volume_kg FROM weekly_volume "
                                "ORDER BY week, region").fetchall()
        finally:
            conn.close()

    def sets(path: Path) -> list[tuple]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT e.name, e.region, s.weight_kg, s.bodyweight_kg, s.distance, s.distance_unit "
                                "FROM sets s JOIN exercises e ON e.id = s.exercise_id ORDER BY s.logged_at, s.id"
                                ).fetchall()
        finally:
            conn.close()

    assert sets(copy) == sets(source)
    assert balance(copy) == balance(source) and any(region == "lower_back" for _, region, _, _ in balance(copy))


def test_an_export_replaced_with_force_is_0600_whatever_existed_before(tmp_path: Path, db_path: Path):
    run("log", "deadlift", "100x5", "--db", str(db_path))
    out = tmp_path / "out.json"
    out.write_text("old")
    os.chmod(out, 0o644)
    refused = run("export", "-o", str(out), "--db", str(db_path))
    assert refused.exit_code == 2 and out.read_text() == "old"
    assert run("export", "-o", str(out), "--force", "--db", str(db_path)).exit_code == 0
    assert oct(out.stat().st_mode & 0o777) == "0o600" and json.loads(out.read_text())[0]["exercise"] == "deadlift"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_an_export_that_fails_half_way_leaves_the_previous_file(tmp_path: Path, db_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    import errno

    import backtui.domain.exporting as exporting

    run("log", "deadlift", "100x5", "--db", str(db_path))
    out = tmp_path / "out.csv"
    out.write_text("the previous export\n")

    def full_disk(rows, handle):
        handle.write("half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exporting, "write_strong_csv", full_disk)
    result = run("export", "--format", "csv", "-o", str(out), "--force", "--db", str(db_path))
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "the previous file is untouched" in result.output
    assert out.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []  # no temporary file left


@pytest.mark.slow
def test_an_atomic_export_on_a_full_tmpfs_never_destroys_the_previous_file(tmp_path: Path):
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.decode().strip()}")
    try:
        db = tmp_path / "big.db"
        env = {**os.environ, "BACKTUI_DB": str(db)}
        steps = [["import", str(QUIRKS / "strong_newer.csv"), "--unit", "kg"]]
        for step in steps:
            assert subprocess.run([sys.executable, "-m", "backtui", *step], env=env, capture_output=True).returncode == 0
        conn = sqlite3.connect(db)  # enough sets that the export outgrows the 256 KiB file system
        conn.execute("INSERT INTO sets (profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, note, "
                     "unit, logged_at) SELECT profile_id, workout_id, exercise_id, set_number + 100 * x.n, kind, "
                     "weight_kg, reps, printf('%0200d', x.n), unit, logged_at FROM sets, "
                     "(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 400) "
                     "SELECT n FROM c) AS x")
        conn.commit()
        conn.close()
        target = mount / "export.csv"
        target.write_text("the previous export\n")
        result = subprocess.run([sys.executable, "-m", "backtui", "export", "--format", "csv", "-o", str(target),
                                 "--force"], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "the previous file is untouched" in result.stderr and "Traceback" not in result.stderr
        assert target.read_text() == "the previous export\n"
        assert [p.name for p in mount.iterdir()] == ["export.csv"]  # no temporary file left behind
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_exports_on_standard_output_carry_nothing_a_terminal_acts_on(tmp_path: Path, db_path: Path):
    path = tmp_path / "odd.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes\n"
                    '2026-01-02 10:00:00,A,Row,1,50,10,"csi \x9b31m and \u202eflip"\n')
    assert run("import", str(path), "--unit", "kg", "--db", str(db_path)).exit_code == 0
    note = "csi \x9b31m and \u202eflip"
    for fmt in ("json", "backup"):
        out = run("export", "--format", fmt, "--db", str(db_path)).output
        assert "\x9b" not in out and "\u202e" not in out and "\\u009b31m" in out
        data = json.loads(out)  # the same data for a reader
        found = data[0]["note"] if fmt == "json" else next(
            row[t["columns"].index("note")] for t in data["tables"] if t["name"] == "sets" for row in t["rows"])
        assert found == note
    piped = run("export", "--format", "csv", "--db", str(db_path)).output
    assert note in piped  # a pipe gets every byte back, for `| backtui import -`
