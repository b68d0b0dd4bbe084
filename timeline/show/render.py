"""The one rendering layer: every command's output, in every ``--format``.

A command builds an `Output` (nested data for JSON, flat records for CSV
and JSON Lines, blocks of text and tables for people) and `render` writes
it. No command formats anything itself, so ``--format`` behaves the same
everywhere, and every format escapes what it prints for where it goes:

- tables and text: control and bidi characters shown as escapes, cells cut
  with an ellipsis to fit the terminal's width (``--wide`` keeps them whole);
- CSV: a cell that a spreadsheet would run as a formula gets a leading
  apostrophe, and every line break inside a value is quoted (``\\r\\n``
  rows), so no value can start a row of its own;
- JSON: control, DEL, C1 and bidi characters written as ``\\u`` escapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from timeline.model.plain import plain as _plain
from timeline.model.text import cut, visible, width
from timeline.show.formats import FORMATS, Format, table_width, terminal_width

__all__ = ["Output", "Table", "csv_cell", "render", "terminal_width"]

# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these
# as a formula. A leading apostrophe makes it text and is not shown.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_JSON_UNSAFE = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MIN_COLUMN = 10


class Table:
    """Rows under a title; ``flex`` names the columns that give way when the table is too wide.

    Nothing is cut: a cell of those columns (names, notes, ids) wraps onto the lines below, and a
    date or a count is always on one line. A table that cannot fit so is printed a row per line
    instead, every cell whole.
    """

    __slots__ = ("columns", "empty", "flex", "legend", "lines", "rows", "title")

    def __init__(
        self,
        columns: tuple[str, ...],
        rows: Sequence[Sequence[str]],
        title: str | None = None,
        lines: Sequence[str] = (),
        legend: Sequence[str] = (),
        flex: Sequence[str] = (),
        empty: str = "(none)",
    ) -> None:
        self.columns = columns
        self.rows = [tuple(row) for row in rows]
        self.title = title
        self.lines = tuple(lines)
        self.legend = tuple(legend)
        self.flex = tuple(flex) or columns[-1:]
        self.empty = empty


class Output:
    """An answer: ``data`` for JSON, flat ``records`` for CSV and JSON Lines, ``blocks`` for people."""

    __slots__ = ("blocks", "data", "records")

    def __init__(self, data: object, records: Sequence[object], blocks: Sequence[Table | str]) -> None:
        self.data = data
        self.records = records
        self.blocks = tuple(blocks)


def csv_cell(value: object) -> object:
    """A value safe to put in a spreadsheet cell."""
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _flat(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"  # as the data package writes them, never Python's True
    if isinstance(value, list | tuple):
        return ";".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


def render(output: Output, fmt: Format, width: int | None = None, wide: bool = False) -> str:
    if fmt == "table":
        limit = None if wide else (width or table_width())
        return "\n".join(_block(b, limit) for b in output.blocks)
    import json

    if fmt == "json":
        text = json.dumps(_plain(output.data), indent=2, ensure_ascii=False)
        return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
    records: list[dict[str, Any]] = [_plain(r) for r in output.records]
    if fmt == "jsonl":
        return "".join(
            _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(r, ensure_ascii=False)) + "\n"
            for r in records
        )
    if fmt == "csv":
        import csv
        import io

        columns: dict[str, None] = {}
        for record in records:
            columns.update(dict.fromkeys(record))
        buffer = io.StringIO()
        # "\r\n" rows: the csv module then quotes any value holding \r or \n.
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([csv_cell(c) for c in columns])
        for record in records:
            writer.writerow([csv_cell(_flat(record.get(c))) for c in columns])
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _block(block: Table | str, limit: int | None) -> str:
    if isinstance(block, str):
        return "\n".join(_wrap(line, limit) for line in block.split("\n")) + "\n"
    return format_table(block, limit)


def _wrap(line: str, limit: int | None, indent: str = "") -> str:
    line = visible(line)
    if limit is None or width(line) <= limit:
        return line
    lead = line[: len(line) - len(line.lstrip())]
    import textwrap  # only when a line is too long

    # Words (and URLs, which must stay whole to be copied) are never broken.
    wrapped = textwrap.wrap(
        line.strip(), width=max(10, limit - len(lead) - 2), break_long_words=False, break_on_hyphens=False
    )
    return "\n".join(lead + piece if i == 0 else lead + "  " + piece for i, piece in enumerate(wrapped))


def format_table(table: Table, limit: int | None = None) -> str:
    out: list[str] = []
    if table.title:
        out.append(_wrap(table.title, limit))
    out.extend(_wrap(f"  {line}", limit) for line in table.lines)
    if table.rows:
        rows = [tuple(visible(cell) for cell in row) for row in table.rows]
        widths = _fit(table.columns, rows, table.flex, limit)
        if widths is None:
            lead = ""
            for row in rows:
                # A table leaves its first cell blank under the row it continues; a record says it.
                lead = row[0] if row[0].strip() else lead
                out.append(_record(table.columns, (lead, *row[1:]), limit))
        else:
            out.append(_line(table.columns, widths, limit))
            out.append(_line(tuple("-" * w for w in widths), widths, limit))
            out.extend(_line(row, widths, limit) for row in rows)
    elif table.columns:
        out.append(_wrap(f"  {table.empty}", limit))
    out.extend(_wrap(f"  {line}", limit) for line in table.legend)
    return "\n".join(out) + "\n"


def _pieces(cell: str, size: int) -> list[str]:
    """``cell`` in lines of at most ``size`` cells: at spaces where it can, else anywhere."""
    if width(cell) <= size:
        return [cell]
    import textwrap  # only when a cell is too wide

    lines = textwrap.wrap(cell, width=size, break_long_words=True, break_on_hyphens=True) or [""]
    return [piece if width(piece) <= size else cut(piece, size) for piece in lines]


def _line(cells: Sequence[str], widths: list[int], limit: int | None) -> str:
    """One row, on as many lines as its widest wrapped cell needs."""
    stacks = [_pieces(cell, size) for cell, size in zip(cells, widths, strict=True)]
    out = []
    for n in range(max(len(stack) for stack in stacks)):
        parts = []
        for stack, size in zip(stacks, widths, strict=True):
            piece = stack[n] if n < len(stack) else ""
            parts.append(piece + " " * (size - width(piece)))
        out.append(("  " + "  ".join(parts)).rstrip())
    return "\n".join(out)


def _record(columns: tuple[str, ...], row: tuple[str, ...], limit: int | None) -> str:
    """One row as one wrapped line of ``column: value`` pairs, every cell whole."""
    pairs = [f"{column}: {cell}" for column, cell in zip(columns, row, strict=True) if cell.strip()]
    return _wrap("  - " + "; ".join(pairs), limit)


def _fit(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], flex: tuple[str, ...], limit: int | None
) -> list[int] | None:
    """Column widths within ``limit``: the ``flex`` columns give way, the widest first; ``None`` if
    the table cannot fit without cutting the others."""
    widths = [max(width(x) for x in column) for column in zip(columns, *rows, strict=True)]
    if limit is None:
        return widths
    total = 2 + sum(widths) + 2 * (len(widths) - 1)
    flexible = [columns.index(c) for c in flex if c in columns]
    while total > limit:
        widest = max(flexible, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= _MIN_COLUMN:
            return None
        widths[widest] -= 1
        total -= 1
    return widths
