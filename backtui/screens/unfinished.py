"""One open workout at a time: before a new one starts, the lifter settles the one left
unfinished (resume it, or finish it as it is), so no workout is hidden behind another."""

from __future__ import annotations

from collections.abc import Callable

from backtui.domain.models import LoggedSet, Workout
from backtui.storage.errors import StorageError


def current_exercise_name(app, workout: Workout) -> str | None:
    """The exercise the lifter was on, by name, from the stored plan and position."""
    if workout.plan and 0 <= workout.position < len(workout.plan):
        slug = workout.plan[workout.position].get("exercise", "")
        return app.catalog.exercises[slug].name if slug in app.catalog.exercises else slug
    return None


def resume_plan(app, workout: Workout, sets: list[LoggedSet]) -> list:
    """The stored plan's slots, or one slot per exercise done when nothing is left of it."""
    from backtui.domain.session import Slot, plan_from_sets

    slots = [Slot.from_json(s) for s in workout.plan]
    slots = [s for s in slots if s.exercise in app.catalog.exercises]
    return slots or plan_from_sets([s.exercise for s in sets], app.catalog)


def finish_as_it_is(app, workout: Workout, sets: list[LoggedSet], *, say: bool = True) -> None:
    """`say`: a notice for it; not when a new workout starts at once (the notice would
    cover the tracker's status line, where "saved" appears, for its first seconds)."""
    if sets:
        app.store.finish_workout(workout.id, at=sets[-1].logged_at)
    else:
        app.store.discard_workout(workout.id)
    if say:
        app.notify("Saved the unfinished workout as it was." if sets else "Discarded the empty workout.")


def settle_unfinished(
    app,
    starting: str,
    proceed: Callable[[], None],
    resume: Callable[[Workout, list, int], None],
    back: Callable[[], None] | None = None,
) -> None:
    """Run `proceed` at once when nothing is open; otherwise ask first. Enter calls
    `resume(workout, slots, index)`, f finishes the open one (then asks about the next
    open one, if any, before proceeding), Esc calls `back`."""
    try:
        open_one = app.store.unfinished_workout()
        sets = app.store.workout_sets(open_one.id) if open_one else []
    except StorageError as exc:
        app.storage_failed(str(exc))
        return
    if open_one is None:
        proceed()
        return
    ask_about(app, open_one, sets, resume, finished=lambda: settle_unfinished(app, starting, proceed, resume, back),
              back=back, starting=starting)


def ask_about(
    app,
    workout: Workout,
    sets: list[LoggedSet],
    resume: Callable[[Workout, list, int], None],
    finished: Callable[[], None],
    back: Callable[[], None] | None = None,
    starting: str | None = None,
) -> None:
    """The resume question for one open workout: Enter calls `resume(workout, slots,
    index)`, f finishes it as it is then calls `finished`, Esc calls `back`.
    `starting`: the workout about to start, when this one must be settled first."""
    from backtui.screens.resume import ResumeScreen

    def chosen(choice: str | None) -> None:
        try:
            if choice == "resume":
                resume(workout, resume_plan(app, workout, sets), workout.position)
            elif choice == "finish":
                # Starting a new one, the key said "finish it and start": no notice.
                finish_as_it_is(app, workout, sets, say=starting is None)
                finished()
            elif back is not None:
                back()
        except StorageError as exc:
            app.storage_failed(str(exc))

    app.push_screen(ResumeScreen(workout, len(sets), current_exercise_name(app, workout), starting=starting), chosen)
