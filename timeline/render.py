"""The one rendering layer: every command's output, in every ``--format``.

A command builds an `Output` (nested data for JSON, flat records for CSV
and JSON Lines, tables for people) and `render` writes it. No command
formats anything itself, so ``--format`` behaves the same everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from attrs import frozen

__all__ = ["FORMATS", "Output", "Table", "csv_cell", "render"]

FORMATS = ("table", "json", "csv", "jsonl")

# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these
# as a formula. A leading apostrophe makes it text and is not shown.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@frozen
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str | None = None
    lines: tuple[str, ...] = ()  # said under the title, before the rows
    legend: tuple[str, ...] = ()


@frozen
class Output:
    """An answer: ``data`` for JSON, flat ``records`` (dicts or attrs records) for CSV and
    JSON Lines, ``blocks`` of text and tables for people."""

    data: object
    records: tuple[object, ...]
    blocks: tuple[Table | str, ...]


def csv_cell(value: object) -> object:
    """A value safe to put in a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flat(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return ";".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


def render(output: Output, fmt: str) -> str:
    if fmt == "table":
        return "\n".join(_block(b) for b in output.blocks)
    from .convert import converter  # tables need no converter; keep them fast

    if fmt == "json":
        return json.dumps(converter.unstructure(output.data), indent=2, ensure_ascii=False) + "\n"
    records: list[dict[str, Any]] = [converter.unstructure(r) for r in output.records]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "csv":
        columns: dict[str, None] = {}
        for record in records:
            columns.update(dict.fromkeys(record))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in columns])
        for record in records:
            writer.writerow([csv_cell(_flat(record.get(c))) for c in columns])
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _block(block: Table | str) -> str:
    if isinstance(block, str):
        return block + "\n"
    return format_table(block)


def format_table(table: Table) -> str:
    out: list[str] = []
    if table.title:
        out.append(table.title)
    out.extend(f"  {line}" for line in table.lines)
    if table.rows:
        widths = _widths(table.columns, table.rows)
        out.append("  " + "  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip())
        out.append("  " + "  ".join("-" * w for w in widths))
        for row in table.rows:
            out.append("  " + "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    elif table.columns:
        out.append("  (none)")
    out.extend(f"  {line}" for line in table.legend)
    return "\n".join(out) + "\n"


def _widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(len(str(x)) for x in column) for column in zip(columns, *rows, strict=True)]
