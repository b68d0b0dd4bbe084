"""The output formats every command offers, declared once (the command line builds its choices from them),
and the width a table or help text is fitted to."""

from __future__ import annotations

import os
from typing import Final, Literal

__all__ = ["FORMATS", "Format", "terminal_width"]

Format = Literal["table", "json", "csv", "jsonl"]
FORMATS: Final[tuple[Format, ...]] = ("table", "json", "csv", "jsonl")


def terminal_width(fallback: int = 100) -> int:
    """``COLUMNS`` if set, else the terminal's width, else ``fallback`` (shutil's rule, without importing it)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(1).columns
        except OSError:
            columns = 0
    return max(20, columns) if columns > 0 else fallback  # a terminal may report 0 columns
