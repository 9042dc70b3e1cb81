"""The routine picker: the first screen. Pick a routine, start ad hoc, or resume."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from backtui.domain.models import REGIONS, Routine, routine_minutes
from backtui.domain.timewords import humanize
from backtui.screens.first_show import first_show
from backtui.screens.guard import storage_guarded
from backtui.screens.host import BacktuiHost
from backtui.screens.messages import StorageReady
from backtui.widgets.inert import user_text
from backtui.widgets.line import markup
from backtui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from backtui.domain.models import Workout
    from backtui.storage.store import Store

SHORT_REGIONS = {"lats": "Lats", "upper_back": "Upper", "lower_back": "Lower", "neck_shoulders": "Shoulders", "core": "Core"}
SORTS = {"recent": "last done first", "mine": "your order"}
ROLE_MARKS = {"warmup": " (warm-up)", "stretch": " (stretch)", "work": ""}


NARROW = 72  # columns below which the table folds into two columns
FOLDED_WIDTH = 24  # the folded column: the regions wrap within it


class PickerScreen(Screen):
    app = getters.app(BacktuiHost)

    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("enter", "start", "Start", tooltip="Show the plan of the highlighted routine, then start"),
        Binding("slash", "filter", "Filter", tooltip="Filter routines by name"),
        Binding("a", "adhoc", "Ad-hoc", tooltip="Start a workout without a routine, adding exercises as you go"),
        Binding("r", "resume", "Resume", tooltip="Resume the unfinished workout"),
        Binding("o", "sort", "Sort", tooltip="Switch between last-done order and your own order"),
        Binding("n", "new_routine", "New", tooltip="Make a routine of your own"),
        Binding("c", "edit_routine", "Edit",
                tooltip="Edit your highlighted routine, or copy a shipped one to change it"),
        Binding("x", "delete_routine", "Delete", show=False, tooltip="Delete your highlighted routine"),
        Binding("p", "profiles", "Lifters", show=False, tooltip="Switch, add, rename or delete lifters"),
        Binding("h", "app.history", "History", show=False, tooltip="Workouts, progress, records, balance"),
        Binding("s", "app.settings", "Settings", show=False, tooltip="Unit, steps, plates, body weight, rest, theme"),
        Binding("K,shift+up", "move(-1)", "Move up", show=False, tooltip="Move the routine up in your order"),
        Binding("J,shift+down", "move(1)", "Move down", show=False, tooltip="Move the routine down in your order"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self, offer_resume: bool = True) -> None:
        super().__init__()
        # False after a workout was just finished: r still resumes another one.
        self.resume_on_open = offer_resume
        self.last_done: dict[str, str] = {}
        self.sort = "recent"
        self.order: list[str] = []
        self.unfinished: Workout | None = None
        self.ready_for: Store | None = None  # the store the screen last loaded from
        self.narrow = False  # two columns, folded, on a narrow terminal
        # Enter pressed on a routine painted from the catalog before the file was open
        # (a fast thumb on a slow link): its plan opens once the file is read.
        self.start_when_ready: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter routines by name (Enter to go to the list, Esc to clear)", id="filter")
        yield DataTable(id="routines", cursor_type="row", zebra_stripes=True)
        yield Static(id="routine-info")
        yield QuietFooter()

    @property
    def routines(self) -> dict[str, Routine]:
        return self.app.catalog.routines

    def on_mount(self) -> None:
        self.sub_title = "Pick a routine"
        self.query_one("#filter", Input).display = False
        table = self.query_one(DataTable)
        self.add_columns()
        self.fill_table()
        table.focus()
        if self.app.store is not None:
            self.post_message(StorageReady())

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        first_show(self, event)

    @on(StorageReady)
    def storage_ready(self) -> None:
        store = self.app.store
        # Posted by on_mount and by the app, whichever sees the store first: once per store.
        if store is None or store is self.ready_for:
            return
        self.ready_for = store
        self.sort = store.get_setting("picker_sort", "recent")
        self.order = store.get_setting("routine_order", []) or []
        if self.app.start_routine:
            wanted, self.app.start_routine = self.app.start_routine, None
            routine = self.routines.get(wanted)
            if routine is None:
                self.notify(f"{self.app.lifter.name} has no routine {wanted!r}.", severity="warning")
            elif self.app.start_now:
                self.start_workout(routine, None)
                return
            else:
                self.refresh_data(top=True)
                self.show_plan(routine)  # the plan first: variants can be swapped before the first set
                return
        # The last done routine goes on top, unless the lifter already moved the cursor
        # while the file opened: then their routine stays highlighted (Enter starts it).
        self.refresh_data(top=self.query_one(DataTable).cursor_row == 0 and self.start_when_ready is None)
        early, self.start_when_ready = self.start_when_ready, None
        if self.resume_on_open:
            self.offer_resume()
        if early in self.routines and self.unfinished is None:
            # (a workout left open comes first: the early Enter does not answer its question)
            self.show_plan(self.routines[early])

    def refresh_data(self, top: bool = False) -> None:
        """Reload what the database knows; `top` puts the cursor on the first row."""
        self.last_done = self.app.open_store.routine_last_done()
        self.unfinished = self.app.open_store.unfinished_workout()
        self.fill_table(keep=self.first_slug() if top else None)
        self.refresh_bindings()

    def offer_resume(self) -> None:
        from backtui.screens.unfinished import offer_resume

        offer_resume(self, self.open_tracker, finished=self.refresh_data)

    # -- the table -------------------------------------------------------
    def add_columns(self) -> None:
        """Four columns, or on a narrow terminal (a phone) two, the minutes and the
        last time folded under the regions: nothing is cut off at the right."""
        table = self.query_one(DataTable)
        self.narrow = self.app.size.width < NARROW
        table.clear(columns=True)
        table.add_column("Routine", key="name")
        if self.narrow:
            table.add_column("Regions · min · last", key="regions", width=FOLDED_WIDTH)
        else:
            table.add_column("Regions", key="regions")
            table.add_column("Min", key="minutes")
            table.add_column("Last done", key="last")

    def on_resize(self) -> None:
        if self.is_mounted and (self.app.size.width < NARROW) != self.narrow:
            self.add_columns()
            self.fill_table()

    def ordered(self) -> list[Routine]:
        routines = list(self.routines.values())
        if self.sort == "mine":
            rank = {slug: i for i, slug in enumerate(self.order)}
            return sorted(routines, key=lambda r: (rank.get(r.slug, len(rank)), r.name))
        # Last done first; never-done ones after, in catalog order.
        done = sorted((r for r in routines if r.slug in self.last_done), key=lambda r: self.last_done[r.slug])
        return [*reversed(done), *(r for r in routines if r.slug not in self.last_done)]

    def fill_table(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        keep = keep or self.highlighted_slug()
        text = self.query_one("#filter", Input).value.strip().lower()
        table.clear()
        catalog = self.app.catalog
        for routine in self.ordered():
            if text and text not in routine.name.lower() and text not in routine.slug:
                continue
            work = [catalog.exercise(i.exercise) for i in routine.items if i.role == "work"]
            regions = sorted({e.region for e in work}, key=list(REGIONS).index)
            minutes = routine_minutes(routine, catalog.exercises)
            # Rich Text: DataTable sizes its columns by it (and shows it as typed).
            name = user_text(routine.name) if routine.shipped else Text.assemble(user_text(routine.name), ("  yours", "bold"))
            where, last = ", ".join(SHORT_REGIONS.get(r, r) for r in regions), humanize(self.last_done.get(routine.slug))
            if self.narrow:
                table.add_row(name, f"{where}\n~{minutes} min · {last}", key=routine.slug, height=None)  # wraps
            else:
                table.add_row(name, where, f"~{minutes}", last, key=routine.slug)
        if keep and keep in [key.value for key in table.rows]:
            table.move_cursor(row=table.get_row_index(keep))
        self.show_info()

    def first_slug(self) -> str | None:
        ordered = self.ordered()
        return ordered[0].slug if ordered else None

    def highlighted_slug(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        slug = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        # After a lifter switch the table can still hold the last lifter's rows.
        return slug if slug in self.routines else None

    @on(DataTable.RowHighlighted)
    def show_info(self) -> None:
        info = self.query_one("#routine-info", Static)
        slug = self.highlighted_slug()
        if slug is None:
            info.update("No routine matches the filter." if self.routines else "")
            return
        routine = self.routines[slug]
        names = []
        for item in routine.items:
            exercise = self.app.catalog.exercise(item.exercise)
            rotating = " ↻" if item.group else ""
            names.append(f"{exercise.name}{ROLE_MARKS[item.role]}{rotating}")
        info.update(markup(
            "$description\n\n[b]$count exercises:[/b] $names\n[dim]sorted by $sort (o)[/]",
            description=routine.description, count=str(len(names)), names=" · ".join(names), sort=SORTS[self.sort],
        ))

    # -- actions ---------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + delta)

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        slug = self.highlighted_slug()
        if slug is not None and self.app.store is None:
            self.start_when_ready = slug
        elif slug is not None:
            self.show_plan(self.routines[slug])

    def show_plan(self, routine: Routine) -> None:
        from backtui.screens.routine_plan import RoutinePlanScreen

        last = self.exercise_last_done(routine)
        from backtui.core.lifecycle import routine_plan
        from backtui.storage.workouts import SqliteWorkouts

        slots = routine_plan(SqliteWorkouts(self.app.open_store), self.app.catalog, routine)
        self.app.push_screen(RoutinePlanScreen(routine, slots, last))

    def pins(self, routine: Routine) -> dict[str, str]:
        """Variants the lifter pinned to this routine's slots (p on the plan)."""
        return (self.app.open_store.get_setting("pins", {}) or {}).get(routine.slug, {})

    def exercise_last_done(self, routine: Routine) -> dict[str, str]:
        slugs = {e.slug for i in routine.items if i.group for e in self.app.catalog.variants(i.group)}
        return self.app.open_store.exercise_last_done(sorted(slugs))

    def start_workout(self, routine: Routine | None, slots: list | None) -> None:
        """Start (slots None: planned now), once any unfinished workout is resumed or finished."""
        from backtui.screens.unfinished import start_workout

        start_workout(self, routine, slots, self.open_tracker, back=self.refresh_data)

    def open_tracker(self, begun) -> None:
        from backtui.screens.tracker import TrackerScreen

        self.app.push_screen(TrackerScreen(begun))

    def action_adhoc(self) -> None:
        from backtui.domain.session import slot_for
        from backtui.screens.exercise_search import ExerciseSearchScreen

        def chosen(slug: str | None) -> None:
            if slug and self.app.store is not None:
                self.start_workout(None, [slot_for(self.app.catalog.exercise(slug))])

        self.app.push_screen(ExerciseSearchScreen("Ad-hoc workout: first exercise"), chosen)

    def action_resume(self) -> None:
        self.offer_resume()

    @storage_guarded
    def action_sort(self) -> None:
        self.sort = "mine" if self.sort == "recent" else "recent"
        if self.app.store is not None:
            self.app.store.set_setting("picker_sort", self.sort)
        self.fill_table()
        self.notify(f"Routines sorted by {SORTS[self.sort]}.", timeout=3)

    @storage_guarded
    def action_move(self, delta: int) -> None:
        slug = self.highlighted_slug()
        if slug is None or self.app.store is None:
            return
        if self.sort != "mine":
            self.sort = "mine"
            self.app.store.set_setting("picker_sort", self.sort)
        order = [r.slug for r in self.ordered()]
        index = order.index(slug)
        target = max(0, min(len(order) - 1, index + delta))
        order.insert(target, order.pop(index))
        self.order = order
        self.app.store.set_setting("routine_order", order)
        self.fill_table(keep=slug)

    def action_new_routine(self) -> None:
        if self.app.store is not None:
            from backtui.screens.routine_editor import RoutineEditorScreen

            self.app.push_screen(RoutineEditorScreen(), self.routine_saved)

    def action_edit_routine(self) -> None:
        slug = self.highlighted_slug()
        if slug is not None and self.app.store is not None:
            from backtui.screens.routine_editor import RoutineEditorScreen

            self.app.push_screen(RoutineEditorScreen(self.routines[slug]), self.routine_saved)

    def routine_saved(self, slug: str | None) -> None:
        if slug is not None:
            self.fill_table(keep=slug)

    def action_delete_routine(self) -> None:
        from backtui.screens.confirm import ConfirmScreen

        slug = self.highlighted_slug()
        if slug is None or self.app.store is None:
            return
        routine = self.routines[slug]
        if routine.shipped:
            self.notify("Shipped routines stay; c makes a copy of your own to change.", timeout=4)
            return

        def answered(yes: bool | None) -> None:
            from backtui.storage.routines import delete_user_routine

            if yes:
                delete_user_routine(self.app.open_store, slug)
                self.app.reload_catalog()
                self.fill_table()
                self.notify(f"Deleted {routine.name}; its past workouts stay in your history.", timeout=4)

        question = markup("Delete your routine [b]$name[/b]? Workouts done with it stay in your history.",
                          name=routine.name)
        self.app.push_screen(ConfirmScreen("Delete routine?", question), answered)

    def action_profiles(self) -> None:
        if self.app.store is not None and not self.app.lifters_locked():
            from backtui.screens.profiles import ProfilesScreen

            self.app.push_screen(ProfilesScreen())

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.fill_table()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        field.display = False
        self.query_one(DataTable).focus()
        self.fill_table()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "resume":
            return self.unfinished is not None
        if action == "delete_routine":
            slug = self.highlighted_slug() if self.is_mounted else None
            routine = self.routines.get(slug) if slug else None  # the table may still show another lifter's
            return routine is not None and not routine.shipped
        return True
