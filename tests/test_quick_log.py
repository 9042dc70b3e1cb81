"""`backtui log`'s quick path (backtui/quick_log.py) against the click command: same
rows, same output, same exit status, as real processes; no click, sqlite-utils or
pendulum on the quick path; and its plain-code pieces (entry grammar, doubt rule, a
set's words, settings, the default database path) against the domain functions they
stand in for, on many inputs."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import astuple
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backtui import quick_log

CLICK = "import sys; from backtui.cli import main; main(sys.argv[1:], prog_name='backtui')"


def _env(tmp_path: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BACKTUI_DB", "BACKTUI_PROFILE")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.update(extra or {})
    return env


def quick(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backtui", "log", *args], capture_output=True, text=True,
                          errors="replace", env=_env(tmp_path, env), stdin=subprocess.DEVNULL)


def full(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLICK, "log", *args], capture_output=True, text=True,
                          errors="replace", env=_env(tmp_path, env), stdin=subprocess.DEVNULL)


def _imported_names(stderr: str) -> set[str]:
    """The modules a `python -X importtime` run imported."""
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def _imported(stderr: str) -> set[str]:
    """The top-level packages a `python -X importtime` run imported."""
    return {line.split("|")[-1].strip().split(".")[0] for line in stderr.splitlines() if line.startswith("import time:")}


def _quick_process(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`backtui log ARGS` under -X importtime: _imported(stderr) says whether click ran."""
    return subprocess.Popen([sys.executable, "-X", "importtime", "-m", "backtui", "log", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path, env),
                            stdin=subprocess.DEVNULL)


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
    ["deadlift", "60 kg x 8", "@ 8"],
    ["deadlift", "62,5 x 5 x 2", "d!"],
    ["pull-up", "12"],
    ["pull-up", "+10x6", "--json"],
    ["pull-up", "12x3"],  # added load or sets? The click path asks
    ["assisted-pull-up", "20x8"],
    ["dead-hang", "45s"],
    ["dead-hang", "1:30", "x", "2"],
    ["chin-up", "bw", "x", "8", "x", "2"],
    ["deadlift", "60x8 45s"],
    ["deadlift", "60×8"],  # not plain ASCII: the click path reads it
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
    # Nor the modules that made it slow (issue 17): the domain's dataclasses and what
    # they bring, re, json, pathlib, platformdirs, the TOML parser; counted beyond what
    # the interpreter itself loads here (a .pth file may import some of them).
    interpreter = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True,
                                 env=_env(tmp_path))
    slow = {"dataclasses", "typing", "re", "json", "pathlib", "enum", "inspect", "platformdirs", "tomllib",
            "backtui.domain.models", "backtui.domain.entry", "backtui.domain.settings", "backtui.storage.db"}
    assert not (imported - _imported_names(interpreter.stderr)) & slow
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


# -- the plain-code pieces against the domain functions they stand in for -------------
MEASURES = ["weight_reps", "bodyweight_reps", "seconds"]


def _domain_sets(text: str, measure: str, unit: str, assisted: bool) -> list[tuple] | None:
    from backtui.domain.entry import EntryError, parse_entry

    try:
        return [astuple(d) for d in parse_entry(text, measure, unit, "Lift", assisted=assisted)]
    except EntryError:
        return None


def _plain(text: str) -> bool:
    """A line the quick parser reads itself (else it must refuse it)."""
    body = text.partition("#")[0]
    return "\x00" not in text and body.isascii() and set(body.lower()) <= set("0123456789abcdefghijklmnopqrstuvwxyz.,@!+-:* ")


def _check_entry(text: str) -> None:
    for measure in MEASURES:
        for unit in ("kg", "lb"):
            for assisted in (False, True):
                mine = quick_log.parse_sets(text, measure, unit, assisted=assisted)
                theirs = _domain_sets(text, measure, unit, assisted)
                if _plain(text):
                    assert mine == theirs, (text, measure, unit, assisted)
                else:
                    assert mine is None, (text, measure, unit, assisted)


ENTRIES = [
    "100x5", "60x8x3", "62.5x8", "62,5x8", "62,5 x 8", "60 x 8", "60 X 8", "60*8", "60 * 8 * 3", "60kg x8", "60 kg x 8",
    "60 kgs x 8", "135lb x 5", "135 lbs x5", "135 LB x 5", "60kgx8 kg", "60 kg", "60 kgsa x 8", "60 kgs", "1,2,3x5",
    "12", "12 12 12", "bw x 12", "bw x 12 x 3", "bw", "+10x6", "-20x8", "+10 kg x 6", "+10kgx6", "-20lbx8", "10x6",
    "12x3", "12x3x2", "+bwx5", "45s", "90 s", "90 sec", "90 secs", "90 seconds", "1:30", "1:60", "1:5", "1:300",
    "0s", "3600s", "3601s", "1234567s", "60:00", "61:00", "12345:00", "45sx3", "45s x 3", "45sx", "45secx2", "45secsx2",
    "45 s x 3", "s", "straps", "strap", "w", "wu", "warm-up", "warmup", "d", "drop", "dropset", "f", "fail", "failure",
    "60x8 w d", "60x8 w w", "60x8 s @8", "60x8 @ 8", "60x8 @  8.5", "60x8 @8.25", "60x8 @11", "60x8 @0.5",
    "60x8 @8 @9", "60x8 @", "60x8 @@8", "60x8 @123456", "60x8!", "60x8 !", "60x8!!", "!!", "60x8 # felt strong",
    "60x8 # " + "n" * 500, "60x8 # " + "n" * 501, "#", "", "   ", "60x", "x8", "60x8x", "60x8x3x2", "60x0", "60x1001",
    "60x1000", "60x8x21", "60x8x20", "60x8x10 60x8x11", "1000x1", "1000.0000001x1", "1001x1", "2204.6x1", "2205x1",
    "200x5", "201x5", "+200x5", "+201x5", "+440x5", "+441x5", "1234567890123x5", "123456789012x5", "0x5", "+0x5",
    "-0x5", "00060x08", "60x0008", "60.x8", ".5x8", "60..5x8", "60.5.5x8", "60x8 45s", "45s 60x8", "60x8 1:30",
    "60x8 foo", "60x8 bw", "60x8 60", "60 8", "8 60x8", "60lbs", "60x8 # a # b", "60x8#note", "60×8", "60x8\t@8",
    "６０x8", "60x8 ＠8", "ＫＧ", "60x8 \u212a", "60x8 # \x1b[31m", "60x8\x00", "60 KG x 8 S @ 8 W !", "s 60x8",
    "60:", ":30", "1:30x3", "1:30 x 3", "1:30x", "1:30xx", "5sx5sx5", "12 s", "12 s s", "12 sec 3", "x", "xx",
    "60xx8", "bwx", "bwx12", "bw x 12!", "bw! x 12", "-bwx5", "+-5x5", "--5x5", "++5x5", "+5", "-5", "5:3x",
]


@pytest.mark.parametrize("text", ENTRIES)
def test_quick_parser_reads_every_line_as_the_domain_parser(text: str) -> None:
    _check_entry(text)


_SPACE = st.sampled_from(["", "", " ", "  "])
_NUMBER = st.one_of(st.integers(0, 1200).map(str), st.integers(0, 600).map(lambda n: f"{n / 4:g}"),
                    st.integers(0, 600).map(lambda n: f"{n / 4:g}".replace(".", ",")), st.sampled_from(["0012", "62.50"]))
_REPS = st.one_of(st.integers(0, 25).map(str), st.sampled_from(["100", "101", "1000", "1001", "0", "007"]))


@st.composite
def _set_token(draw) -> str:
    space = draw(_SPACE)
    kind = draw(st.sampled_from(["weight", "weight", "reps", "bw", "hold", "clock"]))
    if kind == "weight":
        sign = draw(st.sampled_from(["", "", "+", "-"]))
        unit = draw(st.sampled_from(["", "", "kg", "kgs", "lb", "lbs", "KG"]))
        unit = f"{draw(_SPACE)}{unit}" if unit else ""
        text = f"{sign}{draw(_NUMBER)}{unit}{space}{draw(st.sampled_from(['x', 'X', '*']))}{space}{draw(_REPS)}"
    elif kind == "reps":
        text = draw(_REPS)
    elif kind == "bw":
        text = f"bw{space}x{space}{draw(_REPS)}"
    elif kind == "hold":
        text = f"{draw(st.integers(0, 4000))}{space}{draw(st.sampled_from(['s', 'sec', 'secs', 'seconds']))}"
    else:
        text = f"{draw(st.integers(0, 70))}:{draw(st.integers(0, 70)):02d}"
    if draw(st.integers(0, 4)) == 0:
        text += f"{space}x{space}{draw(st.integers(0, 22))}"
    return text


_MODIFIER = st.sampled_from(["s", "straps", "strap", "@8", "@ 8.5", "@9.25", "@11", "w", "wu", "warm-up", "d", "f",
                             "drop", "failure", "!", "bw", "60", "foo", "x"])


@st.composite
def _line(draw) -> str:
    words = draw(st.lists(st.one_of(_set_token(), _set_token(), _MODIFIER), min_size=1, max_size=4))
    if draw(st.booleans()):
        words[-1] += "!"
    text = draw(st.sampled_from([" ", "  "])).join(words)
    return text + draw(st.sampled_from(["", "", " # felt strong", "#note", " # " + "n" * 501]))


@given(_line())
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_quick_parser_agrees_on_generated_lines(text: str) -> None:
    _check_entry(text)


@given(st.text(alphabet="0123456789xX.,@!+-:* skglbwdf#\t", max_size=16))
@settings(max_examples=300, deadline=None)
def test_quick_parser_agrees_on_random_characters(text: str) -> None:
    _check_entry(text)


def _draft_fields():
    """Sets as they are stored: a hold, or reps with a load in kg typed in some unit."""
    hold = st.tuples(st.none(), st.none(), st.integers(1, 3600))
    typed = st.tuples(st.sampled_from(["", "-"]), st.one_of(st.integers(0, 2205).map(float),
                                                             st.decimals(0, 1000, places=2).map(float)),
                      st.sampled_from(["kg", "lb"]))

    def load(parts):
        sign, value, unit = parts
        from backtui.domain.units import to_kg

        kg = to_kg(value, unit)
        return (-kg if sign and kg else kg), unit

    reps = st.tuples(st.one_of(st.none(), typed.map(load)), st.integers(1, 1000))
    return st.one_of(
        st.tuples(hold, st.sampled_from(["kg", "lb"])).map(lambda h: (None, None, h[0][2], h[1])),
        reps.map(lambda r: (None, r[1], None, "kg") if r[0] is None else (r[0][0], r[1], None, r[0][1])),
    )


@given(_draft_fields(), st.booleans(), st.one_of(st.none(), st.sampled_from([6.0, 7.5, 8.0, 9.5, 10.0])),
       st.sampled_from(["working", "warmup", "drop", "failure"]), st.booleans(), st.sampled_from(MEASURES),
       st.sampled_from(["kg", "lb"]), st.booleans())
@settings(max_examples=500, deadline=None)
def test_set_words_are_format_set(fields, straps, rpe, kind, form_broke, measure, unit, assisted) -> None:
    from backtui.domain.formatting import format_set
    from backtui.domain.models import SetDraft

    weight, reps, seconds, typed_in = fields
    draft = (weight, reps, seconds, typed_in, straps, rpe, kind, "a note", form_broke)
    assert quick_log.set_words(draft, measure, unit, assisted=assisted) == format_set(
        SetDraft(*draft), measure, unit, assisted=assisted)


_MARK = st.one_of(st.none(), st.floats(0, 400, allow_nan=False).map(lambda v: round(v, 2)))


def _same_doubt(fields, kind, marks, equipment, measure, bodyweight) -> None:
    from backtui.domain.models import Exercise, SetDraft
    from backtui.domain.plausible import implausible
    from backtui.domain.records import Bests

    drafts = [(w, r, s, u, False, None, kind, "", False) for w, r, s, u in fields]
    exercise = Exercise(slug="lift", name="Lift", region="lats", pattern="hinge", mechanic="compound",
                        equipment=equipment, measure=measure, sets=3, rest=90)
    bests = Bests(heaviest_kg=marks[0], best_e1rm_kg=marks[1], longest_hold_s=marks[2])
    theirs = implausible([SetDraft(*d) for d in drafts], exercise, bests, "kg", bodyweight) is not None
    mine = quick_log.doubtful(drafts, equipment, measure == "bodyweight_reps", marks, bodyweight)
    assert mine == theirs, (fields, kind, marks, equipment, measure, bodyweight)


@given(st.lists(_draft_fields(), min_size=1, max_size=3), st.sampled_from(["working", "warmup"]),
       st.tuples(_MARK, _MARK, st.one_of(st.none(), st.integers(0, 900))),
       st.sampled_from(["barbell", "dumbbell", "bodyweight", "band", "ball", "machine", "other"]),
       st.sampled_from(MEASURES), st.one_of(st.none(), st.floats(40, 150).map(lambda v: round(v, 1))))
@settings(max_examples=800, deadline=None)
def test_doubt_rule_is_the_domains(fields, kind, marks, equipment, measure, bodyweight) -> None:
    _same_doubt(fields, kind, marks, equipment, measure, bodyweight)


def test_doubt_rule_at_its_edges() -> None:
    """Exactly 1.5x and exactly 30% above pass, a hair more asks; no history: the ranges."""
    cases = [((100.0, None, None), 150.0, 1), ((100.0, None, None), 150.000001, 1), ((None, 100.0, None), 130.0, 1),
             ((None, 100.0, None), 130.01, 1), ((None, None, 60), 351.0, 1), ((None, None, 60), 350.0, 101),
             ((None, None, None), 350.0, 100), ((None, None, None), 350.01, 5), ((0.0, 0.0, None), 500.0, 1),
             ((100.0, 120.0, None), 120.0, 10), ((100.0, 120.0, None), 100.0, 11)]
    for marks, weight, reps in cases:
        for measure in ("weight_reps", "bodyweight_reps"):
            for bodyweight in (None, 80.0):
                _same_doubt([(weight, reps, None, "kg")], "working", marks, "barbell", measure, bodyweight)
    _same_doubt([(None, None, 601, "kg")], "working", (None, None, None), "other", "seconds", None)
    _same_doubt([(None, None, 601, "kg")], "working", (None, None, 30), "other", "seconds", None)


def test_constants_are_their_sources() -> None:
    from backtui.domain import entry, plausible, records, units
    from backtui.domain import settings as domain_settings
    from backtui.storage import files

    assert quick_log.BUSY_TIMEOUT_MS == files.BUSY_TIMEOUT_MS and quick_log.SQLITE_MAGIC == files.SQLITE_MAGIC
    assert (quick_log.KG_PER_LB, quick_log.MAX_WEIGHT_KG, quick_log.MAX_BODYWEIGHT_LOAD_KG) == (
        units.KG_PER_LB, units.MAX_WEIGHT_KG, units.MAX_BODYWEIGHT_LOAD_KG)
    assert (quick_log.MAX_REPS, quick_log.MAX_HOLD_SECONDS, quick_log.MAX_SETS_PER_LINE, quick_log.MAX_NOTE_CHARS) == (
        entry.MAX_REPS, entry.MAX_HOLD_SECONDS, entry.MAX_SETS_PER_LINE, entry.MAX_NOTE_CHARS)
    assert quick_log._KINDS == entry._KINDS and set(quick_log._STRAPS) == entry._STRAPS
    assert quick_log.PLAUSIBLE_KG == plausible.PLAUSIBLE_KG
    assert (quick_log.PLAUSIBLE_DEFAULT_KG, quick_log.PLAUSIBLE_REPS, quick_log.PLAUSIBLE_SECONDS,
            quick_log.WEIGHT_FACTOR, quick_log.E1RM_FACTOR) == (
        plausible.PLAUSIBLE_DEFAULT_KG, plausible.PLAUSIBLE_REPS, plausible.PLAUSIBLE_SECONDS,
        plausible.WEIGHT_FACTOR, plausible.E1RM_FACTOR)
    assert quick_log.E1RM_MAX_REPS == records.E1RM_MAX_REPS
    key, default, low, high = quick_log.OPEN_LIMIT
    definition = domain_settings.SETTINGS[domain_settings.OPEN_LIMIT_KEY]
    assert (key, default, (low, high)) == (domain_settings.OPEN_LIMIT_KEY, definition.default, definition._bounds())


def test_open_limit_is_checked_as_the_settings_do() -> None:
    from backtui.domain.settings import OPEN_LIMIT_KEY, SETTINGS, checked_value

    assert quick_log.open_limit_hours(False, None) == SETTINGS[OPEN_LIMIT_KEY].default
    for value in [*range(-3, 100), 12.0, 12.5, "12", None, True, False, [], 1e9]:
        assert quick_log.open_limit_hours(True, value) == int(checked_value(OPEN_LIMIT_KEY, value)), value


def test_settings_rows_read_as_json() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE settings (profile_id, key, value)")
    for raw in ['"kg"', '"lb"', '"KG"', "12", "012", "-5", "12.0", "1e3", " 12", "true", "null", '"12"', "[1]", "007"]:
        conn.execute("DELETE FROM settings")
        conn.execute("INSERT INTO settings VALUES (1, 'unit', ?)", [raw])
        try:
            expected = json.loads(raw)
        except ValueError:
            with pytest.raises(quick_log._Fallback):
                quick_log._setting(conn, 1, "unit")
            continue
        stored, value = quick_log._setting(conn, 1, "unit")
        assert stored and value == expected and type(value) is type(expected), raw
    assert quick_log._setting(conn, 2, "unit") == (False, None)


@pytest.mark.parametrize("text", ["Deadlift", "plain", "tab\there", "esc \x1b[2J", "del \x7f", "c1 \x85", "bidi \u202e",
                                  "iso \u2068", "nbsp\u00a0", "soft\u00ad hyphen", "é ü 中文", "line\nbreak"])
def test_visible_is_inert_visible(text: str) -> None:
    from backtui.domain.inert import visible

    assert quick_log._visible(text) == visible(text)


QUICK = [
    ["deadlift", "100x5"], ["deadlift", "100x5", "@8", "s", "# felt strong"], ["Deadlift", "60x8x3", "w", "--json"],
    ["barbell-row", "135lbx5", "-y"], ["deadlift", "60 kg x 8"], ["deadlift", "62,5 x 5 @ 8", "--yes"],
    ["pull-up", "12"], ["pull-up", "+10x6"], ["assisted-pull-up", "20x8"], ["dead-hang", "45s"],
    ["dead-hang", "1:30"], ["chin-up", "bw x 8 x 2"], ["deadlift", "100x5", "# note \x1b[2J"],
]
CLICKS = [
    ["deadlift", "1000x1"], ["deadlift", "100"], ["no-such-lift", "100x5"], ["deadlift", "100x5", "--nope"],
    ["deadlift", "100x5", "--at", "2026-01-02T10:00"], ["pull-up", "12x3"], ["deadlift", "60×8"], ["deadlift"],
    ["deadlift", "-20x8"], ["deadlift", "100x5", "--json", "--json"],
]


def test_the_quick_path_takes_the_usual_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """In process: run() logs these itself (a status) and leaves the rest to click (None)."""
    db = tmp_path / "q.db"
    full(tmp_path, "--db", str(db), "deadlift", "100x5")
    for name, value in _env(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("BACKTUI_DB", raising=False)
    monkeypatch.delenv("BACKTUI_PROFILE", raising=False)
    count = len(_rows(db))
    for case in CLICKS:
        assert quick_log.run(["--db", str(db), *case]) is None, case
        assert len(_rows(db)) == count, case
    for case in QUICK:
        assert quick_log.run(["--db", str(db), *case]) == 0, case
    out = capsys.readouterr().out
    assert "set 2: 100x5" in out and "# note \\x1b[2J" in out and "\x1b" not in out
    monkeypatch.setenv("BACKTUI_DB", str(db))
    assert quick_log.run(["deadlift", "100x5"]) == 0
    monkeypatch.setenv("BACKTUI_PROFILE", "someone")
    assert quick_log.run(["deadlift", "100x5"]) is None


# (environment, whether the quick path works the path out itself)
DATA_HOMES = [
    ({"HOME": "/home/lifter"}, True), ({"HOME": "/home/lifter/"}, True), ({"HOME": "/"}, True),
    ({"HOME": "/home/a b"}, True), ({"HOME": "/home/lifter", "XDG_DATA_HOME": "/data/me"}, True),
    ({"HOME": "/home/lifter", "XDG_DATA_HOME": "/data/me/"}, True), ({"HOME": "/home/lifter", "XDG_DATA_HOME": ""}, True),
    ({"HOME": "/home/lifter", "XDG_DATA_HOME": "   "}, True), ({"HOME": "/home/lifter", "XDG_DATA_HOME": "/a/../b"}, True),
    ({"HOME": "/home/lifter", "XDG_DATA_HOME": "relative/dir"}, False),
    ({"HOME": "/home/lifter", "XDG_DATA_HOME": "/a//b"}, False), ({"HOME": "/home/lifter", "XDG_DATA_HOME": "/a/./b"}, False),
    ({"HOME": "relative"}, False), ({"HOME": ""}, False),
    ({"HOME": "/home/lifter", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"}, False),
    ({"HOME": "/home/lifter", "BACKTUI_DB": "~/mine.db"}, True), ({"HOME": "/home/lifter", "BACKTUI_DB": "rel/mine.db"}, True),
    ({"HOME": "/home/lifter", "BACKTUI_DB": "/x//y.db"}, True),
]


@pytest.mark.parametrize(("env", "handled"), DATA_HOMES)
def test_the_default_database_is_the_full_apps(env: dict[str, str], handled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from backtui.storage.db import resolve_db_path

    for name in ("XDG_DATA_HOME", "BACKTUI_DB", "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    mine = quick_log.database_path(None)
    assert (mine is not None) == handled
    if mine is not None:
        assert Path(mine) == resolve_db_path(None)
        if "BACKTUI_DB" not in env:
            assert mine == str(resolve_db_path(None))  # the same text, as messages show it


def test_the_default_database_gets_the_quick_path(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": ""}
    assert full(tmp_path, "deadlift", "100x5", env=env).returncode == 0
    assert (home / ".local" / "share" / "backtui" / "backtui.db").is_file()
    _warm_the_catalog_cache(tmp_path)
    process = _quick_process(tmp_path, "deadlift", "100x5", env=env)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0 and "set 2: 100x5" in out
    assert "click" not in _imported(err)
    rows = _rows(home / ".local" / "share" / "backtui" / "backtui.db")
    assert len([row for row in rows if len(row) == 17]) == 2


def _warm_the_catalog_cache(tmp_path: Path) -> None:
    """The first quick run parses the catalog (with the domain's modules, click among
    them); a line the doubt rule stops writes nothing."""
    assert quick(tmp_path, "--db", str(tmp_path / "none.db"), "deadlift", "1000x1").returncode != 0
    assert len(list((tmp_path / "cache" / "backtui").glob("catalog-*.marshal"))) == 1


def _hold_the_lock(db: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what another backtui saving a set holds
    return holder


def _a_locked_file(tmp_path: Path) -> tuple[Path, list[tuple], sqlite3.Connection]:
    """A database with one set, the quick path's cache warm, and another connection
    holding the write lock: the file, its rows before, the holder."""
    db = tmp_path / "q.db"
    full(tmp_path, "--db", str(db), "deadlift", "100x5")
    _warm_the_catalog_cache(tmp_path)
    return db, _rows(db), _hold_the_lock(db)


@pytest.mark.slow
def test_a_locked_database_waits_for_the_lock(tmp_path: Path) -> None:
    db, before, holder = _a_locked_file(tmp_path)
    try:
        process = _quick_process(tmp_path, "--db", str(db), "deadlift", "100x5")
        time.sleep(1.5)
        assert process.poll() is None  # waiting, not failed
        assert _rows(db) == before
    finally:
        holder.execute("COMMIT")
        holder.close()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err[-2000:]
    assert "set 2: 100x5" in out and "click" not in _imported(err)
    after = _rows(db)
    assert len(after) == len(before) + 1 and after[1][4] == 2


@pytest.mark.slow
def test_a_database_locked_too_long_is_said_as_the_click_path_says_it(tmp_path: Path) -> None:
    db, before, holder = _a_locked_file(tmp_path)
    try:
        process = _quick_process(tmp_path, "--db", str(db), "deadlift", "100x5")
        clicked = subprocess.Popen([sys.executable, "-c", CLICK, "log", "--db", str(db), "deadlift", "100x5"],
                                   text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path),
                                   stdin=subprocess.DEVNULL)
        out, err = process.communicate(timeout=60)
        click_out, click_err = clicked.communicate(timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "click" not in _imported(err)
    err = "".join(line + "\n" for line in err.splitlines() if not line.startswith("import time:"))
    assert (process.returncode, out, err) == (clicked.returncode, click_out, click_err)
    assert process.returncode == 1 and err == "Error: the database stayed locked by another backtui for over 10 s\n"
    assert _rows(db) == before


def test_a_reader_gone_away_is_no_error_on_either_path(tmp_path: Path) -> None:
    """`backtui log ... | head -0`: the set is saved, exit 0, nothing said (as BacktuiGroup has it)."""
    results = []
    for run_path, db in ((quick, tmp_path / "q.db"), (full, tmp_path / "f.db")):
        full(tmp_path, "--db", str(db), "deadlift", "100x5")
        read, write = os.pipe()
        os.close(read)
        argv = ([sys.executable, "-m", "backtui", "log"] if run_path is quick else [sys.executable, "-c", CLICK, "log"])
        done = subprocess.run([*argv, "--db", str(db), "deadlift", "100x5"], stdout=write, stderr=subprocess.PIPE,
                              text=True, env=_env(tmp_path), stdin=subprocess.DEVNULL)
        os.close(write)
        results.append((done.returncode, done.stderr))
        assert len(_rows(db)) == 3
    assert results[0] == results[1] == (0, "")


def test_text_the_output_cannot_hold_goes_to_the_click_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick_db, full_db = tmp_path / "q.db", tmp_path / "f.db"
    env = {"PYTHONIOENCODING": "latin-1"}
    for case in (["deadlift", "100x5", "# 中文 ok"], ["deadlift", "100x5", "# café"], ["deadlift", "100x5"]):
        a = quick(tmp_path, "--db", str(quick_db), *case, env=env)
        b = full(tmp_path, "--db", str(full_db), *case, env=env)
        _same_output(a, b)
        assert _rows(quick_db) == _rows(full_db), case
    import io

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    assert quick_log.run(["--db", str(quick_db), "deadlift", "100x5", "# café"]) is None


def test_an_interrupt_says_what_click_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "q.db"
    full(tmp_path, "--db", str(db), "deadlift", "100x5")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BACKTUI_PROFILE", raising=False)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(quick_log, "_log", interrupted)
    assert quick_log.run(["--db", str(db), "deadlift", "100x5"]) == 1
    assert capsys.readouterr().err == "\nAborted!\n"


@pytest.mark.parametrize(("env", "expected"), [
    ({"XDG_CACHE_HOME": "/c", "HOME": "/h"}, "/c/backtui"),
    ({"XDG_CACHE_HOME": "", "HOME": "/h"}, "/h/.cache/backtui"),
    ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, "/h/.cache/backtui"),
    ({"XDG_CACHE_HOME": "relative", "HOME": "also-relative"}, None),
    ({"HOME": ""}, None),
])
def test_the_catalog_cache_never_lands_in_the_working_folder(env: dict[str, str], expected: str | None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from backtui.storage.catalog_cache import cache_file

    found = cache_file()
    assert (found and os.path.dirname(found)) == expected


def test_a_catalog_that_does_not_parse_goes_to_the_click_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stale or broken cache is rebuilt; a catalog that fails to load leaves run() to click."""
    db = tmp_path / "q.db"
    full(tmp_path, "--db", str(db), "deadlift", "100x5")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BACKTUI_PROFILE", raising=False)
    from backtui.storage import catalog_cache

    cache = Path(catalog_cache.cache_file())
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not marshal at all")
    assert quick_log.run(["--db", str(db), "deadlift", "100x5", "-y"]) == 0
    assert cache.stat().st_mode & 0o777 == 0o600

    def broken():
        raise ValueError("exercises.toml: line 3: nonsense")

    cache.unlink()
    monkeypatch.setattr("backtui.domain.catalog.load_catalog", broken)
    assert quick_log.run(["--db", str(db), "deadlift", "100x5", "-y"]) is None


def _root(tmp_path: Path, name: str, timezone_text: str | None = None, link: str | None = None,
          clock: bool = False) -> Path:
    root = tmp_path / name
    (root / "etc" / "sysconfig").mkdir(parents=True)
    if timezone_text is not None:
        (root / "etc" / "timezone").write_text(timezone_text)
    if link is not None:
        (root / "etc" / "localtime").symlink_to(link)
    if clock:
        (root / "etc" / "sysconfig" / "clock").write_text('ZONE="Europe/Paris"\n')
    return root


def test_local_zone_reads_etc_as_pendulum_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pendulum.tz.local_timezone import _get_unix_timezone

    from backtui.quick_log import local_zone

    monkeypatch.delenv("TZ", raising=False)
    zoneinfo = Path("/usr/share/zoneinfo")
    if not (zoneinfo / "Asia" / "Tokyo").is_file():
        pytest.skip("no system zoneinfo files to link to")
    same = [
        _root(tmp_path, "timezone", "Europe/Paris\n"),
        _root(tmp_path, "commented", "Europe/Paris # the office\n"),
        _root(tmp_path, "link", link=str(zoneinfo / "Asia" / "Tokyo")),
        _root(tmp_path, "both", "America/New_York\n", link=str(zoneinfo / "Asia" / "Tokyo")),
    ]
    if (zoneinfo / "posix" / "Europe" / "Paris").is_file():
        same.append(_root(tmp_path, "posix", link=str(zoneinfo / "posix" / "Europe" / "Paris")))
    for root in same:
        assert local_zone(str(root)).key == _get_unix_timezone(str(root)).name, root
    for root in (_root(tmp_path, "clock", clock=True), _root(tmp_path, "tzif", "TZif2 binary"),
                 _root(tmp_path, "bad", "America/Nowhere\n"), _root(tmp_path, "none")):
        assert local_zone(str(root)) is None  # pendulum's other ways: the click path follows them
