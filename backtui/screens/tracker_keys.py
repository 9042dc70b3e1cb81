"""A key of the tracker kept out of screens/tracker.py (at its size limit): ctrl+v
swaps the current exercise for a variant. A ctrl key, because the entry line has the
focus (a phone keyboard reaches it as well); it wins over the entry line's paste."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


class VariantKey(Screen):
    BINDINGS = [
        Binding("ctrl+v", "swap_variant", "Variant", priority=True, show=False,
                tooltip="Swap this exercise for its next variant (before any set of it is logged)"),
    ]

    def action_swap_variant(self) -> None:
        self.send(lambda live: live.swap_variant())  # type: ignore[attr-defined]  # TrackerScreen.send
