"""A rest that ends, said outside the terminal window: the escape sequences that ask
the terminal for a desktop notification, and the request that pushes to an ntfy topic.

Terminals differ: OSC 9 (iTerm2, WezTerm, Windows Terminal, ghostty), OSC 777 (foot,
urxvt, WezTerm), OSC 99 (kitty). A terminal ignores the ones it does not know, but one
that knows two would show two notices: "auto" picks one from $TERM. Inside tmux the
sequence is wrapped for its passthrough (tmux's `allow-passthrough on`). The words are
ours, never the lifter's text; control characters are still kept out of them.
"""

from __future__ import annotations

from collections.abc import Mapping

NOTICE_KINDS = ("auto", "osc9", "osc777", "osc99", "off")
ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"


def _plain(text: str) -> str:
    """No control characters (they would end the sequence early) and no ';' in 777's fields."""
    return "".join(ch if ch.isprintable() else " " for ch in text).replace(";", ",")[:200]


def chosen_kind(setting: str, env: Mapping[str, str]) -> str:
    """osc9, osc777, osc99 or off for the setting, "auto" read from the environment."""
    if setting != "auto":
        return setting if setting in NOTICE_KINDS else "off"
    term = env.get("TERM", "")
    if "kitty" in term or env.get("KITTY_WINDOW_ID"):
        return "osc99"
    if term.startswith(("foot", "rxvt")):
        return "osc777"
    return "osc9"


def notice_sequence(title: str, body: str, kind: str, *, tmux: bool = False) -> str:
    """The bytes asking the terminal for a desktop notification ('' for off)."""
    title, body = _plain(title), _plain(body)
    if kind == "osc9":
        sequence = f"{ESC}]9;{title}: {body}{BEL}"
    elif kind == "osc777":
        sequence = f"{ESC}]777;notify;{title};{body}{BEL}"
    elif kind == "osc99":
        # kitty: the title, then the body of the same notice (d=0: more to come).
        sequence = f"{ESC}]99;i=backtui:d=0;{title}{ST}{ESC}]99;i=backtui:d=1:p=body;{body}{ST}"
    else:
        return ""
    if tmux:
        # tmux passes a DCS "tmux;" string through with every ESC inside doubled.
        sequence = f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"
    return sequence


def ntfy_request(url: str, title: str, body: str) -> tuple[str, bytes, dict[str, str]]:
    """(url, body, headers) of the POST that publishes to an ntfy topic."""
    return url, _plain(body).encode("utf-8"), {"Title": _plain(title), "Tags": "stopwatch", "Priority": "high"}
