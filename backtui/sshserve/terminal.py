"""The processes behind SSH sessions: the app in a pseudo-terminal of its own, or one
backtui subcommand on pipes, each in a process group of its own so that ending it
reaches everything it started.

Ending one is always bounded: SIGHUP (what a terminal that goes away sends, and
all the app needs: every set was committed at Enter), then SIGTERM, then SIGKILL,
each after a bounded wait.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import signal
import struct
import sys
import termios
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SIZE = (80, 24)
# A pty and Textual's screen buffers for anything bigger than this are a waste (or
# an attack); 1000 columns is wider than any real monitor at a readable font.
MAX_COLUMNS, MAX_ROWS = 1000, 500
TERM_NAME = re.compile(r"[A-Za-z0-9._+-]{1,64}")
# What the app switches on (alternate screen, mouse reports, bracketed paste, focus
# events, the kitty keyboard protocol, a hidden cursor) and never switched off when
# it was ended by a signal: sent to the lifter's terminal after an idle timeout or
# a server shutdown, so their shell gets a usable terminal back.
TERMINAL_RESET = (b"\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l"
                  b"\x1b[?1015l\x1b[?1016l\x1b[?2004l\x1b[?2048l\x1b[?7h\x1b[0m")
# Variables of the server's own environment a session never inherits: they would
# point the app at another file or lifter, fix its size, or lend it the server's agent.
_NOT_PASSED = {"BACKTUI_DB", "BACKTUI_PROFILE", "COLUMNS", "LINES", "TERM", "COLORTERM", "SSH_AUTH_SOCK",
               "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "SSH_ORIGINAL_COMMAND", "NO_COLOR", "FORCE_COLOR"}


@dataclass(frozen=True)
class TerminalSize:
    columns: int
    rows: int
    pixel_width: int = 0
    pixel_height: int = 0

    @classmethod
    def from_client(cls, columns: int, rows: int, pixel_width: int = 0, pixel_height: int = 0) -> TerminalSize:
        """A client may send 0x0 (unknown) or absurd sizes: 80x24 for the first,
        a cap for the second."""
        if columns <= 0 or rows <= 0:
            columns, rows = DEFAULT_SIZE
        return cls(min(columns, MAX_COLUMNS), min(rows, MAX_ROWS), max(0, min(pixel_width, 65535)),
                   max(0, min(pixel_height, 65535)))

    def packed(self) -> bytes:
        return struct.pack("HHHH", self.rows, self.columns, self.pixel_width, self.pixel_height)


def session_environment(term: str | None, client_env: Mapping[str, str]) -> dict[str, str]:
    """The environment of a session's process: the server's, less what must not
    cross (_NOT_PASSED), plus the client's terminal type and, when the client sent
    it, COLORTERM (truecolor). Without COLORTERM the app keeps to 256 or 16 colours,
    which is what most SSH clients that do not send it can show."""
    env = {name: value for name, value in os.environ.items() if name not in _NOT_PASSED}
    env["TERM"] = term if term is not None and TERM_NAME.fullmatch(term) else "xterm-256color"
    colorterm = client_env.get("COLORTERM", "").strip().lower()
    if colorterm in ("truecolor", "24bit"):
        env["COLORTERM"] = colorterm
    return env


def app_argv(db_path: Path, profile: str, *, read_only: bool = False) -> list[str]:
    """The app, confined to the lifter (--lock-profile). `--profile=NAME` in one word,
    so a name that starts with '-' is still a name."""
    return [sys.executable, "-m", "backtui.ssh_tty", *_confined(db_path, profile, read_only)]


def command_argv(db_path: Path, profile: str, words: list[str], *, read_only: bool = False) -> list[str]:
    """A backtui subcommand for the lifter, with the same confinement as the app."""
    return [sys.executable, "-m", "backtui", *_confined(db_path, profile, read_only), *words]


def _confined(db_path: Path, profile: str, read_only: bool) -> list[str]:
    return ["--db", str(db_path), f"--profile={profile}", "--lock-profile", *(["--read-only"] if read_only else [])]


async def end_process_group(process: asyncio.subprocess.Process, grace: float) -> int:
    """SIGHUP to the process's group, then SIGTERM, then SIGKILL, each after a
    bounded wait; the exit status (negative: the signal that ended it)."""
    for sig, wait in ((signal.SIGHUP, grace), (signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
        if process.returncode is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass  # gone already: wait() collects it
        try:
            await asyncio.wait_for(asyncio.shield(process.wait()), wait)
        except asyncio.TimeoutError:
            continue
    return process.returncode if process.returncode is not None else -signal.SIGKILL


class TerminalApp:
    """The app in a pseudo-terminal: its screen goes to `output`, keys come through
    write(); the terminal's size follows the client's window (resize)."""

    def __init__(self, argv: list[str], env: dict[str, str], size: TerminalSize,
                 output: Callable[[bytes], None]) -> None:
        self.argv, self.env, self.size, self._output = argv, env, size, output
        self.process: asyncio.subprocess.Process | None = None
        self._leader = -1
        self._pending = bytearray()  # keys not yet taken by the terminal
        self._reading = False
        self._loop = asyncio.get_running_loop()

    async def start(self) -> None:
        import pty

        leader, follower = pty.openpty()
        try:
            fcntl.ioctl(follower, termios.TIOCSWINSZ, self.size.packed())
            # The child is a session leader (start_new_session) and backtui.ssh_tty makes this
            # pty its controlling terminal: window changes signal it (SIGWINCH), and it
            # is hung up (SIGHUP) when the terminal goes.
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, stdin=follower, stdout=follower, stderr=follower, env=self.env,
                start_new_session=True, close_fds=True)
        except BaseException:
            os.close(leader)
            raise
        finally:
            os.close(follower)
        os.set_blocking(leader, False)
        self._leader = leader
        self.resume_output()

    def write(self, data: bytes) -> None:
        """Keys for the app; what the terminal cannot take yet waits (never blocking the server)."""
        if self._leader < 0:
            return
        self._pending += data
        self._flush_keys()

    def _flush_keys(self) -> None:
        while self._pending and self._leader >= 0:
            try:
                written = os.write(self._leader, self._pending)
            except BlockingIOError:
                self._loop.add_writer(self._leader, self._flush_keys)
                return
            except OSError:
                self._pending.clear()  # the app is gone: nobody to type to
                break
            del self._pending[:written]
        if self._leader >= 0:
            self._loop.remove_writer(self._leader)

    def resize(self, size: TerminalSize) -> None:
        """TIOCSWINSZ on the terminal; the kernel sends SIGWINCH to the app (the
        terminal's foreground process group), and the app lays its screen out again."""
        self.size = size
        if self._leader >= 0:
            try:
                fcntl.ioctl(self._leader, termios.TIOCSWINSZ, size.packed())
            except OSError:
                pass  # the app ended meanwhile

    def pause_output(self) -> None:
        """The client is slow to take the screen: stop reading, so the app waits too."""
        if self._reading and self._leader >= 0:
            self._loop.remove_reader(self._leader)
            self._reading = False

    def resume_output(self) -> None:
        if not self._reading and self._leader >= 0:
            self._loop.add_reader(self._leader, self._read)
            self._reading = True

    def _read(self) -> None:
        """Pass on what the app painted."""
        try:
            data = os.read(self._leader, 1 << 16)
        except BlockingIOError:
            return
        except OSError:  # EIO: every process on the terminal closed it
            data = b""
        if not data:
            self.pause_output()  # nothing more will come; wait() collects the exit
            return
        self._output(data)

    async def wait(self) -> int:
        """The app's exit status once it ended and its last frame was passed on."""
        assert self.process is not None
        code = await self.process.wait()
        while self._leader >= 0:  # what it painted just before it ended
            try:
                data = os.read(self._leader, 1 << 16)
            except OSError:  # nothing more now (EAGAIN), or ever (EIO)
                break
            if not data:
                break
            self._output(data)
        self.close()
        return code

    async def end(self, grace: float) -> int:
        if self.process is None:
            return 0
        code = await end_process_group(self.process, grace)
        self.close()
        return code

    def close(self) -> None:
        if self._leader >= 0:
            self.pause_output()
            self._loop.remove_writer(self._leader)
            os.close(self._leader)
            self._leader = -1


async def start_command(argv: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
    """A backtui subcommand on pipes, in a process group of its own."""
    return await asyncio.create_subprocess_exec(
        *argv, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env=env, start_new_session=True, close_fds=True)
