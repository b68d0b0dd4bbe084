"""The output formats every command offers, declared once (the command line builds its choices from them)."""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["FORMATS", "Format"]

Format = Literal["table", "json", "csv", "jsonl"]
FORMATS: Final[tuple[Format, ...]] = ("table", "json", "csv", "jsonl")
