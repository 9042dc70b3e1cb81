"""One exercise of a routine being edited: sets, reps or seconds, rest, role,
rotation through its variants, warm-up ramp and a note. Empty means "as the exercise"."""

from __future__ import annotations

from dataclasses import replace

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.domain.formatting import format_rest
from backtui.domain.models import RoutineItem, default_target
from backtui.domain.routine_edit import (
    NOTE_MAX,
    EditError,
    clean_text,
    format_reps,
    parse_reps,
    parse_seconds,
    parse_whole,
)
from backtui.screens.form_base import FORM_BINDINGS, form_row
from backtui.screens.host import BacktuiHost
from backtui.widgets.choice_field import ChoiceField
from backtui.widgets.inert import UserInput, markup_escaped, user_text

ROLE_CHOICES = [("work", "work"), ("warmup", "warm-up"), ("stretch", "stretch")]


class RoutineItemScreen(ModalScreen[RoutineItem | None]):
    """Dismisses with the changed item, or None when cancelled."""

    app = getters.app(BacktuiHost)

    CSS_PATH = "routine_editor.tcss"
    BINDINGS = FORM_BINDINGS

    def __init__(self, item: RoutineItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        catalog = self.app.catalog
        exercise = catalog.exercise(self.item.exercise)
        base = default_target(exercise)
        timed = exercise.timed
        variants = catalog.variants(exercise.variant_group)
        rotation = [("off", "off: always this exercise")]
        if len(variants) > 1:
            rotation.append(("on", f"on: rotate through {len(variants)} variants ({exercise.variant_group})"))
        ramp_default = "on" if exercise.ramp else "off"
        item = self.item
        with Vertical(classes="form-box"):
            yield Label(user_text(exercise.name), classes="form-title")
            yield Static(f"[dim]As the exercise: {base.describe()}, rest {format_rest(base.rest)}. "
                         "Leave a box empty to keep that.[/]", classes="form-hint")
            yield form_row("Sets", Input(str(item.sets or ""), placeholder=str(base.sets), id="item-sets", compact=True))
            if timed:
                yield form_row("Seconds", Input(str(item.seconds or ""), placeholder=str(base.seconds),
                                            id="item-seconds", compact=True))
            else:
                yield form_row("Reps", Input(format_reps(item), placeholder=f"{base.rep_low}-{base.rep_high}",
                                         id="item-reps", compact=True))
            yield form_row("Rest", Input("" if item.rest is None else format_rest(item.rest), placeholder=f"{format_rest(base.rest)} (m:ss or s)",
                                     id="item-rest", compact=True))
            yield form_row("Role", ChoiceField(ROLE_CHOICES, item.role, id="item-role"))
            yield form_row("Rotation", ChoiceField(rotation, "on" if item.group else "off", id="item-rotation"))
            yield form_row("Warm-up ramp", ChoiceField(
                [("default", f"as the exercise ({ramp_default})"), ("on", "on"), ("off", "off")],
                {None: "default", True: "on", False: "off"}[item.ramp], id="item-ramp"))
            yield form_row("Note", UserInput(item.note, placeholder="a reminder shown in the tracker", id="item-note",
                                     max_length=NOTE_MAX, compact=True))
            yield Static("", id="item-error", classes="form-error")
            yield Label("[b]Enter[/b] saves · [b]↑/↓[/b] fields · [b]←/→[/b] or a letter picks · "
                        "[b]Esc[/b] cancels", classes="form-help")

    def on_mount(self) -> None:
        self.query_one("#item-sets", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _value(self, selector: str) -> str:
        """The text of an input; "" for one this exercise does not have (reps or seconds)."""
        try:
            return self.query_one(selector, Input).value
        except NoMatches:
            return ""

    def action_save(self) -> None:
        exercise = self.app.catalog.exercise(self.item.exercise)
        try:
            reps = parse_reps(self._value("#item-reps"))
            item = replace(
                self.item,
                sets=parse_whole(self._value("#item-sets"), "sets", 1, 10),
                rep_low=reps[0] if reps else None,
                rep_high=reps[1] if reps else None,
                seconds=parse_seconds(self._value("#item-seconds"), "seconds", 1, 3600),
                rest=parse_seconds(self._value("#item-rest"), "rest", 0, 600),
                role=self.query_one("#item-role", ChoiceField).value,
                group=exercise.variant_group if self.query_one("#item-rotation", ChoiceField).value == "on" else None,
                ramp={"default": None, "on": True, "off": False}[self.query_one("#item-ramp", ChoiceField).value],
                note=clean_text(self._value("#item-note"), "the note", NOTE_MAX),
            )
        except EditError as exc:
            self.query_one("#item-error", Static).update(markup_escaped(str(exc)))
            return
        self.dismiss(item)

    def action_cancel(self) -> None:
        self.dismiss(None)
