"""The history core on hand-made data with known answers."""

from __future__ import annotations

import sqlite3
from datetime import date

import pendulum
import pytest

from backtui.domain.balance import ExerciseWeek, pull_drift, weekly_balance
from backtui.domain.catalog import load_catalog
from backtui.domain.consistency import calendar_columns, consistency, month_labels
from backtui.domain.history import (
    DateBoundError,
    ExerciseSession,
    describe_day,
    format_duration,
    last_weeks,
    parse_date_bound,
    records_from_sessions,
    reps_at_weight,
    summarise_sessions,
    thin_series,
)
from backtui.domain.models import LoggedSet, SetDraft
from backtui.domain.records import e1rm_sql, set_e1rm
from backtui.domain.straps import StrapWeek, rising_streak, strap_note, straps_by_exercise

_ids = iter(range(1, 10_000))


def logged(workout: int, weight, reps=None, *, seconds=None, kind="working", straps=False, at="2026-11-02T10:00") -> LoggedSet:
    return LoggedSet(id=next(_ids), workout_id=workout, exercise="deadlift", set_number=1, kind=kind,
                     weight_kg=weight, reps=reps, seconds=seconds, straps=straps, rpe=None, note="", unit="kg",
                     logged_at=f"{at}:00+00:00")


def day(instant: str) -> str:
    return instant[:10]


SETS = [
    logged(1, 60, 5, kind="warmup", at="2026-11-02T10:00"),
    logged(1, 100, 5, at="2026-11-02T10:05"),
    logged(1, 110, 3, straps=True, at="2026-11-02T10:10"),
    logged(1, 110, 2, straps=True, at="2026-11-02T10:15"),
    logged(2, 200, 5, kind="warmup", at="2026-11-09T10:00"),  # a heavy warm-up counts for nothing
    logged(2, 90, 12, at="2026-11-09T10:05"),  # over 10 reps: no e1RM
    logged(2, 120, 1, at="2026-11-09T10:10"),  # a single is its own 1RM
    logged(3, 60, 5, kind="warmup", at="2026-11-16T10:00"),  # warm-ups only: no session
]


def test_sessions_top_set_e1rm_volume_and_straps():
    sessions = summarise_sessions(SETS, day)
    assert [s.workout_id for s in sessions] == [1, 2]
    first, second = sessions
    assert (first.date, first.top_weight_kg, first.top_reps) == ("2026-11-02", 110, 3)
    assert first.e1rm_kg == pytest.approx(121.0)
    assert first.volume_kg == 100 * 5 + 110 * 3 + 110 * 2
    assert (first.sets, first.strap_sets) == (3, 2)
    assert (second.top_weight_kg, second.top_reps, second.e1rm_kg) == (120, 1, 120)
    assert second.volume_kg == 90 * 12 + 120


def test_first_session_e1rm_is_the_best_set():
    # 100x5 -> 116.67, 110x3 -> 121, 110x2 -> 117.33: the session's e1RM is 121.
    assert summarise_sessions(SETS, day)[0].e1rm_kg == pytest.approx(121.0)


def test_records_from_sessions_keep_the_first_day():
    sessions = summarise_sessions(SETS, day)
    records = records_from_sessions(sessions, reps_at_weight(SETS))
    assert (records.heaviest_kg, records.heaviest_on) == (120, "2026-11-09")
    assert (records.best_e1rm_kg, records.best_e1rm_on) == (121.0, "2026-11-02")
    assert (records.best_volume_kg, records.best_volume_on) == (1200, "2026-11-09")
    assert records.longest_hold_s is None
    assert records.reps_at_weight == {100: 5, 110: 3, 90: 12, 120: 1}
    assert records.top_reps_at_weight(2) == [(120, 1), (110, 3)]


def test_holds_make_hold_records_and_no_estimate():
    holds = [logged(7, None, seconds=30), logged(7, None, seconds=45), logged(8, None, seconds=40, at="2026-11-03T10:00")]
    sessions = summarise_sessions(holds, day)
    assert [s.hold_s for s in sessions] == [45, 40]
    assert all(s.e1rm_kg is None and s.top_weight_kg is None for s in sessions)
    records = records_from_sessions(sessions, {})
    assert (records.longest_hold_s, records.best_volume_kg) == (45, None)


def test_e1rm_sql_agrees_with_set_e1rm():
    conn = sqlite3.connect(":memory:")
    cases = [SetDraft(weight_kg=w, reps=r, kind=k) for w in (-20.0, 0.0, 61.234962, 100.0, 142.5)
             for r in (1, 2, 5, 10, 11) for k in ("working", "warmup", "failure")]
    cases.append(SetDraft(seconds=30))
    # the exercise's share of body weight (issue 16): a back extension lifts ~68%, a
    # band pull-apart none, an exercise with no share kept all of it
    conn.execute("CREATE TABLE exercises (id INTEGER PRIMARY KEY, load_share REAL)")
    conn.executemany("INSERT INTO exercises VALUES (?, ?)", [(1, 0.68), (2, 0.0), (3, None)])
    for s in cases:
        got = conn.execute(f"SELECT {e1rm_sql('?1', '?2', '?3', '?4', 'NULL', '1')}",
                           [s.weight_kg, s.reps, s.seconds, s.kind]).fetchone()[0]
        expected = set_e1rm(s)
        assert (got is None) == (expected is None), s
        if expected is not None:
            assert got == pytest.approx(expected, abs=0.006), s
        for exercise_id, share in ((1, 0.68), (2, 0.0), (3, 1.0)):
            got = conn.execute(f"SELECT {e1rm_sql('?1', '?2', '?3', '?4', '80.0', '?5')}",
                               [s.weight_kg, s.reps, s.seconds, s.kind, exercise_id]).fetchone()[0]
            expected = set_e1rm(s, bodyweight_kg=80.0, share=share)
            assert (got is None) == (expected is None), (s, share)
            if expected is not None:
                assert got == pytest.approx(expected, abs=0.006), (s, share)


def test_strap_share_rising_three_weeks_gives_the_note():
    weeks = [StrapWeek(date(2026, 10, 5 + 7 * i), 5, n) for i, n in enumerate([1, 2, 3, 4])]
    assert [w.share for w in weeks] == [0.2, 0.4, 0.6, 0.8]
    assert rising_streak(weeks) == 3
    assert strap_note("deadlift", weeks, 140, 130) == \
        "straps on 80% of deadlift sets, up 3 weeks running: grip may be lagging"


def test_weeks_without_the_exercise_do_not_break_a_rise():
    weeks = [StrapWeek(date(2026, 10, 5), 4, 1), StrapWeek(date(2026, 10, 12), 0, 0),
             StrapWeek(date(2026, 10, 19), 4, 2), StrapWeek(date(2026, 10, 26), 4, 3),
             StrapWeek(date(2026, 11, 2), 4, 4)]
    assert rising_streak(weeks) == 3


def test_two_rises_are_not_a_trend_but_a_grip_gap_is_noted():
    weeks = [StrapWeek(date(2026, 10, 5), 4, 4), StrapWeek(date(2026, 10, 12), 4, 2),
             StrapWeek(date(2026, 10, 19), 4, 3), StrapWeek(date(2026, 10, 26), 4, 4)]
    assert rising_streak(weeks) == 2
    assert strap_note("deadlift", weeks, 140, 140) is None
    assert strap_note("deadlift", weeks, 140, 100) == (
        "straps on 100% of deadlift sets; without straps your best is 100 kg, 71% of 140 kg: grip may be lagging")
    assert strap_note("deadlift", [StrapWeek(date(2026, 10, 5), 4, 0)], 140, 140) is None


def test_straps_by_exercise_fills_missing_weeks():
    weeks = [date(2026, 10, 5), date(2026, 10, 12)]
    rows = [(ExerciseWeek("deadlift", date(2026, 10, 12), 4, 1000.0), 3)]
    assert straps_by_exercise(rows, weeks) == {
        "deadlift": [StrapWeek(date(2026, 10, 5), 0, 0), StrapWeek(date(2026, 10, 12), 4, 3)]}


def _weeks():
    with pendulum.travel_to(pendulum.datetime(2026, 11, 19, 12), freeze=True):
        return last_weeks(pendulum.today().date(), 12)


def test_last_weeks_are_mondays_ending_this_week():
    weeks = _weeks()
    assert len(weeks) == 12 and weeks[-1] == date(2026, 11, 16) and weeks[0] == date(2026, 8, 31)
    assert all(w.weekday() == 0 for w in weeks)


def test_weekly_balance_per_region():
    exercises = load_catalog().exercises
    weeks = _weeks()
    rows = [ExerciseWeek("pull-up", weeks[-1], 4, 0.0), ExerciseWeek("barbell-row", weeks[-1], 3, 1800.0),
            ExerciseWeek("deadlift", weeks[-2], 2, 2000.0), ExerciseWeek("face-pull", weeks[-1], 3, 450.0),
            ExerciseWeek("deadlift", date(2020, 1, 6), 9, 9.0)]  # outside the window
    table = weekly_balance(rows, exercises, weeks)
    assert len(table) == 12
    assert table[-1].sets == {"lats": 4, "upper_back": 3, "lower_back": 0, "other": 3}
    assert table[-1].volume_kg["upper_back"] == 1800
    assert table[-2].sets["lower_back"] == 2 and table[-2].total_sets == 2
    assert table[0].total_sets == 0


def test_pull_drift_flag():
    exercises = load_catalog().exercises
    weeks = _weeks()
    lots_of_pullups = [ExerciseWeek("pull-up", w, 6, 0.0) for w in weeks[-4:]]
    a_few_rows = [ExerciseWeek("barbell-row", weeks[-1], 5, 3000.0)]
    drift = pull_drift(lots_of_pullups + a_few_rows, exercises, weeks)
    assert (drift.vertical_sets, drift.horizontal_sets, drift.flagged) == (24, 5, True)
    assert drift.ratio == pytest.approx(4.8)
    assert "add rows" in drift.message and "4.8:1" in drift.message
    even = pull_drift(lots_of_pullups + [ExerciseWeek("seated-cable-row", w, 5, 1.0) for w in weeks[-4:]],
                      exercises, weeks)
    assert not even.flagged and "balance" in even.message
    only_rows = pull_drift([ExerciseWeek("barbell-row", weeks[-1], 8, 1.0)], exercises, weeks)
    assert only_rows.flagged and "add pull-ups or pulldowns" in only_rows.message
    old = pull_drift([ExerciseWeek("pull-up", weeks[0], 40, 0.0)], exercises, weeks)  # 12 weeks ago
    assert not old.flagged and "Too few" in old.message


def test_calendar_and_consistency():
    end = date(2026, 11, 19)  # a Thursday
    columns = calendar_columns(end, 4)
    assert columns[0][0] == date(2026, 10, 26) and columns[-1][3] == end and columns[-1][4] is None
    assert month_labels(columns) == [(0, "Nov")]  # the week of Oct 26 holds Nov 1
    assert month_labels(calendar_columns(date(2026, 12, 2), 3)) == [(0, "Nov"), (2, "Dec")]
    days = {date(2026, 10, 27), date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 10)}
    summary = consistency(days, end, 4)
    assert (summary.training_days, summary.weeks_trained) == (4, 3)
    # This week has no training yet: the streak runs through last week.
    assert (summary.current_streak_weeks, summary.longest_streak_weeks) == (3, 3)
    assert summary.per_week == 1.0
    assert consistency(days | {date(2026, 11, 18)}, end, 4).current_streak_weeks == 4


def test_describe_day_and_duration():
    with pendulum.travel_to(pendulum.datetime(2026, 11, 20, 18), freeze=True):
        now = pendulum.now("UTC")
        assert describe_day(pendulum.datetime(2026, 11, 18, 9), now) == "Wed 18 Nov, 2 days ago"
        assert describe_day(pendulum.datetime(2026, 11, 20, 7), now) == "Fri 20 Nov, today"
        assert describe_day(pendulum.datetime(2026, 11, 19, 7), now) == "Thu 19 Nov, yesterday"
        assert describe_day(pendulum.datetime(2025, 11, 18, 9), now) == "Tue 18 Nov 2025, 12 mo ago"
    assert format_duration(3900) == "1 h 05 min"
    assert format_duration(840) == "14 min"
    assert format_duration(None) == "-"


def test_parse_date_bound():
    today = date(2026, 11, 20)
    assert parse_date_bound("2026-01-31", today) == date(2026, 1, 31)
    assert parse_date_bound("12w", today) == date(2026, 8, 28)
    assert parse_date_bound("6m", today) == date(2026, 5, 20)
    assert parse_date_bound("1y", today) == date(2025, 11, 20)
    assert parse_date_bound("today", today) == today
    for bad in ("yesterdayish", "2026-13-01", "w", ""):
        with pytest.raises(DateBoundError):
            parse_date_bound(bad, today)


def test_thin_series_keeps_bucket_highs():
    points = [(f"d{i}", float(i), None if i % 2 else float(-i)) for i in range(10)]
    thinned = thin_series(points, 5)
    assert len(thinned) == 5
    assert thinned[0] == ("d0", 1.0, 0.0)
    assert thin_series(points, 20) == points


def test_session_dataclass_is_plain():
    s = ExerciseSession(1, "2026-11-02", 100, 5, 116.67, 500, 1, 0)
    assert s.hold_s is None
