"""What real exports hold that tidy fixtures do not (issue 14), each on a small file of ours
in tests/fixtures/import/quirks that reproduces one real file's quirk."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backtui.domain.importers import ImportFileError, parse_import
from backtui.storage.importing import UnitQuestion, import_parsed

QUIRKS = Path(__file__).parent / "fixtures" / "import" / "quirks"


def parse(name: str, **kwargs):
    kwargs.setdefault("tz", timezone.utc)
    return parse_import((QUIRKS / name).read_bytes(), **kwargs)


def sets_of(parsed, exercise: str):
    return [s for w in parsed.workouts for s in w.sets if s.exercise == exercise]


def stored(store, exercise_slug: str) -> list[tuple]:
    return store.conn.execute(
        "SELECT s.kind, s.weight_kg, s.reps, s.bodyweight_kg, s.note FROM sets s JOIN exercises e "
        "ON e.id = s.exercise_id WHERE e.slug = ? ORDER BY s.id", [exercise_slug]).fetchall()


# -- Strong v6 "Note" rows ------------------------------------------------------------

def test_note_rows_with_quotes_strong_did_not_double_become_the_exercise_note():
    parsed = parse("strong_v6_note_rows.csv")
    lat = sets_of(parsed, "Lat Pulldown (Cable)")
    assert [s.weight_kg for s in lat] == [60.0, 65.0]
    assert lat[0].note == 'Seat 4, use the "wide" bar' and lat[1].note == ""
    assert sets_of(parsed, "Seated Row (Cable)")[0].note == '6" higher pin; grip "neutral"'
    assert sets_of(parsed, "Deadlift (Barbell)")[0].note == "belt from set 3"
    # A note for an exercise with no set of its own goes to the workout, named.
    pull = parsed.workouts[0]
    assert pull.note == 'Face Pull (Cable): say "hi" to the rope, it ends with a quote "'
    assert [s.reason for s in parsed.skipped] == ["rest timer row (not a set)"] * 2
    assert parsed.set_count == 4


def test_note_rows_in_the_quoted_layout():
    parsed = parse("strong_v6_note_rows_quoted.csv")
    lat = sets_of(parsed, "Lat Pulldown (Cable)")
    assert [s.note for s in lat] == ['slow "negatives" today', ""]


# -- set-order tokens ------------------------------------------------------------------

def test_cloud_export_tokens_are_set_kinds_and_an_unknown_one_skips_only_its_row():
    parsed = parse("strong_cloud_set_kinds.csv")
    lat = sets_of(parsed, "Lat Pulldown (Machine)")
    assert [s.kind for s in lat] == ["warmup", "working", "failure", "drop"]
    assert [s.kind for s in sets_of(parsed, "Seated Row (Cable)")] == ["warmup", "working"]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (7, "set order 'SUPERSET_B' is not a set kind this importer knows")]


def test_an_unknown_set_type_in_hevy_skips_its_row():
    text = ('"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
            '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"\n'
            '"A","1 May 2024, 18:00","1 May 2024, 19:00","","Deadlift (Barbell)",,"",0,"normal",100,5,,,\n'
            '"A","1 May 2024, 18:00","1 May 2024, 19:00","","Deadlift (Barbell)",,"",1,"cluster",100,5,,,\n')
    parsed = parse_import(text, tz=timezone.utc)
    assert parsed.set_count == 1 and parsed.skipped[0].line == 3


# -- weighted bodyweight moves --------------------------------------------------------

def test_belt_load_in_lb_is_kept_as_added_load(store):
    summary = import_parsed(store, parse("strong_belt_load_lb.csv", unit="lb"))
    pull = stored(store, "pull-up")
    assert [(w, bw) for _, w, _, bw, _ in pull] == [(11.339809, None), (20.411657, None), (0.0, None)]
    assert [w for _, w, _, _, _ in stored(store, "chin-up")] == [3.628739, 24.94758]
    assert [w for _, w, _, _, _ in stored(store, "back-extension")] == [20.411657, 11.339809]
    words = summary.readings["Pull Up"].words()
    assert "load on a belt" in words and "25-45 lb" in words
    assert summary.readings["Chin Up"].meaning == "load"


def test_body_weight_in_kg_is_kept_as_the_lifters_body_weight(store):
    summary = import_parsed(store, parse("strong_body_weight_kg.csv"))
    assert [(w, bw) for _, w, _, bw, _ in stored(store, "pull-up")] == [
        (0.0, 65.181224), (0.0, 94.347212), (0.0, 94.347212)]
    assert [(w, bw) for _, w, _, bw, _ in stored(store, "back-extension")] == [(0.0, 65.181224), (0.0, 94.347212)]
    words = summary.readings["Pull Up"].words()
    assert "your body weight" in words and "65.2-94.3 kg" in words
    push = store.conn.execute("SELECT weight_kg, bodyweight_kg FROM sets s JOIN exercises e ON e.id = s.exercise_id "
                              "WHERE e.name = 'Push Up'").fetchall()
    assert push == [(0.0, 65.181224)]  # a custom bodyweight move reads the same way


@pytest.mark.parametrize("override", ["load", "bodyweight"])
def test_the_bodyweight_column_option_overrides_the_values(store, override):
    summary = import_parsed(store, parse("strong_body_weight_kg.csv"), bodyweight_column=override)
    first = stored(store, "pull-up")[0]
    assert (first[1], first[3]) == ((65.181224, None) if override == "load" else (0.0, 65.181224))
    assert "--bodyweight-column" in summary.readings["Pull Up"].words()


@pytest.mark.parametrize("name", ["same_lift_strong.csv", "same_lift_hevy.csv", "same_lift_fitnotes.csv"])
def test_strong_hevy_and_fitnotes_give_the_same_lift_the_same_meaning(store, name):
    import_parsed(store, parse(name, unit="kg"))
    assert [(w, bw) for _, w, _, bw, _ in stored(store, "pull-up")] == [(10.0, None), (20.0, None)]
    assert [(w, bw) for _, w, _, bw, _ in stored(store, "chin-up")] == [(0.0, 80.0), (0.0, 80.0)]


# -- units ------------------------------------------------------------------------------

def test_an_assumed_unit_that_does_not_fit_stops_the_import_with_the_evidence(store):
    parsed = parse("strong_belt_load_lb.csv")
    assert parsed.weight_unit.assumed and "assumed" in parsed.weight_unit.words()
    with pytest.raises(UnitQuestion) as info:
        import_parsed(store, parsed)
    evidence = info.value.evidence
    assert evidence[0].name == "Deadlift (Barbell)" and evidence[0].heaviest == 420
    assert "1 of 2 sets over 350 kg (heaviest 420 kg)" in evidence[0].words("kg")
    assert store.conn.execute("SELECT count(*) FROM sets").fetchone()[0] == 0
    # Said out loud, either unit is taken as it is.
    assert import_parsed(store, parse("strong_belt_load_lb.csv", unit="kg"), dry_run=True).sets == 9


def test_the_unit_in_use_is_always_stated():
    assert parse("strong_body_weight_kg.csv").weight_unit.words() == "kg (the header says 'Weight (kg)')"
    assert parse("strong_belt_load_lb.csv", unit="lb").weight_unit.words() == "lb (--unit lb)"
    assert "each row" in parse("strong_distance_semicolon.csv").weight_unit.words()
    assert parse("same_lift_hevy.csv").weight_unit.words() == "kg (the header says 'weight_kg')"


def test_strongs_2016_header_names_the_unit_as_the_column():
    text = ("Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes\n"
            '2016-10-03 19:30:55,"W1D1","Deadlift",0,70.0,5,0.0,0,""\n')
    parsed = parse_import(text, tz=timezone.utc)
    assert parsed.weight_unit.words() == "kg (the header says 'kg')" and parsed.set_count == 1


def test_strong_duration_in_minutes_spelled_min():
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
            '2022-09-21 10:26:28,"Wednesday",38min,"Deadlift (Barbell)",1,45.0,10,0,0,"","",\n')
    workout = parse_import(text, tz=timezone.utc).workouts[0]
    assert workout.ended_at == "2022-09-21T11:04:28.000000+00:00"


# -- broken quoting ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "line"), [("strong_stray_quote.csv", 4), ("strong_cut_row.csv", 3)])
def test_a_stray_quote_refuses_the_file_with_its_line(name, line):
    with pytest.raises(ImportFileError) as info:
        parse(name)
    assert info.value.line == line and "quote" in str(info.value)


def test_a_quote_left_open_never_makes_a_name_with_a_line_break():
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
            '2024-03-01 18:00:00,"Back,45m,"Deadlift (Barbell)",1,100,5,0,0,"",,\n')
    with pytest.raises(ImportFileError) as info:
        parse_import(text, tz=timezone.utc)
    assert info.value.line == 2


def test_a_note_may_span_lines_when_its_quotes_are_right():
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
            '2024-03-01 18:00:00,"Back",45m,"Deadlift (Barbell)",1,100,5,0,0,"first line\nsecond ""line""",,\n'
            '2024-03-01 18:00:00,"Back",45m,"Deadlift (Barbell)",2,100,5,0,0,"",,\n')
    parsed = parse_import(text, tz=timezone.utc)
    assert [s.line for s in parsed.workouts[0].sets] == [2, 4]
    assert parsed.workouts[0].sets[0].note == 'first line\nsecond "line"'


def test_a_line_break_in_a_name_is_refused():
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
            '2024-03-01 18:00:00,"Back\nday",45m,"Deadlift (Barbell)",1,100,5,0,0,"",,\n')
    with pytest.raises(ImportFileError) as info:
        parse_import(text, tz=timezone.utc)
    assert info.value.line == 2 and "'Workout Name'" in str(info.value)


# -- distance ---------------------------------------------------------------------------

def test_distance_is_its_own_field_with_its_unit(store):
    rows = parse("strong_distance_comma.csv")
    rowing = sets_of(rows, "Rowing (Machine)")
    assert [(s.distance, s.distance_unit, s.note, s.seconds) for s in rowing] == [
        (0.5, None, "", 119), (0.5, None, "damper 6", 121)]
    assert "unit unknown" in rows.notes[0]
    semicolon = parse("strong_distance_semicolon.csv")
    run, walk = sets_of(semicolon, "Running")[0], sets_of(semicolon, "Farmer's Walk")[0]
    assert (run.distance, run.distance_unit, run.note) == (3.1, "mi", "")
    assert (walk.distance, walk.distance_unit, walk.weight_kg) == (40.0, "m", 32.0)
    import_parsed(store, semicolon)
    assert store.conn.execute("SELECT distance, distance_unit, note FROM sets ORDER BY id").fetchall() == [
        (3.1, "mi", ""), (40.0, "m", "")]


# -- time zones -------------------------------------------------------------------------

def test_local_times_in_a_named_zone_and_the_dst_rule():
    parsed = parse("strong_dst_berlin.csv", tz=ZoneInfo("Europe/Berlin"))
    assert parsed.zone == "Europe/Berlin" and parsed.zone_chosen
    starts = {w.line: w.started_at for w in parsed.workouts}
    # 02:30 on 31 March never happened (clocks went 02:00 -> 03:00): read as 03:30 CEST.
    assert starts[2] == "2024-03-31T01:30:00.000000+00:00"
    # 02:30 on 27 October happened twice: read as the first (CEST, UTC+2).
    assert starts[3] == "2024-10-27T00:30:00.000000+00:00"
    assert starts[4] == "2024-07-01T16:00:00.000000+00:00"
    reasons = [r.reason for r in parsed.shifted_times]
    assert reasons == ["2024-03-31 02:30 never happened in Europe/Berlin (clocks went forward): read as 03:30",
                       "2024-10-27 02:30 happened twice in Europe/Berlin (clocks went back): read as the first, "
                       "UTC+02:00"]


def test_the_default_zone_is_this_computers():
    parsed = parse_import((QUIRKS / "strong_dst_berlin.csv").read_bytes())
    assert not parsed.zone_chosen and parsed.zone  # TZ=UTC under the tests


# -- Hevy repeated blocks ----------------------------------------------------------------

def test_hevy_repeated_blocks_stay_two_blocks_each_with_its_own_note(store):
    parsed = parse("hevy_repeated_blocks.csv")
    names = [(s.exercise, s.note) for s in parsed.workouts[0].sets]
    assert names == [("Lat Pulldown (Cable)", "wide bar"), ("Lat Pulldown (Cable)", ""),
                     ("Seated Row (Cable)", ""), ("Lat Pulldown (Cable)", "v handle, slow"),
                     ("Lat Pulldown (Cable)", "")]
    import_parsed(store, parsed)
    rows = store.conn.execute("SELECT e.slug, s.set_number, s.weight_kg, s.kind, s.note FROM sets s JOIN exercises e "
                              "ON e.id = s.exercise_id ORDER BY s.logged_at, s.id").fetchall()
    assert rows == [("lat-pulldown", 1, 50.0, "working", "wide bar"), ("lat-pulldown", 2, 55.0, "working", ""),
                    ("seated-cable-row", 1, 45.0, "working", ""),
                    ("lat-pulldown", 3, 40.0, "working", "v handle, slow"), ("lat-pulldown", 4, 30.0, "drop", "")]


# -- NUL ---------------------------------------------------------------------------------

def test_nul_is_refused_with_its_line():
    data = (QUIRKS / "strong_older.csv").read_bytes().replace(b"Lat Pulldown", b"Lat\x00Pulldown")
    with pytest.raises(ImportFileError) as info:
        parse_import(data)
    assert info.value.line == 4 and "NUL" in str(info.value)


def test_strongs_german_header_and_its_rest_timer_rows():
    parsed = parse("strong_german_header.csv")
    assert parsed.layout.endswith("German header")
    assert [(s.exercise, s.reps, s.note) for s in parsed.workouts[0].sets] == [
        ("Pull Up", 3, ""), ("Romanian Deadlift (Barbell)", 8, "langsam")]
    assert [(r.line, r.reason) for r in parsed.skipped] == [(3, "rest timer row (not a set)")]
    assert parsed.workouts[0].ended_at == "2025-08-01T10:17:59.000000+00:00"  # 31min


def test_a_calf_raise_is_not_a_bodyweight_leg_raise():
    from backtui.domain.importers.names import custom_exercise, is_bodyweight_move

    assert is_bodyweight_move("Hanging Leg Raise") and not is_bodyweight_move("Single Leg Calf Raise")
    assert custom_exercise("Single Leg Calf Raise", "x", "weight_reps").region == "other"


def test_a_note_row_whose_stray_quote_splits_the_cell_is_mended():
    text = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
            '2025-06-03 18:00:00,"Pull",1h,"Lat Pulldown (Cable)",Note,0,0.0,0,0.0,"grip ",wide" today",,\n'
            '2025-06-03 18:00:00,"Pull",1h,"Lat Pulldown (Cable)",1,60.0,10.0,0,0.0,"",,\n')
    parsed = parse_import(text, tz=timezone.utc)
    assert parsed.workouts[0].sets[0].note == 'grip ",wide" today'
    # The same split on a set row is damage: refused with its line.
    broken = text.replace(",Note,", ",2,").replace("0,0.0,0,0.0,\"grip", "50,8,0,0.0,\"grip")
    with pytest.raises(ImportFileError) as info:
        parse_import(broken, tz=timezone.utc)
    assert info.value.line == 2
