"""Bare Textual apps with as many widgets as backtui's first screens: the start-up floors.

    python bench/floor_apps.py minimal|picker|tracker|label

They import nothing but Textual, read no files, and paint the same kind of text
(the marker a benchmark waits for: "Essential back strength", "Target", "value 0").
`label` is the keypress floor: one Label that shows each key, with one raw sqlite3
INSERT+COMMIT (WAL, synchronous=FULL) per Enter, as backtui does per set.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

ROUTINES = [
    ("Essential back strength", "Lats, Upper, Lower", "~55", "3 days ago"),
    ("Posture and desk relief", "Upper, Lower, Core", "~25", "a week ago"),
    ("Width and thickness", "Lats, Upper", "~60", "never"),
    ("Pre-exhaust pull", "Lats, Upper", "~50", "never"),
    ("Lower-back focus", "Lower, Core", "~35", "never"),
    ("Upper back and lats", "Lats, Upper", "~50", "never"),
    ("Home, no equipment", "Lats, Lower, Core", "~30", "never"),
    ("Deadlift day", "Lower, Upper", "~45", "never"),
]


class MinimalFloor(App):
    """The smallest Textual app that looks like an app: Header, Label, Footer (the floor
    issue 17 sets start-up against; the picker and tracker floors are the same-tree ones)."""

    BINDINGS = [Binding("f1", "noop", "Help")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Essential back strength · Target")
        yield Footer()

    def action_noop(self) -> None:
        pass


class PickerFloor(App):
    # Priority bindings, so the focused table's own keys do not hide them: the footer
    # shows as many keys as the picker's (7 and the palette).
    BINDINGS = [Binding(key, f"noop('{label}')", label, priority=True) for key, label in (
        ("enter", "Start"), ("slash", "Filter"), ("a", "Ad-hoc"), ("o", "Sort"),
        ("n", "New"), ("c", "Copy"), ("h", "History"))]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("Pull-ups, rows and deadlifts.\n\n8 exercises: Pull-up · Barbell row · Deadlift", id="info")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Regions", "Min", "Last done")
        table.add_rows(ROUTINES)
        table.focus()

    def action_noop(self, label: str = "") -> None:
        pass


class TrackerFloor(App):
    CSS = "#side { width: 28; } #main { width: 1fr; } #card, #timers { height: auto; }"
    # As for the picker: the input's own ctrl keys must not hide these (6 and the palette,
    # as the tracker shows on its first exercise).
    BINDINGS = [Binding(key, f"noop('{label}')", label, priority=True) for key, label in (
        ("pagedown", "Next"), ("ctrl+s", "Straps"), ("ctrl+z", "Undo"), ("ctrl+f", "Finish"),
        ("f1", "Help"), ("f2", "History"))]

    def compose(self) -> ComposeResult:
        yield Header()
        # The tracker's tree, widget for widget (32 nodes with the screen and footer keys).
        with Horizontal():
            with Vertical(id="main"):
                with Vertical(id="card"):
                    yield Static("1/8  Band pull-apart  warm-up")
                    yield Static("Target 2 x 15-20 · rest 30 s · Neck and shoulders · Horizontal pull (thickness)")
                    yield Static("· Hold the band at shoulder height\n· Spread your hands wide\n· Return slowly")
                    yield Static("")
                yield Static("Last time: nothing yet", id="last")
                yield DataTable(id="today")
                yield Static("", id="recent")
                yield Static("Next: type your first set", id="next")
                yield Static("", id="plates")
                with Horizontal(id="timers"):
                    for timer in ("hold", "rest"):
                        with Horizontal(id=timer):
                            yield from (Static(""), Static(""), Static(""))
                with Vertical(id="entry-box"):
                    yield Input(placeholder="45s or 1:30 # note", id="entry", compact=True)
                yield Static("", id="error")
                yield Static("", id="status")
            yield Static("\n".join(f"{i}. exercise {i}" for i in range(1, 7)), id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("#", "Set", "Kind", "Note")
        self.query_one(Input).focus()

    def action_noop(self, label: str = "") -> None:
        pass


class LabelFloor(App):
    """Each key updates one label; Enter also commits one row, like a logged set."""

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Label("value 0", id="value")

    def on_mount(self) -> None:
        import sqlite3

        self.conn = sqlite3.connect(self.db_path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS sets (id INTEGER PRIMARY KEY, weight REAL, reps INTEGER)")
        self.typed = ""

    def on_key(self, event) -> None:
        if event.key == "enter":
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("INSERT INTO sets (weight, reps) VALUES (?, ?)", [60.0, 8])
            self.conn.execute("COMMIT")
            self.count += 1
            self.typed = ""
            self.query_one(Label).update(f"saved {self.count}")
        elif event.character:
            self.typed += event.character
            self.query_one(Label).update(f"value {self.typed}")


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "picker"
    if kind == "minimal":
        MinimalFloor().run()
    elif kind == "picker":
        PickerFloor().run()
    elif kind == "tracker":
        TrackerFloor().run()
    else:
        LabelFloor(sys.argv[2]).run()
