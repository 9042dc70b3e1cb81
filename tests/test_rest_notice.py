"""A rest that ends reaches a lifter who looked away: the bell, a desktop notice through
the terminal (OSC 9 / 777 / 99, wrapped for tmux) and a push to their ntfy topic."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tui_wait import go_to, type_line, wait_for_tracker

from backtui.app import make_app
from backtui.domain.notices import chosen_kind, notice_sequence
from backtui.domain.settings import SettingError, parse_setting
from backtui.widgets.countdown import Countdown


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sequences_for_each_terminal():
    assert notice_sequence("backtui", "Rest over", "osc9") == "\x1b]9;backtui: Rest over\x07"
    assert notice_sequence("backtui", "Rest over", "osc777") == "\x1b]777;notify;backtui;Rest over\x07"
    kitty = notice_sequence("backtui", "Rest over", "osc99")
    assert kitty.startswith("\x1b]99;i=backtui:d=0;backtui\x1b\\") and "p=body;Rest over\x1b\\" in kitty
    assert notice_sequence("backtui", "Rest over", "off") == ""


def test_tmux_passthrough_doubles_every_escape():
    wrapped = notice_sequence("backtui", "Rest over", "osc9", tmux=True)
    assert wrapped == "\x1bPtmux;\x1b\x1b]9;backtui: Rest over\x07\x1b\\"


def test_text_cannot_end_the_sequence_early():
    sequence = notice_sequence("t;x", "a\x1b]0;evil\x07b", "osc777")
    assert sequence.count("\x1b") == 1 and sequence.count("\x07") == 1
    assert sequence == "\x1b]777;notify;t,x;a ]0,evil b\x07"


@pytest.mark.parametrize("env, kind", [({"TERM": "xterm-kitty"}, "osc99"), ({"TERM": "foot"}, "osc777"),
                                       ({"TERM": "rxvt-unicode-256color"}, "osc777"),
                                       ({"TERM": "xterm-256color"}, "osc9"), ({}, "osc9")])
def test_auto_picks_one_sequence_per_terminal(env, kind):
    assert chosen_kind("auto", env) == kind
    assert chosen_kind("osc777", {"TERM": "xterm-kitty"}) == "osc777"


def test_ntfy_url_setting_is_checked():
    assert parse_setting("ntfy_url", " https://ntfy.example.org/rest ") == "https://ntfy.example.org/rest"
    assert parse_setting("ntfy_url", "") is None
    for bad in ("ftp://x", "https://a b", "javascript:alert(1)", "https://x/\x1b"):
        with pytest.raises(SettingError):
            parse_setting("ntfy_url", bad)


class Topic(BaseHTTPRequestHandler):
    """A local ntfy stand-in: records each POST; `delay` makes it slow."""

    received: list[tuple[str, dict[str, str], bytes]] = []
    delay = 0.0

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        time.sleep(self.delay)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.received.append((self.path, dict(self.headers), body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def topic():
    Topic.received, Topic.delay = [], 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Topic)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


async def end_a_rest(db_path: Path, monkeypatch, settings: dict[str, str], env: dict[str, str]):
    """Log a deadlift set in the tracker and let its rest run out; (what the app wrote
    to the terminal, its notices, the bells)."""
    from clirun import invoker

    run = invoker(db_path)  # the command line a lifter uses sets the settings
    for key, value in settings.items():
        assert run("config", "set", key, value).exit_code == 0
    for name in ("TERM", "TMUX", "KITTY_WINDOW_ID"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = make_app(db_path, routine="essential-back")
    written, notices, bells = [], [], []
    monkeypatch.setattr(app, "write_terminal", written.append)
    monkeypatch.setattr(app, "bell", lambda: bells.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_kw: notices.append(message))
        clock = FakeClock()
        app.clock = clock
        screen = await wait_for_tracker(pilot, app)
        await go_to(pilot, screen, "deadlift")
        await type_line(pilot, "100x5")
        await pilot.press("enter")
        clock.now += 181
        began = time.perf_counter()
        screen.query_one("#rest", Countdown).tick()
        await pilot.pause()
        handled_in = time.perf_counter() - began
        for _ in range(50):  # the push runs on its own thread
            if Topic.received or notices:
                break
            await pilot.pause(0.05)
    return written, notices, bells, handled_in


async def test_rest_end_rings_and_asks_the_terminal(db_path, monkeypatch):
    written, _notices, bells, _ = await end_a_rest(db_path, monkeypatch, {}, {"TERM": "xterm-256color"})
    assert bells == [1]
    assert written == ["\x1b]9;backtui: Rest over: next set!\x07"]


async def test_inside_tmux_the_notice_is_wrapped(db_path, monkeypatch):
    written, *_ = await end_a_rest(db_path, monkeypatch, {"notify": "osc777"}, {"TMUX": "/tmp/tmux-1/default,1,0"})
    assert written == ["\x1bPtmux;\x1b\x1b]777;notify;backtui;Rest over: next set!\x07\x1b\\"]


async def test_notice_off_sends_nothing(db_path, monkeypatch):
    written, *_ = await end_a_rest(db_path, monkeypatch, {"notify": "off"}, {})
    assert written == []


async def test_rest_end_pushes_to_the_ntfy_topic(db_path, monkeypatch, topic):
    url = f"http://127.0.0.1:{topic.server_address[1]}/backtui-rest"
    _written, notices, _bells, _ = await end_a_rest(db_path, monkeypatch, {"ntfy_url": url}, {})
    assert len(Topic.received) == 1
    path, headers, body = Topic.received[0]
    assert path == "/backtui-rest" and body == b"Rest over: next set!" and headers["Title"] == "backtui"
    assert notices == []


async def test_a_slow_server_never_holds_the_screen(db_path, monkeypatch, topic):
    Topic.delay = 2.0
    url = f"http://127.0.0.1:{topic.server_address[1]}/slow"
    *_, handled_in = await end_a_rest(db_path, monkeypatch, {"ntfy_url": url}, {})
    assert handled_in < 1.0


async def test_a_dead_server_is_one_quiet_line(db_path, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _written, notices, bells, _ = await end_a_rest(db_path, monkeypatch, {"ntfy_url": f"http://127.0.0.1:{port}/x"}, {})
    assert bells == [1]
    assert len(notices) == 1 and notices[0].startswith("ntfy push failed") and "\n" not in notices[0]
