"""The importers on small files in every layout, with the quirks of real exports."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

import pytest

from backtui.domain.importers import ImportFileError, parse_import

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def parse(name: str, **kwargs):
    return parse_import((FIXTURES / name).read_bytes(), tz=timezone.utc, **kwargs)


def sets_of(parsed, exercise: str):
    return [s for w in parsed.workouts for s in w.sets if s.exercise == exercise]


def test_strong_semicolon_layout_units_per_row_and_names_with_commas():
    parsed = parse("strong_semicolon.csv")
    assert (parsed.source, parsed.rows, parsed.set_count) == ("strong", 7, 7)
    assert "semicolon" in parsed.layout
    back = next(w for w in parsed.workouts if w.name == "Back, Core, Biceps")
    assert back.started_at == "2019-01-13T07:55:13.000000+00:00"
    assert back.note == "Felt strong; slept well"
    assert back.key == "strong|2019-01-13 07:55:13|Back, Core, Biceps"
    rows = sets_of(parsed, "Bent Over Row (Barbell)")
    assert (rows[0].weight_kg, rows[0].unit, rows[0].note) == (61.23497, "lb", "Straps from set 2")
    assert (rows[1].weight_kg, rows[1].unit) == (62.5, "kg")  # decimal comma
    pulldown = sets_of(parsed, "Lat Pulldown (Cable)")
    assert [s.rpe for s in pulldown] == [None, 8.0]
    plank = sets_of(parsed, "Plank")[0]
    assert (plank.seconds, plank.reps, plank.weight_kg) == (60, None, None)


def test_strong_comma_layout_quirks():
    parsed = parse("strong_comma.csv")
    assert "comma" in parsed.layout
    reasons = {s.line: s.reason for s in parsed.skipped}
    assert reasons[6].startswith("rest timer") and reasons[10].startswith("rest timer")
    assert reasons[11].startswith("unfinished set")
    rows = sets_of(parsed, "Seated Row (Cable)")
    assert [s.weight_kg for s in rows] == [140.0, 150.0, 100.0]  # 149.99999999999997
    assert [s.kind for s in rows] == ["working", "working", "drop"]
    assert rows[0].note == "Elbows in" and rows[1].rpe == 8.5
    pull = parsed.workouts[0]
    assert pull.note == "Good pump"
    assert pull.ended_at == "2021-07-08T18:50:30.000000+00:00"  # 41m
    evening = next(w for w in parsed.workouts if w.name == "Evening Workout")
    assert evening.ended_at == "2025-06-03T21:26:00.000000+00:00"  # 1h 3m
    assisted = sets_of(parsed, "Pull Up (Assisted)")
    assert [(s.kind, s.reps) for s in assisted] == [("warmup", 10), ("working", 8), ("failure", 6)]
    assert assisted[2].rpe == 10.0
    assert sets_of(parsed, 'Row "Kroc" (Dumbbell)')[0].weight_kg == 50.0
    runaway = next(w for w in parsed.workouts if w.name == "Forgot to stop")
    assert runaway.ended_at == runaway.started_at  # 264h 1m is a timer left running
    assert sets_of(parsed, "Deadlift (Barbell)")[0].note == "@home, no belt"
    assert sets_of(parsed, "Plank")[0].seconds == 75


def test_strong_comma_layout_takes_the_unit_from_the_option():
    parsed = parse("strong_comma.csv", unit="lb")
    first = sets_of(parsed, "Seated Row (Cable)")[0]
    assert (first.unit, first.weight_kg) == ("lb", 63.502932)


def test_strong_quoted_layout_unit_in_header_and_unfinished_sets():
    parsed = parse("strong_quoted_lbs.csv")
    assert "quoted" in parsed.layout
    assert [s.reason for s in parsed.skipped] == ["unfinished set (no weight, reps or time)"]
    assert parsed.skipped[0].line == 7
    bench = sets_of(parsed, "Bench Press (Barbell)")
    assert [(s.kind, s.unit, s.weight_kg) for s in bench] == [("warmup", "lb", 43.091275), ("working", "lb", 83.914588)]
    push = parsed.workouts[0]
    assert push.note == "Chest, Shoulders, Triceps"  # repeated on every row, kept once
    assert push.ended_at == "2024-08-31T01:08:10.000000+00:00"  # Duration (sec) 3891
    run = sets_of(parsed, "Running")[0]
    assert (run.seconds, run.note, run.distance, run.distance_unit) == (480, "", 1609.0, "m")


def test_bom_and_crlf_and_unicode():
    parsed = parse("strong_quoted_kg_bom_crlf.csv")
    assert parsed.workouts[0].name == "Rücken"
    assert [s.exercise for s in parsed.workouts[0].sets] == ["T Bar Row", "Shrug (Barbell)", "Superman"]
    assert sets_of(parsed, "T Bar Row")[0].note == "Griff eng"
    assert sets_of(parsed, "Superman")[0].seconds == 45


def test_hevy_kg_orders_by_set_index_and_keeps_notes_once():
    parsed = parse("hevy_kg.csv")
    assert parsed.source == "hevy"
    pull = parsed.workouts[0]
    assert pull.name == "Pull // Ramp // Hypertrophy // 1"
    assert (pull.started_at, pull.ended_at) == ("2025-09-12T12:20:00.000000+00:00", "2025-09-12T13:25:00.000000+00:00")
    assert pull.note == "Short on sleep"
    lat = sets_of(parsed, "Lat Pulldown (Cable)")
    assert [(s.kind, s.weight_kg) for s in lat] == [("warmup", 40.0), ("working", 55.0), ("failure", 60.0), ("drop", 45.0)]
    assert lat[0].note == "Münster gym, cable 3" and all(s.note == "" for s in lat[1:])
    assert lat[2].rpe == 10.0
    assert sets_of(parsed, "Dead Hang")[0].seconds == 40
    treadmill = sets_of(parsed, "Treadmill")[0]
    assert (treadmill.seconds, treadmill.note, treadmill.distance, treadmill.distance_unit) == (900, "", 2.5, "km")


def test_hevy_lbs_and_miles():
    parsed = parse("hevy_lbs.csv")
    dead = sets_of(parsed, "Deadlift (Barbell)")
    assert [(s.unit, s.weight_kg) for s in dead] == [("lb", 102.058283), ("lb", 142.881597)]
    run = sets_of(parsed, "Running")[0]
    assert (run.note, run.distance, run.distance_unit) == ("", 1.5, "mi")


def test_fitnotes_2017_one_workout_per_date_row_order_and_comments():
    parsed = parse("fitnotes_2017.csv")
    assert parsed.source == "fitnotes"
    assert [w.key for w in parsed.workouts] == ["fitnotes|2017-06-23", "fitnotes|2017-06-25"]
    day = parsed.workouts[0]
    assert day.started_at == "2017-06-23T12:00:00.000000+00:00" and day.name is None
    assert [s.exercise for s in day.sets] == ["Running (Treadmill)", "Deadlift", "Deadlift", "Hyperextension"]
    assert day.sets[0].seconds == 561 and (day.sets[0].distance, day.sets[0].distance_unit) == (1.23, "mi")
    assert day.sets[0].note == ""
    assert (day.sets[1].note, day.sets[1].unit, day.sets[1].weight_kg) == ("belt on", "lb", 102.058283)
    assert parsed.workouts[1].sets[0].note == "felt heavy, tired"
    assert parsed.categories["Deadlift"] == "Back"


def test_fitnotes_2025_units_per_row_and_an_unquoted_comma_in_a_name():
    parsed = parse("fitnotes_2025.csv")
    names = [s.exercise for s in parsed.workouts[0].sets]
    assert names == ["Seated Cable Row", "Seated Cable Row", "Pulldown, Close Grip", "Barbell Shrug"]
    shrug = sets_of(parsed, "Barbell Shrug")[0]
    assert (shrug.unit, shrug.weight_kg) == ("lb", 61.23497)
    assert sets_of(parsed, "Plank")[0].seconds == 90
    assert any("unquoted comma" in w.reason and w.line == 4 for w in parsed.warnings)


def test_fitnotes_ambiguous_comma_is_an_error_with_the_line():
    text = ("Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
            "2025-04-29,Row,Back,15.0,kgs,20,,,,ok\n"
            "2025-04-29,Row, wide,Back,15.0,kgs,20,,,,fine, thanks\n")
    with pytest.raises(ImportFileError) as info:
        parse_import(text, tz=timezone.utc)
    assert info.value.line == 3


def test_broken_file_names_the_line():
    with pytest.raises(ImportFileError) as info:
        parse("broken_halfway.csv")
    assert info.value.line == 41 and "heavy" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("hello world\n", 1, "not a CSV header"),
        ("a,b,c\n1,2,3\n", 1, "not a Strong, Hevy or FitNotes"),
        ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Row,1,50,5,9\n", 2,
         "expected 6 fields"),
        ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\nyesterday,A,Row,1,50,5\n", 2, "date"),
        ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,,1,50,5\n", 2,
         "exercise name is empty"),
        ("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n2024-01-01 10:00:00;A;Row;1;5;st;5\n",
         2, "neither kg nor lb"),
        ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Row,1,nan,5\n", 2, "number"),
        ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,\"Row,1,50,5\n", 2,
         "never closed"),
    ],
)
def test_malformed_files_are_one_clear_error(text, line, words):
    with pytest.raises(ImportFileError) as info:
        parse_import(text, tz=timezone.utc)
    assert info.value.line == line
    assert words in str(info.value)


def test_not_utf8_and_nul_bytes():
    with pytest.raises(ImportFileError, match="not UTF-8"):
        parse_import(b"Date,Exercise\n\xff\xfe\xfa", tz=timezone.utc)
    with pytest.raises(ImportFileError, match="NUL"):
        parse_import(b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024\x00,A,B,1,2,3\n")


def test_rows_that_are_not_sets_are_skipped_with_a_reason():
    head = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Seconds,RPE\n"
    rows = [
        "2024-01-01 10:00:00,A,Row,1,50,5000,0,",  # reps out of range
        "2024-01-01 10:00:00,A,Row,2,5000,5,0,",  # over 1000 kg
        "2024-01-01 10:00:00,A,Row,3,50,5.5,0,",  # half a rep
        "2024-01-01 10:00:00,A,Row,4,50,,0,",  # weight but nothing done
        "2024-01-01 10:00:00,A,Row,5,50,5,0,12",  # RPE dropped, set kept
    ]
    parsed = parse_import(head + "\n".join(rows) + "\n", tz=timezone.utc)
    assert [s.line for s in parsed.skipped] == [2, 3, 4, 5]
    assert parsed.set_count == 1 and parsed.workouts[0].sets[0].rpe is None
    assert parsed.warnings[0].line == 6 and "RPE" in parsed.warnings[0].reason


def test_from_option_must_agree_with_the_header():
    with pytest.raises(ImportFileError, match="Hevy"):
        parse("hevy_kg.csv", fmt="strong")
    assert parse("hevy_kg.csv", fmt="hevy").source == "hevy"


def test_formula_text_is_imported_as_plain_text():
    text = ("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes\n"
            '2024-01-01 10:00:00,"=cmd|\' /C calc\'!A0",Row,1,50,5,"=1+1"\n')
    parsed = parse_import(text, tz=timezone.utc)
    assert parsed.workouts[0].name == "=cmd|' /C calc'!A0"
    assert parsed.workouts[0].sets[0].note == "=1+1"
