"""The current exercise: where we are, what it is, the target, and how to do it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Static

from backtui.domain.models import PATTERNS, REGIONS, Exercise
from backtui.domain.session import Slot

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
        title = f"[b]{escape(exercise.name)}[/b]"
        if tag:
            title += f"  [$accent]{tag}[/]"
        if superset:
            title += f"  [b $accent]{escape(superset)}[/]"
        self.query_one("#card-title", Static).update(f"[dim]{index + 1}/{total}[/]  {title}")
        rest = f"rest {slot.rest // 60}:{slot.rest % 60:02d}" if slot.rest >= 60 else f"rest {slot.rest} s"
        where = f"{REGIONS.get(exercise.region, exercise.region)} · {PATTERNS.get(exercise.pattern, exercise.pattern)}"
        self.query_one("#card-target", Static).update(
            f"Target [b]{slot.target.describe()}[/b] · {rest} · [dim]{escape(where)}[/]"
        )
        cues = "\n".join(f"· {escape(cue)}" for cue in exercise.cues)
        self.query_one("#card-cues", Static).update(cues)
        shown = self.query_one("#card-note", Static)
        shown.update(f"[i]{escape(note)}[/i]" if note else "")
        shown.display = bool(note)
