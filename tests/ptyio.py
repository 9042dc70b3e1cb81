"""A program in a real pseudo-terminal: spawn it, type into it, read what it paints.

Used by the process tests (kills, hang-ups, two apps at once) and by the benchmarks
in bench/ that time what a lifter sees. The pty is the child's controlling terminal,
so closing it hangs the program up (SIGHUP), as a dropped SSH session does.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The tracker's status after a commit: "✓ saved set 3: 60x8" (styles in between).
SAVED = re.compile(rb"saved(?:\x1b\[[0-9;]*m)* set (\d+(?:, \d+)*):")


@dataclass
class PtyProcess:
    process: subprocess.Popen
    fd: int
    started: float  # perf_counter just before the spawn
    output: bytearray = field(default_factory=bytearray)
    closed: bool = False

    def _read_some(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            return False
        self.output += chunk
        return True

    def wait_for(self, pattern: bytes | re.Pattern, timeout: float = 30.0, *, since: int = 0):
        """Read until `pattern` (bytes or a compiled regex) appears after offset `since`.
        Returns the regex match (or True), raising TimeoutError / EOFError with the tail."""
        deadline = time.perf_counter() + timeout
        while True:
            if isinstance(pattern, re.Pattern):
                found = pattern.search(self.output, since)
                if found:
                    return found
            elif pattern in self.output[since:]:
                return True
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"never saw {pattern!r}; last output: {bytes(self.output[-400:])!r}")
            if not self._read_some(left):
                raise EOFError(f"the program ended before {pattern!r}: {bytes(self.output[-400:])!r}")

    def wait_saved(self, number: int, *, since: int, timeout: float = 30.0) -> None:
        """Wait until the tracker says set `number` was saved (after offset `since`).
        A repaint of an earlier status may come first; a later number may not."""
        deadline = time.perf_counter() + timeout
        while True:
            for found in SAVED.finditer(self.output, since):
                numbers = [int(n) for n in found[1].split(b", ")]
                assert max(numbers) <= number, f"set {max(numbers)} called saved while waiting for {number}"
                if number in numbers:
                    return
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"never saw set {number} saved; last output: {bytes(self.output[-400:])!r}")
            if not self._read_some(left):
                raise EOFError(f"the program ended before set {number} was saved")

    def read_until(self, needle: bytes, timeout: float = 30.0, *, since: int = 0) -> float:
        """Read until `needle` appears; the perf_counter at which it had arrived."""
        self.wait_for(needle, timeout, since=since)
        return time.perf_counter()

    def drain(self, seconds: float) -> None:
        """Keep reading for a while, so the program never blocks on a full terminal."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            if not self._read_some(left):
                return

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def hang_up(self) -> None:
        """Close the terminal, as sshd does when the link drops."""
        if not self.closed:
            os.close(self.fd)
            self.closed = True

    def stop(self, sig: int = signal.SIGKILL, timeout: float = 10.0) -> int:
        """Send `sig` (if still running), wait for the exit, close the terminal."""
        if self.process.poll() is None:
            try:
                os.kill(self.process.pid, sig)
            except ProcessLookupError:
                pass
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait(timeout=timeout)
        self.hang_up()
        return code


def _take_terminal() -> None:
    # In the child, after setsid: the pty becomes its controlling terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def spawn(argv: list[str], *, size: tuple[int, int] = (80, 24), env: dict | None = None) -> PtyProcess:
    """Start `argv` with a fresh pseudo-terminal as its stdin, stdout and stderr."""
    columns, lines = size
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    full_env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": str(lines),
        "TEXTUAL_ANIMATIONS": "none",
        **(env or {}),
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=follower, stdout=follower, stderr=follower, env=full_env,
        close_fds=True, start_new_session=True, cwd=ROOT, preexec_fn=_take_terminal,
    )
    os.close(follower)
    return PtyProcess(process, leader, started)


def backtui_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "backtui", *args]


def kill_all(processes: list[PtyProcess]) -> None:
    for proc in processes:
        try:
            proc.stop(signal.SIGKILL)
        except OSError:
            pass


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_with_stderr_on_a_pty(argv: list[str], env: dict, timeout: float = 60) -> tuple[subprocess.CompletedProcess, bytes]:
    """Run a command to its end with standard error on a terminal (standard output piped):
    what it drew there only for a person watching (progress bars) comes back as bytes."""
    main_fd, child_fd = pty.openpty()
    try:
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=child_fd, env=env, timeout=timeout)
    finally:
        os.close(child_fd)
    seen = b""
    try:
        while chunk := os.read(main_fd, 4096):
            seen += chunk
    except OSError:
        pass  # the pty closes when the child is gone
    os.close(main_fd)
    return done, seen
