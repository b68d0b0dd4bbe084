"""An event's table as TOML text, in the layout the events folder uses (the reverse of `timeline.read.files`).

Scalars and short arrays first, then the name tables (``[people]``, ``[companies]``, ``[roles]``,
``[changes]``), then the arrays of tables (``[[sources]]``, ``[[claims]]``). Strings are written as
JSON writes them, whose escapes TOML reads the same way, so no text can end its string early or
hide a control character.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["event_toml"]

TABLES = ("people", "companies", "roles", "changes")
ARRAYS = ("sources", "claims")
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {type(value).__name__}")


def event_toml(table: Mapping[str, Any]) -> str:
    """``table`` (an event as plain data) as the text of its file."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []
    arrays: list[tuple[str, list[Mapping[str, Any]]]] = []
    for key, value in table.items():
        if key in TABLES and isinstance(value, Mapping):
            tables.append((key, value))
        elif key in ARRAYS and isinstance(value, list | tuple):
            arrays.append((key, list(value)))
        elif value is not None:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, body in tables:
        lines.append(f"\n[{key}]")
        lines.extend(f"{_key(k)} = {_value(v)}" for k, v in body.items() if v is not None)
    for key, items in arrays:
        for item in items:
            lines.append(f"\n[[{key}]]")
            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in item.items() if v is not None)
    return "\n".join(lines) + "\n"
