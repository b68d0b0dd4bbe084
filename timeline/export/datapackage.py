"""Export the timeline as a Frictionless Data Package: one CSV per table, each with a Table Schema.

The tables are the records the Python API gives (`timeline.records`), plus the
sources, the citations joining sources to events, and the disputed values
(claims). Dates keep their EDTF text beside two ``date`` columns for its
bounds; every table declares its primary key and its foreign keys to
``events``. The package names its licence, its publishers and its version:
the ledger's head, so a copy can be traced to the release it was made from.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from timeline.ask import records
from timeline.ask.api import Timeline
from timeline.model.frozen import thaw
from timeline.model.plain import plain
from timeline.read import output
from timeline.show.render import csv_cell

__all__ = ["export_datapackage"]

EDTF_NOTE = "EDTF, as the sources give it; the _lower and _upper columns are its bounds"
SEPARATOR = ";"
LIST_NOTE = f"a list, its items separated by {SEPARATOR!r} (a JSON array in the API and JSON outputs)"


class SourceRow(NamedTuple):
    id: str  # a stable id: the first 12 hex digits of SHA-256(publisher, url)
    publisher: str
    label: str
    via: str | None
    host: str
    url: str
    published: str
    kind: str


class CitationRow(NamedTuple):
    event: str
    source: str
    key: str | None


class ClaimRow(NamedTuple):
    event: str
    field: str
    position: int
    value: str  # JSON, as the event file writes it
    taken: bool  # the value the rule takes, everything known
    sources: str  # source ids, separated by ";"
    note: str | None


def _source_id(publisher: str, url: str) -> str:
    return hashlib.sha256(f"{publisher}\n{url}".encode()).hexdigest()[:12]


def _type(annotation: Any) -> tuple[str, str | None]:
    """Table Schema type (and format) of a record field's annotation."""
    options = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    kind = options[0] if len(options) == 1 else str
    if kind is dt.date:
        return "date", None
    if kind is bool:
        return "boolean", None
    if kind is int:
        return "integer", None
    return "string", None


def _schema(cls: type, key: Sequence[str], foreign: Iterable[tuple[str, str, str]]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = []
    for name in cls._fields:  # type: ignore[attr-defined]
        kind, _ = _type(hints[name])
        field: dict[str, Any] = {"name": name, "type": kind}
        if name in ("date", "start", "end", "since", "published") and kind == "string":
            field["description"] = EDTF_NOTE
        elif typing.get_origin(hints[name]) is tuple:
            field["description"] = LIST_NOTE
        if name in key:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(key)}
    links = [
        {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
        for column, resource, target in foreign
    ]
    if links:
        schema["foreignKeys"] = links
    return schema


def _write(path: Path, cls: type, rows: Sequence[Any]) -> None:
    names: list[str] = list(cls._fields)  # type: ignore[attr-defined]
    handle = io.StringIO(newline="")
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        data = plain(row)
        writer.writerow(["" if data[n] is None else csv_cell(_cell(data[n])) for n in names])
    output.replace(path, handle.getvalue())


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(str(item) for item in value)
    return value


def export_datapackage(tl: Timeline, out: Path) -> Path:
    """Write ``datapackage.json`` and one CSV per table into ``out``; return the descriptor's path."""
    output.folder(out)
    events = records.events(tl, corrected=True)
    known_ids = {e.id for e in events}
    sources: dict[str, SourceRow] = {}
    citations: list[CitationRow] = []
    claims: list[ClaimRow] = []
    taken = {(r.event, r.field): r.chosen for r in tl.view().resolutions}
    for event in tl.known_events(include_fixes=True):
        by_key = {}
        for source in event.sources:
            ident = _source_id(source.publisher, source.url)
            by_key[source.key] = ident
            sources.setdefault(
                ident,
                SourceRow(
                    id=ident,
                    publisher=source.publisher,
                    label=source.label,
                    via=source.via,
                    host=source.host,
                    url=source.url,
                    published=source.published.text,
                    kind=source.kind,
                ),
            )
            citations.append(CitationRow(event=event.id, source=ident, key=source.key))
        for position, claim in enumerate(event.claims):
            claims.append(
                ClaimRow(
                    event=event.id,
                    field=claim.field,
                    position=position,
                    value=json.dumps(thaw(claim.value), ensure_ascii=False),
                    taken=taken.get((event.id, claim.field)) == claim,
                    sources=";".join(by_key[k] for k in claim.sources if k in by_key),
                    note=claim.note,
                )
            )
    seen: set[tuple[str, str]] = set()
    known_citations = []
    for citation in citations:
        if citation.event in known_ids and (citation.event, citation.source) not in seen:
            seen.add((citation.event, citation.source))
            known_citations.append(citation)
    tables: list[tuple[str, type, Sequence[Any], Sequence[str], list[tuple[str, str, str]], str]] = [
        ("events", records.EventRecord, events, ("id",), [], "Every event, as corrected."),
        (
            "stints",
            records.StintRecord,
            records.stints(tl),
            ("person", "company", "start_event"),
            [("start_event", "events", "id"), ("end_event", "events", "id")],
            "One person's time at one company, and how it ended.",
        ),
        (
            "roles",
            records.RoleRecord,
            records.roles(tl),
            ("person", "company", "role", "start_event"),
            [("start_event", "events", "id"), ("end_event", "events", "id")],
            "Each role, with its own start and end.",
        ),
        (
            "reporting_lines",
            records.LineRecord,
            records.lines(tl),
            ("person", "company", "start_event"),
            [("start_event", "events", "id"), ("end_event", "events", "id")],
            "Who reported to whom, while both were at the company.",
        ),
        (
            "funding_rounds",
            records.RoundRecord,
            records.rounds(tl),
            ("event",),
            [("event", "events", "id")],
            "Closed rounds and investments; an empty amount was not disclosed.",
        ),
        ("sources", SourceRow, sorted(sources.values(), key=lambda s: s.id), ("id",), [], "Every source cited."),
        (
            "citations",
            CitationRow,
            known_citations,
            ("event", "source"),
            [("event", "events", "id"), ("source", "sources", "id")],
            "Which event cites which source.",
        ),
        (
            "claims",
            ClaimRow,
            claims,
            ("event", "field", "position"),
            [("event", "events", "id")],
            "Values the sources disagree on, and which one the rule takes.",
        ),
    ]
    resources = []
    for name, cls, rows, key, foreign, description in tables:
        path = f"{name}.csv"
        _write(out / path, cls, rows)
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "schema": _schema(cls, key, foreign),
            }
        )
    head = str(tl.store.meta.get("head") or "")
    publishers = sorted({s.publisher for s in sources.values()})
    descriptor = {
        "profile": "tabular-data-package",
        "name": "tml-talent-timeline",
        "title": tl.title,
        "description": str(tl.store.meta.get("dataset", {}).get("description", "")),
        "version": f"ledger-{head[:12]}" if head else "unsealed",
        "licenses": [{"name": "MIT", "title": "MIT License", "path": "https://opensource.org/licenses/MIT"}],
        "sources": [{"title": p} for p in publishers],
        "resources": resources,
    }
    return output.replace(out / "datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
