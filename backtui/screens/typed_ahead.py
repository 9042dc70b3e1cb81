"""Keys typed before a dialog was on screen never answer it.

A lifter types a set while the file opens; the resume question appears under their
fingers. The keys pressed before its first frame went out, and the rest of a run of
typing into a text field that was under way then, belong to that field: a
character goes on into it, any other key is dropped. Once the typing pauses (or
when none was under way), keys answer the dialog.
"""

from __future__ import annotations

import math

from textual import events
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

TYPING_GAP = 0.4  # seconds: a key sooner than this after the last one is the same run of typing


class TypedAhead:
    def __init__(self) -> None:
        self.shown_at: dict[Screen, float] = {}  # each dialog's first frame, on Textual's event clock
        self.run_open: dict[Screen, bool] = {}  # typing under way when it appeared, not paused since
        self.last_key_at = -math.inf
        self.typing_text = False  # the last key was a character typed into a text field

    def displayed(self, screen: Screen, now: float) -> None:
        """A frame of `screen` goes out to the terminal."""
        if isinstance(screen, ModalScreen) and screen not in self.shown_at:
            self.shown_at[screen] = now
            self.run_open[screen] = self.typing_text and now - self.last_key_at < TYPING_GAP

    def swallowed(self, app: App[None], key: events.Key) -> bool:
        """True when `key` was typed ahead of the dialog on top (and is dealt with)."""
        for gone in [s for s in self.shown_at if s not in app.screen_stack]:
            del self.shown_at[gone], self.run_open[gone]
        screen = app.screen
        typed_ahead = isinstance(screen, ModalScreen) and (
            key.time < self.shown_at.get(screen, math.inf)
            or (self.run_open.get(screen, False) and key.time - self.last_key_at < TYPING_GAP))
        if isinstance(screen, ModalScreen) and not typed_ahead:
            self.run_open[screen] = False  # the typing paused: from now on, keys answer it
        if typed_ahead:
            below = app.screen_stack[-2] if len(app.screen_stack) > 1 else None
            field = below.focused if below is not None else None
            if isinstance(field, Input) and key.is_printable and key.character:
                field.insert_text_at_cursor(key.character)
        self.last_key_at = key.time
        self.typing_text = typed_ahead or (isinstance(app.focused, Input) and key.is_printable)
        return typed_ahead
