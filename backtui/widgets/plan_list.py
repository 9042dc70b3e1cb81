"""The workout at a glance: every slot with done / current / skipped marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.widgets import Static

from backtui.domain.models import Exercise
from backtui.domain.session import Slot, superset_position
from backtui.widgets.line import markup


def slot_line(slot: Slot, exercise: Exercise | None, done: int, current: bool,
              superset: tuple[str, int, int] | None = None) -> Content:
    """One slot; `superset`: (label, place, size) when it is in one, shown as A1, A2."""
    name = exercise.name if exercise else slot.exercise  # may be the lifter's own: a value
    group = f"{superset[0]}{superset[1]} " if superset else ""
    if current:
        mark = "[b $accent]▶[/]"
    elif slot.skipped:
        mark = "[dim]–[/]"
    elif done >= slot.sets_to_log:
        mark = "[$success]✓[/]"
    else:
        mark = "[dim]·[/]"
    if slot.skipped:
        template = f"{mark} [$accent]$group[/][dim strike]$name[/] [dim]skipped[/]"
    else:
        template = f"{mark} [$accent]$group[/]$name [dim]$count[/]"
    if current:
        template = f"[b]{template}[/b]"
    return markup(template, group=group, name=name, count=f"{done}/{slot.sets_to_log}")


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
        self.update(Content("\n").join(lines) if lines else "[dim]No exercises yet: ctrl+o adds one[/]")
