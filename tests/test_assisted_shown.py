"""An assisted move's sets read as help wherever history shows them (issue 16: `20x8`
on a machine-assisted pull-up is 20 kg of help, never a -20 kg 'heaviest')."""

from __future__ import annotations

from click.testing import CliRunner

from backtui.cli import main
from backtui.domain.history import ExerciseRecords
from backtui.widgets.exercise_progress import records_markup


def test_the_cli_history_names_the_help_not_a_negative_load(db_path):
    runner = CliRunner()
    for entry in ("30x8", "20x8"):
        result = runner.invoke(main, ["--db", str(db_path), "log", "assisted-pull-up", entry,
                                      "--at", "2026-11-02T10:00"])
        assert result.exit_code == 0, result.output
    report = runner.invoke(main, ["--db", str(db_path), "history", "--exercise", "assisted-pull-up"]).output
    assert "assist 20 kg x 8" in report and "Least help assist 20 kg" in report
    assert "-20" not in report and "Heaviest" not in report
    day = runner.invoke(main, ["--db", str(db_path), "history"]).output
    assert "assist 30 kg x 8, assist 20 kg x 8" in " ".join(day.split())


def test_the_records_panel_names_the_least_help():
    records = ExerciseRecords(heaviest_kg=-20.0, heaviest_on="2026-11-02")
    shown = records_markup(records, "bodyweight_reps", "kg", "all time", assisted=True)
    assert "Least help   assist 20 kg" in shown and "-20" not in shown
    plain = records_markup(ExerciseRecords(heaviest_kg=10.0), "bodyweight_reps", "kg", "all time")
    assert "Heaviest     +10" in plain
