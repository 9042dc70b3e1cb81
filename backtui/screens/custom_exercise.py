"""A new exercise of the lifter's own: name, region, pattern, mechanic, equipment,
how it is measured, and cues. It joins the catalog for this lifter everywhere."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.domain.custom_exercises import NAME_MAX
from backtui.domain.models import EQUIPMENT, MEASURES, MECHANICS, PATTERNS, REGIONS
from backtui.domain.routine_edit import EditError
from backtui.screens.form_base import FORM_BINDINGS, form_row
from backtui.screens.host import BacktuiHost
from backtui.widgets.choice_field import ChoiceField
from backtui.widgets.inert import UserInput, markup_escaped


class CustomExerciseScreen(ModalScreen[str | None]):
    """Saves the exercise and dismisses with its slug, or None when cancelled."""

    app = getters.app(BacktuiHost)

    CSS_PATH = "routine_editor.tcss"
    BINDINGS = FORM_BINDINGS

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.start_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Label("New exercise of your own", classes="form-title")
            yield form_row("Name", UserInput(self.start_name, id="exercise-name", max_length=NAME_MAX, compact=True,
                                     placeholder="e.g. Rope pullover", select_on_focus=False))
            yield form_row("Region", ChoiceField(list(REGIONS.items()), "upper_back", id="exercise-region"))
            yield form_row("Pattern", ChoiceField(list(PATTERNS.items()), "horizontal_pull", id="exercise-pattern"))
            yield form_row("Mechanic", ChoiceField([(m, m) for m in MECHANICS], "compound", id="exercise-mechanic"))
            yield form_row("Equipment", ChoiceField([(e, e) for e in EQUIPMENT], "cable", id="exercise-equipment"))
            yield form_row("Measured in", ChoiceField(list(MEASURES.items()), "weight_reps", id="exercise-measure"))
            yield form_row("Cues", UserInput(id="exercise-cues", compact=True,
                                     placeholder="up to 4, separated by ; e.g. chest up; elbows back"))
            yield Static("", id="exercise-error", classes="form-error")
            yield Label("[b]Enter[/b] saves · [b]↑/↓[/b] fields · [b]←/→[/b] or a letter picks · "
                        "[b]Esc[/b] cancels", classes="form-help")

    def on_mount(self) -> None:
        self.query_one("#exercise-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        from backtui.domain.custom_exercises import make_custom_exercise
        from backtui.storage.errors import StorageError
        from backtui.storage.exercises import save_custom_exercise

        def choice(name: str) -> str:
            return self.query_one(f"#exercise-{name}", ChoiceField).value

        try:
            exercise = make_custom_exercise(
                self.query_one("#exercise-name", Input).value,
                region=choice("region"), pattern=choice("pattern"), mechanic=choice("mechanic"),
                equipment=choice("equipment"), measure=choice("measure"),
                cues=self.query_one("#exercise-cues", Input).value, exercises=self.app.catalog.exercises,
            )
            save_custom_exercise(self.app.open_store, exercise)
        except (EditError, StorageError) as exc:
            self.query_one("#exercise-error", Static).update(markup_escaped(str(exc)))
            return
        self.app.reload_catalog()
        self.app.notify(f"Added {exercise.name} to your exercises.", timeout=3)
        self.dismiss(exercise.slug)

    def action_cancel(self) -> None:
        self.dismiss(None)
