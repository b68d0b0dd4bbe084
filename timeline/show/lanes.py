"""Swimlanes: a row per person, a bar per stint and one per role, for the chart and the Mermaid gantt.

A role gets its own bar with its own dates, so a chart never shows two
holders of one seat at once: the stint's bar is the company alone.
Bars run to the data's latest fact, not to the day the chart is drawn, so a
chart of the same data is the same chart.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from timeline.ask.api import DateLike, Timeline
from timeline.fold.evaluate import iso
from timeline.fold.intervals import When

__all__ = ["Bar", "Lanes", "lanes"]


class Bar(NamedTuple):
    person: str
    name: str
    company: str
    company_name: str
    role: str | None  # None: the stint itself
    label: str
    start_lower: dt.date
    start_upper: dt.date
    end_lower: dt.date
    end_upper: dt.date
    open_end: bool  # no end known: there as far as the last source says
    ceo: bool


class Lanes(NamedTuple):
    title: str
    people: tuple[tuple[str, str, tuple[Bar, ...]], ...]  # person id, name, bars
    first: dt.date
    last: dt.date
    announcements: tuple[tuple[str, dt.date], ...]  # (person, day) of their own posts
    events: int


def _date(ordinal: int | None, default: dt.date) -> dt.date:
    text = iso(ordinal)
    return default if text is None else dt.date.fromisoformat(text)


def _bar(
    person: str,
    name: str,
    company: str,
    company_name: str,
    role: str | None,
    start: When,
    end: When | None,
    first: dt.date,
    last: dt.date,
    label: str | None = None,
    chief: bool = False,
) -> Bar | None:
    start_lower = max(_date(start.lo, first), first)
    start_upper = max(_date(start.hi, start_lower), start_lower)
    end_lower = min(_date(end.lo, last), last) if end is not None else last
    end_upper = min(_date(end.hi, last), last) if end is not None else last
    if end_upper < first or start_lower > last:
        return None
    label = company_name if label is None else f"{label} at {company_name}"
    return Bar(
        person,
        name,
        company,
        company_name,
        role,
        label,
        start_lower,
        start_upper,
        end_lower,
        end_upper,
        end is None,
        chief,
    )


def lanes(
    tl: Timeline, as_of: DateLike | None = None, since: dt.date | None = None, until: dt.date | None = None
) -> Lanes:
    intervals = tl.intervals(as_of)
    roles = tl.roles
    names = {p.id: p.name for p in intervals.people} | {c.id: c.name for c in intervals.companies}
    latest = _date(intervals.latest, dt.date.today())
    earliest = _date(intervals.first, latest)
    first = since or earliest
    last = until or latest
    rows: dict[str, list[Bar]] = {}
    for stint in sorted(intervals.stints, key=lambda s: (s.start.lo or s.start.hi or 0, s.person)):
        person, company = stint.person, stint.company
        bar = _bar(
            person,
            names.get(person, person),
            company,
            names.get(company, company),
            None,
            stint.start,
            stint.end,
            first,
            last,
        )
        if bar is None:
            continue
        rows.setdefault(person, []).append(bar)
        for span in stint.roles:
            role_bar = _bar(
                person,
                names.get(person, person),
                company,
                names.get(company, company),
                span.role,
                span.start,
                span.end,
                first,
                last,
                roles.title(span.role),
                span.seat == "ceo",
            )
            if role_bar is not None:
                rows[person].append(role_bar)
    announcements = []
    for event in tl.view(as_of).events:
        if any(s.kind == "primary" for s in event.sources) and event.date.lower is not None:
            subject: object = getattr(event, "person", None)
            if isinstance(subject, str) and subject in rows and first <= event.date.lower <= last:
                announcements.append((subject, event.date.lower))
    return Lanes(
        title=tl.title,
        people=tuple((pid, names.get(pid, pid), tuple(bars)) for pid, bars in rows.items()),
        first=first,
        last=last,
        announcements=tuple(announcements),
        events=len(tl.events),
    )
