"""The whole workout in a list: jump to, reorder, skip, add or remove exercises."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from backtui.domain.session import (
    Slot,
    insert_slot,
    move_slot,
    remove_slot,
    set_skipped,
    slot_for,
    superset_position,
)
from backtui.screens.host import BacktuiHost
from backtui.widgets.plan_list import slot_line
from backtui.widgets.quiet_footer import QuietFooter


class WorkoutPlanScreen(ModalScreen[tuple[list[Slot], int] | None]):
    """Returns (slots, index to go to), or None when nothing changed."""

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

    def __init__(self, slots: list[Slot], index: int, done: dict[str, int]) -> None:
        super().__init__()
        self.slots = list(slots)
        self.current = index
        self.done = done
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-box"):
            yield Label("Workout plan", id="plan-title")
            yield OptionList(id="plan-options")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.redraw(self.current)
        self.query_one(OptionList).focus()

    def redraw(self, highlight: int) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for i, slot in enumerate(self.slots):
            exercise = self.app.catalog.exercises.get(slot.exercise)
            done = self.done.get(slot.exercise, 0)
            options.add_option(Option(slot_line(slot, exercise, done, i == self.current,
                                                superset_position(self.slots, i))))
        if self.slots:
            options.highlighted = max(0, min(highlight, len(self.slots) - 1))

    @property
    def cursor(self) -> int:
        return self.query_one(OptionList).highlighted or 0

    def action_cursor(self, delta: int) -> None:
        if self.slots:
            self.query_one(OptionList).highlighted = max(0, min(len(self.slots) - 1, self.cursor + delta))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        if self.slots:
            index = self.cursor
            if self.slots[index].skipped:
                self.slots = set_skipped(self.slots, index, False)
            self.dismiss((self.slots, index))

    def action_move(self, delta: int) -> None:
        index = self.cursor
        self.slots, new_index = move_slot(self.slots, index, delta)
        if new_index != index:
            if self.current == index:
                self.current = new_index
            elif self.current == new_index:
                self.current = index
            self.changed = True
        self.redraw(new_index)

    def action_skip(self) -> None:
        if self.slots:
            index = self.cursor
            self.slots = set_skipped(self.slots, index, not self.slots[index].skipped)
            self.changed = True
            self.redraw(index)

    def action_remove(self) -> None:
        if not self.slots:
            return
        index = self.cursor
        if self.slots[index].exercise in self.done:
            self.notify("Sets are logged for it: skip it instead (s), or delete its sets first.", severity="warning")
            return
        self.slots = remove_slot(self.slots, index)
        if self.current > index or self.current >= len(self.slots):
            self.current = max(0, self.current - 1)
        self.changed = True
        self.redraw(index)

    def action_add(self) -> None:
        from backtui.screens.exercise_search import ExerciseSearchScreen

        def added(slug: str | None) -> None:
            if slug:
                position = self.cursor + 1 if self.slots else 0
                self.slots = insert_slot(self.slots, position, slot_for(self.app.catalog.exercise(slug)))
                if self.current >= position and len(self.slots) > 1:
                    self.current += 1
                self.changed = True
                self.redraw(position)

        self.app.push_screen(ExerciseSearchScreen("Add an exercise"), added)

    def action_close(self) -> None:
        self.dismiss((self.slots, self.current) if self.changed else None)
