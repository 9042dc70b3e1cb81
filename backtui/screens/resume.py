"""Offer to pick up a workout that was never finished (killed app, dropped SSH)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from backtui.domain.models import Workout
from backtui.widgets.line import markup


class ResumeScreen(ModalScreen[str]):
    """Dismisses with "resume", "finish" or "later"."""

    BINDINGS = [
        Binding("enter,r", "choose('resume')", "Resume"),
        Binding("f", "choose('finish')", "Finish it"),
        Binding("escape,n", "choose('later')", "Not now"),
    ]

    def __init__(self, workout: Workout, set_count: int, current: str | None, starting: str | None = None) -> None:
        """`starting`: the workout about to start, when this one must be settled first."""
        super().__init__()
        self.workout = workout
        self.set_count = set_count
        self.current = current
        self.starting = starting

    def compose(self) -> ComposeResult:
        from backtui.domain.timewords import local

        started = local(self.workout.started_at)
        name = self.workout.routine_name or "Ad-hoc workout"
        with Vertical(id="resume-box"):
            yield Label("Unfinished workout", id="resume-title")
            yield Static(markup(
                "[b]$name[/b], started $when ($ago), $count saved." + ("\nYou were on: [b]$current[/b]"
                                                                        if self.current else ""),
                name=name, when=started.format("ddd D MMM HH:mm"), ago=started.diff_for_humans(),
                count=f"{self.set_count} set{'s' if self.set_count != 1 else ''}", current=self.current or "",
            ))
            if self.starting is None:
                yield Label("[b]Enter[/b] resume · [b]f[/b] finish it as it is · [b]Esc[/b] not now", id="resume-help")
            else:
                # One open workout at a time: a new one would hide this one.
                yield Static(markup("Finish it before starting [b]$starting[/b], or resume it.",
                                    starting=self.starting), id="resume-starting")
                yield Label("[b]Enter[/b] resume it · [b]f[/b] finish it and start · [b]Esc[/b] back",
                            id="resume-help")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
