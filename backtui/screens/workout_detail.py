"""One past workout: its sets grouped by exercise, with notes."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from backtui.core.views import Words
from backtui.domain.formatting import format_set
from backtui.domain.history import group_by_exercise
from backtui.domain.models import LoggedSet, Workout
from backtui.domain.units import plural
from backtui.screens.host import BacktuiHost
from backtui.widgets.inert import user_markup
from backtui.widgets.quiet_footer import QuietFooter
from backtui.widgets.words import lines_content


class WorkoutDetailScreen(ModalScreen[None]):
    app = getters.app(BacktuiHost)

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "close", "Back"), Binding("q", "close", "Back", show=False),
                Binding("s", "summary", "Summary", tooltip="The workout's summary, as shown when it was finished")]

    def __init__(self, workout: Workout, sets: list[LoggedSet], heading: str, unit: str):
        super().__init__()
        self.workout, self.sets, self.heading, self.unit = workout, sets, heading, unit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="workout-detail", classes="modal-box"):
            yield Static(self._content(), id="workout-sets")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#workout-detail").focus()

    def _content(self) -> Content:
        # User text (notes, names) goes in as template values, never as markup: Textual's
        # escape() doubles a backslash before "[" and one at the end of a note.
        catalog = self.app.catalog
        lines = [user_markup("[b]$heading[/b]", heading=self.heading)]
        if self.workout.note:
            lines.append(user_markup("[i]$note[/i]", note=self.workout.note))
        for slug, group in group_by_exercise(self.sets).items():
            exercise = catalog.exercises.get(slug)
            measure = exercise.measure if exercise else "weight_reps"
            strapped = sum(1 for s in group if s.straps)
            extra = f", {strapped} with straps" if strapped else ""
            lines.append(Content(""))
            lines.append(user_markup("[b]$name[/b] [dim]$count[/dim]",
                                             name=exercise.name if exercise else slug,
                                             count=f"{plural(len(group), 'set')}{extra}"))
            for s in group:
                line = Content.from_markup("  $number. $set", number=f"{s.set_number:>2}",
                                           set=format_set(s, measure, self.unit))
                if s.note:
                    line += user_markup("  [dim]# $note[/dim]", note=s.note)
                lines.append(line)
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_summary(self) -> None:
        from backtui.core.lifecycle import past_summary
        from backtui.storage.workouts import SqliteWorkouts

        lines = past_summary(SqliteWorkouts(self.app.open_store), self.app.catalog, self.workout, self.sets, self.unit)
        self.app.push_screen(PastSummaryScreen(lines))


class PastSummaryScreen(ModalScreen[None]):
    """The finish summary of a past workout, reopened from its detail (s)."""

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "close", "Back"), Binding("q", "close", "Back", show=False)]

    def __init__(self, lines: tuple[Words, ...]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="workout-detail", classes="modal-box"):
            yield Static(lines_content(self.lines), id="summary-body")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#workout-detail").focus()

    def action_close(self) -> None:
        self.dismiss(None)
