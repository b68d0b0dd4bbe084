"""Text for people: control characters made visible, and display widths.

Names and summaries come from contributors and reach terminals, so every
renderer passes text through `visible` (or its own syntax's escaping), and the
checker refuses control and bidi characters outright with `forbidden`.
Widths count what a terminal draws: CJK characters take two cells, combining
marks none.

This module imports only the standard library (`re`, `unicodedata`): the
command line's fast path uses it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

__all__ = ["BIDI", "cut", "forbidden", "hidden_characters", "visible", "width"]

# Explicit bidirectional formatting characters: they reorder what follows
# ("Trojan Source"), so a name could read differently from what it is.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in BIDI


def forbidden(text: str) -> list[str]:
    """The control (C0, DEL, C1) and bidi characters in ``text``, as ``U+XXXX``."""
    return sorted({f"U+{ord(c):04X}" for c in text if _is_control(c)})


# A control or bidi character can reach a parsed string only raw (bidi, C1, DEL, a tab) or through
# a TOML escape; a file with neither needs no walk through its values.
_SUSPECT = re.compile("[\t\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\\\\[btnfreuU]")


def hidden_characters(source: str, value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """``(path, message)`` for every key or string in ``value`` (parsed from ``source``) that holds
    control or bidi characters."""
    if source and not _SUSPECT.search(source):
        return
    for path, text in _strings(value, ()):
        bad = forbidden(text)
        if bad:
            where = ".".join(str(p) for p in path) or "a value"
            yield path, f"{where} holds control or bidi characters ({', '.join(bad)}); remove them"


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), str(key)
            yield from _strings(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def visible(text: str) -> str:
    """``text`` with every control and bidi character shown as an escape (``\\x1b``, ``\\u202e``)."""
    if not any(_is_control(c) for c in text):
        return text
    out = []
    for char in text:
        if not _is_control(char):
            out.append(char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)


def _cell(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii():
        return len(text)
    return sum(_cell(c) for c in text)


def cut(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` cells, ending in an ellipsis when cut."""
    if width(text) <= cells:
        return text
    if cells <= 0:
        return ""
    out, used = [], 0
    for char in text:
        size = _cell(char)
        if used + size > cells - 1:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + "…"
