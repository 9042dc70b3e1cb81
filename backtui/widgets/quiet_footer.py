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

COMPACT_BELOW = 100  # columns: at 80, the tracker's keys did not all fit with spacing


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
        yield from super().compose()

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
