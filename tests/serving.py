"""`backtui serve` in a process of its own for a test: a free loopback port, and the
whole process group stopped afterwards (textual-serve starts app processes of its own)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served_url(process: subprocess.Popen, timeout: float = 30.0) -> str:
    """The address `backtui serve` prints at start (its key in it); its stdout must be a pipe."""
    import re
    import selectors

    deadline = time.monotonic() + timeout
    seen = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=0.2):
                if process.poll() is not None:
                    break
                continue
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            seen += line
            found = re.search(rb"open (http://\S+/) in your browser", line)
            if found:
                return found.group(1).decode()
    raise AssertionError(f"backtui serve printed no address: {seen.decode(errors='replace')}")


@contextmanager
def serving(db: Path, port: int, *args: str, **popen) -> Iterator[subprocess.Popen]:
    """`backtui serve --port PORT --db DB ARGS...`; `args` go after `serve`."""
    process = subprocess.Popen([sys.executable, "-m", "backtui", "serve", "--port", str(port), "--db", str(db), *args],
                               start_new_session=True, **popen)
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
