# The mixin's self.entry, self.view, self.live, self.show_error, self.show_status and
# self.attach are TrackerScreen's: mypy cannot see them from here.
# mypy: disable-error-code="attr-defined"
"""The tracker's ways out of a workout, kept out of screens/tracker.py (at its size
limit): ctrl+f finishes it (never over a line typed but not logged), and a workout
that ended in another backtui or `backtui log` offers a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from backtui.widgets.countdown import Countdown

if TYPE_CHECKING:
    from backtui.core.lifecycle import Begun
    from backtui.core.views import WorkoutView


class Ending(Screen):
    def action_finish(self) -> None:
        typed = self.entry.value.strip()
        if typed and (self.view is None or self.view.editing is None):
            # Never finish over a set that was typed but not logged.
            self.show_error(f"'{typed}' is not logged yet: Enter logs it, Esc clears it, then ctrl+f")
        elif self.live is not None:
            from backtui.screens.unfinished import finish

            finish(self, self.live, keep_going=self.entry.focus,
                   closing=self.query_one("#rest", Countdown).stop_quietly)

    def offer_new_workout(self, view: WorkoutView) -> None:
        """The workout ended elsewhere: a new one (the line typed stays), or back."""
        from backtui.screens.unfinished import offer_new_workout

        def again(begun: Begun) -> None:
            self.attach(begun)
            kept = " · your line is still here: Enter logs it" if self.entry.value.strip() else ""
            self.show_status(((f"a new workout, with the same plan{kept}", "plain"),))

        if self.live is not None:
            offer_new_workout(self, self.live, view.ended_at or "", again)
