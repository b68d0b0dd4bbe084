"""The output formats every command offers, declared once (the command line builds its choices from them),
and the width a table or help text is fitted to."""

from __future__ import annotations

import os
from typing import Final, Literal

__all__ = ["FORMATS", "Format", "table_width", "terminal_width"]

Format = Literal["table", "json", "csv", "jsonl"]
FORMATS: Final[tuple[Format, ...]] = ("table", "json", "csv", "jsonl")


def _columns() -> int:
    """``COLUMNS`` if set, else the width of the terminal standard output goes to, else 0."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(1).columns
        except OSError:
            columns = 0
    return max(20, columns) if columns > 0 else 0  # a terminal may report 0 columns


def terminal_width(fallback: int = 100) -> int:
    """``COLUMNS`` if set, else the terminal's width, else ``fallback`` (shutil's rule, without importing it)."""
    return _columns() or fallback


def table_width() -> int | None:
    """The width a table is fitted to: ``COLUMNS`` or the terminal's; ``None`` (every cell whole) when
    the output goes to a file or a pipe, where nothing is read in columns and nothing may be lost."""
    return _columns() or None
