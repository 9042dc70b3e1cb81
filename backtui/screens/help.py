"""Every key of the screen underneath, plus the entry grammar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from backtui.screens.keys import is_listed
from backtui.widgets.inert import markup_escaped

GRAMMAR = """\
[b]Entry line[/b]
  60x8  62.5x8  60 x 8  135lb x 5  weight x reps
  60x8x3                         three sets
  12  bw x 12  +10x6  -20x8      bodyweight, added, assisted
  45s  90 s  1:30                a timed hold
  s  @8  w  d  f  !              straps, RPE, warm-up, drop,
                                 failure, form broke
  # any text                     a note, kept as typed
  Empty Enter logs Next; ↑/↓ nudge its weight."""


PHONE = """\
[b]From a phone[/b] (no F-keys, PgDn or Home)
  ctrl+x          this list, on every screen, even while typing
  h  s            here: History (F2), Settings (F3)
  ctrl+n  ctrl+b  tracker: next, previous exercise (PgDn, PgUp)
  letters         on screens without a text field (picker: h, s, ?)
  ctrl+letters    where a text field has the cursor (the tracker)"""


def key_rows(screen: Screen) -> list[tuple[str, str, bool]]:
    """(keys, what they do, usable now) for every key of this screen, one row per action:
    the keys working here, then the screen's own keys that wait for a moment (the hold
    timer on a timed exercise, +30s while resting), then the screen's HELP_EXTRA rows."""
    app = screen.app
    keys_for: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not is_listed(binding):
            continue
        shown = keys_for.setdefault((binding.action, binding.tooltip or binding.description), [])
        # A binding's other keys ("pagedown,ctrl+n") may be shadowed here: list them all.
        for key in _declared_keys(screen, binding) or [binding.key]:
            display = app.get_key_display(Binding(key, binding.action))
            if display not in shown:
                shown.append(display)
    rows = [(", ".join(keys), text, True) for (_action, text), keys in keys_for.items()]
    listed = {action for action, _text in keys_for}
    for declared in _own_bindings(screen):
        if declared.action in listed or not is_listed(declared):
            continue
        listed.add(declared.action)
        keys = [app.get_key_display(Binding(key.strip(), declared.action)) for key in declared.key.split(",")]
        rows.append((", ".join(keys), declared.tooltip or declared.description, False))
    rows += [(keys, text, True) for keys, text in getattr(screen, "HELP_EXTRA", ())]
    rows.append(("ctrl+p", "Command palette: every action by name, themes", True))
    rows.append(("ctrl+q", "Quit (an unfinished workout is offered for resume next time)", True))
    return rows


def _own_bindings(screen: Screen) -> list[Binding]:
    """The bindings backtui's classes declare for this screen (mixins included)."""
    found = []
    for cls in type(screen).__mro__:
        if cls.__module__.startswith("backtui.") and "BINDINGS" in cls.__dict__:
            found += [b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding)]
    return found


def _declared_keys(screen: Screen, binding: Binding) -> list[str]:
    """All keys declared together with this binding's action on the screen's class."""
    for declared in _own_bindings(screen):
        if declared.action == binding.action:
            return [key.strip() for key in declared.key.split(",")]
    return []


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,ctrl+x,q,question_mark", "close", "Close"),
        # Letters: this list has no text field, so a phone keyboard reaches every screen from it.
        Binding("h", "open('history')", "History"),
        Binding("s", "open('settings')", "Settings"),
    ]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        rows = key_rows(self.underneath)
        width = max(len(k) for k, _, _ in rows) + 2
        lines = [
            f"[b $accent]{markup_escaped(k).ljust(width)}[/]{markup_escaped(text)}" if usable
            else f"[dim][b]{markup_escaped(k).ljust(width)}[/b]{markup_escaped(text)} (not now)[/]"
            for k, text, usable in rows
        ]
        with VerticalScroll(id="help-box"):
            yield Label(f"Keys: {type(self.underneath).__name__.removesuffix('Screen').lower()}", id="help-title")
            yield Static("\n".join(lines))
            from backtui.screens.tracker import TrackerScreen

            if isinstance(self.underneath, TrackerScreen):
                yield Static(GRAMMAR, id="help-grammar")
            yield Static(PHONE, id="help-phone")
            yield Label("[dim]Esc closes[/]")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open(self, where: str) -> None:
        """History or settings, from the screen underneath (History opens on its exercise)."""
        app = self.app
        self.dismiss(None)
        app.call_later(app.run_action, f"app.{where}")
