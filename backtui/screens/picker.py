"""The routine picker: the first screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from backtui.domain.models import REGIONS


class PickerScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="routines", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Regions", "Exercises", "Last done")
        catalog = self.app.catalog
        for routine in catalog.routines.values():
            regions = sorted({catalog.exercises[i.exercise].region for i in routine.items if i.role == "work"})
            table.add_row(routine.name, ", ".join(REGIONS[r] for r in regions), str(len(routine.items)), "",
                          key=routine.slug)
