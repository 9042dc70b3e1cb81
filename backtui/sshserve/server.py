"""The SSH server: public keys only, each key one lifter, each session one confined app.

A connection is let in by a key found in the database's ssh_keys table (read at
every attempt, so `backtui ssh-keys add|remove` needs no restart); no passwords, no
keyboard-interactive, no host-based or GSS login. Each session channel runs either
the app in a pseudo-terminal of its own (a shell request) or one allowed backtui
subcommand (an exec request, see commands.py), both with `--lock-profile` for the
key's lifter. Port forwarding of any kind, agent and X11 forwarding, subsystems
(sftp) and tun/tap are refused: asyncssh refuses what a server does not accept, and
agent forwarding, which it would accept, is switched off.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import asyncssh

from backtui.domain.inert import visible_line
from backtui.sshserve.commands import Refused, command_argv
from backtui.sshserve.terminal import (
    TERMINAL_RESET,
    TerminalApp,
    TerminalSize,
    app_argv,
    end_process_group,
    session_environment,
    start_command,
)
from backtui.sshserve.terminal import command_argv as backtui_command
from backtui.storage.ssh_keys import StoredKey, find_key


@dataclass(frozen=True)
class Limits:
    max_sessions: int = 8          # sessions (apps and commands) at once, all keys together
    per_key: int = 2               # ... with one key: a phone that reconnects before its old link timed out
    idle_timeout: float = 30 * 60  # seconds without a key pressed before the app is closed (0: never)
    command_timeout: float = 120   # seconds an exec'd subcommand may run
    grace: float = 5.0             # seconds an app has to end after SIGHUP, before SIGTERM
    login_timeout: float = 30      # seconds to authenticate
    keepalive: float = 30          # seconds between keepalives; 4 unanswered drop the link

    @property
    def max_connections(self) -> int:
        """Open connections, logged in or not: a bound on what a flood can hold open."""
        return self.max_sessions * 4


DISCONNECT_WAIT = 3.0  # seconds clients get to close their links when the server stops


def stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def duration(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}h{rest // 60:02d}m{rest % 60:02d}s" if hours else f"{rest // 60}m{rest % 60:02d}s"


class SshServer:
    """The listening server and what every connection shares: the database, the
    limits, the sessions running, the log."""

    def __init__(self, db_path: Path, host_keys: list[asyncssh.SSHKey], limits: Limits,
                 log: Callable[[str], None], *, read_only: bool = False) -> None:
        self.db_path, self.host_keys, self.limits, self._log = db_path, host_keys, limits, log
        self.read_only = read_only  # every app and command opens the file view only (--read-only)
        self.sessions: set[LifterSession] = set()
        self.connections: set[LifterConnection] = set()
        self.stopping = False
        self._acceptor: asyncssh.SSHAcceptor | None = None

    def log(self, text: str) -> None:
        try:
            self._log(f"{stamp()} {text}")
        except OSError:
            pass  # the log's reader went away (| head, a closed terminal): the lifters' sessions go on

    async def start(self, host: str, port: int) -> int:
        """Listen; the port listened on (a free one when `port` is 0)."""
        self._acceptor = await asyncssh.create_server(
            lambda: LifterConnection(self), host, port,
            server_host_keys=self.host_keys, server_version="backtui",
            public_key_auth=True, password_auth=False, kbdint_auth=False, host_based_auth=False,
            gss_host=None, gss_kex=False, gss_auth=False,
            agent_forwarding=False, x11_forwarding=False, allow_scp=False, line_editor=False,
            login_timeout=self.limits.login_timeout, keepalive_interval=self.limits.keepalive,
            keepalive_count_max=4, config=None)
        return int(self._acceptor.sockets[0].getsockname()[1])

    def refusal(self, session: LifterSession) -> str | None:
        """Why `session` may not start now, or None (then it counts as running)."""
        if self.stopping:
            return "the server is stopping"
        if len(self.sessions) >= self.limits.max_sessions:
            return (f"the server already runs {self.limits.max_sessions} sessions, its most (--max-sessions): "
                    "try again when one has ended")
        fingerprint = session.fingerprint
        mine = sum(1 for s in self.sessions if s.fingerprint == fingerprint)
        if mine >= self.limits.per_key:
            return (f"this key already has {mine} sessions open, its most (--max-sessions-per-key): "
                    "close one, or wait a minute for a dropped one to time out")
        self.sessions.add(session)
        return None

    async def stop(self) -> None:
        """Stop listening, end every session (each app gets SIGHUP and a bounded
        wait; its sets are already in the file), then close the connections."""
        self.stopping = True
        if self._acceptor is not None:
            self._acceptor.close()
        ending = [session.end("the server is stopping") for session in list(self.sessions)]
        if ending:
            await asyncio.gather(*ending, return_exceptions=True)
        # Each client got its exit status and closes the link itself once it has read
        # it; a disconnect sent at once could overtake the status (OpenSSH would then
        # say "Disconnected" and exit 255 instead of showing the line). A bounded wait.
        deadline = time.monotonic() + DISCONNECT_WAIT
        while self.connections and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for connection in list(self.connections):
            connection.close()
        if self._acceptor is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._acceptor.wait_closed(), self.limits.grace + 5)


class LifterConnection(asyncssh.SSHServer):
    """One client connection: which key (so which lifter) it logged in with."""

    def __init__(self, server: SshServer) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.key: StoredKey | None = None
        self.offered: list[str] = []
        self.peer = "?"
        self.opened = time.monotonic()
        self.authenticated = False
        self.session_count = 0

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.peer = f"{peer[0]}:{peer[1]}"
        if len(self.server.connections) >= self.server.limits.max_connections or self.server.stopping:
            self.server.log(f"refused a connection from {self.peer}: too many open")
            conn.close()
            return
        self.server.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.connections.discard(self)
        took = duration(time.monotonic() - self.opened)
        if self.authenticated and self.key is not None:
            self.server.log(f"closed: lifter {self.lifter_words} key {self.key.fingerprint} from {self.peer}, "
                            f"{duration(time.monotonic() - self.opened)}, {self.session_count} session(s)")
        elif self.offered:
            self.server.log(f"refused: no known key from {self.peer} after {took} (offered "
                            f"{', '.join(self.offered[:4])}); `backtui ssh-keys add PROFILE KEYFILE` lets one in")

    @property
    def lifter_words(self) -> str:
        return f"'{visible_line(self.key.profile_name)}'" if self.key is not None else "?"

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def begin_auth(self, username: str) -> bool:
        return True  # every user name needs a key; the key, not the name, decides the lifter

    def public_key_auth_supported(self) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        """A key in ssh_keys, the same key bit for bit. asyncssh asks again for the
        signed attempt and checks the signature right after this returns, with no
        other attempt in between, so the key kept here is the one that logged in."""
        import base64

        fingerprint = str(key.get_fingerprint("sha256"))
        try:
            stored = find_key(self.server.db_path, fingerprint)
        except Exception as exc:  # a locked, damaged or vanished file: nobody gets in, and the log says why
            self.server.log(f"cannot read the keys in {self.server.db_path}: {visible_line(str(exc))}")
            stored = None
        if stored is not None and stored.public_key != base64.b64encode(key.public_data).decode("ascii"):
            stored = None
        self.key = stored
        if stored is None and fingerprint not in self.offered:
            self.offered.append(fingerprint)
        return stored is not None

    def auth_completed(self) -> None:
        self.authenticated = True
        key = self.key
        if key is not None:
            comment = f" ({visible_line(key.comment)})" if key.comment else ""
            self.server.log(f"open: lifter {self.lifter_words} key {key.fingerprint}{comment} from {self.peer}")

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        self._no_forwarding("local port forwarding (-L)")
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                                        "backtui: port forwarding is not available here")

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return self._no_forwarding("remote port forwarding (-R)")

    def unix_connection_requested(self, dest_path: str) -> bool:
        self._no_forwarding("socket forwarding")
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                                        "backtui: socket forwarding is not available here")

    def unix_server_requested(self, listen_path: str) -> bool:
        return self._no_forwarding("remote socket forwarding")

    def _no_forwarding(self, what: str) -> bool:
        """Refused, and said in the log: the server lets lifters into the app, never
        onward to the network or the machine."""
        self.server.log(f"refused {what}: lifter {self.lifter_words} from {self.peer}")
        return False

    def session_requested(self) -> tuple[asyncssh.SSHServerChannel[bytes], LifterSession] | bool:
        if self.conn is None or self.key is None:
            return False
        channel = self.conn.create_server_channel(encoding=None)
        self.session_count += 1
        return channel, LifterSession(self.server, self, self.key.fingerprint)


class LifterSession(asyncssh.SSHServerSession[bytes]):
    """One session channel: the app in a pseudo-terminal, or one subcommand."""

    def __init__(self, server: SshServer, connection: LifterConnection, fingerprint: str) -> None:
        self.server, self.connection, self.fingerprint = server, connection, fingerprint
        self.channel: asyncssh.SSHServerChannel[bytes] | None = None
        self.term: str | None = None
        self.size = TerminalSize.from_client(0, 0)
        self.command: str | None = None
        self.words: list[str] = []     # the subcommand's words, once allowed
        self.lifter = ""              # the key's lifter, read again as the session starts
        self.app: TerminalApp | None = None
        self.process: asyncio.subprocess.Process | None = None
        self.ending: str | None = None  # why the server ends it (idle, shutdown)
        self.counted = False
        self._idle: asyncio.TimerHandle | None = None
        self._writable = asyncio.Event()
        self._writable.set()
        self._task: asyncio.Task[None] | None = None
        self._done = asyncio.Event()

    # The client's requests, before the session starts.

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.channel = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: Mapping[int, int]) -> bool:
        self.term = term_type
        self.size = TerminalSize.from_client(*term_size)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted, then refused in words if it does not run: a refused request
        # would reach the lifter as a bare "exec request failed".
        self.command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return False  # sftp and friends: no file access here

    def break_received(self, msec: int) -> bool:
        return False

    def session_started(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    # While it runs.

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        # Keys for the app; a command reads nothing (none of those allowed takes input).
        if self.app is not None:
            self._touch()
            self.app.write(data)

    def eof_received(self) -> bool:
        return True  # keep the channel open for the output still to come

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self.size = TerminalSize.from_client(width, height, pixwidth, pixheight)
        if self.app is not None:
            self._touch()
            self.app.resize(self.size)

    def pause_writing(self) -> None:
        self._writable.clear()
        if self.app is not None:
            self.app.pause_output()

    def resume_writing(self) -> None:
        self._writable.set()
        if self.app is not None:
            self.app.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        """The link dropped or the client closed the channel: the app is hung up."""
        if self._task is not None and not self._task.done():
            asyncio.get_running_loop().create_task(self.end(None))

    # Starting and ending.

    async def _run(self) -> None:
        try:
            reason = self._refusal()
            if reason is not None:
                self._refuse(reason)
                return
            if self.command is not None:
                await self._run_command(self.command)
            else:
                await self._run_app()
        except Exception as exc:  # never a traceback to the lifter, and the log says what happened
            self.server.log(f"session error: lifter {self.connection.lifter_words}: "
                            f"{visible_line(type(exc).__name__ + ': ' + str(exc))}")
            self._refuse("the session could not start; the server's log says why")
        finally:
            self._stop_idle_timer()
            self.server.sessions.discard(self)
            self._done.set()

    def _refusal(self) -> str | None:
        if self.command is None and self.term is None:
            return "the app is full-screen and needs a terminal: connect without -T (or with -t)"
        if self.command is not None:
            try:
                self.words = command_argv(self.command)
            except Refused as exc:
                return str(exc)
        # Read again: the key may have been removed, or its lifter renamed, since login.
        key = find_key(self.server.db_path, self.fingerprint)
        if key is None:
            return "this key no longer lets anybody in"
        self.lifter = key.profile_name
        return self.server.refusal(self)

    def _refuse(self, reason: str) -> None:
        if self.channel is None:
            return
        end = "\r\n" if self.term is not None else "\n"
        with contextlib.suppress(OSError, asyncssh.Error):
            self.channel.write_stderr(f"backtui: {visible_line(reason)}{end}".encode())
            self.channel.exit(1)

    async def _run_app(self) -> None:
        assert self.channel is not None
        env = session_environment(self.term, self.channel.get_environment())
        argv = app_argv(self.server.db_path, self.lifter, read_only=self.server.read_only)
        self.app = TerminalApp(argv, env, self.size, self._send)
        await self.app.start()
        if self.ending is not None or self.server.stopping:  # the server began stopping while it started
            await self.app.end(self.server.limits.grace)
        self._touch()
        code = await self.app.wait()
        self._finish(code)

    async def _run_command(self, command: str) -> None:
        assert self.channel is not None
        env = session_environment(self.term, {})
        argv = backtui_command(self.server.db_path, self.lifter, self.words, read_only=self.server.read_only)
        self.process = await start_command(argv, env)
        pumps = [asyncio.ensure_future(self._pump(self.process.stdout, self.channel.write)),
                 asyncio.ensure_future(self._pump(self.process.stderr, self.channel.write_stderr))]
        try:
            await asyncio.wait_for(asyncio.shield(self.process.wait()), self.server.limits.command_timeout)
        except asyncio.TimeoutError:
            self.ending = f"the command ran longer than {int(self.server.limits.command_timeout)} s and was stopped"
            await end_process_group(self.process, 1.0)
        await asyncio.gather(*pumps, return_exceptions=True)
        self._finish(self.process.returncode if self.process.returncode is not None else 1)

    async def _pump(self, stream: asyncio.StreamReader | None, send: Callable[[bytes], None]) -> None:
        if stream is None:
            return
        while chunk := await stream.read(1 << 16):
            await self._writable.wait()
            with contextlib.suppress(OSError, asyncssh.Error):
                send(chunk)

    def _send(self, data: bytes) -> None:
        if self.channel is not None:
            with contextlib.suppress(OSError, asyncssh.Error):
                self.channel.write(data)

    def _finish(self, code: int) -> None:
        """Tell the client how it ended, and close the channel."""
        if self.channel is None:
            return
        with contextlib.suppress(OSError, asyncssh.Error):
            if self.ending is not None:
                if self.app is not None:
                    self.channel.write(TERMINAL_RESET)
                end = "\r\n" if self.term is not None else "\n"
                self.channel.write_stderr(f"{end}backtui: {self.ending}{end}".encode())
            self.channel.exit(code if code >= 0 else 128 - code)

    async def end(self, why: str | None) -> None:
        """End the session's process (SIGHUP first, bounded waits after), then let
        _run tell the client `why` (None: the client is gone, nobody to tell)."""
        if why is not None and self.ending is None:
            self.ending = f"{why}: your sets are saved; connect again to go on"
        if self.app is not None:
            await self.app.end(self.server.limits.grace)
        elif self.process is not None:
            await end_process_group(self.process, self.server.limits.grace)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._done.wait(), self.server.limits.grace + 10)

    # The idle timer: keys and window changes count, the app's own output does not
    # (a rest countdown repaints every second for as long as nobody is there).

    def _touch(self) -> None:
        timeout = self.server.limits.idle_timeout
        if timeout <= 0:
            return
        self._stop_idle_timer()
        self._idle = asyncio.get_running_loop().call_later(timeout, self._idle_out)

    def _stop_idle_timer(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _idle_out(self) -> None:
        minutes = self.server.limits.idle_timeout / 60
        told = f"{minutes:g} minutes" if minutes >= 1 else f"{self.server.limits.idle_timeout:g} s"
        asyncio.get_running_loop().create_task(self.end(f"no key pressed for {told}, so the app was closed"))
