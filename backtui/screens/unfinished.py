"""Starting, resuming and closing workouts from the screens, through the core.

One open workout at a time: before a new one starts, the lifter settles the one left
unfinished (resume it, or finish it as it is), so no workout is hidden behind another.
Every answer is checked against the file when it is given, not when the question
was asked: a workout another backtui finished meanwhile is not resumed, and
finishing decides from the sets the file holds then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from backtui.domain.models import ClosedWorkout, Routine
from backtui.domain.session import Slot
from backtui.screens.host import host_of
from backtui.screens.jobs import run_job
from backtui.screens.messages import BackToRoutines

if TYPE_CHECKING:
    from backtui.core.lifecycle import Begun, OpenWorkout
    from backtui.core.workout import LiveWorkout
    from backtui.storage.errors import StorageError

Started = Callable[["Begun"], None]


def start_workout(node: DOMNode, routine: Routine | None, slots: Sequence[Slot] | None, begun: Started,
                  back: Callable[[], object] | None = None, failed: Callable[[], object] | None = None) -> None:
    """Start (`slots` None: plan the routine now, rotation and pins included), once
    any unfinished workout is resumed or finished: Enter on that question resumes it
    (`begun` gets it), f finishes it and starts, Esc calls `back`. `failed` is called
    (after the app's notice) when the file could not start it."""
    from backtui.core import lifecycle

    catalog = host_of(node).catalog

    def started(result: Begun | OpenWorkout) -> None:
        if isinstance(result, lifecycle.Begun):
            begun(result)
        else:
            ask_about(node, result, begun, finished=lambda: start_workout(node, routine, slots, begun, back),
                      back=back, starting=routine.name if routine else "an ad-hoc workout")

    def not_started(exc: StorageError) -> None:
        node.app.storage_failed(str(exc))  # type: ignore[attr-defined]
        if failed is not None:
            failed()

    run_job(node, lambda storage: lifecycle.start(storage, catalog, routine, slots), started, failed=not_started)


def start_again(node: DOMNode, live: LiveWorkout, begun: Started, back: Callable[[], object]) -> None:
    """A new workout with the plan of one that ended elsewhere, where the lifter was."""
    from backtui.core import lifecycle

    catalog = host_of(node).catalog
    routine = catalog.routines.get(live.workout.routine_slug or "")

    def started(result: Begun | OpenWorkout) -> None:
        if isinstance(result, lifecycle.Begun):
            begun(result)
        else:
            ask_about(node, result, begun, finished=lambda: start_again(node, live, begun, back), back=back,
                      starting=live.workout.routine_name or "an ad-hoc workout")

    run_job(node, lambda storage: lifecycle.start(storage, catalog, routine, live.slots, live.index), started)


def offer_resume(node: DOMNode, begun: Started, finished: Callable[[], object]) -> None:
    """The question about the workout left open, if there is one."""
    from backtui.core import lifecycle

    catalog = host_of(node).catalog

    def found(open_one: OpenWorkout | None) -> None:
        if open_one is not None:
            ask_about(node, open_one, begun, finished=finished)

    run_job(node, lambda storage: lifecycle.open_workout(storage, catalog), found)


def ask_about(node: DOMNode, open_one: OpenWorkout, begun: Started, finished: Callable[[], object],
              back: Callable[[], object] | None = None, starting: str | None = None) -> None:
    """Enter resumes it (`begun`), f finishes it as it is then calls `finished`, Esc
    calls `back`. `starting`: the workout about to start, when this one must be
    settled first."""
    from backtui.core import lifecycle
    from backtui.screens.resume import ResumeScreen

    app, catalog, workout_id = node.app, host_of(node).catalog, open_one.workout.id

    def resumed(result: Begun | None) -> None:
        if result is None:
            app.notify("That workout was finished in another backtui meanwhile: nothing to resume.", timeout=6)
            finished()
        else:
            begun(result)

    def closed(result: ClosedWorkout) -> None:
        # Starting a new one, the key said "finish it and start": no notice over the
        # tracker's status line, where "saved" appears.
        if starting is None or result.outcome != "finished":
            app.notify(lifecycle.closed_words(result).replace("Workout saved", "Saved the unfinished workout"))
        finished()

    def chosen(choice: str | None) -> None:
        if choice == "resume":
            run_job(node, lambda storage: lifecycle.resume(storage, catalog, workout_id), resumed)
        elif choice == "finish":
            run_job(node, lambda storage: lifecycle.finish_as_it_is(storage, workout_id), closed)
        elif back is not None:
            back()

    app.push_screen(ResumeScreen(open_one, starting=starting), chosen)


def finish(node: DOMNode, live: LiveWorkout, keep_going: Callable[[], object], closing: Callable[[], object]) -> None:
    """ctrl+f: the summary of what the file holds, then finish with the note (or keep
    going). The file decides: sets in it, finished; none, discarded."""
    from backtui.core import lifecycle
    from backtui.screens.summary import SummaryScreen

    def answered(note: str | None) -> None:
        if note is None:
            keep_going()
            return
        closing()
        run_job(node.app, lambda _storage: lifecycle.finish(live, note),
                lambda closed: node.post_message(BackToRoutines(lifecycle.closed_words(closed))))

    run_job(node, lambda _storage: lifecycle.finish_view(live),
            lambda summary: node.app.push_screen(SummaryScreen(summary), answered))


def offer_new_workout(node: DOMNode, live: LiveWorkout, how: str, begun: Started) -> None:
    """The workout ended elsewhere: a new one with the same plan, or back to the routines."""
    from backtui.screens.workout_ended import WorkoutEndedScreen

    def answered(again: bool | None) -> None:
        if again:
            start_again(node, live, begun, back=lambda: node.post_message(BackToRoutines()))
        else:
            node.post_message(BackToRoutines())

    node.app.push_screen(WorkoutEndedScreen(how), answered)
