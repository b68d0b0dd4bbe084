"""Plain, flat records for analyses: one row per event, stint, role, reporting line, round, roster line.

Every record is a `typing.NamedTuple` of scalars (strings, dates, numbers,
booleans) and tuples of strings, so `timeline.model.plain.plain` turns a list
of them into JSON rows, the CSV writer into rows (a tuple as its items joined
by ``;``) and `timeline.ask.frames` into a pandas DataFrame with the same
columns. An imprecise date is kept as its EDTF text plus its two bounds.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from timeline.ask.api import DateLike, Timeline, to_date
from timeline.fold.evaluate import day_of
from timeline.fold.intervals import When
from timeline.fold.state import State
from timeline.model.vocabulary import Roles

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
    "members",
    "roles",
    "roster",
    "rounds",
    "stints",
]


_d = day_of


class EventRecord(NamedTuple):
    id: str
    type: str
    date: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    date_basis: str | None
    public: dt.date
    headline: str
    summary: str
    people: tuple[str, ...]  # ids
    companies: tuple[str, ...]
    publishers: tuple[str, ...]  # labels: "Wired (via vuink.com)"
    urls: tuple[str, ...]
    corrects: str | None = None  # the event a correction or retraction mends


class StintRecord(NamedTuple):
    """One person's time at one company, and how it ended."""

    person: str
    name: str
    company: str
    company_name: str
    founder: bool
    standing: str | None
    roles: tuple[str, ...]  # role ids held at any time during the stint
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


class RoleRecord(NamedTuple):
    """One role held during a stint, with its own start and end."""

    person: str
    name: str
    company: str
    company_name: str
    role: str
    title: str
    seat: str | None  # the one-holder seat the role fills (dataset.toml), if it is one
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


class LineRecord(NamedTuple):
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


class RoundRecord(NamedTuple):
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
    investors: tuple[str, ...]
    lead_investors: tuple[str, ...]


class MemberRecord(NamedTuple):
    """One line of the roster on a date (the columns of ``timeline state --format csv``)."""

    date: dt.date
    as_of: dt.date | None
    company: str
    company_name: str
    person: str
    name: str
    roles: tuple[str, ...]
    titles: tuple[str, ...]
    roles_since: tuple[str, ...]
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    status: str
    certain: bool
    founder: bool
    standing: str | None
    reports_to: str | None
    events: tuple[str, ...]


def event_record(e: "Event", roles: Roles) -> EventRecord:
    """One event as a flat record."""
    from timeline.model.describe import headline  # the events' classes: not on the roster's path

    return EventRecord(
        id=e.id,
        type=e.TYPE,
        date=e.date.text,
        date_lower=e.date.lower,
        date_upper=e.date.upper,
        date_basis=e.date_basis,
        public=e.public_day,
        headline=headline(e, roles),
        summary=e.summary,
        people=tuple(e.people),
        companies=tuple(e.companies),
        publishers=tuple(dict.fromkeys(s.label for s in e.sources)),
        urls=tuple(s.url for s in e.sources),
        corrects=getattr(e, "corrects", None) or getattr(e, "retracts", None),
    )


def events(tl: Timeline, as_of: DateLike | None = None, corrected: bool = False) -> tuple[EventRecord, ...]:
    """Every event as written (by default), or as known on ``as_of`` / as corrected (``corrected``)."""
    chosen = tl.events if as_of is None and not corrected else tl.known_events(as_of, include_fixes=True)
    roles = tl.roles
    return tuple(event_record(e, roles) for e in chosen)


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
                roles=tuple(dict.fromkeys(span.role for span in s.roles)),
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
    roles = tl.roles
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
                    title=roles.title(span.role),
                    seat=span.seat,
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
            investors=tuple(name for _, name, _ in r.investors),
            lead_investors=tuple(name for _, name, lead in r.investors if lead),
        )
        for r in tl.intervals(as_of).raised
    )


def members(state: State) -> tuple[MemberRecord, ...]:
    """One record per person per company on the state's day: the rows of ``timeline state --format csv``."""
    return tuple(
        MemberRecord(
            date=state.date,
            as_of=state.as_of,
            company=company.id,
            company_name=company.name,
            person=member.person,
            name=member.name,
            roles=tuple(r.role for r in member.roles),
            titles=tuple(r.title for r in member.roles),
            roles_since=tuple(r.since for r in member.roles),
            since=member.since,
            since_lower=member.since_lower,
            since_upper=member.since_upper,
            status=member.status,
            certain=member.certain,
            founder=member.founder,
            standing=member.standing,
            reports_to=member.reports_to.manager if member.reports_to else None,
            events=member.events,
        )
        for company in state.companies.values()
        for member in company.members
    )


def roster(tl: Timeline, date: DateLike, as_of: DateLike | None = None) -> tuple[MemberRecord, ...]:
    """Every named member of every company on ``date``: the rows of ``timeline state --format csv``."""
    return members(tl.state(to_date(date), as_of))
