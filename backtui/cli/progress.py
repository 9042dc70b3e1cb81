"""A one-line progress bar on standard error, drawn only on a terminal.

It is erased when its step ends, whether the step succeeded or failed, so an error
line is never printed behind a half-drawn bar.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

_ERASE = "\r\x1b[2K"
WIDTH = 30


class TerminalProgress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None, *, enabled: bool = True) -> None:
        self.label, self.total = label, max(1, total)
        self.stream = stream if stream is not None else sys.stderr
        self.shown = -1
        try:
            self.on = enabled and self.stream.isatty()
        except (AttributeError, ValueError):
            self.on = False

    def __enter__(self) -> TerminalProgress:
        self.update(0)
        return self

    def update(self, done: int) -> None:
        if not self.on:
            return
        percent = min(100, done * 100 // self.total)
        if percent == self.shown:
            return
        self.shown = percent
        filled = WIDTH * percent // 100
        self.stream.write(f"{_ERASE}{self.label} [{'#' * filled}{'-' * (WIDTH - filled)}] {percent:3d}%")
        self.stream.flush()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.on:
            self.stream.write(_ERASE)
            self.stream.flush()
