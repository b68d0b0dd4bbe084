"""Plain, flat records for analyses: one row per event, stint, role, reporting line, round, roster line.

Every record is a frozen attrs class of scalars (strings, dates, numbers,
booleans), so `timeline.converter.unstructure` turns a list of them into CSV
or JSON rows and `timeline.frames` into a pandas DataFrame with the same
columns. An imprecise date is kept as its EDTF text plus its two bounds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from attrs import frozen

from timeline.ask.api import DateLike, Timeline, to_date
from timeline.fold.evaluate import iso
from timeline.fold.intervals import When
from timeline.model.describe import headline
from timeline.model.vocabulary import title
from timeline.show.present import member_rows

if TYPE_CHECKING:
    from timeline.model.events import Event

__all__ = [
    "EventRecord",
    "LineRecord",
    "MemberRecord",
    "RoleRecord",
    "RoundRecord",
    "StintRecord",
    "event_record",
    "events",
    "lines",
    "roles",
    "roster",
    "rounds",
    "stints",
]


def _d(ordinal: int | None) -> dt.date | None:
    text = iso(ordinal)
    return None if text is None else dt.date.fromisoformat(text)


@frozen(kw_only=True)
class EventRecord:
    id: str
    type: str
    date: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    date_basis: str | None
    public: dt.date
    headline: str
    summary: str
    people: str  # ids, separated by ";"
    companies: str
    publishers: str  # labels: "Wired (via vuink.com)"
    urls: str


@frozen(kw_only=True)
class StintRecord:
    """One person's time at one company, and how it ended."""

    person: str
    name: str
    company: str
    company_name: str
    founder: bool
    standing: str | None
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
    start_event: str
    end_event: str | None


@frozen(kw_only=True)
class RoleRecord:
    """One role held during a stint, with its own start and end."""

    person: str
    name: str
    company: str
    company_name: str
    role: str
    title: str
    named_as: str | None
    start: str
    start_lower: dt.date | None
    start_upper: dt.date | None
    end: str | None
    end_lower: dt.date | None
    end_upper: dt.date | None
    start_event: str
    end_event: str | None
    stint_event: str  # the event that started the stint the role belongs to


@frozen(kw_only=True)
class LineRecord:
    """A reporting line: it holds only while both people are at the company."""

    person: str
    name: str
    manager: str
    manager_name: str
    company: str
    start: str
    start_lower: dt.date | None
    start_upper: dt.date | None
    end: str | None
    end_lower: dt.date | None
    end_upper: dt.date | None
    ended_by: str | None
    start_event: str
    end_event: str | None


@frozen(kw_only=True)
class RoundRecord:
    """A closed round or an investment; ``amount`` is empty when it was not disclosed."""

    event: str
    company: str
    kind: str
    round: str | None
    date: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    amount: int | None
    currency: str
    valuation: int | None
    valuation_basis: str | None
    investors: str
    lead_investors: str


@frozen(kw_only=True)
class MemberRecord:
    """One line of the roster on a date (the columns of ``timeline state --format csv``)."""

    date: dt.date
    as_of: dt.date | None
    company: str
    company_name: str
    person: str
    name: str
    roles: str
    titles: str
    roles_since: str
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    status: str
    certain: bool
    founder: bool
    standing: str | None
    reports_to: str | None
    events: str


def event_record(e: Event) -> EventRecord:
    """One event as a flat record."""
    return EventRecord(
        id=e.id,
        type=e.TYPE,
        date=e.date.text,
        date_lower=e.date.lower,
        date_upper=e.date.upper,
        date_basis=e.date_basis,
        public=e.public_day,
        headline=headline(e),
        summary=e.summary,
        people=";".join(e.people),
        companies=";".join(e.companies),
        publishers=";".join(dict.fromkeys(s.label for s in e.sources)),
        urls=";".join(s.url for s in e.sources),
    )


def events(tl: Timeline, as_of: DateLike | None = None, corrected: bool = False) -> tuple[EventRecord, ...]:
    """Every event as written (by default), or as known on ``as_of`` / as corrected (``corrected``)."""
    chosen = tl.events if as_of is None and not corrected else tl.known_events(as_of, include_fixes=True)
    return tuple(event_record(e) for e in chosen)


def _names(tl: Timeline, as_of: DateLike | None) -> dict[str, str]:
    intervals = tl.intervals(as_of)
    return {p.id: p.name for p in intervals.people} | {c.id: c.name for c in intervals.companies}


def _span(start: When, end: When | None) -> dict[str, Any]:
    """The six date columns of a record with a start and an optional end: text, lower, upper."""
    return {
        "start": start.text,
        "start_lower": _d(start.lo),
        "start_upper": _d(start.hi),
        "end": end.text if end else None,
        "end_lower": _d(end.lo) if end else None,
        "end_upper": _d(end.hi) if end else None,
    }


def stints(tl: Timeline, as_of: DateLike | None = None) -> tuple[StintRecord, ...]:
    """Every stint known on ``as_of``, in order of start."""
    names = _names(tl, as_of)
    out = []
    for s in tl.intervals(as_of).stints:
        out.append(
            StintRecord(
                person=s.person,
                name=names.get(s.person, s.person),
                company=s.company,
                company_name=names.get(s.company, s.company),
                founder=s.founder,
                standing=s.standing,
                roles=";".join(dict.fromkeys(span.role for span in s.roles)),
                **_span(s.start, s.end),
                how=s.how,
                destination=s.destination,
                destination_name=names.get(s.destination) if s.destination else None,
                start_event=s.start_event,
                end_event=s.end_event,
            )
        )
    return tuple(out)


def roles(tl: Timeline, as_of: DateLike | None = None) -> tuple[RoleRecord, ...]:
    """Every role span known on ``as_of``, each with its own dates."""
    names = _names(tl, as_of)
    out = []
    for s in tl.intervals(as_of).stints:
        for span in s.roles:
            out.append(
                RoleRecord(
                    person=s.person,
                    name=names.get(s.person, s.person),
                    company=s.company,
                    company_name=names.get(s.company, s.company),
                    role=span.role,
                    title=title(span.role),
                    named_as=span.title,
                    **_span(span.start, span.end),
                    start_event=span.start_event,
                    end_event=span.end_event,
                    stint_event=s.start_event,
                )
            )
    return tuple(out)


def lines(tl: Timeline, as_of: DateLike | None = None) -> tuple[LineRecord, ...]:
    """Every reporting line known on ``as_of``."""
    names = _names(tl, as_of)
    out = []
    for line in tl.intervals(as_of).lines:
        out.append(
            LineRecord(
                person=line.person,
                name=names.get(line.person, line.person),
                manager=line.manager,
                manager_name=names.get(line.manager, line.manager),
                company=line.company,
                **_span(line.start, line.end),
                ended_by=line.ended_by,
                start_event=line.start_event,
                end_event=line.end_event,
            )
        )
    return tuple(out)


def rounds(tl: Timeline, as_of: DateLike | None = None) -> tuple[RoundRecord, ...]:
    """Every closed round and investment known on ``as_of``."""
    return tuple(
        RoundRecord(
            event=r.event,
            company=r.company,
            kind=r.kind,
            round=r.round,
            date=r.when.text,
            date_lower=_d(r.when.lo),
            date_upper=_d(r.when.hi),
            amount=r.amount,
            currency=r.currency,
            valuation=r.valuation,
            valuation_basis=r.basis,
            investors=";".join(name for _, name, _ in r.investors),
            lead_investors=";".join(name for _, name, lead in r.investors if lead),
        )
        for r in tl.intervals(as_of).raised
    )


def roster(tl: Timeline, date: DateLike, as_of: DateLike | None = None) -> tuple[MemberRecord, ...]:
    """Every named member of every company on ``date``: the rows of ``timeline state --format csv``."""
    out = []
    for row in member_rows(tl.state_data(to_date(date), as_of)):
        out.append(
            MemberRecord(
                **{
                    **row,
                    "date": dt.date.fromisoformat(row["date"]),
                    "as_of": dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None,
                    "since_lower": dt.date.fromisoformat(row["since_lower"]) if row["since_lower"] else None,
                    "since_upper": dt.date.fromisoformat(row["since_upper"]) if row["since_upper"] else None,
                }
            )
        )
    return tuple(out)
