"""Running the SSH server until SIGTERM, SIGINT (Ctrl+C) or SIGHUP, then stopping it cleanly."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

import asyncssh

from backtui.sshserve.server import Limits, SshServer


def serve_forever(db_path: Path, host_keys: list[asyncssh.SSHKey], limits: Limits, host: str, port: int,
                  log: Callable[[str], None], *, read_only: bool = False) -> None:
    """Serve until a stop signal; OSError when the address cannot be listened on."""
    asyncio.run(_serve(SshServer(db_path, host_keys, limits, log, read_only=read_only), host, port))


async def _serve(server: SshServer, host: str, port: int) -> None:
    listening = await server.start(host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    server.log(listening_line(host, listening))
    try:
        await stop.wait()
        server.log(f"stopping: ending {len(server.sessions)} session(s)")
        await server.stop()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(sig)
    server.log("stopped")


def listening_line(host: str, port: int) -> str:
    """The start line; a wildcard address (0.0.0.0, ::) is no address to ssh to."""
    where = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::", ""):
        return f"listening on {where}:{port}: lifters connect with `ssh -p {port} HOST` (this machine's name or address)"
    return f"listening on {where}:{port}: lifters connect with `ssh -p {port} {where}`"
