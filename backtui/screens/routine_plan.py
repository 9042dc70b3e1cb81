"""The plan before the first set: exercises in order with targets, variants to swap."""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from backtui.domain.formatting import format_rest
from backtui.domain.models import ROTATIONS, Routine
from backtui.domain.session import Slot, rotation_order, superset_members, superset_position, swap_variant
from backtui.domain.timewords import humanize
from backtui.screens.guard import storage_guarded
from backtui.screens.host import BacktuiHost
from backtui.widgets.inert import user_text
from backtui.widgets.line import markup
from backtui.widgets.quiet_footer import QuietFooter

ROLES = {"warmup": "warm-up", "stretch": "stretch", "work": ""}
RULE_TAGS = {"stall": "on stall", "session": "each session", "never": "fixed"}


class RoutinePlanScreen(Screen):
    app = getters.app(BacktuiHost)

    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("enter", "start", "Start workout", tooltip="Start the workout with this plan"),
        Binding("v", "swap", "Swap variant", tooltip="Use the next variant for the highlighted exercise"),
        Binding("p", "pin", "Pin", tooltip="Keep this variant in this routine instead of rotating (again: unpin)"),
        Binding("escape", "back", "Back"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, routine: Routine, slots: list[Slot], last_done: dict[str, str]) -> None:
        super().__init__()
        self.routine = routine
        self.slots = slots
        self.last_done = last_done
        self.pins: dict[str, str] = {}
        self.starting = False  # a start is in the database thread

    def pins_setting(self) -> dict:
        return self.app.open_store.get_setting("pins", {}) or {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="plan-description")
        yield DataTable(id="plan-table", cursor_type="row")
        yield Static(id="plan-detail")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.sub_title = self.routine.name
        self.pins = dict(self.pins_setting().get(self.routine.slug, {}))
        self.query_one("#plan-description", Static).update(markup("$text", text=self.routine.description))
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column("Exercise", key="exercise")
        table.add_column("Target", key="target")
        table.add_column("Rest", key="rest")
        table.add_column("", key="role")
        self.fill()
        table.focus()

    def fill(self, row: int = 0) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for i, slot in enumerate(self.slots):
            exercise = self.app.catalog.exercise(slot.exercise)
            pinned = self.pins.get(str(i)) == slot.exercise
            rotation = f" ↻ {RULE_TAGS.get(slot.rotate, '')}" if slot.group else ""
            name = Text.assemble(user_text(exercise.name), rotation, (" (pinned)" if pinned else "", "bold"))
            position = superset_position(self.slots, i)
            role = " ".join(filter(None, [ROLES[slot.role], f"superset {position[0]}" if position else ""]))
            table.add_row(str(i + 1), name, slot.target.describe(), format_rest(slot.rest), role, key=str(i))
        table.move_cursor(row=row)
        self.show_detail()

    @property
    def row(self) -> int:
        return self.query_one(DataTable).cursor_row

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        detail = self.query_one("#plan-detail", Static)
        if not self.slots:
            return
        slot = self.slots[self.row]
        lines = []
        if slot.note:
            lines.append(markup("[i]$note[/i]", note=slot.note))
        members = superset_members(self.slots, self.row)
        if members:
            names = " → ".join(self.app.catalog.exercise(self.slots[i].exercise).name for i in members)
            lines.append(markup("Superset $label: $names in turn, rest after each round.", label=slot.superset or "",
                                names=names))
        if slot.group:
            order = rotation_order(self.app.catalog.variants(slot.group), slot.default, self.last_done)
            variants = ", ".join(
                f"{self.app.catalog.exercise(s).name} ({'this time; ' if s == slot.exercise else ''}"
                f"{'done ' + humanize(self.last_done[s]) if self.last_done.get(s) else 'never done'})"
                for s in order
            )
            rule = ROTATIONS.get(slot.rotate, slot.rotate)
            lines.append(markup("↻ $rule; least recently done first: $variants. [b]v[/b] swaps, [b]p[/b] pins.",
                                rule=rule, variants=variants))
        lines.append(Content.from_markup("[dim]Enter starts the workout · Esc goes back[/]"))
        detail.update(Content("\n").join(lines))

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + delta)

    def action_swap(self) -> None:
        row = self.row
        slot = self.slots[row]
        if not slot.group:
            self.notify("This exercise has no variants in this routine.", timeout=3)
            return
        item = self.routine.items[row] if row < len(self.routine.items) else None
        self.slots = swap_variant(self.slots, row, self.app.catalog, self.last_done, item)
        self.fill(row)

    @storage_guarded
    def action_pin(self) -> None:
        """Pin the shown variant to this slot (rotation stops here), or unpin it."""
        row = self.row
        slot = self.slots[row]
        if not slot.group:
            self.notify("Only exercises marked ↻ rotate; there is nothing to pin.", timeout=3)
            return
        key = str(row)
        if self.pins.get(key) == slot.exercise:
            del self.pins[key]
            message = "Unpinned: this slot rotates again."
        else:
            self.pins[key] = slot.exercise
            message = f"Pinned {self.app.catalog.exercise(slot.exercise).name} to this slot."
        every = self.pins_setting()
        every[self.routine.slug] = self.pins
        self.app.open_store.set_setting("pins", every)
        self.notify(message, timeout=3)
        self.fill(row)

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Start, once any unfinished workout is resumed or finished. An Enter typed
        again before the start has come back is ignored: it would start the routine a
        second time and meet the first start's workout as an unfinished one."""
        from backtui.screens.unfinished import start_workout

        if self.starting:
            return
        self.starting = True
        start_workout(self, self.routine, self.slots, self.open_tracker, failed=self.start_ended)

    def start_ended(self) -> None:
        self.starting = False

    def on_screen_resume(self) -> None:
        self.start_ended()  # back from the unfinished-workout question: Enter starts again

    def open_tracker(self, begun) -> None:
        from backtui.screens.tracker import TrackerScreen

        self.app.switch_screen(TrackerScreen(begun))

    def action_back(self) -> None:
        self.app.pop_screen()
