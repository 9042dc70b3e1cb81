"""Issue 16: the body counts where it is the load, and as it was when the set was
logged. Load share per exercise (catalog), body weight in effect, weekly hard sets,
rotation rules: each quoted case, in SQL (history, views, summaries) and in Python
(the finish summary) alike."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from test_summaries import assert_summaries_match

from backtui.core import coach
from backtui.domain.balance import band_lines, hard_sets, pull_ratio_line
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.domain.records import set_e1rm, set_volume_kg
from backtui.domain.session import plan_routine
from backtui.domain.summary import summarize
from backtui.storage.db import open_database
from backtui.storage.settings_store import record_bodyweight, set_from_text
from backtui.storage.store import Store
from backtui.storage.summaries import session_rows_sql
from backtui.storage.workouts import SqliteWorkouts

CATALOG = load_catalog()
DAY = datetime(2026, 11, 18, 10, 0, tzinfo=timezone.utc)


def at(minutes: int, day: datetime = DAY) -> str:
    return (day + timedelta(minutes=minutes)).isoformat()


@pytest.fixture
def store(db_path):
    made = Store(open_database(db_path), CATALOG)
    yield made
    made.db.close()


def log(store: Store, workout_id: int, slug: str, line: str, when: str, body: float | None = None):
    exercise = CATALOG.exercise(slug)
    drafts = parse_entry(line, exercise.measure, "kg", assisted=exercise.assisted)
    return store.log_sets(workout_id, slug, drafts, at=when, bodyweight_kg=body if exercise.bodyweight else None)


def sql_volume(store: Store, workout_id: int) -> float:
    return store.conn.execute("SELECT volume_kg FROM workout_summary WHERE workout_id = ?", [workout_id]).fetchone()[0]


# -- the catalog names a share, with its source, for every bodyweight move ----------
def test_every_bodyweight_move_has_a_share_and_a_source():
    for exercise in CATALOG.exercises.values():
        if exercise.bodyweight:
            assert exercise.load_share is not None and exercise.load_source, exercise.slug
        else:
            assert exercise.load_share is None and exercise.body_share == 0


@pytest.mark.parametrize(("slug", "share"), [
    ("pull-up", 1.0), ("chin-up", 1.0), ("assisted-pull-up", 1.0), ("back-extension", 0.68),
    ("ball-back-extension", 0.68), ("band-pull-apart", 0.0), ("reverse-snow-angel", 0.0), ("bird-dog", 0.0),
])
def test_load_shares(slug, share):
    assert CATALOG.exercise(slug).body_share == share


# -- volume counts the body only where it is lifted -----------------------------------
def test_band_and_floor_moves_add_no_body_weight(store):
    # The quoted case: 80 kg, two sets of band pull-aparts and three of reverse snow
    # angels made 6,080 kg; neck/shoulders read 6,830 kg with two 25 kg face pulls.
    workout = store.start_workout(at=at(0))
    log(store, workout.id, "band-pull-apart", "15 15", at(1), 80.0)
    log(store, workout.id, "reverse-snow-angel", "12 12 12", at(5), 80.0)
    log(store, workout.id, "face-pull", "25x15 25x15", at(10))
    store.finish_workout(workout.id, at=at(20))
    assert sql_volume(store, workout.id) == 750.0  # 2 x 25 x 15, the only load moved
    week = store.conn.execute("SELECT region, volume_kg FROM weekly_volume").fetchall()
    assert week == [("neck_shoulders", 750.0)]
    sets = store.workout_sets(workout.id)
    summary = summarize(at(0), at(20), sets, CATALOG.exercises)
    assert summary.volume_kg == 750.0 and summary.volume_by_region == {"neck_shoulders": 750.0}
    assert_summaries_match(store.conn)


@pytest.mark.parametrize(("slug", "line", "volume", "e1rm"), [
    ("pull-up", "8", 640.0, 80 * (1 + 8 / 30)),
    ("pull-up", "+10x5", 450.0, 90 * (1 + 5 / 30)),
    ("assisted-pull-up", "20x8", 480.0, 60 * (1 + 8 / 30)),
    ("back-extension", "10", 544.0, 54.4 * (1 + 10 / 30)),
    ("back-extension", "+10x10", 644.0, 64.4 * (1 + 10 / 30)),
    ("band-pull-apart", "15", 0.0, None),
])
def test_volume_and_e1rm_count_the_share(store, slug, line, volume, e1rm):
    workout = store.start_workout(at=at(0))
    (logged,) = log(store, workout.id, slug, line, at(1), 80.0)
    share = CATALOG.exercise(slug).body_share
    assert set_volume_kg(logged, "bodyweight_reps", share=share) == pytest.approx(volume)
    estimate = set_e1rm(logged, share=share)
    assert (estimate is None) if e1rm is None else estimate == pytest.approx(e1rm, abs=0.01)
    kept = store.conn.execute("SELECT volume, e1rm FROM exercise_sessions").fetchone()
    assert kept[0] == pytest.approx(volume) and (kept[1] is None if e1rm is None else kept[1] == pytest.approx(e1rm,
                                                                                                          abs=0.01))


def test_e1rm_only_from_ten_reps_or_fewer():
    (logged,) = parse_entry("60x12", "weight_reps")
    assert set_e1rm(logged) is None
    (logged,) = parse_entry("60x10", "weight_reps")
    assert set_e1rm(logged) == 80.0


def test_a_database_summarised_before_the_shares_is_summarised_again(db_path):
    made = Store(open_database(db_path), CATALOG)
    workout = made.start_workout(at=at(0))
    log(made, workout.id, "back-extension", "10", at(1), 80.0)
    # as a database migrated by m010 looks before the catalog's shares are written
    made.conn.execute("UPDATE exercises SET load_share = NULL")
    made.conn.execute("DELETE FROM exercise_sessions")
    made.conn.execute(f"INSERT INTO exercise_sessions {session_rows_sql()}")
    made.conn.execute("DELETE FROM meta WHERE key = 'catalog_hash'")
    made.conn.commit()
    assert made.conn.execute("SELECT volume FROM exercise_sessions").fetchone()[0] == 800.0
    made.db.close()
    again = Store(open_database(db_path), CATALOG)
    assert again.conn.execute("SELECT volume FROM exercise_sessions").fetchone()[0] == pytest.approx(544.0)
    assert_summaries_match(again.conn)
    again.db.close()


# -- body weight in effect -------------------------------------------------------------
def test_setting_body_weight_mid_workout_changes_no_earlier_set(store):
    # The quoted case: a workout's volume jumped from 3,843 to 11,058 kg when the body
    # weight was set halfway through it.
    workout = store.start_workout(at=at(0))
    log(store, workout.id, "deadlift", "100x5x3", at(1))
    log(store, workout.id, "pull-up", "+10x6 8 8", at(10), None)  # no body weight known yet
    before = sql_volume(store, workout.id)
    record_bodyweight(store, 82.0, at=at(20))
    assert sql_volume(store, workout.id) == before == 1560.0  # 1,500 + the 10 kg plate x 6
    (later,) = log(store, workout.id, "pull-up", "8", at(30), SqliteWorkouts(store).bodyweight_at(at(30)))
    assert later.bodyweight_kg == 82.0  # the entry at or before the set
    assert_summaries_match(store.conn)


def test_since_gives_the_body_weight_to_the_sets_logged_from_that_day(store):
    old = store.start_workout(at=at(0, DAY - timedelta(days=30)))
    log(store, old.id, "pull-up", "8", at(1, DAY - timedelta(days=30)), 75.0)
    workout = store.start_workout(at=at(0))
    log(store, workout.id, "pull-up", "8 8", at(1))
    record_bodyweight(store, 90.0, at=at(0, DAY + timedelta(days=3)))  # a later entry keeps its sets
    changed = record_bodyweight(store, 82.0, since=at(0, DAY - timedelta(hours=10)))
    assert changed == 2
    kept = store.conn.execute("SELECT bodyweight_kg FROM sets ORDER BY id").fetchall()
    assert kept == [(75.0,), (82.0,), (82.0,)]  # the month-old set keeps its own
    assert_summaries_match(store.conn)


@pytest.mark.parametrize(("text", "since", "expected"), [
    ("82 since 2026-11-01", None, "2026-11-01T00:00:00.000000+00:00"),
    ("82", "2026-11-01", "2026-11-01T00:00:00.000000+00:00"),
    ("82", None, None),
])
def test_settings_and_the_command_line_say_since_the_same_way(store, text, since, expected):
    assert set_from_text(store, "bodyweight", text, since=since) == 82.0
    measured = store.conn.execute("SELECT measured_at FROM body_weights").fetchone()[0]
    assert measured == expected if expected else measured > "2026-11-02"


@pytest.mark.parametrize("text", ["82 since yesterday", "82 since 2999-01-01"])
def test_a_bad_since_is_refused(store, text):
    from backtui.domain.settings import SettingError

    with pytest.raises(SettingError, match="since"):
        set_from_text(store, "bodyweight", text)


def test_config_set_bodyweight_since(run):
    assert run("log", "pull-up", "8", "--at", "2026-11-10T10:00").exit_code == 0
    done = run("config", "set", "bodyweight", "82", "--since", "2026-11-01")
    assert done.exit_code == 0 and "since 2026-11-01" in done.output
    data = json.loads(run("history", "--exercise", "pull-up", "--json").output)
    assert data["sessions"][0]["volume_kg"] == 656.0
    refused = run("config", "set", "unit", "lb", "--since", "2026-11-01")
    assert refused.exit_code == 2 and "--since only applies to bodyweight" in refused.output


# -- weekly hard sets ---------------------------------------------------------------------
@pytest.mark.parametrize(("done", "expected"), [
    # a set counts 1 for its region, half for each secondary region
    ({"pull-up": 4, "lat-pulldown": 4}, {"lats": 8.0, "upper_back": 4.0}),
    ({"barbell-row": 4}, {"upper_back": 4.0, "lats": 2.0, "lower_back": 2.0}),
    ({"child-pose": 3, "cat-cow": 2}, {}),  # stretches are not hard sets
])
def test_hard_sets_per_region(done, expected):
    assert hard_sets(done, CATALOG.exercises) == expected


def test_band_lines_and_pulling_ratio():
    lines = band_lines({"lats": 8.0, "upper_back": 12.5, "lower_back": 22.0})
    assert lines[0] == "lats this week: 8 of 10-20 hard sets (below the band)"
    assert lines[1] == "upper back this week: 12.5 of 10-20 hard sets"
    assert lines[2].endswith("(above the band)")
    assert pull_ratio_line({"pull-up": 6, "barbell-row": 9}, CATALOG.exercises) == \
        "pulling this week: 6 vertical : 9 horizontal (1:1.5)"


# -- rotation as the routine says -------------------------------------------------------------
def _history_store(store: Store, sessions: dict[str, list[str]]) -> dict[str, str]:
    for day, (slug, lines) in enumerate(((s, ls) for s, all_lines in sessions.items() for ls in all_lines)):
        when = DAY - timedelta(days=30 - day)
        workout = store.start_workout(at=when.isoformat())
        log(store, workout.id, slug, lines, (when + timedelta(minutes=1)).isoformat(), 80.0)
        store.finish_workout(workout.id, at=(when + timedelta(minutes=30)).isoformat())
    return store.exercise_last_done([e.slug for e in CATALOG.exercises.values()])


def test_lifts_that_progress_are_not_swapped(store):
    # four main lifts, each done last time with progress: the next session keeps them all
    last = _history_store(store, {"chin-up": ["8", "9"], "close-grip-pulldown": ["50x10", "50x11"],
                                  "pendlay-row": ["60x8", "62.5x8"], "dumbbell-shrug": ["30x12", "32x12"]})
    routine = CATALOG.routines["upper-back-and-lats"]
    routine = routine.__class__(**{**routine.__dict__, "items": tuple(
        item.__class__(**{**item.__dict__, "rotate": "stall"}) for item in routine.items)})
    stalled = coach.stalled_variants(SqliteWorkouts(store), CATALOG, routine, last)
    slots = plan_routine(routine, CATALOG, last, stalled=stalled)
    grouped = [s.exercise for s in slots if s.group]
    assert stalled == set() and set(grouped) >= {"close-grip-pulldown", "pendlay-row", "dumbbell-shrug"}


def test_the_next_session_does_not_swap_four_main_lifts_that_progress(store):
    # The quoted case: width and thickness swapped four main lifts at once after one session.
    last = _history_store(store, {"pull-up": ["6", "7"], "lat-pulldown": ["50x10", "50x11"],
                                  "barbell-row": ["60x8", "60x9"], "seated-cable-row": ["50x10", "50x11"]})
    routine = CATALOG.routines["width-and-thickness"]
    stalled = coach.stalled_variants(SqliteWorkouts(store), CATALOG, routine, last)
    slots = plan_routine(routine, CATALOG, last, stalled=stalled)
    assert [s.exercise for s in slots if s.group] == ["pull-up", "lat-pulldown", "barbell-row", "seated-cable-row"]
    # ... and when one of them stalls, that one alone moves on
    last = _history_store(store, {"barbell-row": ["60x9", "60x9", "60x9"]})
    stalled = coach.stalled_variants(SqliteWorkouts(store), CATALOG, routine, last)
    slots = plan_routine(routine, CATALOG, last, stalled=stalled)
    moved = [s.exercise for s in slots if s.group]
    assert stalled == {"barbell-row"} and moved[:2] == ["pull-up", "lat-pulldown"] and moved[3] == "seated-cable-row"
    assert moved[2] != "barbell-row"


@pytest.mark.parametrize(("rule", "sessions", "expected"), [
    ("stall", ["8", "9"], "chin-up"),  # progressing: stays
    ("stall", ["8", "8", "8"], "pull-up"),  # stalled: the routine's own, never done, comes next
    ("session", ["8", "9"], "pull-up"),  # every session: least recently done
    ("never", ["8", "9"], "pull-up"),  # never: the routine's own
])
def test_rotation_rules(store, rule, sessions, expected):
    last = _history_store(store, {"chin-up": sessions})
    from backtui.domain.models import Routine, RoutineItem

    routine = Routine("r", "R", "", (RoutineItem("pull-up", group="pull-up", rotate=rule),))
    stalled = coach.stalled_variants(SqliteWorkouts(store), CATALOG, routine, last)
    (slot,) = plan_routine(routine, CATALOG, last, stalled=stalled)
    assert slot.exercise == expected and slot.rotate == rule


def test_week_lines_count_the_week_of_the_workout(store):
    from backtui.core.lifecycle import week_lines

    workout = store.start_workout(at=at(0))
    log(store, workout.id, "pull-up", "8 8 8", at(1), 80.0)
    log(store, workout.id, "barbell-row", "60x8x4", at(10))
    text = " ".join(t for line in week_lines(SqliteWorkouts(store), CATALOG, at(0)) for t, _ in line)
    assert "lats this week: 5 of 10-20" in text and "upper back this week: 5.5 of 10-20" in text
    assert "pulling this week: 3 vertical : 4 horizontal (1:1.3)" in text
    assert date.fromisoformat("2026-11-18").weekday() == 2  # a Wednesday: the week began on the 16th
