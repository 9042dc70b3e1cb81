"""Tracker keys that move through or change the workout: next, previous, skip, add,
plan (reorder, skip, jump), finish."""

from __future__ import annotations

from textual.widgets import Input

from backtui.domain.session import Slot, insert_slot, next_open, set_skipped, slot_for
from backtui.screens.guard import storage_guarded
from backtui.storage.errors import StorageError


class PlanActionsMixin:
    """Mixed into TrackerScreen."""

    def start_pending(self) -> None:
        """The store is open (`--routine`): settle an unfinished workout first, if any."""
        from backtui.screens.unfinished import settle_unfinished

        settle_unfinished(self.app, self.routine.name, self.begin_pending, resume=self.switch_to_workout,
                          back=lambda: self.dismiss_to_picker("Not started: the unfinished workout is still open."))

    def switch_to_workout(self, workout, slots: list, index: int) -> None:
        from backtui.screens.tracker import TrackerScreen

        # A line typed while the file opened comes along.
        self.app.switch_screen(TrackerScreen(workout, slots, index, typed=self.part("#entry").value))

    @storage_guarded
    def begin_pending(self) -> None:
        """Plan with rotation and pins, start the workout, show it all."""
        from backtui.domain.session import plan_routine

        routine, catalog, store = self.routine, self.app.catalog, self.store
        variants = sorted({e.slug for i in routine.items if i.group for e in catalog.variants(i.group)})
        pins = (store.get_setting("pins", {}) or {}).get(routine.slug, {})
        self.slots = plan_routine(routine, catalog, store.exercise_last_done(variants), pins)
        self.workout = store.start_workout(routine.slug, routine.name, [s.to_json() for s in self.slots])
        self.load_settings()
        self.show_exercise()
        self.call_after_refresh(self.warm_up)
        if self.submit_when_ready:
            self.submit_when_ready = False
            entry = self.part("#entry")
            self.entry_submitted(Input.Submitted(entry, entry.value))

    def go_to(self, index: int) -> None:
        if not self.slots:
            return
        self.cancel_edit()
        self.index = max(0, min(index, len(self.slots) - 1))
        self.part("#hold").stop_quietly()
        self.save_plan()
        self.clear_error()
        self.show_exercise()
        self.call_after_refresh(self.warm_up)  # this exercise's bests, before its first set

    def save_plan(self) -> None:
        try:
            self.store.save_plan(self.workout.id, [s.to_json() for s in self.slots], self.index)
        except StorageError as exc:
            self.app.storage_failed(str(exc))

    def action_next_exercise(self) -> None:
        target = next_open(self.slots, self.index, +1)
        if target is None:
            self.show_status("last exercise: ctrl+f finishes the workout")
            return
        self.go_to(target)

    def action_previous_exercise(self) -> None:
        target = next_open(self.slots, self.index, -1)
        if target is not None:
            self.go_to(target)

    def action_skip_exercise(self) -> None:
        if not self.slots:
            return
        self.slots = set_skipped(self.slots, self.index, True)
        target = next_open(self.slots, self.index, +1)
        self.go_to(target if target is not None else self.index)
        # On the status line, not a notice: a notice would cover "saved" for seconds.
        self.show_status("skipped: ctrl+l shows the plan to bring it back")

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
        typed = self.part("#entry").value.strip()
        if typed and self.editing is None:
            # Never finish over a set that was typed but not logged.
            self.show_error(f"'{typed}' is not logged yet: Enter logs it, Esc clears it, then ctrl+f")
            return
        self.finish()

    def finish(self) -> None:
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
