"""One past workout: its sets grouped by exercise, with notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from backtui.domain.formatting import format_set
from backtui.domain.history import group_by_exercise
from backtui.domain.models import LoggedSet, Workout


class WorkoutDetailScreen(ModalScreen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "close", "Back"), Binding("q", "close", "Back", show=False)]

    def __init__(self, workout: Workout, sets: list[LoggedSet], heading: str, unit: str):
        super().__init__()
        self.workout, self.sets, self.heading, self.unit = workout, sets, heading, unit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="workout-detail", classes="modal-box"):
            yield Static(self._markup(), id="workout-sets")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#workout-detail").focus()

    def _markup(self) -> str:
        catalog = self.app.catalog
        lines = [f"[b]{escape(self.heading)}[/b]"]
        if self.workout.note:
            lines.append(f"[i]{escape(self.workout.note)}[/i]")
        for slug, group in group_by_exercise(self.sets).items():
            exercise = catalog.exercises.get(slug)
            measure = exercise.measure if exercise else "weight_reps"
            strapped = sum(1 for s in group if s.straps)
            extra = f", {strapped} with straps" if strapped else ""
            lines.append("")
            lines.append(f"[b]{escape(exercise.name if exercise else slug)}[/b] [dim]{len(group)} sets{extra}[/dim]")
            for s in group:
                note = f"  [dim]# {escape(s.note)}[/dim]" if s.note else ""
                lines.append(f"  {s.set_number:>2}. {escape(format_set(s, measure, self.unit))}{note}")
        return "\n".join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
