"""`backtui history` on the command line: JSON shapes and refusals."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from backtui.cli import main


@pytest.fixture
def logged_db(db_path):
    runner = CliRunner()
    for args in (
        ["log", "deadlift", "w", "60x5", "--at", "2026-11-02T10:00", "--routine", "essential-back"],
        ["log", "deadlift", "100x5", "--at", "2026-11-02T10:05", "--routine", "essential-back"],
        ["log", "deadlift", "110x3", "s", "--at", "2026-11-02T10:10", "--routine", "essential-back"],
        ["log", "deadlift", "120x1", "--at", "2026-11-09T10:05"],
        ["log", "superman-hold", "40s", "--at", "2026-11-09T10:20"],
    ):
        result = runner.invoke(main, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
    return db_path


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), "history", *args])


def test_exercise_json_shape(logged_db):
    result = run(logged_db, "--exercise", "deadlift", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["exercise"] == "deadlift"
    assert set(data) >= {"exercise", "sessions", "records"}
    first, second = data["sessions"]
    assert first == {
        "date": "2026-11-02", "workout_id": first["workout_id"], "top_set": {"weight_kg": 110.0, "reps": 3},
        "e1rm_kg": 121.0, "volume_kg": 830.0, "sets": 2, "strap_sets": 1, "hold_s": None,
    }
    assert second["top_set"] == {"weight_kg": 120.0, "reps": 1} and second["e1rm_kg"] == 120.0
    records = data["records"]
    assert (records["heaviest_kg"], records["best_e1rm_kg"], records["longest_hold_s"],
            records["best_volume_kg"]) == (120.0, 121.0, None, 830.0)
    hold = json.loads(run(logged_db, "--exercise", "superman-hold", "--json").output)
    assert hold["records"]["longest_hold_s"] == 40


def test_workouts_json_with_sets_and_filters(logged_db):
    data = json.loads(run(logged_db, "--json").output)
    assert [w["date"] for w in data] == ["2026-11-09", "2026-11-02"]
    first = data[1]
    assert first["routine"] == "essential-back" and first["volume_kg"] == 830.0
    assert [(s["exercise"], s["kind"], s["weight_kg"], s["reps"], s["straps"]) for s in first["sets"]] == [
        ("deadlift", "warmup", 60.0, 5, False), ("deadlift", "working", 100.0, 5, False),
        ("deadlift", "working", 110.0, 3, True)]
    assert [w["date"] for w in json.loads(run(logged_db, "--json", "--since", "2026-11-05").output)] == ["2026-11-09"]
    assert [w["date"] for w in json.loads(run(logged_db, "--json", "--routine", "essential-back").output)] == [
        "2026-11-02"]


def test_tables_without_json(logged_db):
    result = run(logged_db)
    assert result.exit_code == 0
    assert "Deadlift" in result.output and "w 60x5" in result.output
    result = run(logged_db, "--exercise", "deadlift")
    assert result.exit_code == 0 and "e1RM (est.)" in result.output and "110 x 3" in result.output


@pytest.mark.parametrize(
    "args, words",
    [
        (["--exercise", "dedlift"], "did you mean: deadlift"),
        (["--since", "last tuesday"], "--since 'last tuesday' is not a date"),
        (["--routine", "essential"], "did you mean: essential-back"),
        (["--since", "2026-11-09", "--until", "2026-11-01"], "is after --until"),
    ],
)
def test_bad_input_is_one_line_exit_2(logged_db, args, words):
    result = run(logged_db, *args)
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_bodyweight_moves_count_body_weight_in_e1rm_and_volume(tmp_path):
    """80 kg lifter, -20 kg assistance: 60 kg moved; +10 kg added: 90 kg moved."""
    import json as _json

    from click.testing import CliRunner

    from backtui.cli import main

    db = str(tmp_path / "bw.db")
    runner = CliRunner()
    # the sets are logged back in November: the body weight holds since then
    assert runner.invoke(main, ["config", "set", "bodyweight", "80", "--since", "2026-11-01", "--db", db]).exit_code == 0
    runner.invoke(main, ["log", "assisted-pull-up", "-20x8", "--at", "2026-11-10T10:00", "--db", db])
    runner.invoke(main, ["log", "pull-up", "+10x5", "--at", "2026-11-12T10:00", "--db", db])
    assisted = _json.loads(runner.invoke(main, ["history", "--exercise", "assisted-pull-up", "--json",
                                                "--db", db]).output)
    session = assisted["sessions"][0]
    assert session["volume_kg"] == 480 and session["e1rm_kg"] == 76.0
    weighted = _json.loads(runner.invoke(main, ["history", "--exercise", "pull-up", "--json", "--db", db]).output)
    assert weighted["sessions"][0]["e1rm_kg"] == 105.0 and weighted["records"]["best_e1rm_kg"] == 105.0


def test_body_weight_set_later_counts_for_earlier_sets_only_when_asked(tmp_path):
    import json as _json

    from click.testing import CliRunner

    from backtui.cli import main

    db = str(tmp_path / "late.db")
    runner = CliRunner()
    runner.invoke(main, ["log", "pull-up", "+10x6", "--at", "2026-11-10T10:00", "--db", db])
    assert runner.invoke(main, ["config", "set", "bodyweight", "80", "--db", db]).exit_code == 0
    data = _json.loads(runner.invoke(main, ["history", "--exercise", "pull-up", "--json", "--db", db]).output)
    assert data["records"]["best_e1rm_kg"] == 12.0  # the body weight was not known then: the plate alone
    done = runner.invoke(main, ["config", "set", "bodyweight", "80", "--since", "2026-11-01", "--db", db])
    assert done.exit_code == 0 and "since 2026-11-01" in done.output
    data = _json.loads(runner.invoke(main, ["history", "--exercise", "pull-up", "--json", "--db", db]).output)
    assert data["records"]["best_e1rm_kg"] == 108.0  # (80 + 10) x (1 + 6/30), not the 10 kg plate alone
