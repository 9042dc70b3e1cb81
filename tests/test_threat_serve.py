"""Threat: `backtui serve` opens to any web page, runs unlimited sessions, and a
browser user switches to any lifter.

Now the page and the socket need the key printed at start, the socket only opens
for the page served here (Origin) at an address this server answers to (Host), at
most --max-sessions apps run at once, and `serve --profile NAME` confines every
session to that lifter (--lock-profile, which any front end can pass). Proved in a
real browser: headless Chromium opens the page with its key, a set typed there lands
in the file, and a page from another origin cannot connect even knowing the key.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest
from browser import Browser, chromium
from click.testing import CliRunner
from serving import free_port, served_url, serving
from tui_wait import wait_for_screen

from backtui.cli import main
from backtui.cli.serve_cmd import serve_command
from backtui.cli.serve_web import host_names

SAVED = re.compile(r"saved(?:\x1b\[[0-9;]*m)* set 1")


def get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@contextmanager
def served(db: Path, *args: str):
    port = free_port()
    with serving(db, port, *args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                 env={**os.environ, "NO_COLOR": "1"}) as process:
        url = served_url(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get(url)
                break
            except OSError:
                time.sleep(0.2)
        yield url, port, process


async def open_socket(url: str, origin: str | None):
    """The app's socket as the page would open it; (status, first bytes or None)."""
    socket_url = url.replace("http://", "ws://") + "ws?width=80&height=24"
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(socket_url, headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws:
                message = await asyncio.wait_for(ws.receive(), 30)
                return 101, message.data if message.type == aiohttp.WSMsgType.BINARY else None
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status, None


# -- the key, the Host and the Origin --------------------------------------------

@pytest.mark.slow
def test_the_page_needs_the_key_and_a_known_host(tmp_path: Path):
    with served(tmp_path / "s.db") as (url, port, _):
        base = f"http://127.0.0.1:{port}"
        assert get(base + "/")[0] == 404
        assert get(base + "/not-the-key/")[0] == 404
        status, body = get(url)
        assert status == 200 and url.replace("http://", "ws://") + "ws" in body
        assert get(url.rstrip("/"))[0] == 200  # the bare key redirects to the page
        # A name rebound to 127.0.0.1 (DNS rebinding) is not an address this server has.
        assert get(url, host=f"evil.example:{port}")[0] == 421
        assert get(url, host=f"localhost:{port}")[0] == 200


@pytest.mark.slow
async def test_the_socket_opens_only_for_its_own_page(tmp_path: Path):
    with served(tmp_path / "s.db") as (url, port, process):
        own = f"http://127.0.0.1:{port}"
        for origin in ("http://evil.example", f"http://localhost:{port + 1}", "null", None):
            status, _ = await open_socket(url, origin)
            assert status == 403, origin
        bad_key = url.rsplit("/", 2)[0] + "/wrong/"
        assert (await open_socket(bad_key, own))[0] == 404
        status, first = await open_socket(url, own)
        assert status == 101 and first  # the app started and drew


@pytest.mark.slow
async def test_sessions_past_the_cap_get_a_sentence_not_a_process(tmp_path: Path):
    with served(tmp_path / "s.db", "--max-sessions", "1") as (url, port, process):
        own = f"http://127.0.0.1:{port}"
        socket_url = url.replace("http://", "ws://") + "ws?width=80&height=24"
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(socket_url, headers={"Origin": own}) as first:
                await asyncio.wait_for(first.receive(), 30)
                status, said = await open_socket(url, own)
                assert status == 101 and b"already runs 1 sessions" in said
                status, page = get(url)
                assert status == 503 and "--max-sessions" in page
                pattern = f"^{re.escape(sys.executable)} -m backtui --db"
                children = subprocess.run(["pgrep", "-g", str(os.getpgid(process.pid)), "-f", "--", pattern],
                                          capture_output=True, text=True).stdout.split()
                assert len(children) == 1, children  # one app process: the refused one never started


def test_host_names():
    assert host_names("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert host_names("192.168.1.5", 80) == {"192.168.1.5:80"}
    assert host_names("0.0.0.0", 8000) is None


# -- one lifter per session -------------------------------------------------------

def test_serve_with_a_profile_confines_every_session(tmp_path: Path):
    command = serve_command(tmp_path / "my log.db", "Sam")
    assert command.endswith("--profile Sam --lock-profile")
    assert serve_command(tmp_path / "x.db", read_only=True).endswith("--read-only")


@pytest.fixture
def two_lifters(db_path: Path) -> Path:
    runner = CliRunner()
    for args in (["profile", "add", "Sam"], ["profile", "add", "Alex"], ["--profile", "Alex", "log", "deadlift", "90x5"]):
        assert runner.invoke(main, ["--db", str(db_path), *args]).exit_code == 0
    return db_path


@pytest.mark.parametrize("args", [["profile", "add", "Eve"], ["profile", "rename", "Sam", "Samuel"],
                                  ["profile", "delete", "Alex", "--yes"], ["log", "deadlift", "100x5", "--profile", "Alex"],
                                  ["history", "--profile", "Alex"]])
def test_a_locked_command_line_cannot_reach_another_lifter(two_lifters: Path, args: list[str]):
    result = CliRunner().invoke(main, ["--db", str(two_lifters), "--profile", "Sam", "--lock-profile", *args])
    assert result.exit_code == 2 and "--lock-profile" in result.output, result.output
    names = CliRunner().invoke(main, ["--db", str(two_lifters), "profile", "list"]).output
    assert "Alex" in names and "Eve" not in names and "Samuel" not in names


def test_a_locked_command_line_works_for_its_own_lifter(two_lifters: Path):
    base = ["--db", str(two_lifters), "--profile", "Sam", "--lock-profile"]
    assert CliRunner().invoke(main, [*base, "log", "deadlift", "100x5"]).exit_code == 0
    listed = CliRunner().invoke(main, [*base, "profile", "list"]).output
    assert "Sam" in listed and "Alex" not in listed
    history = CliRunner().invoke(main, [*base, "history", "--json"]).output
    assert "100" in history and "90.0" not in history


def test_lock_profile_needs_a_profile(two_lifters: Path):
    result = CliRunner().invoke(main, ["--db", str(two_lifters), "--lock-profile", "history"])
    assert result.exit_code == 2 and "--profile NAME" in result.output
    done = subprocess.run([sys.executable, "-m", "backtui", "--db", str(two_lifters), "--lock-profile"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "--profile NAME" in done.stderr


async def test_a_locked_app_refuses_the_lifter_switch(two_lifters: Path):
    from backtui.app import make_app

    app = make_app(two_lifters, profile="Sam", lock_profile=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_screen(pilot, app, "PickerScreen")
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"
        said = [n.message for n in app._notifications]
        assert any("--lock-profile" in m for m in said), said
        from backtui.storage.profiles import list_profiles

        alex = next(p for p in list_profiles(app.db.conn) if p.name == "Alex")
        app.switch_profile(alex)  # the palette or any other way in ends here too
        await pilot.pause()
        assert app.profile.name == "Sam"


# -- in a real browser -------------------------------------------------------------

RECORD_SOCKET = """
window.__screen = "";
const RealSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new RealSocket(...args);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") window.__screen += new TextDecoder().decode(event.data);
  });
  return socket;
};
window.WebSocket.prototype = RealSocket.prototype;
"""

ELSEWHERE = """<!doctype html><title>a page elsewhere</title><script>
window.__events = [];
const socket = new WebSocket("{socket}");
socket.onopen = () => window.__events.push("open");
socket.onerror = () => window.__events.push("error");
socket.onclose = () => window.__events.push("close");
</script>"""


@contextmanager
def another_site(html: str):
    """A page served from another origin (another port on this machine)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
async def test_a_real_browser_logs_a_set_and_a_page_elsewhere_cannot_connect(tmp_path: Path):
    executable, why = chromium()
    if executable is None:
        pytest.skip(why)
    db = tmp_path / "browser.db"
    with served(db) as (url, port, process):
        async with Browser(executable, tmp_path / "chromium-profile") as browser:
            page = await browser.new_page()
            await page.send("Page.enable")
            await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SOCKET)
            await page.send("Page.navigate", url=url)
            await page.wait_for("window.__screen && window.__screen.includes('Pick a routine')", timeout=60)
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

            async def typed(text: str) -> None:
                await page.send("Input.insertText", text=text)
                await asyncio.sleep(0.3)

            async def enter() -> None:
                for kind in ("keyDown", "keyUp"):
                    await page.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                                    windowsVirtualKeyCode=13, **({"text": "\r"} if kind == "keyDown" else {}))
                await asyncio.sleep(0.3)

            await typed("a")  # an ad-hoc workout: find the exercise, then log
            await page.wait_for("window.__screen.includes('Ad-hoc workout')")
            await typed("deadlift")
            await enter()
            await page.wait_for("window.__screen.includes('Deadlift')")
            start = await page.evaluate("window.__screen.length")
            await typed("102.5x5")
            await enter()
            await page.wait_for(f"/saved(\\x1b\\[[0-9;]*m)* set 1/.test(window.__screen.slice({start}))")
            await page.close()

            socket = url.replace("http://", "ws://") + "ws?width=80&height=24"
            with another_site(ELSEWHERE.replace("{socket}", socket)) as elsewhere:
                stranger = await browser.new_page()
                await stranger.send("Page.enable")
                await stranger.send("Page.navigate", url=elsewhere)
                # Refused: an error, then the close. Let in: "open" comes first.
                events = await stranger.wait_for("window.__events && window.__events.length && window.__events",
                                                 timeout=30)
                assert events[0] != "open", events
                await stranger.wait_for("window.__events.includes('close')")
                await stranger.close()
    conn = sqlite3.connect(db)
    try:
        sets = conn.execute("SELECT e.slug, s.weight_kg, s.reps FROM sets s JOIN exercises e ON e.id = s.exercise_id"
                            ).fetchall()
    finally:
        conn.close()
    assert sets == [("deadlift", 102.5, 5)]
