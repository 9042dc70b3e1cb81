"""The web server behind `backtui serve`: textual-serve, with the doors closed.

textual-serve alone answers any web page: a page on another site, open in the
lifter's browser, could open the WebSocket, read the history and log sets, and every
connection started another app process. Here:

- a random key, printed once at start, is part of every address (the page and the
  socket); without it there is nothing but a 404;
- the WebSocket upgrade must come from the page served here: its Origin must be
  this server's own address (a page elsewhere sends its own), and the Host must be
  an address this server answers to (a name rebound to 127.0.0.1 is refused);
- at most `max_sessions` apps run at once; one more gets a sentence, not a process;
- errors are logged in one line, never with a traceback's local variables.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("backtui.serve")

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"0.0.0.0", "::", ""}


def new_key() -> str:
    """128 bits from the operating system's generator, URL-safe."""
    return secrets.token_urlsafe(16)


def host_names(host: str, port: int) -> set[str] | None:
    """The Host headers this server answers to, or None (bound to every address: any
    name, the key still needed)."""
    if host in WILDCARD:
        return None
    names = LOOPBACK if host in LOOPBACK else {host}
    return {f"[{name}]:{port}" if ":" in name else f"{name}:{port}" for name in names}


def address_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in WILDCARD | {"localhost"} else host
    return f"[{shown}]:{port}" if ":" in shown else f"{shown}:{port}"


class GuardedServer(Server):
    def __init__(self, command: str, *, host: str, port: int, key: str, max_sessions: int = 4,
                 title: str = "backtui") -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.key = key
        self.max_sessions = max_sessions
        self.sessions = 0
        self.hosts = host_names(host, port)
        self.url = f"http://{address_for(host, port)}/{key}/"

    # -- what is said ----------------------------------------------------------
    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        print(f"backtui serve: open {self.url} in your browser.", flush=True)
        print(f"The address holds a key: anyone with it can use your log. At most {self.max_sessions} "
              "sessions at once; Ctrl+C stops.", flush=True)

    # -- routes ----------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._known_host])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/{key}/", self.handle_index, name="index"),
            web.get("/{key}", self.handle_bare_key),
            web.get("/{key}/ws", self.handle_websocket, name="websocket"),
            # Keys for files the app hands over are random and live as long as the session.
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _known_host(self, request: web.Request, handler) -> web.StreamResponse:
        if self.hosts is not None and request.host not in self.hosts:
            return web.Response(status=421, text="backtui serve does not answer to this address.\n")
        return await handler(request)

    def _check_key(self, request: web.Request) -> None:
        if not hmac.compare_digest(request.match_info["key"].encode(), self.key.encode()):
            raise web.HTTPNotFound(text="Nothing here: open the address backtui serve printed when it started.\n")

    async def handle_bare_key(self, request: web.Request) -> web.StreamResponse:
        self._check_key(request)
        raise web.HTTPFound(f"/{self.key}/")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        self._check_key(request)
        if self.sessions >= self.max_sessions:
            return web.Response(status=503, text=self.full_message() + "\n")
        context: dict[str, Any] = {
            "font_size": _whole(request.query.get("fontsize", "16"), 16),
            # Built from the address the browser used: it is the one Origin accepted.
            "app_websocket_url": f"ws://{request.host}/{self.key}/ws",
            "config": {"static": {"url": f"http://{request.host}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def full_message(self) -> str:
        return (f"backtui serve already runs {self.max_sessions} sessions, the most it allows "
                "(--max-sessions): close a tab, then reload this page.")

    def origin_allowed(self, request: web.Request) -> bool:
        """The socket may only be opened by the page served here."""
        origin = request.headers.get("Origin")
        return origin is not None and hmac.compare_digest(origin, f"http://{request.host}")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self._check_key(request)
        if not self.origin_allowed(request):
            log.warning("refused a WebSocket from %r: not this server's page", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="backtui serve only talks to its own page.\n")
        if self.sessions >= self.max_sessions:
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.send_bytes(("\r\n  " + self.full_message() + "\r\n").encode())
            await websocket.close()
            return websocket
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1


def _whole(text: str, default: int) -> int:
    try:
        return max(6, min(64, int(text)))
    except ValueError:
        return default
