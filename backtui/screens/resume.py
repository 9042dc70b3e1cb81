"""Offer to pick up a workout that was never finished (killed app, dropped SSH)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from backtui.core.views import Words
from backtui.widgets.words import lines_content

if TYPE_CHECKING:
    from backtui.core.lifecycle import OpenWorkout


class ResumeScreen(ModalScreen[str]):
    """Dismisses with "resume", "finish" or "later". The answer is checked against the
    file when it is given (screens/unfinished.py)."""

    BINDINGS = [
        Binding("enter,r", "choose('resume')", "Resume"),
        Binding("f", "choose('finish')", "Finish it"),
        Binding("escape,n", "choose('later')", "Not now"),
    ]

    def __init__(self, open_one: OpenWorkout, starting: str | None = None) -> None:
        """`starting`: the workout about to start, when this one must be settled first."""
        super().__init__()
        self.open_one = open_one
        self.starting = starting

    def compose(self) -> ComposeResult:
        from backtui.domain.timewords import local

        workout, count = self.open_one.workout, self.open_one.set_count
        started = local(workout.started_at)
        lines: list[Words] = [(
            (workout.routine_name or "Ad-hoc workout", "strong"),
            (f", started {started.format('ddd D MMM HH:mm')} ({started.diff_for_humans()}), "
             f"{count} set{'s' if count != 1 else ''} saved.", "plain"),
        )]
        if self.open_one.current:
            lines.append((("You were on: ", "plain"), (self.open_one.current, "strong")))
        with Vertical(id="resume-box"):
            yield Label("Unfinished workout", id="resume-title")
            yield Static(lines_content(lines))
            if self.starting is None:
                yield Label("[b]Enter[/b] resume · [b]f[/b] finish it as it is · [b]Esc[/b] not now", id="resume-help")
            else:
                # One open workout at a time: a new one would hide this one.
                yield Static(lines_content([(("Finish it before starting ", "plain"), (self.starting, "strong"),
                                             (", or resume it.", "plain"))]), id="resume-starting")
                yield Label("[b]Enter[/b] resume it · [b]f[/b] finish it and start · [b]Esc[/b] back",
                            id="resume-help")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
