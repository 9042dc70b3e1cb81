"""Every key of the screen underneath, plus the entry grammar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

GRAMMAR = """\
[b]Entry line[/b]
  60x8  62.5x8  60 x 8  135lb x 5   weight x reps
  60x8x3                            three sets
  12   bw x 12   +10x6   -20x8      bodyweight, added load, assistance
  45s  90 s  1:30                   a timed hold
  s  @8  w  d  f  !                 straps, RPE, warm-up, drop, failure, form broke
  # any text                        a note, kept as typed
  Enter on an empty line logs the Next suggestion; ↑/↓ nudge its weight."""


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    app = screen.app
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        keys = ", ".join(app.get_key_display(Binding(k.strip(), binding.action)) for k in binding.key.split(","))
        entry = (keys, binding.tooltip or binding.description)
        if entry not in seen:
            seen.add(entry)
            rows.append(entry)
    rows.append(("ctrl+p", "Command palette: every action by name, themes"))
    rows.append(("ctrl+q", "Quit (an unfinished workout is offered for resume next time)"))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        rows = key_rows(self.underneath)
        width = max(len(k) for k, _ in rows) + 2
        lines = [f"[b $accent]{escape(k).ljust(width)}[/]{escape(text)}" for k, text in rows]
        with VerticalScroll(id="help-box"):
            yield Label(f"Keys: {type(self.underneath).__name__.removesuffix('Screen').lower()}", id="help-title")
            yield Static("\n".join(lines))
            from backtui.screens.tracker import TrackerScreen

            if isinstance(self.underneath, TrackerScreen):
                yield Static(GRAMMAR, id="help-grammar")
            yield Label("[dim]Esc closes[/]")

    def action_close(self) -> None:
        self.dismiss(None)
