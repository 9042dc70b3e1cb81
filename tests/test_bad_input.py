"""Bad input: random command lines never crash or half-write, and awkward notes (quotes,
SQL, markup, emoji, right-to-left text) come back exactly as typed everywhere they go:
the tracker's entry line, `backtui log`, export JSON and CSV (and back in), the history.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tui_wait import wait_for_tracker

from backtui.app import make_app
from backtui.cli import main
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.formatting import format_set
from backtui.domain.models import SetDraft
from backtui.storage.db import open_database
from backtui.storage.store import Store

NOTES = [
    'it\'s "fine", isn\'t it',
    "'); DROP TABLE sets; --",
    "1 OR 1=1 /* x */",
    "[bold red]not markup[/] [/]",
    "[@click=app.quit]boom[/] [link=https://example.com]x[/link]",
    "back\\slash \\[b] and %s %(x)s {0} {x}",
    "💪🏽 grip 🏋️ held",
    "כתפיים חזקות היום",  # Hebrew, right to left
    "ظهر قوي ١٢٣",  # Arabic with Arabic-Indic digits
    "mixed עברית and English 60x8",
    "=SUM(A1:A9)",
    "+1 -1 @here",
    "ünïcödé ß ÆØÅ 中文",
    "ends in a backslash \\",
]
# Typed key by key in a terminal, the zero-width joiner of 🏋️‍♀️ is not "printable" to
# Python and Textual's Input drops it (see test_a_joined_emoji_typed_in_a_terminal_is_kept).
JOINED = "🏋️\u200d♀️ lifted"


# -- the command line, at random ------------------------------------------------

_noise = st.one_of(
    st.sampled_from(["", " ", "--", "-", "--json", "--help", "\u202e", "💪", "%s", "{0}", "'", '"', "[b]", "NaN"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/~."), max_size=12),
)
_exercise = st.sampled_from(["deadlift", "barbell-row", "pull-up", "assisted-pull-up", "plank", "superman-hold",
                             "Deadlift", "dedlift", "nope", ""])
_entry = st.lists(st.sampled_from(["60x8", "100x5x3", "62,5x8", "135lb x 5", "12", "bw x 12", "45s", "1:30",
                                   "-20x8", "+10x6", "60x", "x", "abc", "s", "straps", "@8", "@11", "w", "!",
                                   "# note", "#", "1e9x8", "nanx8", "60x8x21", "0x5", "3601s"]), min_size=1, max_size=4)
_GOOD_LOGS = ["deadlift 100x5", "barbell-row 60x8 s @8", "pull-up 12", "pull-up +10x6", "assisted-pull-up -20x8",
              "plank 45s", "superman-hold 1:30", "deadlift 100x5x3 w", "barbell-row 62,5x8 #quoted 'note'"]
_day = st.sampled_from(["2026-11-18", "2026-11-18T18:30", "2026-11-18T18:30:00+02:00", "yesterday", "30d", "12w",
                        "6m", "1y", "2026-02-30", "0d", "-1d", "9999-12-31", "1900-01-01", "soon", ""])
_options = {
    "log": lambda d: d(st.one_of(st.sampled_from(_GOOD_LOGS).map(str.split), _entry.map(lambda e: [d(_exercise), *e])))
    + d(st.sampled_from([[], ["--at", d(_day)], ["--routine", d(st.sampled_from(["essential-back", "nope"]))]])),
    "export": lambda d: d(st.sampled_from([[], ["--format", "csv"], ["--format", "json"], ["--format", "xml"]]))
    + d(st.sampled_from([[], ["-o", "out.txt"], ["-o", "-"], ["-o", "missing/out.csv"], ["-o"]])),
    "history": lambda d: d(st.lists(st.sampled_from([["--json"], ["--since", d(_day)], ["--until", d(_day)],
                                                      ["--routine", "essential-back"], ["--routine", "nope"],
                                                      ["--exercise", d(_exercise)]]), max_size=3).map(sum_lists)),
    "suggest": lambda d: [d(_exercise)] + d(st.sampled_from([[], ["--json"]])),
    "plates": lambda d: [d(st.sampled_from(["100", "62.5", "62,5", "225lb", "20kg", "0", "-5", "abc", "1001",
                                            "2500lb", "101.25", "1e3"]))]
    + d(st.sampled_from([[], ["--unit", "kg"], ["--unit", "lb"], ["--unit", "st"], ["--json"]])),
    "config": lambda d: d(st.sampled_from([["list"], ["list", "--json"], ["get", d(_key)], ["get", d(_key), "--json"],
                                           ["set", d(_key), *d(st.lists(_value, min_size=1, max_size=3))]])),
    "import": lambda d: [d(st.sampled_from(["strong.csv", "garbage.bin", "missing.csv", "-"]))]
    + d(st.sampled_from([[], ["--from", "strong"], ["--from", "hevy"], ["--from", "nope"], ["--unit", "lb"],
                         ["--dry-run"]])),
}
_key = st.sampled_from(["unit", "theme", "bar.kg", "bar.lb", "plates.kg", "bodyweight", "rest_default",
                        "step.barbell", "bell", "nope", ""])
_value = st.sampled_from(["lb", "kg", "st", "20", "25x2", "20x2 10x2 5x2 2.5x2", "0", "-1", "80", "80kg", "175lb",
                          "yes", "no", "on", "", "textual-dark", "nope", "1e9", "90"])


def sum_lists(lists: list[list[str]]) -> list[str]:
    return [item for part in lists for item in part]


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(_options)))
    args = [command, *_options[command](draw)]
    if draw(st.integers(0, 3)) == 0:  # now and then, something odd in an odd place
        args.insert(draw(st.integers(1, len(args))), draw(_noise))
    return args


def table_counts(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()  # noqa: S608 - fixed names
                for t in ("workouts", "sets", "settings", "body_weights", "exercises")}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def cli_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    (folder / "strong.csv").write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        "2024-01-01 10:00:00,Pull,41m,Deadlift (Barbell),1,100,5,0,0,,,\n"
        "2024-01-01 10:00:00,Pull,41m,Deadlift (Barbell),2,100,x,0,0,,,\n"
    )
    (folder / "garbage.bin").write_bytes(bytes(range(256)) * 4)
    store = Store(open_database(folder / "backtui.db"), load_catalog())
    workout = store.start_workout("essential-back", "Essential back strength")
    store.log_sets(workout.id, "deadlift", parse_entry("100x5x2 # seed"))
    store.db.close()
    return folder


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=command_lines())
def test_random_command_lines_end_in_words_and_never_half_write(cli_folder: Path, args: list[str],
                                                                monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(cli_folder)  # -o and FILE arguments land in (or read from) this folder only
    db = cli_folder / "backtui.db"
    before = table_counts(db)
    command, tokens = args[0], args[1:]
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    output = result.output
    event(f"{command} exit {result.exit_code}")
    assert result.exit_code in (0, 1, 2), (command, tokens, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, tokens, result.exception)
    assert "Traceback" not in output and "internal error" not in output, (command, tokens, output)
    if result.exit_code != 0:
        assert output.strip(), "a refusal says why"
        assert table_counts(db) == before, (command, tokens, output)  # refused: nothing written
    elif command == "log" and "--help" not in tokens:
        saved = re.search(r"Saved (\d+) sets?", output)
        assert saved, output
        added = len(table_counts(db)["sets"]) - len(before["sets"])
        assert added == int(saved[1])  # exactly what it said, all of the line


# -- the entry grammar: what is formatted parses back to the same set -------------

_weights = st.integers(min_value=0, max_value=4000).map(lambda q: q / 4)  # 0.25 kg steps up to 1000 kg
_drafts = st.builds(
    SetDraft,
    weight_kg=_weights,
    reps=st.integers(min_value=1, max_value=1000),
    kind=st.sampled_from(["working", "warmup", "drop", "failure"]),
    straps=st.booleans(),
    rpe=st.one_of(st.none(), st.integers(min_value=2, max_value=20).map(lambda h: h / 2)),
    form_broke=st.booleans(),
    note=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40).map(str.strip),
)


@settings(max_examples=300, deadline=None)
@given(_drafts)
def test_a_formatted_set_parses_back_to_itself(draft: SetDraft):
    line = format_set(draft, "weight_reps", "kg") + (f" # {draft.note}" if draft.note else "")
    try:
        (parsed,) = parse_entry(line, "weight_reps", "kg")
    except EntryError as exc:  # only the grammar's own refusals, with words
        assert str(exc)
        pytest.fail(f"{line!r} was refused: {exc}")
    assert parsed == draft


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_any_note_is_kept_or_refused_in_words(note: str):
    try:
        (parsed,) = parse_entry(f"60x8 #{note}", "weight_reps")
    except EntryError as exc:
        assert ("NUL" in str(exc)) if "\x00" in note else ("note" in str(exc))
        return
    assert parsed.note == note.strip()


# -- awkward notes, exactly, everywhere ---------------------------------------

def stored_notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT note FROM sets ORDER BY id")]
    finally:
        conn.close()


def test_notes_through_the_command_line_export_and_back(tmp_path: Path):
    db, again = tmp_path / "a.db", tmp_path / "b.db"
    runner = CliRunner()
    for i, note in enumerate(NOTES):
        result = runner.invoke(main, ["log", "barbell-row", f"{60 + i}x8", f"# {note}", "--db", str(db),
                                      "--at", "2026-11-18T18:30:00"])
        assert result.exit_code == 0, result.output
        assert f"# {note}" in result.output  # printed as typed
    assert stored_notes(db) == NOTES

    exported = runner.invoke(main, ["export", "--db", str(db)])
    assert [row["note"] for row in json.loads(exported.output)] == NOTES

    csv_path = tmp_path / "export.csv"
    assert runner.invoke(main, ["export", "--format", "csv", "-o", str(csv_path), "--db", str(db)]).exit_code == 0
    text = csv_path.read_text(encoding="utf-8")
    for cell in text.splitlines()[1:]:
        notes_cell = cell.split(",")  # rough, but enough to see no cell starts with a live formula
        assert not any(c.startswith(("=", "+", "@")) for c in notes_cell)
    imported = runner.invoke(main, ["import", str(csv_path), "--db", str(again)])
    assert imported.exit_code == 0, imported.output
    assert stored_notes(again) == NOTES  # the formula guard is taken off again on the way in

    history = runner.invoke(main, ["history", "--json", "--db", str(db)])
    shown = [s["note"] for w in json.loads(history.output) for s in w["sets"]]
    assert sorted(shown) == sorted(NOTES)


async def test_notes_entered_in_the_tracker_are_stored_and_shown_as_typed(db_path: Path):
    """Through the entry line's own input path (a paste, as a phone's SSH app sends
    longer text), Enter, then the table of today's sets."""
    from textual import events

    from backtui.widgets.entry_line import EntryLine
    from backtui.widgets.set_table import SetTable

    app = make_app(db_path, routine="lower-back-focus")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_tracker(pilot, app)
        tracker = app.screen
        entry = tracker.query_one(EntryLine)
        notes = [*NOTES, JOINED]
        for i, note in enumerate(notes):
            entry.post_message(events.Paste(f"{20 + i}s # {note}"))
            await pilot.pause()
            await pilot.press("enter")
            assert "saved" in str(tracker.query_one("#status").render()), note
        assert stored_notes(db_path) == notes
        table = tracker.query_one(SetTable)
        assert [str(table.get_row_at(r)[3]) for r in range(table.row_count)] == notes


def type_notes(db_path: Path, notes: list[str]) -> list[str]:
    """Type each note key by key into a real app in a terminal; what was stored."""
    from ptyio import backtui_argv, spawn

    app = spawn(backtui_argv("--db", str(db_path), "--routine", "lower-back-focus", "--start"), size=(120, 40))
    try:
        app.wait_for(b"Next:")  # the workout has started: a set typed now is logged
        for i, note in enumerate(notes):
            mark = len(app.output)
            for char in f"{20 + i}s # {note}":
                app.write(char.encode())
            app.write(b"\r")
            app.wait_saved(i + 1, since=mark)
    finally:
        app.stop()
    return stored_notes(db_path)


@pytest.mark.slow
def test_notes_typed_key_by_key_in_a_terminal_are_stored_as_typed(db_path: Path):
    assert type_notes(db_path, NOTES) == NOTES


@pytest.mark.slow
def test_a_joined_emoji_typed_in_a_terminal_is_kept(db_path: Path):
    assert type_notes(db_path, [JOINED]) == [JOINED]


async def test_notes_in_the_history_screen_are_shown_as_typed(db_path: Path):
    from textual.widgets import Static

    from backtui.screens.history import HistoryScreen
    from backtui.screens.workout_detail import WorkoutDetailScreen

    store = Store(open_database(db_path), load_catalog())
    workout = store.start_workout("essential-back", "Essential back strength")
    for i, note in enumerate(NOTES):
        store.log_sets(workout.id, "barbell-row", parse_entry(f"{60 + i}x8 # {note}"))
    store.finish_workout(workout.id, note=NOTES[3])
    store.db.close()

    app = make_app(db_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkoutDetailScreen)
        shown = str(app.screen.query_one("#workout-sets", Static).render())
        for note in NOTES:
            assert f"# {note}" in shown, note
        assert NOTES[3] in shown.splitlines()[1]  # the workout's own note
        assert app.is_running  # "[@click=app.quit]" stayed text

