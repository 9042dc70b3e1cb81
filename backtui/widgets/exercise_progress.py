"""One exercise over time: the chart, the table of sessions and the records."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from backtui.domain.formatting import assist_words, format_load, format_load_or_help, format_mass, format_seconds
from backtui.domain.history import ExerciseRecords, ExerciseSession
from backtui.domain.records import E1RM_ERROR
from backtui.domain.units import plural
from backtui.widgets.inert import markup_escaped
from backtui.widgets.progress_chart import ProgressChart

NARROW = 72  # columns below which the sessions table folds
TABLE_ROWS = 60  # newest sessions listed (each row costs a measure); the chart and records use them all


def weight_text(kg: float | None, unit: str, what: str = "load") -> str:
    return format_mass(kg, unit, what=what)


def volume_text(kg: float | None, unit: str) -> str:
    """Whole units with thousands separators: '4,800 kg'."""
    return format_mass(kg or None, unit, what="total")


def top_set_text(session: ExerciseSession, measure: str, unit: str, assisted: bool = False) -> str:
    if session.top_reps is not None:
        return f"{format_load_or_help(session.top_weight_kg, measure, unit, assisted=assisted)} x {session.top_reps}"
    return format_seconds(session.hold_s) if session.hold_s else "-"


def records_markup(records: ExerciseRecords, measure: str, unit: str, scope: str, assisted: bool = False) -> str:
    def when(day: str | None) -> str:
        return f" [dim]{day}[/dim]" if day else ""

    heaviest = "-" if records.heaviest_kg is None else (
        format_load(records.heaviest_kg, measure, unit) + ("" if measure == "bodyweight_reps" else f" {unit}"))
    # On an assisted move the heaviest set is the one with the least help.
    helped = assisted and records.heaviest_kg is not None and records.heaviest_kg < 0
    label, heaviest = ("Least help  ", assist_words(records.heaviest_kg or 0, unit)) if helped else ("Heaviest    ", heaviest)
    lines = [
        f"[b]Records[/b] [dim]({markup_escaped(scope)})[/dim]",
        f"{label} {heaviest}{when(records.heaviest_on)}",
        f"Best e1RM    {weight_text(records.best_e1rm_kg, unit, 'estimate')} [i](est. {E1RM_ERROR})[/i]{when(records.best_e1rm_on)}"
        if records.best_e1rm_kg is not None else "Best e1RM    -",
        f"Longest hold {format_seconds(records.longest_hold_s) if records.longest_hold_s else '-'}"
        f"{when(records.longest_hold_on)}",
        f"Most volume  {volume_text(records.best_volume_kg, unit)}{when(records.best_volume_on)}",
    ]
    top = records.top_reps_at_weight(8)
    if top:
        lines.append("[b]Most reps at[/b]")
        lines += [f"  {format_load_or_help(w, measure, unit, assisted=assisted):>7} {'' if measure == 'bodyweight_reps' else unit}  {r}"
                  for w, r in top]
    return "\n".join(lines)


class ExerciseProgress(Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(id="exercise-upper"):
            yield ProgressChart(id="chart")
            with VerticalScroll(id="records-box"):
                yield Static(id="records")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW
        # Narrow (a phone): the e1RM goes under the top set, straps beside the sets: nothing cut off.
        columns = ("Date", "Top set · e1RM", "Volume", "Sets") if self.narrow else (
            "Date", "Top set", "e1RM est.", "Volume", "Sets", "Straps")
        self.query_one("#sessions", DataTable).add_columns(*columns)

    def show(self, name: str, measure: str, sessions: Sequence[ExerciseSession], records: ExerciseRecords,
             unit: str, scope: str, *, assisted: bool = False) -> None:
        self.query_one(ProgressChart).show(name, sessions, unit)
        table = self.query_one("#sessions", DataTable)
        table.clear()
        newest = list(reversed(sessions))[:TABLE_ROWS]
        for s in newest:
            top, e1rm, volume = top_set_text(s, measure, unit, assisted), weight_text(s.e1rm_kg, unit, "estimate"), \
                volume_text(s.volume_kg, unit)
            if self.narrow:
                straps = f" ({s.strap_sets} straps)" if s.strap_sets else ""
                table.add_row(s.date, f"{top}\n{e1rm} est.", volume, f"{s.sets}{straps}", height=2)
            else:
                table.add_row(s.date, top, e1rm, volume, str(s.sets), str(s.strap_sets) if s.strap_sets else "")
        more = f"\n[dim]table: newest {TABLE_ROWS} of {len(sessions)} sessions[/dim]" if len(sessions) > TABLE_ROWS else ""
        summary = plural(len(sessions), "session") if sessions else "No working sets in this range."
        self.query_one("#records", Static).update(
            f"[b]{markup_escaped(name)}[/b]  [dim]{summary}[/dim]\n" + records_markup(records, measure, unit, scope, assisted) + more
        )
