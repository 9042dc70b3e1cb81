"""One number formatter for the app, the command line and the exports (issue 17)."""

from __future__ import annotations

import re

from clirun import invoker

from backtui.domain.formatting import file_number, format_mass, format_rest, pack_sets
from backtui.domain.settings import setting
from backtui.domain.units import to_kg


def test_loads_totals_and_estimates():
    assert format_mass(62.5, "kg") == "62.5 kg"
    assert format_mass(to_kg(135, "lb"), "lb") == "135 lb"
    assert format_mass(11057.64, "kg", what="total") == "11,058 kg"
    assert format_mass(91.83, "kg", what="estimate") == "91.75 kg"  # never finer than a plate
    assert format_mass(148, "kg", what="estimate") == "148 kg"
    assert format_mass(1000, "kg") == "1,000 kg"
    assert format_mass(None, "kg") == "-"


def test_files_get_no_float_noise():
    assert file_number(to_kg(225, "lb")) == "102.06"
    assert file_number(0.1 + 0.2, 6) == "0.3"
    assert file_number(60.0) == "60" and file_number(None) == ""


def test_rests_are_m_ss_everywhere():
    assert format_rest(150) == "2:30" and format_rest(45) == "0:45"
    rest = setting("rest_default")
    assert rest.show(150) == "2:30" and rest.parse(rest.edit_text(150)) == 150
    assert setting("hold_step").show(5) == "5 s"


def test_a_set_is_never_broken_across_lines():
    sets = ["60x8 straps @8", "62.5x8 straps @8.5", "62.5x7 straps @9", "w 40x10"]
    for width in (10, 20, 30, 45, 80):
        lines = pack_sets(sets, width).split("\n")
        assert [part for line in lines for part in line.rstrip(",").split(", ")] == sets
        assert all(len(line) <= width for line in lines if ", " in line)


def test_cli_history_and_csv_use_it(db_path):
    run = invoker(db_path)
    run("log", "deadlift", "225lbx5")
    for _ in range(4):
        run("log", "barbell-row", "62.5x8", "s", "@8.5", "# felt strong, kept the back flat all the way")
    history = run("history", env={"COLUMNS": "60"}).output
    assert "5 sets" in history and re.search(r"\d,\d{3} kg", history)  # a total, thousands grouped
    assert "62.5x8 straps @8.5" in history.replace("\n", " ")  # no set broken across lines
    for line in history.splitlines():
        assert not line.rstrip().endswith(("62.5x8", "straps", "62.5x8 straps"))
    records = run("history", "--exercise", "deadlift", env={"COLUMNS": "60"}).output
    assert "510 kg" in records and "\nkg" not in records
