"""`backtui log`'s quick path (backtui/quick_log.py) against the click command: same
rows, same output, same exit status, as real processes; and no click, sqlite-utils or
pendulum on the quick path."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

CLICK = "import sys; from backtui.cli import main; main(sys.argv[1:], prog_name='backtui')"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BACKTUI_DB", "BACKTUI_PROFILE")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


def quick(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backtui", "log", *args], capture_output=True, text=True,
                          env=_env(tmp_path), stdin=subprocess.DEVNULL)


def full(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLICK, "log", *args], capture_output=True, text=True,
                          env=_env(tmp_path), stdin=subprocess.DEVNULL)


_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00|\w{3} \d+ \w{3} \d{4} \d\d:\d\d")


def _same_output(a: subprocess.CompletedProcess[str], b: subprocess.CompletedProcess[str]) -> None:
    assert a.returncode == b.returncode, (a.stderr, b.stderr)
    assert _TIME.sub("T", a.stdout) == _TIME.sub("T", b.stdout)
    assert a.stderr == b.stderr


def _rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        sets = conn.execute("SELECT id, profile_id, workout_id, exercise_id, set_number, kind, weight_kg, reps, seconds, "
                            "straps, rpe, form_broke, note, unit, bodyweight_kg, typeof(logged_at), length(logged_at) "
                            "FROM sets ORDER BY id").fetchall()
        workouts = conn.execute("SELECT id, profile_id, routine_slug, routine_name, ended_at IS NULL, source, note, "
                                "length(started_at) FROM workouts ORDER BY id").fetchall()
    finally:
        conn.close()
    return sets + workouts


CASES = [
    ["deadlift", "100x5"],
    ["deadlift", "100x5", "@8", "s", "# felt strong"],
    ["Deadlift", "60x8x3", "w", "--json"],
    ["barbell-row", "135lbx5", "-y"],
    ["deadlift", "100x5", "--yes", "--json"],
    ["deadlift", "1000x1"],  # the doubt rule asks: exit 2 on both
    ["deadlift", "100"],  # bad entry
    ["no-such-lift", "100x5"],  # unknown exercise
    ["deadlift", "100x5", "--nope"],  # unknown option
    ["deadlift", "100x5", "--at", "2026-01-02T10:00"],  # a past day: the click path closes it
    ["deadlift", "100x5", "--at", "not-a-date"],
]


def test_both_paths_write_the_same_rows_and_say_the_same(tmp_path: Path) -> None:
    quick_db, full_db = tmp_path / "q.db", tmp_path / "f.db"
    for case in CASES:
        a = quick(tmp_path, "--db", str(quick_db), *case)
        b = full(tmp_path, "--db", str(full_db), *case)
        _same_output(a, b)
        assert _rows(quick_db) == _rows(full_db), case
    assert len(_rows(quick_db)) > 6


def test_json_output_is_the_click_paths(tmp_path: Path) -> None:
    full(tmp_path, "--db", str(tmp_path / "q.db"), "deadlift", "100x5")
    done = quick(tmp_path, "--db", str(tmp_path / "q.db"), "deadlift", "100x5", "s", "--json")
    data = json.loads(done.stdout)
    assert data[0]["set_number"] == 2 and data[0]["straps"] is True and data[0]["exercise"] == "deadlift"


def test_read_only_file_gets_the_click_message(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    full(tmp_path, "--db", str(db), "deadlift", "100x5")
    db.chmod(0o400)
    try:
        a = quick(tmp_path, "--db", str(db), "deadlift", "100x5")
        b = full(tmp_path, "--db", str(db), "deadlift", "100x5")
    finally:
        db.chmod(0o600)
    if os.geteuid() != 0:
        assert a.returncode == 1
    _same_output(a, b)


def test_quick_path_imports_no_click_sqlite_utils_or_pendulum(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    full(tmp_path, "--db", str(db), "deadlift", "100x5")
    quick(tmp_path, "--db", str(db), "deadlift", "100x5")  # writes the catalog cache
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "backtui", "log", "--db", str(db), "deadlift",
                           "100x5"], capture_output=True, text=True, env=_env(tmp_path), stdin=subprocess.DEVNULL)
    assert done.returncode == 0
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {name for name in imported if name.split(".")[0] in ("click", "sqlite_utils", "pendulum")}
    [cache] = (tmp_path / "cache" / "backtui").glob("catalog-*.marshal")
    assert cache.stat().st_mode & 0o777 == 0o600


ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "America/Havana",
         "Asia/Beirut", "America/Sao_Paulo", "UTC"]


@pytest.mark.parametrize("name", ZONES)
def test_day_bounds_follow_pendulum_across_dst(name: str) -> None:
    import pendulum

    from backtui.domain.clock import iso
    from backtui.quick_log import day_bounds
    from backtui.quick_log import iso as quick_iso

    zone = pendulum.timezone(name)
    from zoneinfo import ZoneInfo

    mine = ZoneInfo(name)
    moment = datetime(2009, 1, 1, tzinfo=timezone.utc)
    checked = 0
    while moment.year < 2013:
        at = pendulum.instance(moment).in_tz(zone)
        day = at.start_of("day")
        local = moment.astimezone(mine)
        start, end = day_bounds(local, mine)
        assert quick_iso(start) == iso(day), (name, moment)
        assert quick_iso(end) == iso(day.add(days=1)), (name, moment)
        assert (start.date() < local.date()) == (day.date() < at.date())
        moment += timedelta(minutes=37 * 60 + 13)  # walks every hour of the day over the years
        checked += 1
    assert checked > 900


def test_local_zone_reads_tz_as_pendulum_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from pendulum.tz.local_timezone import _get_unix_timezone

    from backtui.quick_log import local_zone

    for name in ("Europe/Paris", "America/New_York", "UTC"):
        monkeypatch.setenv("TZ", name)
        assert local_zone().key == _get_unix_timezone().name
    monkeypatch.setenv("TZ", ":Europe/Paris")
    assert local_zone() is None  # left to pendulum, through click


def test_a_zone_with_dst_logs_into_the_same_workout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    quick_db, full_db = tmp_path / "q.db", tmp_path / "f.db"
    for case in (["deadlift", "100x5"], ["deadlift", "102.5x5", "--json"]):
        _same_output(quick(tmp_path, "--db", str(quick_db), *case), full(tmp_path, "--db", str(full_db), *case))
    assert _rows(quick_db) == _rows(full_db)
