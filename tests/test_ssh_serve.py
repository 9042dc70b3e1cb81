"""`backtui ssh-serve` through asyncssh's client, on 127.0.0.1: keys, lifters, the app
in its terminal, commands, limits. Each test stops its server and checks that no
process it started is left (sshclient.ssh_server)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import asyncssh
import pytest
from ptyio import SAVED
from sqlrows import rows
from sshclient import Screen, connect, let_in, new_key, none_left, open_app, processes_on, ssh_server

from backtui.sshserve.keys import host_keys
from backtui.sshserve.terminal import TERMINAL_RESET

pytestmark = pytest.mark.slow  # real app processes behind a real SSH server


TRACKER_READY = b"empty Enter logs Next"  # the tracker's entry hint, on no other screen


async def start_routine(screen: Screen) -> int:
    """From the picker, the first routine (Beginner back, Cat-cow first): where the tracker appeared."""
    await screen.wait_for(b"never")  # the picker has read the file: keys now reach the list
    screen.type(b"\r")
    at = await screen.wait_for(b"Enter starts the workout")
    screen.type(b"\r")
    # The tracker's entry line, not the plan's "Target" column: keys typed before the
    # tracker is up go to the plan screen (its Enter would start the routine again).
    return await screen.wait_for(TRACKER_READY, since=at)


async def log_set(screen: Screen, entry: bytes, number: int) -> None:
    since = len(screen.output)
    screen.type(entry + b"\r")
    await screen.wait_for(SAVED_NUMBER(number), since=since)


def SAVED_NUMBER(number: int) -> re.Pattern[bytes]:  # noqa: N802 (reads as a constant pattern)
    return re.compile(SAVED.pattern.replace(rb"(\d+(?:, \d+)*)", str(number).encode()))


def sets_of(db_path: Path, profile: str) -> list[tuple]:
    return rows(db_path, "SELECT s.workout_id, s.seconds, s.weight_kg, s.reps, w.ended_at FROM sets s "
                "JOIN workouts w ON w.id = s.workout_id JOIN profiles p ON p.id = s.profile_id "
                "WHERE p.name = ? ORDER BY s.id", [profile])


async def test_a_set_typed_over_ssh_survives_a_dropped_link_and_the_workout_resumes(db_path: Path):
    key = new_key("alice@phone")
    let_in(db_path, "alice", key)
    async with ssh_server(db_path) as (_server, port, lines):
        conn = await connect(port, key)
        screen = await open_app(conn)
        await start_routine(screen)
        await log_set(screen, b"30s", 1)
        conn.abort()  # the phone lost its signal: no goodbye
        await none_left(db_path)  # the app was hung up
        assert [(s[1], s[4]) for s in sets_of(db_path, "alice")] == [(30, None)]  # saved, the workout still open

        async with await connect(port, key) as conn:
            screen = await open_app(conn)
            await screen.wait_for(b"Unfinished workout")
            screen.type(b"\r")
            await screen.wait_for(TRACKER_READY)
            await log_set(screen, b"40s", 2)
        found = sets_of(db_path, "alice")
        assert [s[1] for s in found] == [30, 40]
        assert found[0][0] == found[1][0]  # the same workout, resumed
    assert any("closed: lifter 'alice' key SHA256:" in line and re.search(r"\d+m\d\ds", line) for line in lines)


async def test_an_unknown_key_and_passwords_are_refused_at_login(db_path: Path):
    let_in(db_path, "alice", new_key())
    async with ssh_server(db_path) as (_server, port, lines):
        stranger = new_key("eve")
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(port, stranger)
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(port, None, password="alice", preferred_auth="password,keyboard-interactive")
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(port, None, kbdint_auth=True, preferred_auth="keyboard-interactive")
        await asyncio.sleep(0.2)  # the refused connections' log lines
    assert any("refused: no known key" in line and stranger.get_fingerprint() in line for line in lines)


async def test_a_removed_key_is_refused_from_the_next_login(db_path: Path, run):
    key = new_key("old-phone")
    let_in(db_path, "alice", key)
    async with ssh_server(db_path) as (_server, port, _lines):
        async with await connect(port, key) as conn:
            assert (await conn.run("history --json", check=False)).exit_status == 0
        assert run("ssh-keys", "remove", "old-phone").exit_code == 0
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(port, key)


async def test_two_keys_two_lifters_and_neither_sees_the_other(db_path: Path):
    alice, bob = new_key("alice"), new_key("bob")
    let_in(db_path, "alice", alice)
    let_in(db_path, "bob", bob)
    async with ssh_server(db_path) as (_server, port, _lines):
        async with await connect(port, alice) as conn:
            screen = await open_app(conn)
            await start_routine(screen)
            await screen.wait_for(b"alice")
            assert b"bob" not in screen.output
            await log_set(screen, b"30s", 1)
            # A second writer on the same lifter while the app is open: a command over SSH.
            logged = await conn.run("log deadlift 100x5", check=False)
            assert logged.exit_status == 0, logged.stderr
        async with await connect(port, bob) as conn:
            screen = await open_app(conn)
            await screen.wait_for(b"never")  # bob's picker: no routine done, no workout left open to resume
            await screen.wait_for(b"bob")  # his name in the title
            assert b"alice" not in screen.output
            assert b"Unfinished workout" not in screen.output
            history = await conn.run("history --json", check=False)
            assert history.exit_status == 0 and json.loads(history.stdout) == []
            nosy = await conn.run("history --json --profile alice", check=False)
            assert nosy.exit_status != 0 and "deadlift" not in nosy.stdout
        async with await connect(port, alice) as conn:
            history = await conn.run("history --json", check=False)
            mine = json.loads(history.stdout)
            assert [s["exercise"] for w in mine for s in w["sets"]] == ["cat-cow", "deadlift"]
    assert sets_of(db_path, "bob") == []


async def test_the_client_window_size_reaches_the_app_at_start_and_on_resize(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    row_and_column = re.compile(rb"\x1b\[(\d+);(\d+)H")

    def furthest(output: bytes) -> tuple[int, int]:
        places = [(int(r), int(c)) for r, c in row_and_column.findall(output)]
        return max(r for r, _ in places), max(c for _, c in places)

    async with ssh_server(db_path) as (_server, port, _lines):
        async with await connect(port, key) as conn:
            screen = await open_app(conn, size=(60, 20))
            at = await screen.wait_for(b"Pick a routine")
            assert furthest(bytes(screen.output[:at])) <= (20, 60)
            screen.process.change_terminal_size(100, 30)
            # The app lays its screen out again for 100x30: it paints the footer on row 30,
            # right of column 60 (the footer's last key, ^p palette, sits at the right edge).
            await screen.wait_for(re.compile(rb"\x1b\[30;(?:[7-9]\d|100)H"), since=at)
            rows_, columns = furthest(bytes(screen.output[at:]))
            assert rows_ == 30 and 60 < columns <= 100


async def test_colour_depth_follows_term_and_colorterm(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path, per_key=3) as (_server, port, _lines):  # three apps, one ending as the next starts
        async with await connect(port, key) as conn:
            plain = await open_app(conn)
            await plain.wait_for(b"never")
            assert b"38;5;" in plain.output and b"38;2;" not in plain.output  # 256 colours without COLORTERM
            plain.process.close()
            deep = await open_app(conn, env={"COLORTERM": "truecolor"})
            await deep.wait_for(b"never")
            assert b"38;2;" in deep.output  # 24-bit colour when the client says it can
            deep.process.close()
            basic = await open_app(conn, term="xterm")
            await basic.wait_for(b"never")
            assert not re.search(rb"\x1b\[[0-9;]*(?:38|48);[25];", basic.output)  # 16 colours for a plain xterm


async def test_session_caps_per_key_and_in_total(db_path: Path):
    alice, bob, carol = new_key(), new_key(), new_key()
    for name, key in (("alice", alice), ("bob", bob), ("carol", carol)):
        let_in(db_path, name, key)
    async with ssh_server(db_path, max_sessions=2, per_key=1) as (_server, port, _lines):
        first = await connect(port, alice)
        app = await open_app(first)
        await app.wait_for(b"never")
        again = await open_app(first)  # the same key, a second session
        assert await again.ended() == 1
        assert b"this key already has 1 sessions open" in again.errors
        second = await connect(port, bob)
        await (await open_app(second)).wait_for(b"never")
        third = await connect(port, carol)
        refused = await third.run("history --json", check=False)
        assert refused.exit_status == 1 and "already runs 2 sessions" in refused.stderr
        first.close()
        await first.wait_closed()
        for _ in range(100):  # alice's app is ending: her slot comes free
            result = await third.run("history --json", check=False)
            if result.exit_status == 0:
                break
            await asyncio.sleep(0.1)
        assert result.exit_status == 0
        second.close()
        third.close()


@pytest.mark.parametrize("command", [
    "history --json",
    "history --since 30d --exercise deadlift",
    "log deadlift 100x5 '# felt; strong | ok'",
    "export --format csv",
    "suggest deadlift",
    "plates 100",
    "config get unit",
    "config list --json",
    "exercises --json",
    "routines",
])
async def test_allowed_subcommands_run_for_the_lifter(db_path: Path, command: str):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path) as (_server, port, _lines):
        async with await connect(port, key) as conn:
            result = await conn.run(command, check=False)
    assert result.exit_status == 0, result.stderr


@pytest.mark.parametrize("command, reason", [
    ("  ", "no command given"),  # "" is a shell request to asyncssh: see the terminal test
    ("sh -c id", "'sh' does not run over SSH"),
    ("/bin/sh", "does not run over SSH"),
    ("import /etc/passwd", "'import' does not run over SSH"),
    ("profile list", "'profile' does not run over SSH"),
    ("check", "'check' does not run over SSH"),
    ("ssh-keys list", "does not run over SSH"),
    ("config set unit lb", "does not run over SSH"),
    ("routines export beginner-back", "routines takes no arguments"),
    ("history --json; id", "';' means nothing"),
    ("history --json | head", "'|' means nothing"),
    ("history && id", "'&' means nothing"),
    ("log deadlift $(id)", "'$' means nothing"),
    ("log deadlift `id`", "'`' means nothing"),
    ("history > /tmp/out", "'>' means nothing"),
    ("history --json\nid", "means nothing"),
    ("export -o /tmp/stolen.json", "'-o' is not available"),
    ("export --output=/tmp/x", "'--output' is not available"),
    ("history --db /tmp/other.db", "'--db' is not available"),
    ("log --profile bob deadlift 100x5", "'--profile' is not available"),
    ("--profile bob history", "does not run over SSH"),
    ("history 'unclosed", "cannot read the command"),
])
async def test_anything_else_is_refused_with_a_reason(db_path: Path, command: str, reason: str):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path) as (_server, port, _lines):
        async with await connect(port, key) as conn:
            result = await conn.run(command, check=False)
    assert result.exit_status == 1
    assert result.stdout == ""
    assert result.stderr.startswith("backtui: ") and reason in result.stderr and result.stderr.count("\n") == 1
    assert not Path("/tmp/stolen.json").exists()


async def test_forwarding_and_subsystems_are_refused(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path) as (_server, port, lines):
        async with await connect(port, key) as conn:
            with pytest.raises(asyncssh.ChannelOpenError):
                await conn.open_connection("127.0.0.1", port)  # -L: onward to the network
            with pytest.raises(asyncssh.ChannelListenError):
                await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9)  # -R: a listener on the server
            with pytest.raises(asyncssh.ChannelOpenError):
                await conn.open_unix_connection("/run/dbus/system_bus_socket")
            with pytest.raises(asyncssh.ChannelOpenError, match="Session request failed"):
                await conn.start_sftp_client()  # no subsystem: no file access
            # Agent and X11 forwarding: asked on a session, refused, and the session goes on.
            channel, _session = await conn.create_session(asyncssh.SSHClientSession, "history --json", encoding=None)
            agent = await channel._make_request(b"auth-agent-req@openssh.com")  # noqa: SLF001 (no public call asks alone)
            x11 = await channel._make_request(b"x11-req", asyncssh.packet.Boolean(False),  # noqa: SLF001
                                              asyncssh.packet.String("MIT-MAGIC-COOKIE-1"),
                                              asyncssh.packet.String("00" * 16), asyncssh.packet.UInt32(0))
            assert agent is False and x11 is False
            channel.close()
    assert any("refused local port forwarding" in line for line in lines)
    assert any("refused remote port forwarding" in line for line in lines)


async def test_a_shell_request_without_a_terminal_is_refused(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path) as (_server, port, _lines):
        async with await connect(port, key) as conn:
            process = await conn.create_process(encoding=None)  # ssh -T
            screen = Screen(process)
            assert await screen.ended() == 1
            assert b"needs a terminal" in screen.errors


async def start_command_line_server(db_path: Path, *args: str) -> tuple[asyncio.subprocess.Process, int, list[str]]:
    """`backtui --db DB ssh-serve --port PORT ARGS`; the process, its port and what it printed
    up to 'listening on'."""
    from serving import free_port

    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backtui", "--db", str(db_path), "ssh-serve", "--port", str(port), *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, start_new_session=True)
    printed: list[str] = []
    while not any("listening on" in line for line in printed):
        line = await asyncio.wait_for(process.stdout.readline(), 30)
        assert line, f"ssh-serve ended before listening: {printed}"
        printed.append(line.decode())
    return process, port, printed


async def stop_command_line_server(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def test_the_command_prints_its_host_keys_and_sigterm_lets_sessions_end(db_path: Path, run):
    key = new_key()
    let_in(db_path, "alice", key)
    process, port, printed = await start_command_line_server(db_path)
    try:
        made = host_keys(db_path)  # read back from the files the server wrote
        for host_key in made:
            assert not host_key.created and host_key.path.stat().st_mode & 0o777 == 0o600
            assert any(host_key.fingerprint in line for line in printed)
        known = asyncssh.import_known_hosts("".join(
            f"[127.0.0.1]:{port} {k.key.export_public_key().decode()}" for k in made))
        conn = await connect(port, key, known_hosts=known)  # the client checks the server's identity
        screen = await open_app(conn)
        await start_routine(screen)
        await log_set(screen, b"30s", 1)
        process.send_signal(signal.SIGTERM)
        assert await screen.ended() == 129
        assert b"the server is stopping" in screen.errors and screen.output.endswith(TERMINAL_RESET)
        assert await asyncio.wait_for(process.wait(), 30) == 0
        rest = (await process.stdout.read()).decode()
        assert "closed: lifter 'alice'" in rest and rest.rstrip().endswith("stopped")
        await none_left(db_path)
        assert [s[1] for s in sets_of(db_path, "alice")] == [30]
    finally:
        await stop_command_line_server(process)


async def test_apps_are_hung_up_when_the_server_itself_is_killed(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    process, port, _printed = await start_command_line_server(db_path)
    try:
        conn = await connect(port, key)
        screen = await open_app(conn)
        await screen.wait_for(b"never")
        assert processes_on(db_path)
        os.killpg(process.pid, signal.SIGKILL)  # no clean-up code runs: the kernel hangs the terminals up
        await process.wait()
        await none_left(db_path)
        conn.abort()
    finally:
        await stop_command_line_server(process)


async def test_another_address_is_served_only_when_asked_and_with_a_warning(db_path: Path):
    import socket

    from serving import free_port

    let_in(db_path, "alice", new_key())
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", port))  # bound, never listening: the server cannot have the port and nothing is exposed
        result = subprocess.run([sys.executable, "-m", "backtui", "--db", str(db_path), "ssh-serve", "--host", "0.0.0.0",
                                 "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert "warning: listening on 0.0.0.0" in result.stderr
    assert result.returncode == 1 and f"cannot listen on 0.0.0.0:{port}" in result.stderr
    default = subprocess.run([sys.executable, "-m", "backtui", "ssh-serve", "--help"], capture_output=True, text=True)
    assert re.search(r"\[default:\s+127\.0\.0\.1\]", default.stdout) and "[default: 2222;" in default.stdout


async def test_keys_keep_an_app_open_and_an_idle_one_is_closed_with_the_terminal_given_back(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path, idle_timeout=2) as (_server, port, _lines):
        async with await connect(port, key) as conn:
            screen = await open_app(conn)
            await screen.wait_for(b"never")
            for _ in range(8):  # 3.2 s of a lifter scrolling the list, more than the timeout
                screen.type(b"\x1b[B")
                await asyncio.sleep(0.4)
            assert screen.process.exit_status is None and processes_on(db_path)
            status = await screen.ended(timeout=30)  # then nothing: closed
            assert b"no key pressed for 2 s" in screen.errors and b"your sets are saved" in screen.errors
            assert screen.output.endswith(TERMINAL_RESET)  # alternate screen, mouse and cursor back to normal
            assert status == 129  # ended by a hang-up
        assert not processes_on(db_path)


async def test_open_connections_are_bounded_too(db_path: Path):
    key = new_key()
    let_in(db_path, "alice", key)
    async with ssh_server(db_path, max_sessions=1) as (_server, port, lines):
        held = [await connect(port, key) for _ in range(4)]  # four per session allowed
        with pytest.raises((asyncssh.Error, ConnectionError, OSError)):
            await connect(port, key)
        for conn in held:
            conn.close()
        await asyncio.sleep(0.3)
    assert any("refused a connection from 127.0.0.1" in line for line in lines)


def test_the_start_line_never_tells_lifters_to_ssh_to_a_wildcard_address():
    from backtui.sshserve.run import listening_line

    assert listening_line("127.0.0.1", 2222).endswith("`ssh -p 2222 127.0.0.1`")
    assert listening_line("::1", 2222).endswith("`ssh -p 2222 [::1]`")
    for wildcard in ("0.0.0.0", "::"):
        line = listening_line(wildcard, 2222)
        assert "ssh -p 2222 HOST" in line and f"ssh -p 2222 {wildcard}" not in line and "[::]`" not in line
