"""Finishing and starting workouts: what the summary counts, that its keys show at
80x24, and that a new workout never hides an unfinished one."""

from __future__ import annotations

from pathlib import Path

import pendulum
from tui_wait import current_slot, go_to, type_line, wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.domain.entry import parse_entry
from backtui.storage.settings_store import record_bodyweight


async def test_summary_counts_body_weight_set_during_the_workout(db_path: Path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "pull-up")
        await type_line(pilot, "+10x6")
        await pilot.press("enter")
        await type_line(pilot, "8")
        await pilot.press("enter")
        # Before any body weight is known, the added load is what counts (as in History).
        await pilot.press("escape", "ctrl+f")
        await pilot.pause()
        assert "60 kg" in str(app.screen.query_one("#summary-body").render())
        await pilot.press("escape")
        # The lifter sets a body weight (settings) halfway: the sets already logged keep
        # theirs, so the workout's volume does not jump (issue 16: 3,843 -> 11,058 kg).
        record_bodyweight(app.store, 80.0)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Volume 60 kg" in str(app.screen.query_one("#summary-body").render())
        await pilot.press("escape")
        # ... unless the lifter says it held since the start of the day.
        record_bodyweight(app.store, 80.0, since=pendulum.now("UTC").start_of("day").isoformat())
        await pilot.press("ctrl+f")
        await pilot.pause()
        body = str(app.screen.query_one("#summary-body").render())
        assert "1,180 kg" in body  # (80 + 10) x 6 + 80 x 8, the same as History counts


ENTRIES = {"weight_reps": ("30x8", "40x8", "40x10"), "bodyweight_reps": ("6", "9", "+5x6"), "seconds": ("20s", "40s", "45s")}


async def test_at_80x24_the_summary_keeps_its_note_and_keys_on_screen(db_path: Path, store):
    # Last week, lighter: today every exercise sets records, and the summary runs long.
    routine = store.catalog.routines["essential-back"]
    before = store.start_workout(routine.slug, routine.name, [], at="2026-11-10T10:00:00+00:00")
    for exercise in store.catalog.exercises.values():  # whichever variants rotate in today
        store.log_sets(before.id, exercise.slug, parse_entry(ENTRIES[exercise.measure][0], exercise.measure),
                       at="2026-11-10T10:05:00+00:00")
    store.finish_workout(before.id, at="2026-11-10T11:00:00+00:00")
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        for index, slot in enumerate(list(screen.view.slots)):
            screen.go_to(index)
            await pilot.pause()
            for entry in ENTRIES[app.catalog.exercises[slot.exercise].measure][1:]:
                await type_line(pilot, entry)
                await pilot.press("enter")
                await pilot.pause()
                if app.screen.query_one("#entry").value:  # far beyond last week: asked once
                    await pilot.press("enter")
                    await pilot.pause()
        await pilot.press("escape", "ctrl+f")
        await pilot.pause()
        summary = app.screen
        assert str(summary.query_one("#summary-body").render()).count("★") >= 10
        for selector in ("#summary-title", "#summary-note", "#summary-help"):
            region = summary.query_one(selector).region
            assert region.height and region.bottom <= 24, (selector, region)
        assert summary.query_one("#summary-note").has_focus
        await pilot.press("pagedown", "pageup")  # the body scrolls; the note keeps the keys
        await type_line(pilot, "done")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"


def leave_a_workout_open(store):
    """An ad-hoc workout with one set, never finished (as `backtui log` leaves one)."""
    workout = store.start_workout(None, None, [])
    store.log_sets(workout.id, "barbell-row", parse_entry("60x8", "weight_reps"))
    return workout


async def open_picker_over_an_unfinished_workout(pilot, app):
    await wait_for_screen(pilot, app, "ResumeScreen")
    await pilot.press("escape")  # "not now" at start-up
    await pilot.pause()
    assert type(app.screen).__name__ == "PickerScreen"
    await pilot.press("enter")  # the plan of the highlighted routine
    await pilot.pause()
    await pilot.press("enter")  # start it
    await pilot.pause()


async def test_starting_a_routine_first_settles_the_unfinished_workout(db_path: Path, store):
    left_open = leave_a_workout_open(store)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker_over_an_unfinished_workout(pilot, app)
        asked = app.screen
        assert type(asked).__name__ == "ResumeScreen" and asked.starting  # not a second open workout
        await pilot.press("f")  # finish the old one as it is, then start
        await pilot.pause()
        assert type(app.screen).__name__ == "TrackerScreen" and app.screen.live.workout.id != left_open.id
        assert not list(app._notifications)  # no notice over the status line, where "saved" shows
        started = app.screen.live.workout.id
    assert store.workout(left_open.id).ended_at is not None
    assert store.unfinished_workout().id == started  # the new one is the only one open


async def test_or_resumes_it_instead(db_path: Path, store):
    left_open = leave_a_workout_open(store)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker_over_an_unfinished_workout(pilot, app)
        await pilot.press("enter")  # resume the unfinished one
        await pilot.pause()
        tracker = app.screen
        assert type(tracker).__name__ == "TrackerScreen" and tracker.live.workout.id == left_open.id
        assert [s.exercise for s in tracker.live.sets] == ["barbell-row"]


async def test_routine_flag_over_an_unfinished_workout_asks_too(db_path: Path, store):
    left_open = leave_a_workout_open(store)
    app = make_app(db_path, routine="lower-back-focus")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        assert "Lower back focus" in str(app.screen.query_one("#resume-starting").render())
        await pilot.press("escape")  # back: nothing new starts
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"
    assert store.unfinished_workout().id == left_open.id


async def test_help_lists_every_tracker_key_even_those_waiting_for_their_moment(db_path: Path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "band-pull-apart")  # not timed, no rest running
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for words in ("hold countdown", "30 seconds to the rest", "warm-up sets", "Today's sets: e edits",
                      "Raise the next set's weight"):
            assert words in text, words
        assert "(not now)" in text  # the hold timer waits for a timed exercise


async def test_picker_help_names_enter_and_delete(db_path: Path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Show the plan of the highlighted routine" in text and "Delete your highlighted routine" in text


async def test_each_side_counts_both_sides_everywhere(db_path: Path):
    """'1 x 20 s each side' is two holds: the coach, the status and the plan agree."""
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "knee-to-chest")
        assert current_slot(screen).target.describe() == "1 x 20 s each side"
        await type_line(pilot, "20s")
        await pilot.press("enter")
        await pilot.pause()
        assert "extra set" not in str(screen.query_one("#next-set").render())  # the other side
        assert "1/2" in str(screen.query_one("#plan-side").render())
        await type_line(pilot, "20s")
        await pilot.press("enter")
        await pilot.pause()
        assert "target done" in str(screen.query_one("#status").render())
        assert "2/2" in str(screen.query_one("#plan-side").render())


async def test_warm_ups_lead_to_the_set_typed_before_ctrl_y(db_path: Path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.query_one("#entry").value == ""  # Enter now logs the first warm-up, not 100x5
        assert "warm-up sets up to 100 kg" in str(screen.query_one("#status").render())
        for _ in range(screen.view.ramp_left):
            await pilot.press("enter")
            await pilot.pause()
        assert "100x5" in str(screen.query_one("#next-set").render())  # not forgotten after the ramp
        await pilot.press("enter")
        await pilot.pause()
        logged = [(s.kind, s.weight_kg, s.reps) for s in screen.live.today()]
        assert logged[-1] == ("working", 100.0, 5) and all(k == "warmup" for k, _, _ in logged[:-1])


async def test_undoing_a_logged_set_stops_its_rest(db_path: Path):
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#rest").running
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not screen.query_one("#rest").running and screen.live.today() == []


async def test_tall_screens_list_the_sessions_before_last_time_once(db_path: Path, store):
    for day, entry in (("2026-11-04", "25s"), ("2026-11-11", "35s")):  # knee to chest: no variants rotate in
        workout = store.start_workout(None, None, [], at=f"{day}T10:00:00+00:00")
        store.log_sets(workout.id, "knee-to-chest", parse_entry(entry, "seconds"), at=f"{day}T10:05:00+00:00")
        store.finish_workout(workout.id, at=f"{day}T11:00:00+00:00")
    app = make_app(db_path, routine="essential-back")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "knee-to-chest")
        assert "35 s" in str(screen.query_one("#last-time").render())
        recent = str(screen.query_one("#recent").render())
        assert "25 s" in recent and "35 s" not in recent
