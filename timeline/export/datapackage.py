"""Export the timeline as a Frictionless Data Package: one CSV per table, each with a Table Schema.

The tables are those of `timeline.export.tables` (the same as the SQLite file's). Dates keep their
EDTF text beside two ``date`` columns for its bounds; a list is one cell, its items joined by
``;``; every table declares its primary key and its foreign keys. The package names its licence,
its publishers and its version: the ledger's head, so a copy can be traced to the release it was
made from.
"""

import csv
import io
import json
import typing
from pathlib import Path
from typing import Any

from timeline.ask.api import Timeline
from timeline.export.tables import LIST_SEPARATOR, Table, column_type, describe_column, tables
from timeline.model.plain import plain
from timeline.read import output
from timeline.show.render import csv_cell

__all__ = ["export_datapackage"]

# Table Schema's name for each kind of column (a list is a string holding its joined items).
_TYPES = {"date": "date", "boolean": "boolean", "integer": "integer", "list": "string", "string": "string"}


def _schema(table: Table) -> dict[str, Any]:
    hints = typing.get_type_hints(table.row)
    fields = []
    for name in table.row._fields:  # type: ignore[attr-defined]
        field: dict[str, Any] = {"name": name, "type": _TYPES[column_type(hints[name])]}
        description = describe_column(name, hints[name])
        if description:
            field["description"] = description
        if name in table.key:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.key)}
    if table.foreign:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
            for column, resource, target in table.foreign
        ]
    return schema


def _csv(table: Table) -> str:
    names: list[str] = list(table.row._fields)  # type: ignore[attr-defined]
    handle = io.StringIO(newline="")
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(names)
    for row in table.rows:
        data = plain(row)
        writer.writerow(["" if data[n] is None else csv_cell(_cell(data[n])) for n in names])
    return handle.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def export_datapackage(tl: Timeline, out: Path) -> Path:
    """Write ``datapackage.json`` and one CSV per table into ``out``; return the descriptor's path."""
    output.folder(out)
    resources = []
    publishers: set[str] = set()
    for table in tables(tl):
        path = f"{table.name}.csv"
        output.replace(out / path, _csv(table))
        if table.name == "sources":
            publishers.update(row.publisher for row in table.rows)
        resources.append(
            {
                "name": table.name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": _schema(table),
            }
        )
    head = str(tl.store.meta.get("head") or "")
    descriptor = {
        "profile": "tabular-data-package",
        "name": "tml-talent-timeline",
        "title": tl.title,
        "description": str(tl.store.meta.get("dataset", {}).get("description", "")),
        "version": f"ledger-{head[:12]}" if head else "unsealed",
        "licenses": [{"name": "MIT", "title": "MIT License", "path": "https://opensource.org/licenses/MIT"}],
        "sources": [{"title": p} for p in sorted(publishers)],
        "resources": resources,
    }
    return output.replace(out / "datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
