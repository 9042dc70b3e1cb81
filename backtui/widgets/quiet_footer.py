"""A Footer that rebuilds only when the keys it shows change, and packs its keys
closer on a narrow terminal.

Textual's Footer recomposes (about ten new FooterKey widgets, each styled) on every
refresh_bindings(), even when nothing it shows changed. The tracker refreshes bindings
after every set (rest timer, straps, edits): on an 80x24 SSH session that rebuild was
the largest part of the time from Enter to "saved" (see bench/RESULTS.md).

When a screen's keys are wider than the terminal (History's workout view on a phone),
the footer keeps the screen's first keys that fit and always the help key, which lists
every key: a key cut in half at the edge helps nobody.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 100  # columns: at 80, the tracker's keys did not all fit with spacing
PALETTE_FROM = 72  # columns: narrower (a phone), the palette key gives its place to the screen's own
                   # (ctrl+p still opens it; the help lists it)


HELP_ACTIONS = ("help", "app.help")  # the key that lists every key of the screen: never folded away


class QuietFooter(Footer):
    _shown: tuple | None = None
    _natural_width = 0  # the width every shown key would need, at the last compose
    _composed_width = 0  # the terminal's width at the last compose

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
        widgets = [
            widget for widget in super().compose()
            # Narrow (a phone): F-keys give their place to keys a phone has (^x lists them all).
            if wide or not (isinstance(widget, FooterKey) and _function_key(widget.key, widget.key_display))
        ]
        if self._bindings_ready and self.screen.is_modal \
                and not any(isinstance(w, FooterKey) and w.action in HELP_ACTIONS for w in widgets):
            widgets[len(widgets) - (1 if widgets and "-command-palette" in widgets[-1].classes else 0):0] = \
                self._app_help_key()
        self._composed_width = self.app.size.width
        yield from self._fitting(widgets, self._composed_width, compact)

    def _app_help_key(self) -> list[FooterKey]:
        """The app's help key, for a modal screen: Textual leaves the app's bindings out of a
        modal's footer, yet a priority key such as ^x still works there."""
        for _key, binding in self.app._bindings:
            if binding.action == "help" and binding.priority and binding.show:
                key = FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                                "app.help", tooltip=binding.tooltip or binding.description)
                return [key.data_bind(compact=Footer.compact)]
        return []

    def _fitting(self, widgets: list, width: int, compact: bool) -> list:
        """The keys that fit in `width` columns, in the screen's order, the help key kept."""
        keys = [w for w in widgets if isinstance(w, FooterKey) and "-command-palette" not in w.classes]
        others = [w for w in widgets if w not in keys]
        used = {id(w): _key_width(w, compact) for w in keys}
        room = width - sum(_key_width(w, compact) + 1 for w in others)  # the palette key, docked right
        self._natural_width = sum(used.values())
        if self._natural_width <= room:
            return widgets
        kept = [w for w in keys if w.action in HELP_ACTIONS]
        room -= sum(used[id(w)] for w in kept)
        for key in keys:
            if key.action not in HELP_ACTIONS and used[id(key)] <= room:
                kept.append(key)
                room -= used[id(key)]
            elif key.action not in HELP_ACTIONS:
                room = -1  # in order: a later, shorter key does not jump the queue
        return [w for w in widgets if w in kept or w in others]

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        if (event.size.width >= PALETTE_FROM) != self.show_command_palette:
            self.show_command_palette = event.size.width >= PALETTE_FROM
            self.call_after_refresh(self.recompose)
        elif self._natural_width > min(event.size.width, self._composed_width) - 12:
            # Near or past the edge at either width: which keys fit may have changed.
            self.call_after_refresh(self.recompose)


def _key_width(key: FooterKey, compact: bool) -> int:
    """Columns one key takes in the footer (Textual's footer styles: compact keys have no
    padding and one column after them; roomy keys pad the key on both sides and the words
    on the right)."""
    words = cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0)
    return words + 1 if compact else words + 3


def _function_key(key: str, display: str) -> bool:
    """F1..F12 shown as such (not a binding that shows a phone's key instead)."""
    return key[:1] == "f" and key[1:].isdigit() and display.lower() == key
