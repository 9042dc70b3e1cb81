"""Who is training? Asked at start when several lifters share the database."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from backtui.domain.profiles import DEFAULT_PROFILE_ID, Profile
from backtui.widgets.inert import user_text


class ProfileChooserScreen(ModalScreen[Profile]):
    """Dismisses with the chosen profile; there is no way round it but quitting."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "nudge", "Choose", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, profiles: Sequence[Profile]) -> None:
        super().__init__()
        self.profiles = list(profiles)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("Who is training?", classes="dialog-title")
            yield OptionList(*[Option(user_text(p.name), id=str(p.id)) for p in self.profiles], id="chooser-list")
            yield Label("[b]↑/↓[/b] move · [b]Enter[/b] start as this lifter · "
                        "[b]ctrl+q[/b] quit\n[dim]backtui --profile NAME skips this question[/]",
                        classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        default = next((i for i, p in enumerate(self.profiles) if p.id == DEFAULT_PROFILE_ID), 0)
        options.highlighted = default
        options.focus()

    @on(OptionList.OptionSelected, "#chooser-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(p for p in self.profiles if str(p.id) == event.option.id))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.highlighted = max(0, min(len(self.profiles) - 1, (options.highlighted or 0) + step))

    def action_nudge(self) -> None:
        self.notify("Pick who is training (Enter), or ctrl+q to quit.", timeout=3)
