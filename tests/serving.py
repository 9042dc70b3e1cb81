"""`backtui serve` in a process of its own for a test: a free loopback port, and the
whole process group stopped afterwards (textual-serve starts app processes of its own)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db: Path, port: int, **popen) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([sys.executable, "-m", "backtui", "serve", "--port", str(port), "--db", str(db)],
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
