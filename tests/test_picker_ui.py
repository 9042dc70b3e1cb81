"""The routine picker and the plan shown before the first set."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable
from tui_wait import current_slot, wait_for_screen, wait_for_tracker

from backtui.app import make_app
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.storage.db import open_database
from backtui.storage.store import Store


def seed(db_path: Path, routine: str, exercise: str, at: str) -> None:
    store = Store(open_database(db_path), load_catalog())
    name = load_catalog().routines[routine].name
    workout = store.start_workout(routine, name, at=at)
    store.log_sets(workout.id, exercise, parse_entry("8", "bodyweight_reps"), at=at)
    store.finish_workout(workout.id, at=at)
    store.db.close()


def cell(table: DataTable, row_key: str, column: str) -> str:
    return str(table.get_cell(row_key, column))


async def test_lists_every_routine_with_regions_size_and_last_done(db_path):
    seed(db_path, "essential-back", "pull-up", "2026-11-18T10:00:00.000000+00:00")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(load_catalog().routines)
        assert cell(table, "essential-back", "regions") == "Lats, Upper, Lower"
        assert "8 exercises" in str(app.screen.query_one("#routine-info").render())
        assert "ago" in cell(table, "essential-back", "last")
        assert cell(table, "desk-relief", "last") == "never"
        # Newest first: the routine done most recently is at the top.
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == "essential-back"


async def test_jk_filter_and_enter_shows_the_plan(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        table = app.screen.query_one(DataTable)
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("slash", *"lower", "enter")
        assert table.row_count == 1
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        plan = app.screen.query_one(DataTable)
        assert plan.row_count == len(load_catalog().routines["lower-back-focus"].items)
        assert "Deadlift" in str(plan.get_row_at(2)[1]) and "3 x" in str(plan.get_row_at(2)[2])
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "TrackerScreen")
        assert app.screen.view.index == 0


async def test_a_lift_that_progresses_keeps_its_slot(db_path):
    seed(db_path, "essential-back", "pull-up", "2026-11-18T10:00:00.000000+00:00")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        screen = app.screen
        pull = next(i for i, s in enumerate(screen.slots) if s.group == "pull-up")
        assert screen.slots[pull].exercise == "pull-up"  # rotates on stall, as the routine says
        assert "on stall" in str(screen.query_one(DataTable).get_row_at(pull)[1])


async def test_variants_rotate_to_the_least_recently_done(db_path):
    for day in (14, 16, 18):  # bw x 8 three sessions running: a stall
        seed(db_path, "essential-back", "pull-up", f"2026-11-{day}T10:00:00.000000+00:00")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        screen = app.screen
        pull = next(i for i, s in enumerate(screen.slots) if s.group == "pull-up")
        assert screen.slots[pull].exercise != "pull-up"  # stalled: another variant is offered
        first_offer = screen.slots[pull].exercise
        screen.query_one(DataTable).move_cursor(row=pull)
        await pilot.press("v")
        assert screen.slots[pull].exercise not in (first_offer,)
        detail = str(screen.query_one("#plan-detail").render())
        assert "least recently done" in detail and "(this time; never done)" in detail and "Pull-up (done " in detail
        assert "rotates when it stalls" in detail
        rests = [str(screen.query_one(DataTable).get_row_at(i)[3]) for i in range(len(screen.slots))]
        assert all(r.endswith(" s") or ":" in r for r in rests) and "2:00" in rests  # as the tracker says it


async def test_adhoc_workout_by_fuzzy_search(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("a", *"dead")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_tracker(pilot, app)
        assert current_slot(app.screen).exercise == "deadlift"
        assert app.screen.live.workout.routine_slug is None


async def test_sort_and_own_order_are_remembered(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=3)
        moved = table.coordinate_to_cell_key((3, 0)).row_key.value
        await pilot.press("K", "K", "K")
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == moved
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        table = app.screen.query_one(DataTable)
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == moved
        await pilot.press("o")
        assert app.screen.sort == "recent"


async def test_unfinished_workout_is_offered_and_resumed(db_path):
    store = Store(open_database(db_path), load_catalog())
    routine = load_catalog().routines["lower-back-focus"]
    from backtui.domain.session import plan_routine

    slots = plan_routine(routine, load_catalog(), {})
    workout = store.start_workout(routine.slug, routine.name, [s.to_json() for s in slots])
    store.save_plan(workout.id, [s.to_json() for s in slots], 2)
    store.log_sets(workout.id, slots[2].exercise, parse_entry("100x5", "weight_reps"))
    store.db.close()
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert routine.name in text and "1 set saved" in text
        await pilot.press("enter")
        await wait_for_tracker(pilot, app)
        assert app.screen.view.index == 2
        assert [s.weight_kg for s in app.screen.live.today()] == [100.0]


async def test_unfinished_workout_can_be_finished_as_is(db_path):
    store = Store(open_database(db_path), load_catalog())
    workout = store.start_workout(None, None)
    store.log_sets(workout.id, "deadlift", parse_entry("100x5", "weight_reps"))
    store.db.close()
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        await pilot.press("f")
        await wait_for_screen(pilot, app, "PickerScreen")
        assert app.store.unfinished_workout() is None


async def test_a_routine_chosen_while_the_file_opens_stays_chosen(db_path):
    """The picker paints before the database is open; a move made then is kept when the
    last-done order arrives, so Enter starts the routine the lifter was on."""
    seed(db_path, "lower-back-focus", "superman-hold", "2026-11-18T10:00:00.000000+00:00")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.store is None  # nothing read yet: catalog order
        chosen = load_catalog().routines
        await pilot.press("j")
        await wait_for_screen(pilot, app, "PickerScreen")
        assert app.screen.highlighted_slug() == list(chosen)[1] != "lower-back-focus"


async def test_an_enter_typed_ahead_on_the_plan_starts_one_workout_and_asks_nothing(db_path):
    """Enter, then Enter again before the workout has started (keys typed ahead, a slow
    link): the second Enter must not start the routine a second time, which met the
    first start's workout and asked about it as an unfinished one."""
    import asyncio

    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("enter")
        plan = await wait_for_screen(pilot, app, "RoutinePlanScreen")
        plan.action_start()
        plan.action_start()  # the typed-ahead Enter, while the first start is still in its worker
        await wait_for_tracker(pilot, app)
        for _ in range(10):
            await pilot.pause()
            await asyncio.sleep(0.05)
        assert type(app.screen).__name__ == "TrackerScreen"
    store = Store(open_database(db_path), load_catalog())
    try:
        assert store.conn.execute("SELECT count(*) FROM workouts").fetchone()[0] == 1
    finally:
        store.db.close()


async def test_after_esc_on_the_unfinished_question_enter_on_the_plan_asks_again(db_path):
    store = Store(open_database(db_path), load_catalog())
    workout = store.start_workout("lower-back-focus", "Lower back focus")
    store.log_sets(workout.id, "deadlift", parse_entry("100x5", "weight_reps"))
    store.db.close()
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "ResumeScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("enter")
        await wait_for_screen(pilot, app, "RoutinePlanScreen")
        for _ in range(2):
            await pilot.press("enter")
            await wait_for_screen(pilot, app, "ResumeScreen")
            await pilot.press("escape")
            await wait_for_screen(pilot, app, "RoutinePlanScreen")


def test_enter_pressed_before_the_file_is_read_opens_the_plan(tmp_path: Path):
    """Found over SSH: the picker paints its routines from the catalog ('never' done) before
    the file is open; an Enter typed at once was dropped and the lifter saw nothing happen."""
    from ptyio import backtui_argv, spawn

    proc = spawn(backtui_argv("--db", str(tmp_path / "backtui.db")))
    try:
        proc.read_until(b"never")
        proc.write(b"\r")  # no pause: the file may still be opening
        proc.read_until(b"Enter starts the workout")
    finally:
        proc.stop()
