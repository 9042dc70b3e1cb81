"""Text from lifters and files, made safe to show on a terminal.

Names and notes come from the keyboard, from CSV exports and from routine files
somebody shared. Shown as they are, an ESC or C1 byte starts a terminal escape
sequence (a new window title, the clipboard through OSC 52, hidden output) and a
bidirectional override reorders what the reader sees. `visible` keeps the text
and spells each such character out (`\\x1b`), so it can be read but never acts.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, the C1 block, and the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _spelled(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character that could act on a terminal spelled out."""
    return _UNSAFE.sub(_spelled, text)


def visible_line(text: str) -> str:
    """`visible`, on one line: newlines and tabs become spaces (table cells, titles)."""
    return visible(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")


def json_visible(text: str) -> str:
    """JSON text with every unsafe character as a `\\uXXXX` escape: the same data for a
    JSON reader, nothing a terminal acts on. (json.dumps escapes C0 controls but
    leaves DEL, C1 and the bidirectional controls as they are; outside strings JSON
    is ASCII, so every one of them is inside a string, where the escape is valid.)"""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def has_nul(text: str) -> bool:
    """NUL is refused on input: SQLite and most tools cut text at it."""
    return "\x00" in text
