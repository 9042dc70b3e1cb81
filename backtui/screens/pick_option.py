"""A modal list with a fuzzy search box: type to narrow, arrows to move, Enter to pick."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from backtui.domain.inert import visible_line
from backtui.widgets.inert import highlighted, user_text


class PickOptionScreen(ModalScreen[str | None]):
    """Dismisses with the picked option's value, or None on escape."""

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], placeholder: str = "type to search"):
        super().__init__()
        self.title_text = title
        self.options = list(options)  # (value, label)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="modal-box"):
            yield Label(user_text(self.title_text), classes="modal-title")
            yield Input(placeholder=self.placeholder, id="pick-search")
            yield OptionList(id="pick-list")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(label), value, label) for value, label in self.options]
            picked = [(value, highlighted(matcher, label)) for score, value, label in
                      sorted(scored, key=lambda x: -x[0]) if score > 0]
        else:
            picked = [(value, Content(visible_line(label))) for value, label in self.options]  # plain text, never markup
        listing.add_options([Option(label, id=value) for value, label in picked])
        if picked:
            listing.highlighted = 0

    @on(Input.Changed, "#pick-search")
    def search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-search")
    def submit(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            self.dismiss(listing.get_option_at_index(listing.highlighted).id)

    @on(OptionList.OptionSelected, "#pick-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if listing.option_count:
            current = listing.highlighted if listing.highlighted is not None else -step
            listing.highlighted = max(0, min(listing.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
