# The mixin's self.send, self.view, self.entry, self.show_status, self.focus_entry and
# self.app.catalog are TrackerScreen's and its app's: mypy cannot see them from here.
# mypy: disable-error-code="attr-defined"
"""The tracker's timers (rest, hold) and its moves through the workout, kept out of
screens/tracker.py (at its size limit): each move is a command of the live workout,
sent as any other; the timers are widgets of the screen."""

from __future__ import annotations

from textual.screen import Screen

from backtui.widgets.countdown import Countdown

REST_EXTRA = 30  # seconds a key adds to the rest


class TimersAndMoves(Screen):
    # -- timers ----------------------------------------------------------
    def action_skip_rest(self) -> None:
        self.query_one("#rest", Countdown).stop_quietly()
        self.refresh_bindings()

    def action_extend_rest(self) -> None:
        self.query_one("#rest", Countdown).extend(REST_EXTRA)

    def action_hold(self) -> None:
        hold = self.query_one("#hold", Countdown)
        if hold.running:
            hold.stop()
            return
        self.query_one("#rest", Countdown).stop_quietly()
        hold.start(self.view.next.hold_seconds if self.view is not None else 30, "hold")
        self.refresh_bindings()

    def on_countdown_finished(self, event: Countdown.Finished) -> None:
        if self.view is None or self.view.bell:
            self.app.bell()
        if event.purpose == "rest":
            self.show_status((("Rest over: next set!", "strong"),))
        elif event.elapsed >= 1:
            seconds, typed = event.elapsed, self.entry.value
            self.send(lambda live: live.log_hold(seconds, typed), saving=f"{seconds} s")
        self.refresh_bindings()

    # -- moving through the workout ----------------------------------------
    def go_to(self, index: int) -> None:
        self.send(lambda live: live.go_to(index))

    def action_step(self, direction: int) -> None:
        self.send(lambda live: live.step(direction))

    def action_skip_exercise(self) -> None:
        self.send(lambda live: live.skip())

    def action_add_exercise(self) -> None:
        from backtui.screens.exercise_search import ExerciseSearchScreen

        def added(slug: str | None) -> None:
            catalog = self.app.catalog
            if slug:
                self.send(lambda live: live.add(slug, catalog))
            self.entry.focus()

        self.app.push_screen(ExerciseSearchScreen("Add an exercise"), added)

    def action_plan(self) -> None:
        from backtui.screens.workout_plan import WorkoutPlanScreen

        if self.view is not None:
            # Its keys are commands whose outcomes both screens show.
            self.app.push_screen(WorkoutPlanScreen(self.view, lambda command, then: self.send(command, then=then)),
                                 self.focus_entry)

