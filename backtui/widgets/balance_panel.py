"""Weekly working sets and volume per back region, and the width/thickness flag."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from backtui.domain.balance import BALANCE_REGIONS, PullDrift, RegionWeek
from backtui.domain.formatting import format_mass
from backtui.widgets.inert import markup_escaped


def cell(sets: int, volume_kg: float, unit: str) -> str:
    if not sets:
        return "-"
    return f"{sets} · {format_mass(volume_kg, unit, what='total', with_unit=False)}" if volume_kg else str(sets)


class BalancePanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="drift")
        yield DataTable(id="balance-weeks", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#balance-weeks", DataTable).add_columns("Week of", *BALANCE_REGIONS.values(), "Sets")

    def show(self, weeks: Sequence[RegionWeek], drift: PullDrift, unit: str, this_week: Sequence[str] = ()) -> None:
        """`this_week`: the last week's hard sets against the 10-20 band and its pulling ratio."""
        flag = self.query_one("#drift", Static)
        flag.set_class(drift.flagged, "flagged")
        mark = "[b]⚠ [/b]" if drift.flagged else ""
        band = "".join(f"\n{markup_escaped(line)}" for line in this_week)
        flag.update(f"{mark}{markup_escaped(drift.message)}{band}\n"
                    f"[dim]hard sets: secondary regions count half; band 10-20 a week (see README) · "
                    f"cells: working sets · volume in {unit}[/dim]")
        table = self.query_one("#balance-weeks", DataTable)
        table.clear()
        for week in reversed(weeks):
            table.add_row(week.week.strftime("%d %b"),
                          *(cell(week.sets[r], week.volume_kg[r], unit) for r in BALANCE_REGIONS),
                          str(week.total_sets or "-"))
