"""Plain, flat records for analyses: one row per event, per stint, per roster line.

Every record is a frozen attrs class of scalars (strings, dates, numbers,
booleans), so `timeline.converter.unstructure` turns a list of them into
rows for CSV or JSON, and `timeline.frames` into a pandas DataFrame. An
imprecise date is kept as its EDTF text plus its two bounds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from attrs import frozen

from .vocabulary import title

if TYPE_CHECKING:
    from .api import DateLike, Timeline

__all__ = ["EventRecord", "MemberRecord", "StintRecord", "events", "roster", "stints"]


@frozen(kw_only=True)
class EventRecord:
    id: str
    type: str
    date: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    public: dt.date
    summary: str
    people: str  # ids, separated by ";"
    companies: str
    publishers: str
    urls: str


@frozen(kw_only=True)
class StintRecord:
    """One person's time at one company, and how it ended."""

    person: str
    name: str
    company: str
    company_name: str
    founder: bool
    roles: str  # role ids held at any time during the stint, separated by ";"
    start: str
    start_lower: dt.date | None
    start_upper: dt.date | None
    end: str | None
    end_lower: dt.date | None
    end_upper: dt.date | None
    how: str | None
    destination: str | None
    destination_name: str | None
    reports_to: str | None
    start_event: str
    end_event: str | None


@frozen(kw_only=True)
class MemberRecord:
    """One line of the roster on a date."""

    date: dt.date
    company: str
    company_name: str
    person: str
    name: str
    roles: str
    titles: str
    since: str
    status: str
    certain: bool
    founder: bool
    reports_to: str | None


def events(tl: Timeline, as_of: DateLike | None = None) -> tuple[EventRecord, ...]:
    """Every event as known on ``as_of`` (all of them, as written, by default)."""
    chosen = tl.events if as_of is None else tl.view(as_of).events
    return tuple(
        EventRecord(
            id=e.id,
            type=e.TYPE,
            date=e.date.text,
            date_lower=e.date.lower,
            date_upper=e.date.upper,
            public=e.public_day,
            summary=e.summary,
            people=";".join(e.people),
            companies=";".join(e.companies),
            publishers=";".join(dict.fromkeys(s.publisher for s in e.sources)),
            urls=";".join(s.url for s in e.sources),
        )
        for e in chosen
    )


def stints(tl: Timeline, as_of: DateLike | None = None) -> tuple[StintRecord, ...]:
    """Every stint known on ``as_of``, in order of start."""
    known = tl.roster(as_of)
    people = {pid: name for pid, (name, _) in known.people.items()}
    companies = {cid: record.name for cid, record in known.companies.items()}
    return tuple(
        StintRecord(
            person=s.person,
            name=people.get(s.person, s.person),
            company=s.company,
            company_name=companies.get(s.company, s.company),
            founder=s.founder,
            roles=";".join(dict.fromkeys(span.role for span in s.roles)),
            start=s.start.text,
            start_lower=s.start.lower,
            start_upper=s.start.upper,
            end=s.end.text if s.end else None,
            end_lower=s.end.lower if s.end else None,
            end_upper=s.end.upper if s.end else None,
            how=s.how,
            destination=s.destination,
            destination_name=companies.get(s.destination) if s.destination else None,
            reports_to=s.reports_to,
            start_event=s.start_event,
            end_event=s.end_event,
        )
        for s in known.stints
    )


def roster(tl: Timeline, date: DateLike, as_of: DateLike | None = None) -> tuple[MemberRecord, ...]:
    """Every member of every company on ``date``."""
    state = tl.state(date, as_of)
    return tuple(
        MemberRecord(
            date=state.date,
            company=c.id,
            company_name=c.name,
            person=m.person,
            name=m.name,
            roles=";".join(r.role for r in m.roles),
            titles=";".join(title(r.role) for r in m.roles),
            since=m.since,
            status=m.status,
            certain=m.certain,
            founder=m.founder,
            reports_to=m.reports_to,
        )
        for c in state.companies.values()
        for m in c.members
    )
