"""`backtui suggest` and the tracker's Next are one coach path: for any history, they
say the same set for the same reason."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tui_wait import text_of, wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.cli import main
from backtui.core import lifecycle
from backtui.domain.catalog import load_catalog
from backtui.domain.formatting import format_set
from backtui.domain.models import SetDraft
from backtui.domain.session import slot_for
from backtui.storage.db import open_database
from backtui.storage.settings_store import record_bodyweight
from backtui.storage.store import Store
from backtui.storage.workouts import SqliteWorkouts

CATALOG = load_catalog()
# One of each kind of move; the rows and pull-ups have variants (stall swaps, first-time hints).
EXERCISES = ["barbell-row", "seated-cable-row", "pull-up", "lat-pulldown", "deadlift", "knee-to-chest",
             "back-extension"]


def a_set(measure: str, loads: list[int]) -> st.SearchStrategy[SetDraft]:
    """A set; loads come from a few values, so sessions repeat a load (stalls happen)."""
    if measure == "seconds":
        amount = st.builds(lambda s: {"seconds": s}, st.sampled_from([10, 20, 30, 45, 60]))
    else:
        low, high = (1, 20) if measure == "bodyweight_reps" else (1, 15)
        amount = st.builds(lambda w, r: {"weight_kg": w * 2.5, "reps": r}, st.sampled_from(loads),
                           st.integers(low, high))
    return st.builds(
        lambda amount, kind, rpe, broke, straps, unit: SetDraft(**amount, kind=kind, rpe=rpe, form_broke=broke,
                                                                straps=straps, unit=unit),
        amount, st.sampled_from(["working", "working", "working", "warmup", "failure", "drop"]),
        st.one_of(st.none(), st.integers(12, 20).map(lambda n: n / 2)), st.booleans(), st.booleans(),
        st.sampled_from(["kg", "kg", "lb"]),
    )


@st.composite
def histories(draw):
    slug = draw(st.sampled_from(EXERCISES))
    exercise = CATALOG.exercise(slug)
    variants = [v.slug for v in CATALOG.variants(exercise.variant_group) if v.slug != slug]
    low, high = (-8, 8) if exercise.bodyweight else (8, 60)
    loads = draw(st.lists(st.integers(low, high), min_size=1, max_size=3))
    # Sometimes only its variants were done (the first-time hint), often the same load
    # for sessions on end (a stall: a deload or the variant done least recently).
    done = [slug] if not variants else draw(st.sampled_from([[slug], variants, [slug, slug, *variants]]))
    sessions = draw(st.lists(st.tuples(st.sampled_from(done), st.lists(a_set(exercise.measure, loads), min_size=1,
                                                                         max_size=4)), max_size=6))
    today = draw(st.one_of(st.just([]), st.lists(a_set(exercise.measure, loads), max_size=3)))
    unit = draw(st.sampled_from(["kg", "lb"]))
    bodyweight = draw(st.one_of(st.none(), st.integers(50, 120).map(float)))
    return slug, sessions, today, unit, bodyweight


def build(db_path: Path, slug: str, sessions, today, unit: str, bodyweight: float | None) -> int:
    """The history in a file; returns today's open workout, planned as an ad-hoc one."""
    store = Store(open_database(db_path), CATALOG)
    now = datetime.now(timezone.utc)
    for days_ago, (done, sets) in enumerate(reversed(sessions), start=1):
        at = (now - timedelta(days=days_ago)).isoformat()
        workout = store.start_workout(at=at)
        measure = CATALOG.exercise(done).measure
        store.log_sets(workout.id, done, [s for s in sets if (s.seconds is None) == (measure != "seconds")], at=at)
        store.finish_workout(workout.id, at=at)
    store.set_setting("unit", unit)
    if bodyweight is not None:
        record_bodyweight(store, bodyweight, at=(now - timedelta(days=30)).isoformat())
    workout = store.start_workout(None, None, [slot_for(CATALOG.exercise(slug)).to_json()])
    if today:
        store.log_sets(workout.id, slug, today)
    store.db.close()
    return workout.id


def cli_suggestion(db_path: Path, slug: str) -> dict:
    result = CliRunner().invoke(main, ["suggest", slug, "--json", "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def number(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, 6)
    return int(value) if value.is_integer() else value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_backtui_suggest_equals_the_trackers_next(history):
    slug, sessions, today, unit, bodyweight = history
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "backtui.db"
        workout_id = build(db_path, slug, sessions, today, unit, bodyweight)
        store = Store(open_database(db_path), CATALOG)
        try:
            begun = lifecycle.resume(SqliteWorkouts(store), CATALOG, workout_id)
            assert begun is not None
            live, shown = begun.live, begun.outcome.view.next
            next_set = live.working_draft()
        finally:
            store.db.close()
        cli = cli_suggestion(db_path, slug)
    assert cli["reason"] == shown.reason
    assert cli["set_number"] == live.suggestion.set_number
    if next_set is None:
        assert shown.text is None and cli["reps"] is None and cli["seconds"] is None
    else:
        assert (cli["weight_kg"], cli["reps"], cli["seconds"], cli["straps"]) == (
            number(next_set.weight_kg), next_set.reps, next_set.seconds, next_set.straps)
        assert shown.text == format_set(next_set, CATALOG.exercise(slug).measure, unit)


async def test_the_tracker_shows_what_backtui_suggest_says(db_path: Path):
    """The screen, not only the core: the Next line on the tracker reads as the CLI."""
    row = SetDraft(weight_kg=60.0, reps=10, kind="working", rpe=8.0)
    build(db_path, "barbell-row", [("barbell-row", [row, row, row])], [row], "kg", None)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        await pilot.press("enter")  # today's workout, open in the app while the shell asks
        screen = await wait_for_tracker(pilot, app)
        line = text_of(screen, "#next-set")
        cli = cli_suggestion(db_path, "barbell-row")
    assert cli["reason"] in line and f"{cli['weight']}x{cli['reps']}" in line, (line, cli)
