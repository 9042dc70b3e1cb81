"""Tracker keys that change the workout: add, plan (reorder, skip, jump), finish."""

from __future__ import annotations

from backtui.domain.session import Slot, insert_slot, slot_for
from backtui.storage.db import StorageError


class PlanActionsMixin:
    """Mixed into TrackerScreen."""

    def action_add_exercise(self) -> None:
        from backtui.screens.exercise_search import ExerciseSearchScreen

        def added(slug: str | None) -> None:
            if slug:
                position = self.index + 1 if self.slots else 0
                self.slots = insert_slot(self.slots, position, slot_for(self.app.catalog.exercise(slug)))
                self.go_to(position)
            self.part("#entry").focus()

        self.app.push_screen(ExerciseSearchScreen("Add an exercise"), added)

    def action_plan(self) -> None:
        from backtui.screens.workout_plan import WorkoutPlanScreen

        def changed(result: tuple[list[Slot], int] | None) -> None:
            if result is not None:
                self.slots, index = result
                self.go_to(index)
            self.part("#entry").focus()

        self.app.push_screen(WorkoutPlanScreen(self.slots, self.index, self.done_counts()), changed)

    def action_finish(self) -> None:
        from backtui.screens.summary import SummaryScreen

        def finished(result: str | None) -> None:
            if result is None:
                self.part("#entry").focus()
                return
            self.part("#rest").stop_quietly()
            try:
                if self.sets:
                    self.store.finish_workout(self.workout.id, note=result or None)
                else:
                    self.store.discard_workout(self.workout.id)
            except StorageError as exc:
                self.app.storage_failed(str(exc))
                return
            self.dismiss_to_picker("Workout saved." if self.sets else "Empty workout discarded.")

        self.app.push_screen(SummaryScreen(self.workout, self.sets), finished)

    def dismiss_to_picker(self, message: str) -> None:
        from backtui.screens.picker import PickerScreen

        self.app.notify(message, timeout=4)
        while len(self.app.screen_stack) > 2 and not isinstance(self.app.screen_stack[-2], PickerScreen):
            self.app.pop_screen()
        if isinstance(self.app.screen_stack[-2], PickerScreen):
            self.app.pop_screen()
            self.app.screen.refresh_data()
        else:
            self.app.switch_screen(PickerScreen(offer_resume=False))
