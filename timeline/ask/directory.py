"""Finding ids: every person and company, where each is on a date, and "did you mean" for typos."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from attrs import frozen

from timeline.ask.api import Timeline

__all__ = ["CompanyEntry", "PersonEntry", "UnknownId", "companies", "people", "resolve", "suggest"]


class UnknownId(KeyError):
    """An id that names no person or company; the message suggests the nearest ones."""

    def __str__(self) -> str:
        return str(self.args[0])


def suggest(value: str, known: Iterable[str], what: str) -> str:
    """``'barret-zof' is no person id; did you mean 'barret-zoph'?``"""
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"{value!r} is no {what} id{hint} ('timeline people' and 'timeline companies' list them)"


def resolve(tl: Timeline, subject: str) -> str:
    """``person`` or ``company`` for a known id; `UnknownId` with suggestions otherwise."""
    intervals = tl.intervals()
    if any(p.id == subject for p in intervals.people):
        return "person"
    if any(c.id == subject for c in intervals.companies):
        return "company"
    known = [p.id for p in intervals.people] + [c.id for c in intervals.companies]
    raise UnknownId(suggest(subject, known, "person or company"))


@frozen(kw_only=True)
class PersonEntry:
    id: str
    name: str
    company: str | None  # where on the date asked, if anywhere known
    company_name: str | None
    roles: tuple[str, ...]  # role titles held there then
    certain: bool
    first_fact: str | None  # the date of the first event naming them, as the event gives it (EDTF)
    last_fact: str | None
    events: int


@frozen(kw_only=True)
class CompanyEntry:
    id: str
    name: str
    founded: str | None
    named_people: int  # on the date asked
    first_fact: str | None
    last_fact: str | None
    events: int


Span = tuple[tuple[int, str] | None, tuple[int, str] | None, int]


def _span(tl: Timeline, as_of: dt.date | None, table: str) -> dict[str, Span]:
    """For each id: its earliest and latest fact (day, EDTF as written), and how many events name it."""
    spans: dict[str, Span] = {}
    for record in tl.records(as_of):
        when = record.when
        low = when.lo if when.lo is not None else when.hi
        high = when.hi if when.hi is not None else when.lo
        for ident, _ in getattr(record, table):
            first, last, count = spans.get(ident, (None, None, 0))
            if low is not None and (first is None or low < first[0]):
                first = (low, when.text)
            if high is not None and (last is None or high > last[0]):
                last = (high, when.text)
            spans[ident] = (first, last, count + 1)
    return spans


def _text(end: tuple[int, str] | None) -> str | None:
    return None if end is None else end[1]


def people(tl: Timeline, day: dt.date, as_of: dt.date | None = None) -> tuple[PersonEntry, ...]:
    """Every person the events name, by name, with where they are on ``day``."""
    state = tl.state(day, as_of)
    spans = _span(tl, as_of, "people")
    out = []
    for person in tl.intervals(as_of).people:
        here = state.people.get(person.id)
        company = here.company if here else None
        first, last, count = spans.get(person.id, (None, None, 0))
        out.append(
            PersonEntry(
                id=person.id,
                name=person.name,
                company=company,
                company_name=state.companies[company].name if company else None,
                roles=tuple(r.title for r in here.roles) if here else (),
                certain=here.certain if here else True,
                first_fact=_text(first),
                last_fact=_text(last),
                events=count,
            )
        )
    return tuple(sorted(out, key=lambda e: (e.name.split()[-1].lower(), e.name.lower())))


def companies(tl: Timeline, day: dt.date, as_of: dt.date | None = None) -> tuple[CompanyEntry, ...]:
    """Every company the events name, by name, with its named people on ``day``."""
    state = tl.state(day, as_of)
    spans = _span(tl, as_of, "companies")
    out = []
    for company in tl.intervals(as_of).companies:
        here = state.companies.get(company.id)
        first, last, count = spans.get(company.id, (None, None, 0))
        out.append(
            CompanyEntry(
                id=company.id,
                name=company.name,
                founded=company.founded.text if company.founded else None,
                named_people=here.named_people if here else 0,
                first_fact=_text(first),
                last_fact=_text(last),
                events=count,
            )
        )
    return tuple(sorted(out, key=lambda e: e.name.lower()))
