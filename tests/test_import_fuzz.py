"""Whatever a file holds, the importer gives a result or one clear error, never a traceback."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backtui.domain.catalog import load_catalog
from backtui.domain.importers import ImportFileError, ParsedImport, parse_import

HEADERS = {
    ",": [
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
        "weight_kg,reps,distance_km,duration_seconds,rpe",
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time",
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment",
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE,"
        "Straps,Set Kind,Entry Unit,Form Broke,Logged At,Routine",
    ],
    ";": [
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;"
        "Workout Notes",
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE";'
        '"Distance (meters)";"Seconds";"Notes";"Workout Notes"',
    ],
}
CELLS = st.one_of(
    st.sampled_from(["", "0", "1", "8", "10.0", "60", "62,5", "149.99999999999997", "-20", "1e309", "nan", "W",
                     "D", "F", "Rest Timer", "normal", "warmup", "dropset", "kg", "lbs", "kgs", "41m", "1h 3m",
                     "264h 1m", "0:09:21", "2024-08-31 00:03:19", "15 Sep 2025, 07:48", "2017-06-23",
                     "Deadlift (Barbell)", "Pull Up (Assisted)", "Plank", "yes", "no", "working", "9999999",
                     "2026-11-18T18:30:00.000000+00:00", "=1+1", "'quoted", "a,b", 'say "hi"', "x\ny"]),
    st.text(max_size=30),
)


def check(data) -> ParsedImport | None:
    try:
        parsed = parse_import(data, tz=timezone.utc)
    except ImportFileError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return None
    assert parsed.set_count + len(parsed.skipped) <= parsed.rows
    for workout in parsed.workouts:
        assert workout.sets and workout.started_at.endswith("+00:00")
        for s in workout.sets:
            assert s.reps is not None or s.seconds is not None
            assert s.reps is None or 1 <= s.reps <= 1000
            assert s.seconds is None or 1 <= s.seconds <= 86400
            assert s.weight_kg is None or abs(s.weight_kg) <= 1000
            assert s.rpe is None or 1 <= s.rpe <= 10
    return parsed


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes):
    check(data)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([h for hs in HEADERS.values() for h in hs]), st.binary(max_size=400))
def test_a_real_header_then_random_bytes(header: str, tail: bytes):
    check(header.encode() + b"\n" + tail)


TEXT = st.text(max_size=20)
VALID = {
    "date": st.sampled_from(["2024-08-31 00:03:19", "2024-09-01 10:00:00"]),
    "start_time": st.sampled_from(["15 Sep 2025, 07:48", "16 Sep 2025, 18:00"]),
    "end_time": st.sampled_from(["15 Sep 2025, 09:13", ""]),
    "set order": st.sampled_from(["1", "2", "W", "D", "F", "Rest Timer"]),
    "weight": st.sampled_from(["", "0", "60", "62.5", "149.99999999999997", "-20", "2000"]),
    "reps": st.sampled_from(["", "0", "5", "10.0", "8", "2.5"]),
    "seconds": st.sampled_from(["", "0", "60", "45.0"]),
    "rpe": st.sampled_from(["", "8", "9.5", "12"]),
    "weight unit": st.sampled_from(["kg", "lbs", "kgs", ""]),
    "distance": st.sampled_from(["", "0", "1.5"]),
    "duration": st.sampled_from(["41m", "1h 3m", "", "264h 1m", "3891"]),
    "workout #": st.just("1"),
    "set_index": st.sampled_from(["0", "1", "2"]),
    "set_type": st.sampled_from(["normal", "warmup", "failure", "dropset"]),
    "superset_id": st.just(""),
    "time": st.sampled_from(["", "0:01:30"]),
    "straps": st.sampled_from(["yes", "no"]),
    "set kind": st.sampled_from(["working", "warmup", "drop", "failure"]),
    "entry unit": st.sampled_from(["kg", "lb"]),
    "logged at": st.sampled_from(["", "2026-11-18T18:30:00.000000+00:00"]),
    "routine": st.sampled_from(["", "essential-back"]),
    "exercise": st.sampled_from(["Deadlift (Barbell)", "Pull Up (Assisted)", "Plank", "Superman", "=cmd", "Row, wide"]),
}
ALIKE = {"weight (lbs)": "weight", "weight (kg)": "weight", "weight_kg": "weight", "duration_seconds": "seconds",
         "duration (sec)": "duration", "distance_km": "distance", "distance (meters)": "distance",
         "exercise name": "exercise", "exercise_title": "exercise"}


@st.composite
def csv_files(draw):
    delimiter = draw(st.sampled_from(sorted(HEADERS)))
    header = draw(st.sampled_from(HEADERS[delimiter]))
    keys = [k.strip('"').lower() for k in header.split(delimiter)]
    sane = draw(st.booleans())  # cells that make sense in their column get as far as the database
    fitnotes = "category" in keys
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = []
        for key in keys:
            key = ALIKE.get(key, key)
            if key == "date" and fitnotes:
                strategy = st.sampled_from(["2017-06-23", "2017-06-24"])
            else:
                strategy = VALID.get(key, TEXT)
            row.append(draw(strategy if sane else CELLS))
        rows.append(row)
    if rows and draw(st.integers(0, 3)) == 0:  # sometimes one row of the wrong width
        row = draw(st.sampled_from(rows))
        row.append("extra") if draw(st.booleans()) else row.pop()
    out = io.StringIO()
    out.write(header + draw(st.sampled_from(["\n", "\r\n"])))
    csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    return out.getvalue()


IMPORTED: list[int] = []


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files())
def test_random_csv_shapes_parse_and_import_exactly(text: str):
    from backtui.storage.db import open_database
    from backtui.storage.importing import UnitQuestion, import_parsed
    from backtui.storage.store import Store

    parsed = check(text)
    if parsed is None or not parsed.workouts:
        return
    IMPORTED.append(parsed.set_count)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "fuzz.db")
        try:
            store = Store(db, load_catalog())
            try:
                summary = import_parsed(store, parsed)
            except UnitQuestion as question:  # values that do not fit an assumed unit: a question, nothing written
                assert question.evidence and store.conn.execute("SELECT count(*) FROM sets").fetchone()[0] == 0
                return
            stored = store.conn.execute("SELECT count(*) FROM sets").fetchone()[0]
            assert stored == summary.sets == parsed.set_count
            assert import_parsed(store, parsed).sets == 0
        finally:
            db.close()


def test_huge_fields_are_refused_in_words():
    header = HEADERS[","][0]
    huge = "x" * 300_000
    for text in (f'{header}\n2024-01-01 10:00:00,"{huge}",1m,Row,1,5,5,0,0,,,\n',
                 f'{header}\n2024-01-01 10:00:00,"never closed,1m,Row,1,5,5,0,0,,,\n' + "y" * 200_000):
        try:
            parse_import(text)
        except ImportFileError as exc:
            assert exc.line == 2 and "longer than" in str(exc)
        else:
            raise AssertionError("a huge field was accepted")


def test_a_huge_note_below_the_limit_is_kept():
    header = HEADERS[","][0]
    note = "n" * 50_000
    parsed = parse_import(f'{header}\n2024-01-01 10:00:00,A,1m,Row,1,5,5,0,0,"{note}",,\n')
    assert parsed.workouts[0].sets[0].note == note
