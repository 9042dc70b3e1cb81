"""The routine editor: make a routine of your own, or change one (a shipped routine
is copied first). Keyboard first: the list of exercises has the keys, Tab moves
between the name, the description and the list, ctrl+s saves."""

from __future__ import annotations

from rich.cells import cell_len
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from backtui.domain.formatting import format_rest
from backtui.domain.inert import visible_line
from backtui.domain.models import Routine, RoutineItem
from backtui.domain.routine_edit import (
    DESCRIPTION_MAX,
    NAME_MAX,
    EditError,
    block,
    check_routine,
    clean_text,
    copy_name,
    link_with_next,
    move_item,
    remove_item,
)
from backtui.screens.host import BacktuiHost
from backtui.widgets.inert import UserInput, markup_escaped, user_text
from backtui.widgets.quiet_footer import QuietFooter

ROLE_WORDS = {"warmup": "warm-up", "stretch": "stretch", "work": ""}


class RoutineEditorScreen(Screen[str | None]):
    """Dismisses with the saved routine's slug, or None when left without saving."""

    app = getters.app(BacktuiHost)

    CSS_PATH = "routine_editor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Check and save the routine"),
        Binding("a", "add", "Add", tooltip="Add an exercise after the highlighted one (fuzzy search)"),
        Binding("enter", "edit_item", "Edit", tooltip="Sets, reps or seconds, rest, role, rotation, ramp, note"),
        Binding("x,delete", "remove", "Remove", tooltip="Remove the highlighted exercise"),
        Binding("K,shift+up", "move(-1)", "Up", tooltip="Move the highlighted exercise up"),
        Binding("J,shift+down", "move(1)", "Down", tooltip="Move the highlighted exercise down"),
        Binding("g", "superset", "Superset", tooltip="Join the highlighted exercise and the next into a "
                "superset (done in turn, rest after the round); again splits them"),
        Binding("e", "new_exercise", "New exercise", show=False, tooltip="Make an exercise of your own"),
        Binding("escape", "leave", "Back", tooltip="Leave the editor (asks again if there are unsaved changes)"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, routine: Routine | None = None) -> None:
        """No routine: a new one. A shipped routine: a copy to change. Yours: edit it."""
        super().__init__()
        self.source = routine
        self.slug = routine.slug if routine is not None and not routine.shipped else None
        self.items: list[RoutineItem] = list(routine.items) if routine else []
        self.saved_state: tuple | None = None  # what is on disk, to tell unsaved changes
        self.leaving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="editor-row"):
            yield Label("Name", classes="editor-label")
            yield UserInput(id="routine-name", max_length=NAME_MAX, compact=True, placeholder="e.g. Tuesday pull")
        with Horizontal(classes="editor-row"):
            yield Label("Description", classes="editor-label")
            yield UserInput(id="routine-description", max_length=DESCRIPTION_MAX, compact=True,
                        placeholder="what it is for (optional)")
        yield DataTable(id="routine-items", cursor_type="row", zebra_stripes=True)
        yield Static(id="editor-detail")
        yield Static(id="editor-message")
        yield QuietFooter()

    def on_mount(self) -> None:
        source = self.source
        name, description = self.query_one("#routine-name", Input), self.query_one("#routine-description", Input)
        if source is None:
            self.sub_title = "New routine"
        elif source.shipped:
            self.sub_title = f"Copy of {source.name}"
            name.value = copy_name(source.name, self.app.catalog.routines)
            self.say("Shipped routines stay as they are: this copy becomes yours when you save (ctrl+s).")
        else:
            self.sub_title = f"Edit {source.name}"
            name.value = source.name
        description.value = source.description if source else ""
        if self.slug is not None:
            self.saved_state = self.state()
        table = self.query_one(DataTable)
        for label, key in (("#", "n"), ("Exercise", "exercise"), ("Target", "target"), ("Rest", "rest"),
                           ("Role", "role"), ("Superset", "superset"), ("↻", "rotation"), ("Ramp", "ramp")):
            table.add_column(label, key=key)
        self.fill()
        (table if source is not None and not source.shipped else name).focus()

    # -- showing ----------------------------------------------------------
    def fill(self, row: int | None = None) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row if row is None else row
        table.clear()
        catalog = self.app.catalog
        rows = []
        for i, item in enumerate(self.items):
            exercise = catalog.exercise(item.exercise)
            target = item.target_for(exercise)
            members = block(self.items, i)
            superset = f"{item.superset}{i - members.start + 1}" if item.superset else ""
            ramp = {None: "", True: "on", False: "off"}[item.ramp]
            rows.append([str(i + 1), exercise.name, target.describe(), format_rest(target.rest), ROLE_WORDS[item.role],
                         superset, "↻" if item.group else "", ramp])
        # Widen columns before the rows arrive: DataTable measures them later, and a
        # row painted in between would keep its cut-off look.
        for column, column_cells in zip(table.ordered_columns, zip(*rows)):
            column.content_width = max(column.content_width, *(cell_len(visible_line(c)) for c in column_cells))
        for i, cells in enumerate(rows):
            table.add_row(*(user_text(c) for c in cells), key=str(i))
        if self.items:
            table.move_cursor(row=max(0, min(row, len(self.items) - 1)))
        self.show_detail()

    @property
    def row(self) -> int:
        return self.query_one(DataTable).cursor_row

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        detail = self.query_one("#editor-detail", Static)
        if not self.items:
            detail.update("No exercises yet: [b]a[/b] adds one (Tab reaches this list).")
            return
        item = self.items[min(self.row, len(self.items) - 1)]
        lines = []
        if item.note:
            lines.append(f"Note: [i]{markup_escaped(item.note)}[/i]")
        if item.superset:
            members = block(self.items, self.row)
            names = " → ".join(markup_escaped(self.app.catalog.exercise(self.items[i].exercise).name) for i in members)
            lines.append(f"Superset {markup_escaped(item.superset)}: {names}, in turn; the rest after each round is the "
                         "last one's.")
        if item.group:
            variants = self.app.catalog.variants(item.group)
            lines.append("↻ rotates: " + ", ".join(markup_escaped(v.name) for v in variants))
        detail.update("\n".join(lines) or "[dim]Enter edits sets, reps, rest, role, rotation, ramp and note.[/]")

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#editor-message", Static)
        message.update(f"[$error]{text}[/]" if error else text)

    def state(self) -> tuple:
        return (self.query_one("#routine-name", Input).value, self.query_one("#routine-description", Input).value,
                tuple(self.items))

    def changed_items(self, items: list[RoutineItem], row: int, message: str = "") -> None:
        self.items = items
        self.leaving = False
        self.fill(row)
        self.say(message)

    @on(Input.Submitted)
    def text_done(self) -> None:
        self.app.action_focus_next()

    # -- actions ------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + delta)

    def action_add(self) -> None:
        from backtui.screens.exercise_search import ExerciseSearchScreen

        def chosen(slug: str | None) -> None:
            if slug is None:
                return
            exercise = self.app.catalog.exercise(slug)
            role = "stretch" if exercise.pattern == "stretch" else "work"
            position = self.row + 1 if self.items else 0
            # A new item never lands inside a superset by accident.
            if self.items and self.items[self.row].superset:
                position = block(self.items, self.row).stop
            items = list(self.items)
            items.insert(position, RoutineItem(exercise=slug, role=role))
            self.changed_items(items, position, f"Added {markup_escaped(exercise.name)}: Enter sets its target.")

        self.app.push_screen(ExerciseSearchScreen("Add an exercise"), chosen)

    def action_new_exercise(self) -> None:
        from backtui.screens.custom_exercise import CustomExerciseScreen

        def made(slug: str | None) -> None:
            if slug is not None:
                position = block(self.items, self.row).stop if self.items else 0
                items = list(self.items)
                items.insert(position, RoutineItem(exercise=slug))
                self.changed_items(items, position, "Added your new exercise.")

        self.app.push_screen(CustomExerciseScreen(), made)

    def action_edit_item(self) -> None:
        from backtui.screens.routine_item import RoutineItemScreen

        if not self.items:
            self.action_add()
            return
        row = self.row

        def edited(item: RoutineItem | None) -> None:
            if item is not None and item != self.items[row]:
                items = list(self.items)
                items[row] = item
                self.changed_items(items, row)
            self.query_one(DataTable).focus()

        self.app.push_screen(RoutineItemScreen(self.items[row]), edited)

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_edit_item()

    def action_remove(self) -> None:
        if self.items:
            name = self.app.catalog.exercise(self.items[self.row].exercise).name
            self.changed_items(remove_item(self.items, self.row), self.row, f"Removed {markup_escaped(name)}.")

    def action_move(self, delta: int) -> None:
        if self.items:
            was_in = bool(self.items[self.row].superset)
            items, row = move_item(self.items, self.row, delta)
            left = was_in and not items[row].superset
            self.changed_items(items, row, "Left the superset; move again to move it." if left else "")

    def action_superset(self) -> None:
        if not self.items:
            return
        try:
            items, message = link_with_next(self.items, self.row)
        except EditError as exc:
            self.say(markup_escaped(str(exc)), error=True)
            return
        self.changed_items(items, self.row, message)

    def action_save(self) -> None:
        from backtui.domain.routine_edit import routine_slug
        from backtui.storage.errors import StorageError
        from backtui.storage.history import routines_done
        from backtui.storage.routines import save_user_routine

        app = self.app
        try:
            name = clean_text(self.query_one("#routine-name", Input).value, "the name", NAME_MAX, required=True)
            description = clean_text(self.query_one("#routine-description", Input).value, "the description",
                                     DESCRIPTION_MAX)
            slug = self.slug or routine_slug(
                name, set(app.catalog.routines) | set(app.shipped_catalog.routines) | set(routines_done(app.open_store)))
            routine = check_routine(Routine(slug, name, description, tuple(self.items), shipped=False),
                                    app.catalog.exercises, app.catalog.routines)
            save_user_routine(app.open_store, routine)
        except (EditError, StorageError) as exc:
            self.say(f"Not saved: {markup_escaped(str(exc))}", error=True)
            return
        app.reload_catalog()
        app.notify(f"Saved {routine.name}: it is on your routine list.", timeout=4)
        self.dismiss(slug)

    def action_leave(self) -> None:
        changed = self.state() != self.saved_state and (self.items or self.saved_state is not None)
        if changed and not self.leaving:
            self.leaving = True
            self.say("[b]Unsaved changes[/b]: Esc again leaves without saving, ctrl+s saves.")
            return
        self.dismiss(None)
