"""Pushes leave on a thread of their own: a slow or dead server never holds up the
keyboard or the countdowns, and a failure comes back as one line of words."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Callable

from backtui.domain.notices import ntfy_request

TIMEOUT_S = 5.0


def push_ntfy(url: str, title: str, body: str, failed: Callable[[str], None]) -> threading.Thread:
    """POST the notice to an ntfy topic in the background; `failed(words)` is called
    (on that thread) when it could not be delivered."""

    def send() -> None:
        target, data, headers = ntfy_request(url, title, body)
        request = urllib.request.Request(target, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
                answer.read(1024)
        except urllib.error.HTTPError as exc:
            failed(f"ntfy push refused: HTTP {exc.code}")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            failed(f"ntfy push failed: {reason}")

    thread = threading.Thread(target=send, name="backtui-ntfy", daemon=True)
    thread.start()
    return thread
