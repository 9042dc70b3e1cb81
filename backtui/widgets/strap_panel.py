"""Grip straps on one exercise, week by week, and the notes across exercises."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from backtui.domain.straps import StrapWeek, latest_share, no_notes_line
from backtui.widgets.exercise_progress import weight_text
from backtui.widgets.inert import markup_escaped

BAR = 10


def share_bar(week: StrapWeek) -> Text:
    if week.share is None:
        return Text("not done", style="dim")
    filled = round(week.share * BAR)
    return Text.assemble(("█" * filled, "yellow"), ("░" * (BAR - filled), "dim"), f" {round(week.share * 100):>3}%")


class StrapPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="strap-summary")
        yield DataTable(id="strap-weeks", cursor_type="row", zebra_stripes=True)
        yield Static(id="strap-notes")

    def on_mount(self) -> None:
        self.query_one("#strap-weeks", DataTable).add_columns("Week of", "Working sets", "With straps", "Share")

    def show(self, name: str, weeks: Sequence[StrapWeek], heaviest_kg: float | None,
             heaviest_without_kg: float | None, notes: Sequence[str], unit: str, *,
             any_strapped: bool = True) -> None:
        """`any_strapped`: whether any exercise had strapped sets in these weeks."""
        share = latest_share(weeks)
        gap = ""
        if heaviest_kg and heaviest_without_kg is not None and heaviest_kg > 0:
            gap = f" ({round(heaviest_without_kg / heaviest_kg * 100)}% of the heaviest)"
        summary = (
            f"[b]{markup_escaped(name)}[/b]: heaviest {weight_text(heaviest_kg, unit)}, "
            f"heaviest without straps {weight_text(heaviest_without_kg, unit)}{gap}"
        )
        if share is not None:
            summary += f"; latest week {round(share * 100)}% strapped"
        self.query_one("#strap-summary", Static).update(summary)
        table = self.query_one("#strap-weeks", DataTable)
        table.clear()
        for week in reversed(weeks):
            table.add_row(week.week.strftime("%d %b %Y"), str(week.working_sets or ""), str(week.strap_sets or ""),
                          share_bar(week))
        text = ("\n".join(f"[yellow]•[/yellow] {markup_escaped(n)}" for n in notes)
                or f"[dim]{markup_escaped(no_notes_line(any_strapped, len(weeks)))}[/dim]")
        self.query_one("#strap-notes", Static).update(text)
