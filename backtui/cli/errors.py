"""The two ways a command fails, in words (a module of their own: common.py and the
file writer both raise them, and common.py uses the writer)."""

from __future__ import annotations

import click

from backtui.domain.inert import visible


class UserError(click.ClickException):
    """A mistake in what was typed: one line, exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return visible(self.message)  # it may quote a name from the file or the command line


class Failure(click.ClickException):
    """Something outside the command line went wrong (the file, the disk): exit 1."""

    exit_code = 1

    def format_message(self) -> str:
        return visible(self.message)
