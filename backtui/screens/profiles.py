"""Lifters sharing this database: switch, add, rename, delete (typing the name)."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from backtui.domain.profiles import DEFAULT_PROFILE_ID, Profile, ProfileError, check_profile_name, describe_counts
from backtui.screens.host import BacktuiHost
from backtui.storage.errors import StorageError
from backtui.widgets.inert import user_markup, user_text
from backtui.widgets.quiet_footer import QuietFooter


class ProfilesScreen(Screen):
    app = getters.app(BacktuiHost)

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("enter", "switch", "Switch to", tooltip="Train as the highlighted lifter"),
        Binding("a", "add", "Add", tooltip="Add a lifter"),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted lifter"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted lifter and all of their data"),
        Binding("escape", "back", "Back"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.profiles: list[Profile] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="profiles-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="profiles-help")
        yield QuietFooter()

    def on_mount(self) -> None:
        if self.app.lifters_locked():  # --lock-profile: this list is not for this session
            self.call_later(self.app.pop_screen)
            return
        self.sub_title = "Lifters"
        table = self.query_one(DataTable)
        for label, key in (("Lifter", "name"), ("Workouts", "workouts"), ("Sets", "sets"),
                           ("Routines", "routines"), ("", "mark")):
            table.add_column(label, key=key)
        self.fill()
        table.focus()
        self.query_one("#profiles-help", Static).update(
            "[b]Enter[/b] trains as the highlighted lifter. Each lifter has their own workouts, settings "
            "and routines; nobody sees another's.\n"
            "[dim]From the shell: backtui --profile NAME, backtui profile list|add|rename|delete[/]")

    @property
    def conn(self):
        return self.app.db.conn

    def fill(self, keep: int | None = None) -> None:
        from backtui.storage.profiles import list_profiles, profile_counts

        table = self.query_one(DataTable)
        keep = keep if keep is not None else self.app.lifter.id
        table.clear()
        self.profiles = list_profiles(self.conn)
        for profile in self.profiles:
            counts = profile_counts(self.conn, profile.id)
            marks = [m for m, on_ in (("training now", profile.id == self.app.lifter.id),
                                      ("default", profile.id == DEFAULT_PROFILE_ID)) if on_]
            table.add_row(user_text(profile.name), str(counts["workouts"]), str(counts["sets"]),
                          str(counts["routines"]), ", ".join(marks), key=str(profile.id))
        index = next((i for i, p in enumerate(self.profiles) if p.id == keep), 0)
        table.move_cursor(row=index)

    @property
    def highlighted(self) -> Profile | None:
        table = self.query_one(DataTable)
        if not self.profiles:
            return None
        return self.profiles[min(table.cursor_row, len(self.profiles) - 1)]

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + delta)

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_switch()

    def action_switch(self) -> None:
        profile = self.highlighted
        if profile is None:
            return
        if profile.id == self.app.lifter.id:
            self.app.pop_screen()
            return
        if self.app.store is not None and self.app.store.unfinished_workout() is not None:
            self.notify(f"{self.app.lifter.name}'s workout is unfinished: it will be offered for resume "
                        "when they come back.", timeout=5)
        self.app.switch_profile(profile)
        self.app.notify(f"Training as {profile.name}.", timeout=3)

    def action_add(self) -> None:
        from backtui.screens.name_prompt import NamePromptScreen
        from backtui.storage.profiles import add_profile

        def check(text: str) -> str:
            return check_profile_name(text, [p.name for p in self.profiles])

        def added(name: str | None) -> None:
            if name is None:
                return
            try:
                made = add_profile(self.conn, name)
            except (ProfileError, StorageError) as exc:
                self.notify(str(exc), severity="error")
                return
            self.app.show_lifter()
            self.fill(made.id)
            self.notify(f"Added {made.name}: Enter switches to them.", timeout=4)

        self.app.push_screen(NamePromptScreen("New lifter's name", check), added)

    def action_rename(self) -> None:
        from backtui.screens.name_prompt import NamePromptScreen
        from backtui.storage.profiles import rename_profile

        profile = self.highlighted
        if profile is None:
            return

        def check(text: str) -> str:
            return check_profile_name(text, [p.name for p in self.profiles if p.id != profile.id])

        def renamed(name: str | None) -> None:
            if name is None:
                return
            try:
                done = rename_profile(self.conn, profile.name, name)
            except (ProfileError, StorageError) as exc:
                self.notify(str(exc), severity="error")
                return
            if done.id == self.app.lifter.id:
                self.app.profile = done
            self.app.show_lifter()
            self.fill(done.id)

        self.app.push_screen(NamePromptScreen(f"Rename {profile.name}", check, profile.name), renamed)

    def action_delete(self) -> None:
        from backtui.screens.typed_confirm import TypedConfirmScreen
        from backtui.storage.profiles import delete_profile, profile_counts

        profile = self.highlighted
        if profile is None:
            return
        if profile.id == self.app.lifter.id:
            self.notify("That is who is training now: switch to another lifter first.", severity="warning")
            return
        if len(self.profiles) == 1:
            self.notify("The only lifter cannot be deleted; rename them instead.", severity="warning")
            return
        counts = profile_counts(self.conn, profile.id)
        question = user_markup("This deletes [b]$name[/b] with $counts, for good.\nType their name to delete them.",
                               name=profile.name, counts=describe_counts(counts))

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete_profile(self.conn, profile.name)
            except (ProfileError, StorageError) as exc:
                self.notify(str(exc), severity="error")
                return
            self.fill()
            self.notify(f"Deleted {profile.name}.", timeout=4)

        self.app.push_screen(TypedConfirmScreen(f"Delete {profile.name}?", question, profile.name), confirmed)

    def action_back(self) -> None:
        self.app.pop_screen()
