"""Which keys backtui lists: the help screen and the command palette read them the same way."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

_LISTED_APART = {"command_palette", "app.command_palette", "quit", "app.quit"}  # help lists them itself


def is_listed(binding: Binding) -> bool:
    """One of backtui's keys, for the help screen and the palette: described, with a
    tooltip or shown in the footer (Textual's own widget keys, cursor moves and page
    keys, would only bury ours); the palette and quit keys are not among them."""
    return bool(binding.description and (binding.tooltip or binding.show)) and binding.action not in _LISTED_APART


def screen_bindings(screen: Screen) -> list[tuple]:
    """(node, binding) for each listed, enabled key of the screen but help, once per action."""
    seen: set[str] = {"help", "app.help"}
    result = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.enabled and binding.action not in seen and is_listed(binding):
            seen.add(binding.action)
            result.append((active.node, binding))
    return result
