"""The workout at a glance: every slot with done / current / skipped marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.markup import escape
from textual.widgets import Static

from backtui.domain.models import Exercise
from backtui.domain.session import Slot, superset_position


def slot_line(slot: Slot, exercise: Exercise | None, done: int, current: bool,
              superset: tuple[str, int, int] | None = None) -> str:
    """One slot; `superset`: (label, place, size) when it is in one, shown as A1, A2."""
    name = escape(exercise.name if exercise else slot.exercise)
    if superset:
        name = f"[$accent]{escape(superset[0])}{superset[1]}[/] {name}"
    if current:
        mark = "[b $accent]▶[/]"
    elif slot.skipped:
        mark = "[dim]–[/]"
    elif done >= slot.sets:
        mark = "[$success]✓[/]"
    else:
        mark = "[dim]·[/]"
    count = f"{done}/{slot.sets}"
    text = f"{mark} {name} [dim]{count}[/]"
    if slot.skipped:
        text = f"{mark} [dim strike]{name}[/] [dim]skipped[/]"
    return f"[b]{text}[/b]" if current else text


class PlanList(Static):
    """Read-only list; the screen passes the slots, where we are and what is done."""

    def show(
        self, slots: Sequence[Slot], index: int, exercises: Mapping[str, Exercise], done: Mapping[str, int]
    ) -> None:
        lines = [
            slot_line(slot, exercises.get(slot.exercise), done.get(slot.exercise, 0), i == index,
                      superset_position(slots, i))
            for i, slot in enumerate(slots)
        ]
        self.update("\n".join(lines) or "[dim]No exercises yet: ctrl+o adds one[/]")
