"""The tables every export writes (the data package's CSVs, the SQLite file): one list, one shape per table.

Each table is a `typing.NamedTuple` row class, its rows, its primary key, its foreign keys and a
description; its columns' types come from the row class's annotations, and their descriptions from
`describe_column`. The records of the Python API (`timeline.ask.records`) are most of them; beside
them are the people and the companies (to join on), the units, the seats on every day (as the fold
gives them, so that a query on a day reads what `timeline leaders` prints), the sources, the
citations joining sources to events, and the disputed values (claims).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import typing
from collections.abc import Sequence
from typing import Any, NamedTuple

from timeline.ask import records
from timeline.ask.api import Timeline
from timeline.fold.evaluate import day_of
from timeline.fold.intervals import flip_days
from timeline.model.frozen import thaw

__all__ = [
    "LIST_SEPARATOR",
    "CitationRow",
    "ClaimRow",
    "CompanyRow",
    "PersonRow",
    "SeatRow",
    "SourceRow",
    "Table",
    "UnitRow",
    "column_type",
    "describe_column",
    "tables",
]

LIST_SEPARATOR = ";"


class PersonRow(NamedTuple):
    id: str
    name: str


class CompanyRow(NamedTuple):
    id: str
    name: str
    founded: str | None
    founded_lower: dt.date | None
    founded_upper: dt.date | None
    founded_event: str | None
    headquarters: str | None
    tracked: bool  # the dataset vouches for its leadership (dataset.toml's [tracked])
    tracking_since: dt.date | None


class UnitRow(NamedTuple):
    """``company`` is a unit of ``parent`` from ``start`` until ``end``."""

    company: str
    parent: str
    start: str
    start_lower: dt.date | None
    start_upper: dt.date | None
    end: str | None
    end_lower: dt.date | None
    end_upper: dt.date | None
    start_event: str
    end_event: str | None


class SeatRow(NamedTuple):
    """Who held one seat of one company over a span of days on which nothing about it changed."""

    company: str
    company_name: str
    seat: str
    seat_title: str
    seat_order: int  # the seats' order in dataset.toml: CEO first
    tracked: bool
    status: str  # held, vacant or not-recorded
    person: str | None
    name: str | None
    role: str | None
    role_title: str | None  # the holder's own title ("Executive Chairman" in the chair seat)
    since: str | None
    certain: bool
    from_day: dt.date  # the first day of the span
    to_day: dt.date | None  # the day after its last; empty: it runs to the data's end and beyond


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
    sources: tuple[str, ...]  # source ids
    note: str | None


class Table(NamedTuple):
    name: str
    row: type
    rows: Sequence[Any]
    key: tuple[str, ...]
    foreign: tuple[tuple[str, str, str], ...]  # (column, table, its column)
    description: str


def column_type(annotation: Any) -> str:
    """``date``, ``boolean``, ``integer``, ``list`` or ``string``: what a record field holds."""
    if typing.get_origin(annotation) is tuple:
        return "list"
    options = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    kind = options[0] if len(options) == 1 else str
    return {dt.date: "date", bool: "boolean", int: "integer"}.get(kind, "string")


_EDTF = ("date", "start", "end", "since", "published", "founded")
_DESCRIPTIONS = {
    "certain": "true when it surely holds on the day; false when a date range covers the day",
    "status": "held, vacant or not-recorded (a seat); current, possibly-joined or possibly-left (a member)",
    "from_day": "the first day of the span",
    "to_day": "the day after the span's last day; empty when it runs on past the data's latest fact",
    "public": "the day the event became public: its known date, else its earliest source",
    "value": "the claimed value, as JSON",
    "taken": "true for the value the fold's rule takes",
}


def describe_column(name: str, annotation: Any) -> str | None:
    """What a column holds, in words; ``None`` when its name says it."""
    base, _, bound = name.rpartition("_")
    if bound in ("lower", "upper") and base in _EDTF:
        which = "first" if bound == "lower" else "last"
        return (
            f"the {which} day {base} may fall on, as the fold reads it: the date's own bound, or for an open "
            f"{'start' if bound == 'lower' else 'end'} the bound the other facts give (a company's founding, "
            "the start of the stint); empty when nothing bounds it"
        )
    if name in _EDTF:
        return "EDTF, as the sources give it; the _lower and _upper columns are its bounds"
    if column_type(annotation) == "list":
        return f"a list (its items separated by {LIST_SEPARATOR!r} in CSV, a JSON array elsewhere)"
    return _DESCRIPTIONS.get(name)


def _source_id(publisher: str, url: str) -> str:
    return hashlib.sha256(f"{publisher}\n{url}".encode()).hexdigest()[:12]


def _seats(tl: Timeline) -> list[SeatRow]:
    """Every seat of every company on every span between two days on which the state may change."""
    days = sorted(flip_days(tl.intervals()))
    order = {seat: n for n, seat in enumerate(tl.roles.seats)}
    spans: dict[tuple[str, str], list[SeatRow]] = {}
    for n, ordinal in enumerate(days):
        day = dt.date.fromordinal(ordinal)
        following = dt.date.fromordinal(days[n + 1]) if n + 1 < len(days) else None
        for company in tl.state(day).companies.values():
            for seat in company.seats:
                row = SeatRow(
                    company=company.id,
                    company_name=company.name,
                    seat=seat.seat,
                    seat_title=seat.title,
                    seat_order=order.get(seat.seat, len(order)),
                    tracked=seat.tracked,
                    status=seat.status,
                    person=seat.person,
                    name=seat.name,
                    role=seat.role,
                    role_title=seat.role_title,
                    since=seat.since,
                    certain=seat.certain,
                    from_day=day,
                    to_day=following,
                )
                kept = spans.setdefault((company.id, seat.seat), [])
                last = kept[-1] if kept else None
                if last is not None and last.to_day == day and last._replace(from_day=day, to_day=following) == row:
                    kept[-1] = last._replace(to_day=following)  # the same holder, one more span of days
                else:
                    kept.append(row)
    return sorted((r for rows in spans.values() for r in rows), key=lambda r: (r.company, r.seat_order, r.from_day))


def tables(tl: Timeline) -> tuple[Table, ...]:
    """Every table of the exports, built from the shipped (or given) events, everything known."""
    intervals = tl.intervals()
    events = records.events(tl, corrected=True)
    known_ids = {e.id for e in events}
    sources: dict[str, SourceRow] = {}
    citations: dict[tuple[str, str], CitationRow] = {}
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
            if event.id in known_ids:
                citations.setdefault((event.id, ident), CitationRow(event=event.id, source=ident, key=source.key))
        for position, claim in enumerate(event.claims):
            claims.append(
                ClaimRow(
                    event=event.id,
                    field=claim.field,
                    position=position,
                    value=json.dumps(thaw(claim.value), ensure_ascii=False),
                    taken=taken.get((event.id, claim.field)) == claim,
                    sources=tuple(by_key[k] for k in claim.sources if k in by_key),
                    note=claim.note,
                )
            )
    tracking: dict[str, int] = {}
    for tracked in intervals.tracked:
        tracking[tracked.company] = min(tracking.get(tracked.company, tracked.since), tracked.since)
    people = [PersonRow(id=p.id, name=p.name) for p in sorted(intervals.people, key=lambda p: p.id)]
    companies = [
        CompanyRow(
            id=c.id,
            name=c.name,
            founded=c.founded.text if c.founded else None,
            founded_lower=day_of(c.founded.lo) if c.founded else None,
            founded_upper=day_of(c.founded.hi) if c.founded else None,
            founded_event=c.founded_event,
            headquarters=c.headquarters,
            tracked=c.id in tracking,
            tracking_since=day_of(tracking.get(c.id)),
        )
        for c in sorted(intervals.companies, key=lambda c: c.id)
    ]
    units = [
        UnitRow(
            company=u.company,
            parent=u.parent,
            start=u.start.text,
            start_lower=day_of(u.start.lo),
            start_upper=day_of(u.start.hi),
            end=u.end.text if u.end else None,
            end_lower=day_of(u.end.lo) if u.end else None,
            end_upper=day_of(u.end.hi) if u.end else None,
            start_event=u.start_event,
            end_event=u.end_event,
        )
        for u in intervals.units
    ]
    to_events = ("events", "id")
    person, company = ("people", "id"), ("companies", "id")
    spans = (("start_event", *to_events), ("end_event", *to_events))
    return (
        Table("people", PersonRow, people, ("id",), (), "Every person the events name."),
        Table(
            "companies",
            CompanyRow,
            companies,
            ("id",),
            (("founded_event", *to_events),),
            "Every company the events name; tracked says whether the dataset vouches for its leadership.",
        ),
        # No key from corrects to events: a retracted event is not among the events as corrected.
        Table("events", records.EventRecord, events, ("id",), (), "Every event, as corrected."),
        Table(
            "units",
            UnitRow,
            units,
            ("company", "parent", "start_event"),
            (("company", *company), ("parent", *company), *spans),
            "Companies inside companies: a lab that is a unit of a group, from when until when.",
        ),
        Table(
            "stints",
            records.StintRecord,
            records.stints(tl),
            ("person", "company", "start_event"),
            (("person", *person), ("company", *company), ("destination", *company), *spans),
            "One person's time at one company, and how it ended.",
        ),
        Table(
            "roles",
            records.RoleRecord,
            records.roles(tl),
            ("person", "company", "role", "start_event"),
            (("person", *person), ("company", *company), *spans),
            "Each role, with its own start and end, and the seat it fills.",
        ),
        Table(
            "reporting_lines",
            records.LineRecord,
            records.lines(tl),
            ("person", "company", "start_event"),
            (("person", *person), ("manager", *person), ("company", *company), *spans),
            "Who reported to whom, while both were at the company.",
        ),
        Table(
            "seats",
            SeatRow,
            _seats(tl),
            ("company", "seat", "from_day"),
            (("company", *company), ("person", *person)),
            "Who held each seat on each day, as the fold gives it (timeline leaders): one row per span of "
            "days on which nothing about the seat changed.",
        ),
        Table(
            "funding_rounds",
            records.RoundRecord,
            records.rounds(tl),
            ("event",),
            (("event", *to_events), ("company", *company)),
            "Closed rounds and investments; an empty amount was not disclosed.",
        ),
        Table("sources", SourceRow, sorted(sources.values(), key=lambda s: s.id), ("id",), (), "Every source cited."),
        Table(
            "citations",
            CitationRow,
            list(citations.values()),
            ("event", "source"),
            (("event", *to_events), ("source", "sources", "id")),
            "Which event cites which source.",
        ),
        Table(
            "claims",
            ClaimRow,
            claims,
            ("event", "field", "position"),
            (("event", *to_events),),
            "Values the sources disagree on, and which one the rule takes.",
        ),
    )
