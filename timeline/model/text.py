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

__all__ = [
    "BIDI",
    "INVISIBLE",
    "UNSAFE_CLASS",
    "URL",
    "cut",
    "forbidden",
    "hidden_characters",
    "mixed_scripts",
    "visible",
    "width",
]

# Explicit bidirectional formatting characters: they reorder what follows
# ("Trojan Source"), so a name could read differently from what it is.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that draw nothing or break a line where no line should break: zero-width ones hide a
# difference between two names, line and paragraph separators start a line in a terminal or a log.
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u2028\u2029")
# Every character no text of the data may hold: C0 (line breaks included), DEL, C1, and the above.
# Written as regex escapes, so that the JSON Schema's patterns (read by Rust, JavaScript and Python
# engines alike) say the same as the check.
UNSAFE_CLASS = "\\u0000-\\u001f\\u007f-\\u009f" + "".join(f"\\u{ord(c):04x}" for c in sorted(BIDI | INVISIBLE))
_UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")
# A source's address: http or https, a host with a dot, no spaces.
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:[/?#][^\s]*)?$")


def _is_control(char: str) -> bool:
    return _UNSAFE.match(char) is not None


def forbidden(text: str) -> list[str]:
    """The control, bidi, zero-width and separator characters in ``text``, as ``U+XXXX``."""
    return sorted({f"U+{ord(c):04X}" for c in _UNSAFE.findall(text)})


# An unsafe character reaches a parsed string raw (a TOML multi-line string may hold a raw line break)
# or through an escape; a file with neither needs no walk through its values.
_SUSPECT = re.compile("\"\"\"|'''|[\t\x7f-\x9f" + "".join(sorted(BIDI | INVISIBLE)) + "]|\\\\[btnfreuU]")

# Letters of these scripts look alike (a Latin a, a Cyrillic a, a Greek alpha): a name mixing them can pass for
# another name while being a different string.
_CONFUSABLE = ("LATIN", "CYRILLIC", "GREEK")


def mixed_scripts(name: str) -> tuple[str, ...]:
    """The look-alike scripts ``name``'s letters come from, when there is more than one (else ``()``)."""
    if name.isascii():
        return ()
    found = []
    for char in name:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ", 1)[0]
            if script in _CONFUSABLE and script not in found:
                found.append(script)
    return tuple(found) if len(found) > 1 else ()


def hidden_characters(source: str, value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """``(path, message)`` for every key or string in ``value`` (parsed from ``source``) that holds
    control, bidi, zero-width or line-separator characters, however the file spells them."""
    if source and not _SUSPECT.search(source):
        return
    for path, text in _strings(value, ()):
        bad = forbidden(text)
        if bad:
            where = ".".join(str(p) for p in path) or "a value"
            yield path, f"{where} holds control, invisible or bidi characters ({', '.join(bad)}); remove them"


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
    """``text`` with every control, bidi, zero-width and separator character shown as an escape."""
    if _UNSAFE.search(text) is None:
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
