"""Finishing a workout: what it came to, new records, an optional note."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from backtui.domain.clock import now_iso
from backtui.domain.models import REGIONS, LoggedSet, Workout
from backtui.domain.records import records_of_sets
from backtui.domain.summary import WorkoutSummary, summarize
from backtui.domain.units import from_kg
from backtui.screens.host import BacktuiHost
from backtui.widgets.inert import markup_escaped


def workout_records(store, sets: list[LoggedSet], unit: str) -> list[str]:
    """Records this workout set, each against everything before it."""
    from backtui.storage.bests import bests_for

    found: list[str] = []
    ids = [s.id for s in sets]
    for slug in dict.fromkeys(s.exercise for s in sets):
        bests = bests_for(store, slug, exclude_ids=ids)
        exercise = store.catalog.exercises.get(slug)
        name = exercise.name if exercise else slug
        measure = exercise.measure if exercise else "weight_reps"
        # A later set that beats an earlier one today replaces it: the best is shown.
        texts = records_of_sets([s for s in sets if s.exercise == slug], bests, unit, measure)
        found += [f"{name}: {text}" for text in texts]
    return found


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def describe(summary: WorkoutSummary, unit: str) -> str:
    minutes = summary.duration_s // 60
    length = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    lines = [
        f"[b]{length}[/b] · {plural(summary.sets, 'set')} ({summary.working_sets} working)"
        f" · {plural(summary.exercises, 'exercise')}",
        f"Volume [b]{from_kg(summary.volume_kg, unit):,.0f} {unit}[/b]",
    ]
    for region, kg in summary.volume_by_region.items():
        sets = summary.sets_by_region.get(region, 0)
        lines.append(f"  {REGIONS.get(region, region)}: {from_kg(kg, unit):,.0f} {unit} · {plural(sets, 'set')}")
    bodyweight_only = {r: n for r, n in summary.sets_by_region.items() if r not in summary.volume_by_region}
    for region, sets in bodyweight_only.items():
        lines.append(f"  {REGIONS.get(region, region)}: {plural(sets, 'set')}")
    if summary.records:
        lines.append("")
        lines.append("[b $success]New records[/]")
        lines += [f"  ★ {markup_escaped(r)}" for r in summary.records]
    return "\n".join(lines)


class SummaryScreen(ModalScreen[str | None]):
    """Dismisses with the workout note ("" for none) to finish, or None to keep going."""

    app = getters.app(BacktuiHost)

    BINDINGS = [
        Binding("escape", "back", "Keep going"),
        Binding("pagedown", "scroll_body(1)", "More", show=False),
        Binding("pageup", "scroll_body(-1)", "Back up", show=False),
    ]

    def __init__(self, workout: Workout, sets: list[LoggedSet]) -> None:
        super().__init__()
        self.workout = workout
        self.sets = sets

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Label("Finish workout?", id="summary-title")
            # The body scrolls (PgUp/PgDn) so the note and the keys stay on an 80x24 screen.
            with VerticalScroll(id="summary-scroll", can_focus=False):
                yield Static(id="summary-body")
            yield Input(placeholder="a note for this workout (optional)", id="summary-note")
            yield Label("Enter finishes and saves · Esc keeps going", id="summary-help")

    def on_mount(self) -> None:
        store = self.app.open_store
        unit = store.get_setting("unit", "kg")
        if not self.sets:
            self.query_one("#summary-body", Static).update("Nothing was logged: finishing discards this workout.")
        else:
            records = workout_records(store, self.sets, unit)
            summary = summarize(self.workout.started_at, now_iso(), self.sets, self.app.catalog.exercises, records)
            self.query_one("#summary-body", Static).update(describe(summary, unit))
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#summary-scroll", VerticalScroll)
        body.scroll_page_down() if direction > 0 else body.scroll_page_up()
