"""The whole workout in a list: jump to, reorder, skip, add or remove exercises.

Each key is a command of the live workout, run through the tracker (so both screens
show its outcome) and saved with the plan at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from backtui.core.views import Outcome, WorkoutView
from backtui.screens.host import BacktuiHost
from backtui.widgets.plan_list import slot_line
from backtui.widgets.quiet_footer import QuietFooter
from backtui.widgets.words import words_content

if TYPE_CHECKING:
    from backtui.core.workout import LiveWorkout

Run = Callable[[Callable[["LiveWorkout"], Outcome], Callable[[Outcome], object]], None]


class WorkoutPlanScreen(ModalScreen[None]):
    app = getters.app(BacktuiHost)

    BINDINGS = [
        Binding("enter", "jump", "Go to"),
        Binding("shift+up,K", "move(-1)", "Move up"),
        Binding("shift+down,J", "move(1)", "Move down"),
        Binding("s", "skip", "Skip/unskip"),
        Binding("a", "add", "Add"),
        Binding("x", "remove", "Remove"),
        Binding("escape", "close", "Close"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, view: WorkoutView, run: Run) -> None:
        """`run(command, then)`: the tracker runs a command of the live workout."""
        super().__init__()
        self.view = view
        self.run_command = run

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-box"):
            yield Label("Workout plan", id="plan-title")
            yield OptionList(id="plan-options")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.redraw(self.view, self.view.index)
        self.query_one(OptionList).focus()

    def redraw(self, view: WorkoutView, highlight: int) -> None:
        self.view = view
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(slot_line(line)) for line in view.plan])
        if view.plan:
            options.highlighted = max(0, min(highlight, len(view.plan) - 1))

    @property
    def cursor(self) -> int:
        return self.query_one(OptionList).highlighted or 0

    def command(self, command: Callable[[LiveWorkout], Outcome], highlight: int) -> None:
        def shown(outcome: Outcome) -> None:
            if self.is_attached:
                self.redraw(outcome.view, highlight)
                if outcome.message:
                    self.notify(words_content(outcome.message).plain, severity="warning")

        self.run_command(command, shown)

    def action_cursor(self, delta: int) -> None:
        if self.view.plan:
            self.query_one(OptionList).highlighted = max(0, min(len(self.view.plan) - 1, self.cursor + delta))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        if self.view.plan:
            position = self.cursor
            self.run_command(lambda live: live.jump(position), lambda _outcome: None)
            self.dismiss(None)

    def action_move(self, delta: int) -> None:
        position, target = self.cursor, max(0, min(len(self.view.plan) - 1, self.cursor + delta))
        self.command(lambda live: live.reorder(position, delta), target)

    def action_skip(self) -> None:
        position = self.cursor
        self.command(lambda live: live.toggle_skipped(position), position)

    def action_remove(self) -> None:
        position = self.cursor
        self.command(lambda live: live.remove(position), position)

    def action_add(self) -> None:
        from backtui.screens.exercise_search import ExerciseSearchScreen

        def added(slug: str | None) -> None:
            catalog = self.app.catalog
            if slug:
                position = self.cursor + 1 if self.view.plan else 0
                self.command(lambda live: live.add(slug, catalog, at=position), position)

        self.app.push_screen(ExerciseSearchScreen("Add an exercise"), added)

    def action_close(self) -> None:
        self.dismiss(None)
