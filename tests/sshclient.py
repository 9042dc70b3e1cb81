"""`backtui ssh-serve` for a test, in the test's own event loop on 127.0.0.1 and a
port the kernel picks, and asyncssh's client to reach it. Every server is stopped,
and every process it started is checked gone, before the test ends."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncssh

from backtui.sshserve.keys import host_keys, public_key_of
from backtui.sshserve.server import Limits, SshServer
from backtui.storage.db import open_database
from backtui.storage.profiles import add_profile, list_profiles
from backtui.storage.ssh_keys import add_key


def new_key(comment: str = "") -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519", comment=comment or None)


def let_in(db_path: Path, profile: str, key: asyncssh.SSHKey) -> None:
    """The lifter (made when missing) may log in with `key`."""
    db = open_database(db_path)
    try:
        if not any(p.name == profile for p in list_profiles(db.conn)):
            add_profile(db.conn, profile)
        add_key(db.conn, profile, public_key_of(key))
    finally:
        db.close()


def processes_on(db_path: Path) -> list[int]:
    """Processes whose command line names this database (the apps and commands)."""
    needle = str(db_path).encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                if needle in handle.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found


async def none_left(db_path: Path, timeout: float = 15.0) -> None:
    """Wait (bounded) until no process runs on the database."""
    deadline = time.monotonic() + timeout
    while processes_on(db_path):
        if time.monotonic() > deadline:
            raise AssertionError(f"processes left running on {db_path}: {processes_on(db_path)}")
        await asyncio.sleep(0.1)


@asynccontextmanager
async def ssh_server(db_path: Path, **limits: float) -> AsyncIterator[tuple[SshServer, int, list[str]]]:
    """The server, its port and its log lines."""
    open_database(db_path).close()  # made and migrated, as the command does before serving
    lines: list[str] = []
    server = SshServer(db_path, [k.key for k in host_keys(db_path)], Limits(**limits), lines.append)  # type: ignore[arg-type]
    port = await server.start("127.0.0.1", 0)
    try:
        yield server, port, lines
    finally:
        await asyncio.wait_for(server.stop(), 60)
        await none_left(db_path)


async def connect(port: int, key: asyncssh.SSHKey | None, **options: object) -> asyncssh.SSHClientConnection:
    options.setdefault("known_hosts", None)
    return await asyncio.wait_for(asyncssh.connect(
        "127.0.0.1", port, username="lifter", client_keys=[key] if key is not None else [],
        agent_path=None, config=None, **options), 20)


class Screen:
    """What an app session painted, read as it arrives."""

    def __init__(self, process: asyncssh.SSHClientProcess[bytes]) -> None:
        self.process = process
        self.output = bytearray()
        self.errors = bytearray()

    async def wait_for(self, pattern: bytes | re.Pattern[bytes], timeout: float = 30.0, *, since: int = 0) -> int:
        """Read until `pattern` appears after offset `since`; where its match ends."""
        deadline = time.monotonic() + timeout
        while True:
            if isinstance(pattern, re.Pattern):
                found = pattern.search(self.output, since)
                if found:
                    return found.end()
            else:
                at = self.output.find(pattern, since)
                if at >= 0:
                    return at + len(pattern)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"never saw {pattern!r}; last output: {bytes(self.output[-600:])!r}")
            try:
                chunk = await asyncio.wait_for(self.process.stdout.read(1 << 16), left)
            except asyncio.TimeoutError:
                continue
            if not chunk:
                raise EOFError(f"the session ended before {pattern!r}: {bytes(self.output[-600:])!r}; "
                               f"stderr {bytes(self.errors)!r}")
            self.output += chunk

    def type(self, text: bytes) -> None:
        self.process.stdin.write(text)

    async def ended(self, timeout: float = 30.0) -> int:
        """Read to the end of the session; its exit status."""
        async def rest() -> None:
            while chunk := await self.process.stdout.read(1 << 16):
                self.output += chunk
            self.errors += await self.process.stderr.read()

        await asyncio.wait_for(rest(), timeout)
        await asyncio.wait_for(self.process.wait(), timeout)
        return int(self.process.exit_status if self.process.exit_status is not None else -1)


async def open_app(conn: asyncssh.SSHClientConnection, size: tuple[int, int] = (80, 24),
                   env: dict[str, str] | None = None, term: str = "xterm-256color") -> Screen:
    process = await conn.create_process(term_type=term, term_size=size, encoding=None, env=env or {})
    return Screen(process)
