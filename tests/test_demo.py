"""The demo history: believable, deterministic, and never near the real database."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main
from backtui.domain.catalog import load_catalog
from backtui.domain.demo import DELOAD_WEEK, STALL_WEEKS, demo_workouts
from backtui.domain.models import SET_KINDS

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def workouts():
    return demo_workouts(load_catalog(), seed=6, today=TODAY, tz=timezone.utc)


def working(workouts, slug):
    return [[s for s in w.sets if s.exercise == slug and s.kind == "working"] for w in workouts
            if any(s.exercise == slug and s.kind == "working" for s in w.sets)]


def test_same_seed_same_history_and_another_seed_differs(workouts):
    assert demo_workouts(load_catalog(), seed=6, today=TODAY, tz=timezone.utc) == workouts
    assert demo_workouts(load_catalog(), seed=7, today=TODAY, tz=timezone.utc) != workouts


def test_twelve_weeks_of_sessions_before_today(workouts):
    first = datetime.fromisoformat(workouts[0].started_at).date()
    last = datetime.fromisoformat(workouts[-1].ended_at).date()
    assert last < TODAY and TODAY - first <= timedelta(weeks=13) and TODAY - first >= timedelta(weeks=12)
    assert 30 <= len(workouts) <= 45
    assert len({w.routine_slug for w in workouts}) >= 5
    assert all(w.ended_at > w.started_at for w in workouts)
    assert len({w.key for w in workouts}) == len(workouts)


def test_sets_are_valid_and_varied(workouts):
    catalog = load_catalog()
    sets = [s for w in workouts for s in w.sets]
    assert {s.kind for s in sets} == set(SET_KINDS)
    for s in sets:
        exercise = catalog.exercises[s.exercise]
        if exercise.timed:
            assert s.seconds and s.reps is None
        else:
            assert s.reps and 1 <= s.reps <= 1000 and s.seconds is None
        assert s.rpe is None or 1 <= s.rpe <= 10
    assert any(s.note for s in sets) and any(w.note for w in workouts)
    assert any(s.form_broke for s in sets)
    assert any(catalog.exercises[s.exercise].timed for s in sets)  # holds and stretches


def test_progress_a_stall_and_straps_rising(workouts):
    deadlift = working(workouts, "deadlift")
    assert deadlift[-1][0].weight_kg > deadlift[0][0].weight_kg  # progress
    half = len(deadlift) // 2
    early = sum(s.straps for sets in deadlift[:half] for s in sets) / sum(len(x) for x in deadlift[:half])
    late = sum(s.straps for sets in deadlift[half:] for s in sets) / sum(len(x) for x in deadlift[half:])
    assert late > early
    start = datetime.fromisoformat(workouts[0].started_at)
    rows = [(int((datetime.fromisoformat(sets[0].logged_at) - start).days // 7), sets[0].weight_kg)
            for sets in working(workouts, "barbell-row")]
    stalled = {weight for week, weight in rows if week in STALL_WEEKS}
    assert len(stalled) == 1 and len([1 for week, _ in rows if week in STALL_WEEKS]) >= 3
    deload = [weight for week, weight in rows if week == DELOAD_WEEK]
    assert deload and min(deload) < stalled.pop()


def test_write_demo_fills_a_store(store):
    from backtui.storage.demo import write_demo

    sets = write_demo(store, today=TODAY, tz=timezone.utc)
    assert store.conn.execute("SELECT count(*) FROM sets").fetchone()[0] == sets > 500
    assert store.unfinished_workout() is None
    assert store.routine_last_done()


def test_demo_flag_opens_the_app_on_a_temporary_database(monkeypatch, tmp_path: Path):
    real = tmp_path / "real.db"
    seen = {}

    def fake_run_app(path, *, routine=None, mouse=True):
        import sqlite3

        seen["path"], seen["routine"], seen["mouse"] = Path(path), routine, mouse
        conn = sqlite3.connect(path)
        seen["sets"] = conn.execute("SELECT count(*) FROM sets").fetchone()[0]
        conn.close()

    monkeypatch.setattr("backtui.starting.run_app", fake_run_app)
    monkeypatch.setenv("BACKTUI_DB", str(real))
    result = CliRunner().invoke(main, ["--demo", "--no-mouse"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert seen["sets"] > 500 and seen["mouse"] is False
    assert seen["path"] != real and not real.exists()
    assert not seen["path"].exists() and not seen["path"].parent.exists()  # removed on exit


def test_demo_db_writes_a_new_file_only(tmp_path: Path):
    path = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo-db", str(path)])
    assert result.exit_code == 0 and path.exists() and "demo sets" in result.output
    again = CliRunner().invoke(main, ["demo-db", str(path)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_the_readme_queries_work_on_the_demo_database(tmp_path: Path):
    from sqlite_utils.cli import cli

    path = tmp_path / "demo.db"
    CliRunner().invoke(main, ["demo-db", str(path)])
    runner = CliRunner()
    views = runner.invoke(cli, ["views", str(path), "--csv"]).output
    assert {"set_details", "weekly_volume", "workout_summary"} <= set(views.split())
    summary = runner.invoke(cli, ["rows", str(path), "workout_summary", "--limit", "3", "--table"])
    assert summary.exit_code == 0 and "volume_kg" in summary.output
    weekly = runner.invoke(cli, ["query", str(path), "select week, region, working_sets, volume_kg from "
                                 "weekly_volume order by week desc limit 12", "--table"])
    assert weekly.exit_code == 0 and "lower_back" in weekly.output
    best = runner.invoke(cli, ["query", str(path), "select exercise_name, max(weight_kg) as heaviest from "
                               "set_details where kind != 'warmup' group by exercise"])
    assert best.exit_code == 0 and "Deadlift" in best.output
