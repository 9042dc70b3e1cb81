"""The current exercise: where we are, what it is, the target, and how to do it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from backtui.domain.formatting import format_seconds
from backtui.domain.models import PATTERNS, REGIONS, Exercise
from backtui.domain.session import Slot
from backtui.widgets.line import markup

_ROLE_TAGS = {"warmup": "warm-up", "stretch": "stretch", "work": ""}


class ExerciseCard(Vertical):
    """Shows one slot. The screen calls show(); the card never reads the store."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-title")
        yield Static(id="card-target")
        yield Static(id="card-cues")
        yield Static(id="card-note")

    def show(self, exercise: Exercise, slot: Slot, index: int, total: int, note: str = "",
             superset: str = "") -> None:
        """`superset`: where the slot is in its superset ("superset A 1/2"), if it is in one."""
        tag = _ROLE_TAGS.get(slot.role, "")
        # Names, cues and notes may be the lifter's own text: values, never markup.
        title = markup("[dim]$place[/]  [b]$name[/b]", place=f"{index + 1}/{total}", name=exercise.name)
        if tag:
            title += markup("  [$accent]$tag[/]", tag=tag)
        if superset:
            title += markup("  [b $accent]$superset[/]", superset=superset)
        self.query_one("#card-title", Static).update(title)
        rest = f"rest {format_seconds(slot.rest)}"
        where = f"{REGIONS.get(exercise.region, exercise.region)} · {PATTERNS.get(exercise.pattern, exercise.pattern)}"
        self.query_one("#card-target", Static).update(
            markup("Target [b]$target[/b] · $rest · [dim]$where[/]", target=slot.target.describe(), rest=rest,
                   where=where)
        )
        cues = "\n".join(f"· {cue}" for cue in exercise.cues)
        self.query_one("#card-cues", Static).update(markup("$cues", cues=cues))
        shown = self.query_one("#card-note", Static)
        shown.update(markup("[i]$note[/i]", note=note) if note else "")
        shown.display = bool(note)
