"""Find the line of a TOML file that a cattrs error path points at.

``tomllib`` keeps no positions, so this reads the text: good enough for the
files this project writes (one key per line, ``[table]`` and ``[[array]]``
headers), and it answers ``None`` rather than a wrong line when it cannot tell.
"""

from __future__ import annotations

import re

__all__ = ["line_of"]


def line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the key or table at ``path`` (``("sources", 2, "url")``), or ``None``."""
    steps = list(path)
    if not steps:
        return None
    lines = text.splitlines()
    start, end = 0, _next_header(lines, 0)
    found: int | None = None
    table = ""
    index = 0
    while index < len(steps):
        step = steps[index]
        if not isinstance(step, str):
            return found
        following = steps[index + 1] if index + 1 < len(steps) else None
        name = f"{table}.{step}" if table else step
        if isinstance(following, int):
            header = _nth_array_header(lines, name, following)
            if header is not None:
                table, found = name, header + 1
                start, end = header + 1, _next_header(lines, header + 1)
                index += 2
                continue
        key_line = _key_line(lines, step, start, end)
        if key_line is not None:
            return key_line + 1
        header = _table_header(lines, name)
        if header is None:
            return found
        table, found = name, header + 1
        start, end = header + 1, _next_header(lines, header + 1)
        index += 1
    return found


def _next_header(lines: list[str], start: int) -> int:
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith("["):
            return number
    return len(lines)


def _key_line(lines: list[str], key: str, start: int, end: int) -> int | None:
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start, end):
        if pattern.match(lines[number]):
            return number
    return None


def _table_header(lines: list[str], name: str) -> int | None:
    for number, line in enumerate(lines):
        if line.strip() == f"[{name}]":
            return number
    return None


def _nth_array_header(lines: list[str], name: str, nth: int) -> int | None:
    seen = -1
    for number, line in enumerate(lines):
        if line.strip() == f"[[{name}]]":
            seen += 1
            if seen == nth:
                return number
    return None
