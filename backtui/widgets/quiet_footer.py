"""A Footer that rebuilds only when the keys it shows change, and packs its keys
closer on a narrow terminal.

Textual's Footer recomposes (about ten new FooterKey widgets, each styled) on every
refresh_bindings(), even when nothing it shows changed. The tracker refreshes bindings
after every set (rest timer, straps, edits): on an 80x24 SSH session that rebuild was
the largest part of the time from Enter to "saved" (see bench/RESULTS.md).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 100  # columns: at 80, the tracker's keys did not all fit with spacing
PALETTE_FROM = 72  # columns: narrower (a phone), the palette key gives its place to the screen's own
                   # (ctrl+p still opens it; the help lists it)


class QuietFooter(Footer):
    _shown: tuple | None = None

    @staticmethod
    def _keys_shown(screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.key_display, binding.description, binding.action, binding.group, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen \
                and self._keys_shown(screen) == self._shown:
            return  # the same keys, the same words: keep the widgets on screen
        super().bindings_changed(screen)

    def compose(self):
        if self._bindings_ready:
            self._shown = self._keys_shown(self.screen)
        # Decided before the keys exist, so the first frame needs no restyle for it.
        compact = self.app.size.width < COMPACT_BELOW
        if compact != self.compact:
            self.set_reactive(Footer.compact, compact)
            self.set_class(compact, "-compact", update=False)
        wide = self.app.size.width >= PALETTE_FROM
        self.set_reactive(Footer.show_command_palette, wide)
        for widget in super().compose():
            # Narrow (a phone): F-keys give their place to keys a phone has (^x lists them all).
            if wide or not (isinstance(widget, FooterKey) and _function_key(widget.key, widget.key_display)):
                yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        if (event.size.width >= PALETTE_FROM) != self.show_command_palette:
            self.show_command_palette = event.size.width >= PALETTE_FROM
            self.call_after_refresh(self.recompose)


def _function_key(key: str, display: str) -> bool:
    """F1..F12 shown as such (not a binding that shows a phone's key instead)."""
    return key[:1] == "f" and key[1:].isdigit() and display.lower() == key
