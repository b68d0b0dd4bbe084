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


class WindowError(ValueError):
    """A time axis that cannot be drawn: it ends before it starts."""


def window(
    first: int | None, latest: int | None, since: dt.date | None, until: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """``since`` and ``until`` kept within a year of the data's span, so a chart's size is the data's,
    not an argument's (a day at the calendar's edge would ask for gigabytes); refused if inverted."""
    if first is None or latest is None:
        return since, until
    low = dt.date.fromordinal(first) - dt.timedelta(days=366)
    high = dt.date.fromordinal(latest) + dt.timedelta(days=366)

    def clamp(day: dt.date | None) -> dt.date | None:
        return None if day is None else min(max(day, low), high)

    since, until = clamp(since), clamp(until)
    if since is not None and until is not None and since > until:
        raise WindowError(f"the time axis would end ({until}) before it starts ({since})")
    return since, until


def lanes(
    tl: Timeline,
    as_of: DateLike | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    companies: tuple[str, ...] = (),
) -> Lanes:
    """A row per person, a bar per stint and role, from ``since`` to ``until``.

    With ``companies``, only the people who were at one of them (or at one of their units) in
    that window, with all their bars, so that their moves show.
    """
    intervals = tl.intervals(as_of)
    since, until = window(intervals.first, intervals.latest, since, until)
    roles = tl.roles
    names = {p.id: p.name for p in intervals.people} | {c.id: c.name for c in intervals.companies}
    latest = _date(intervals.latest, dt.date.today())
    earliest = _date(intervals.first, latest)
    first = since or earliest
    last = until or latest
    wanted = set(companies)
    grew = True
    while wanted and grew:
        more = {u.company for u in intervals.units if u.parent in wanted} - wanted
        wanted |= more
        grew = bool(more)
    chosen = {
        s.person
        for s in intervals.stints
        if s.company in wanted and _bar(s.person, "", s.company, "", None, s.start, s.end, first, last) is not None
    }
    rows: dict[str, list[Bar]] = {}
    for stint in sorted(intervals.stints, key=lambda s: (s.start.lo or s.start.hi or 0, s.person)):
        person, company = stint.person, stint.company
        if wanted and person not in chosen:
            continue
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
