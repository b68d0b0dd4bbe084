"""From compiled event records to intervals: who was where, in which role, from when to when.

This is the engine's first half, and it works on plain tuples only (no attrs,
no cattrs), so that a query can start without importing them: the compiled
store (`timeline.store`) holds `Record`\\ s, and `build` turns them into
`Intervals`. `timeline.fold` then reads the intervals on a day. The Python
API and the command line use the same two functions, so they cannot disagree.

A `Record` is one event as known at some moment, reduced to its `Effect`\\ s;
`timeline.effects` makes them from typed events (that is where each event type
says what it does). Dates are `When` triples: the EDTF text and its inclusive
bounds as proleptic ordinals (``None`` for an open side).

Contradictions met on the way (leaving a company one never joined, two CTOs
at once, joining before the company existed...) are kept as `Issue`\\ s for the
checker.
"""

# No `from __future__ import annotations` here: typing.NamedTuple would compile every
# field's annotation string at import, which costs the command line's start-up more than the fold.

import bisect
import datetime as dt
import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal, NamedTuple, assert_never

from timeline.model.kinds import MoneyKind, Via
from timeline.model.vocabulary import DEFAULT, Role, Roles, Tracked

__all__ = [
    "ENTITIES",
    "KINDS",
    "TABLES",
    "WHOLE",
    "Company",
    "Effect",
    "Found",
    "Intervals",
    "Issue",
    "Join",
    "Kind",
    "Leave",
    "Line",
    "Money",
    "Note",
    "Parent",
    "Person",
    "Raised",
    "Record",
    "Ref",
    "Remark",
    "RoleEnd",
    "RoleSpan",
    "RoleStart",
    "Stint",
    "Tracked",
    "Unit",
    "Vacancy",
    "Vacate",
    "When",
    "build",
    "certainly_by",
    "flip_days",
    "holds",
    "possibly_by",
    "records_at",
    "whens",
]


class When(NamedTuple):
    text: str
    lo: int | None  # date.toordinal() of the earliest day, None if open
    hi: int | None  # of the latest day, None if open


class Ref(NamedTuple):
    """A source as an answer shows it."""

    publisher: str
    url: str
    via: Via | None
    host: str
    label: str  # "Wired (via vuink.com)"


# The effects an event can have on the intervals: a small closed set.
class Found(NamedTuple):
    company: str
    founders: tuple[str, ...]
    members: tuple[str, ...]
    roles: tuple[tuple[str, tuple[str, ...]], ...]  # person -> role ids
    headquarters: str | None
    legal_form: str | None
    founder_count: int | None


class Join(NamedTuple):
    person: str
    company: str
    roles: tuple[str, ...]
    reports_to: str | None
    standing: str | None


class Leave(NamedTuple):
    person: str
    company: str
    how: str
    destination: str | None


class RoleStart(NamedTuple):
    person: str
    company: str
    role: str
    title: str | None


class RoleEnd(NamedTuple):
    person: str
    company: str
    role: str


class Money(NamedTuple):
    company: str
    kind: MoneyKind
    round: str | None
    amount: int | None  # None: undisclosed
    currency: str
    investors: tuple[tuple[str, str, bool], ...]  # id, name, lead
    valuation: int | None
    valuation_currency: str | None
    basis: str | None


class Remark(NamedTuple):
    """An attributed claim about another event."""

    about: str
    subject: str | None
    claimant: str
    claimant_kind: str
    stance: str
    summary: str
    responds_to: tuple[str, ...]
    sources: tuple[Ref, ...]


class Parent(NamedTuple):
    """From the record's date, ``company`` is a unit of ``parent`` (a lab inside a group, a bought company)."""

    company: str
    parent: str


class Vacate(NamedTuple):
    """A source says the company's ``seat`` is left unfilled, from the record's date until someone takes it."""

    company: str
    seat: str


# The one list of effects: the store's codec dispatches on it (`timeline.store.codec`).
Effect = Found | Join | Leave | RoleStart | RoleEnd | Money | Remark | Parent | Vacate


class Record(NamedTuple):
    """One event as known at some moment: its place in the order, its names and its effects."""

    key: tuple[int, int, int, str]  # sort day (ordinal), UTC instant (seconds), type rank, id
    id: str
    type: str
    when: When
    people: tuple[tuple[str, str], ...]  # id, display name
    companies: tuple[tuple[str, str], ...]
    effects: tuple[Effect, ...]


# What `build` gives.
class RoleSpan(NamedTuple):
    role: str
    title: str | None  # as the sources write it
    start: When
    end: When | None
    start_event: str
    end_event: str | None
    order: int  # when it started in event order: a seat's holders follow one another
    seat: str | None  # the one-holder seat the role fills, if it is one


class Line(NamedTuple):
    """A reporting line: it holds only while both people are at the company."""

    person: str
    manager: str
    company: str
    start: When
    end: When | None
    start_event: str
    end_event: str | None
    ended_by: Literal["left", "manager-left"] | None


class Stint(NamedTuple):
    """One person's time at one company."""

    person: str
    company: str
    start: When
    end: When | None
    roles: tuple[RoleSpan, ...]
    founder: bool
    standing: str | None
    how: str | None
    destination: str | None
    start_event: str
    end_event: str | None
    events: tuple[tuple[str, When], ...]  # every event that touched the stint


class Company(NamedTuple):
    id: str
    name: str
    first_seen: int
    founded: When | None
    founded_event: str | None
    founders: tuple[str, ...]
    headquarters: str | None
    legal_form: str | None
    founder_count: int | None
    # The first day on which it may employ someone, be founded, or belong to or hold a unit (0 for an
    # open start); None if it never does: a company named only as an investor or a party to a deal.
    involved: int | None


class Person(NamedTuple):
    id: str
    name: str
    first_seen: int


class Raised(NamedTuple):
    event: str
    company: str
    kind: MoneyKind
    round: str | None
    when: When
    amount: int | None
    currency: str
    investors: tuple[tuple[str, str, bool], ...]
    valuation: int | None
    valuation_currency: str | None
    basis: str | None


class Note(NamedTuple):
    event: str
    about: str
    about_when: When | None
    when: When
    subject: str | None
    companies: tuple[str, ...]
    claimant: str
    claimant_kind: str
    stance: str
    summary: str
    responds_to: tuple[str, ...]
    sources: tuple[Ref, ...]


class Unit(NamedTuple):
    """``company`` is a unit of ``parent`` from ``start`` until ``end`` (when another parent takes it, or never)."""

    company: str
    parent: str
    start: When
    end: When | None
    start_event: str
    end_event: str | None


class Vacancy(NamedTuple):
    """A seat a source says was left unfilled, until someone took it."""

    company: str
    seat: str
    start: When
    end: When | None
    start_event: str
    end_event: str | None


class Issue(NamedTuple):
    event: str
    message: str
    severity: Literal["error", "warning"]


class Intervals(NamedTuple):
    """Everything the fold reads: the intervals built from the records, and what the dataset declares."""

    companies: tuple[Company, ...]
    people: tuple[Person, ...]
    stints: tuple[Stint, ...]
    lines: tuple[Line, ...]
    raised: tuple[Raised, ...]
    notes: tuple[Note, ...]
    units: tuple[Unit, ...]
    vacancies: tuple[Vacancy, ...]
    roles: tuple[Role, ...]  # the dataset's roles (`timeline.model.vocabulary`)
    tracked: tuple[Tracked, ...]  # the seats the dataset tracks
    issues: tuple[Issue, ...]
    first: int | None  # the earliest day any fact may fall on
    latest: int | None  # the latest day any fact may fall on


class Kind(NamedTuple):
    """How the rows of one table of `Intervals` are read, declared once for every reader.

    ``companies`` and ``people`` name whose state a row changes; ``named`` the
    people and companies whose names it shows, as ``("people", id)`` or
    ``("companies", id)``; ``since`` is the first day on which the row may
    matter to a state (``None``: any day) and ``until`` the day from which it
    surely no longer does (``None``: never). The store's day filter
    (`timeline.store.packed`) and the days on which `timeline.ask.api.Timeline.series`
    reads a company or person again are derived from these and from the row's
    dates (every `When` its type holds, found by `whens`).
    """

    table: str
    row: type
    companies: Callable[[Any], tuple[str, ...]]
    people: Callable[[Any], tuple[str, ...]]
    named: Callable[[Any], tuple[tuple[str, str], ...]]
    since: Callable[[Any], int | None]
    until: Callable[[Any], int | None]


def _none(_: object) -> tuple[str, ...]:
    return ()


def _never(_: object) -> None:
    return None


def _nothing_named(_: object) -> tuple[tuple[str, str], ...]:
    return ()


def _surely_over(end: When | None) -> int | None:
    return None if end is None else end.hi


def possibly_by(when: When, day: int) -> bool:
    """Part of the range lies on or before ``day``: it may have happened."""
    return when.lo is None or when.lo <= day


def certainly_by(when: When, day: int) -> bool:
    """The whole range lies on or before ``day``: it has surely happened."""
    return when.hi is not None and when.hi <= day


def holds(start: When, end: When | None, day: int) -> tuple[bool, bool]:
    """Whether a fact running from ``start`` to ``end`` (possibly, certainly) holds on ``day``."""
    possibly = possibly_by(start, day) and not (end is not None and certainly_by(end, day))
    certainly = certainly_by(start, day) and (end is None or not possibly_by(end, day))
    return possibly, certainly


class _Open:
    """A stint still being built."""

    __slots__ = (
        "closed",
        "company",
        "events",
        "founder",
        "person",
        "roles",
        "standing",
        "start",
        "start_event",
    )

    def __init__(
        self, person: str, company: str, start: When, start_event: str, founder: bool, standing: str | None
    ) -> None:
        self.person = person
        self.company = company
        self.start = start
        self.start_event = start_event
        self.founder = founder
        self.standing = standing
        self.roles: dict[str, RoleSpan] = {}
        self.closed: list[RoleSpan] = []
        self.events: list[tuple[str, When]] = [(start_event, start)]

    def close(self, end: When | None, event: str | None, how: str | None, destination: str | None) -> Stint:
        end = _after(end, self.start)
        spans = [
            *self.closed,
            *(s._replace(end=_after(end, s.start), end_event=event) for s in self.roles.values()),
        ]
        spans.sort(key=lambda s: (_day(s.start), s.role))
        return Stint(
            self.person,
            self.company,
            self.start,
            end,
            tuple(spans),
            self.founder,
            self.standing,
            how,
            destination,
            self.start_event,
            event,
            tuple(self.events),
        )


def _day(when: When) -> int:
    return when.lo if when.lo is not None else when.hi if when.hi is not None else 0


class Builder:
    """Folds records into intervals one at a time, in order; `result` can be taken at any point."""

    def __init__(self, roles: Roles = DEFAULT, tracked: tuple[Tracked, ...] = ()) -> None:
        self.roles = roles
        self.tracked = tracked
        self._units_open: dict[str, Unit] = {}
        self._units: list[Unit] = []
        self._vacant: dict[tuple[str, str], Vacancy] = {}
        self._vacancies: list[Vacancy] = []
        self._open: dict[tuple[str, str], _Open] = {}
        self._stints: list[Stint] = []
        self._lines_open: dict[tuple[str, str], Line] = {}  # (person, company) -> line
        self._lines: list[Line] = []
        self._companies: dict[str, Company] = {}
        self._people: dict[str, Person] = {}
        self._raised: list[Raised] = []
        self._notes: list[tuple[str, When, tuple[str, ...], Remark]] = []
        self._whens: dict[str, When] = {}
        self._issues: list[Issue] = []
        self._holders: dict[tuple[str, str], tuple[str, str]] = {}  # (company, seat) -> (person, event)
        self._first: int | None = None
        self._latest: int | None = None
        self._order = 0
        self._ended: dict[tuple[str, str], When | None] = {}  # (person, company) -> end of the last stint

    def apply(self, record: Record) -> None:
        day = record.key[0]
        when = record.when
        for cid, name in record.companies:
            if cid not in self._companies:
                self._companies[cid] = Company(cid, name, day, None, None, (), None, None, None, None)
        for pid, name in record.people:
            if pid not in self._people:
                self._people[pid] = Person(pid, name, day)
        self._whens[record.id] = when
        low, high = when.lo if when.lo is not None else when.hi, when.hi if when.hi is not None else when.lo
        if low is not None and (self._first is None or low < self._first):
            self._first = low
        if high is not None and (self._latest is None or high > self._latest):
            self._latest = high
        for effect in record.effects:
            self._effect(record, effect)

    def _effect(self, record: Record, effect: Effect) -> None:
        match effect:
            case Found():
                self._found(record, effect)
            case Join():
                joined = self._join(effect.person, effect.company, record, effect.roles, False, effect.standing)
                if joined and effect.reports_to is not None:
                    self._report(record, effect.person, effect.reports_to, effect.company)
            case Leave():
                self._leave(record, effect)
            case RoleStart():
                stint = self._find(effect.person, effect.company, record, f"starts as {effect.role} at")
                if stint is not None:
                    self._start_role(stint, effect.role, effect.title, record)
            case RoleEnd():
                stint = self._find(effect.person, effect.company, record, f"ends the role {effect.role} at")
                if stint is not None:
                    if effect.role not in stint.roles:
                        self._issue(record, f"{effect.person} does not hold {effect.role} at {effect.company}")
                    else:
                        span = stint.roles.pop(effect.role)
                        stint.closed.append(span._replace(end=_after(record.when, span.start), end_event=record.id))
                        self._release(stint, effect.role)
            case Money():
                self._raised.append(
                    Raised(
                        record.id,
                        effect.company,
                        effect.kind,
                        effect.round,
                        record.when,
                        effect.amount,
                        effect.currency,
                        effect.investors,
                        effect.valuation,
                        effect.valuation_currency,
                        effect.basis,
                    )
                )
            case Remark():
                companies = tuple(cid for cid, _ in record.companies)
                self._notes.append((record.id, record.when, companies, effect))
            case Parent():
                self._parent(record, effect)
            case Vacate():
                self._vacate(record, effect)
            case _:
                assert_never(effect)

    def _parent(self, record: Record, effect: Parent) -> None:
        if effect.parent == effect.company:
            self._issue(record, f"{effect.company} cannot be a unit of itself")
            return
        above, seen = effect.parent, {effect.company}
        while above in self._units_open:
            if above in seen:
                break
            seen.add(above)
            above = self._units_open[above].parent
        if above in seen or above == effect.company:
            self._issue(record, f"{effect.company} would be a unit of {effect.parent}, which is a unit of it")
            return
        current = self._units_open.pop(effect.company, None)
        if current is not None:
            if current.parent == effect.parent:
                self._issue(record, f"{effect.company} is already a unit of {effect.parent} ({current.start_event})")
                self._units_open[effect.company] = current
                return
            self._units.append(current._replace(end=_after(record.when, current.start), end_event=record.id))
        self._units_open[effect.company] = Unit(effect.company, effect.parent, record.when, None, record.id, None)

    def _vacate(self, record: Record, effect: Vacate) -> None:
        if effect.seat not in self.roles.seats:
            self._issue(record, f"{effect.seat!r} is not a seat (seats: {', '.join(self.roles.seats)})")
            return
        holder = self._holders.get((effect.company, effect.seat))
        if holder is not None:
            self._issue(
                record,
                f"the {effect.seat} seat of {effect.company} is held by {holder[0]} (since {holder[1]}): "
                "end that role before recording a vacancy",
            )
            return
        key = (effect.company, effect.seat)
        if key not in self._vacant:
            self._vacant[key] = Vacancy(effect.company, effect.seat, record.when, None, record.id, None)

    def result(self) -> Intervals:
        """The intervals so far; stints and lines still open have no end."""
        stints = [*self._stints, *(s.close(None, None, None, None) for s in self._open.values())]
        lines = [*self._lines, *self._lines_open.values()]
        founded = {c.id: c.founded.lo for c in self._companies.values() if c.founded and c.founded.lo is not None}
        issues = list(self._issues)
        stints = [self._bounded_stint(s, founded.get(s.company), issues) for s in stints]
        stints.sort(key=lambda s: (_day(s.start), s.company, s.person))
        # _bound gives back the very When it was given when the founding does not move it.
        lines = [
            line
            if (start := _bound(line.start, founded.get(line.company))) is line.start
            else line._replace(start=start)
            for line in lines
        ]
        raised = [
            r if (when := _bound(r.when, founded.get(r.company))) is r.when else r._replace(when=when)
            for r in self._raised
        ]
        notes = tuple(
            Note(
                event,
                remark.about,
                self._whens.get(remark.about),
                when,
                remark.subject,
                companies,
                remark.claimant,
                remark.claimant_kind,
                remark.stance,
                remark.summary,
                remark.responds_to,
                remark.sources,
            )
            for event, when, companies, remark in self._notes
        )
        units = [_bounded(u, founded.get(u.company)) for u in (*self._units, *self._units_open.values())]
        involved: dict[str, int] = {}
        starts = [(s.company, s.start) for s in stints] + [
            (who, u.start) for u in units for who in (u.company, u.parent)
        ]
        starts += [(c.id, c.founded) for c in self._companies.values() if c.founded is not None]
        for cid, start in starts:
            first = start.lo or 0
            involved[cid] = min(first, involved.get(cid, first))
        companies = [c._replace(involved=involved.get(c.id)) for c in self._companies.values()]
        vacancies = [_bounded(v, founded.get(v.company)) for v in (*self._vacancies, *self._vacant.values())]
        return Intervals(
            companies=tuple(companies),
            people=tuple(self._people.values()),
            stints=tuple(stints),
            lines=tuple(lines),
            raised=tuple(raised),
            notes=notes,
            units=tuple(units),
            vacancies=tuple(vacancies),
            roles=self.roles.rows,
            tracked=self.tracked,
            issues=tuple(issues),
            first=self._first,
            latest=self._latest,
        )

    def _bounded_stint(self, stint: Stint, founded: int | None, issues: list[Issue]) -> Stint:
        # Nothing is at a company before it exists: an open or imprecise start
        # is bounded below by the company's founding.
        if founded is None or all(w.lo is not None and w.lo >= founded for w in _starts(stint)):
            return stint
        if stint.start.hi is not None and stint.start.hi < founded:
            issues.append(
                Issue(stint.start_event, f"{stint.person} is at {stint.company} before it was founded", "error")
            )
        roles = tuple(span._replace(start=_bound(span.start, founded)) for span in stint.roles)
        return stint._replace(start=_bound(stint.start, founded), roles=roles)

    def _issue(self, record: Record, message: str, severity: Literal["error", "warning"] = "error") -> None:
        self._issues.append(Issue(record.id, message, severity))

    def _found(self, record: Record, effect: Found) -> None:
        company = self._companies[effect.company]
        if company.founded is not None:
            self._issue(record, f"{effect.company} was already founded by {company.founded_event}")
            return
        self._companies[effect.company] = company._replace(
            founded=record.when,
            founded_event=record.id,
            founders=effect.founders,
            headquarters=effect.headquarters,
            legal_form=effect.legal_form,
            founder_count=effect.founder_count,
        )
        roles = dict(effect.roles)
        for person in (*effect.founders, *effect.members):
            founder = person in effect.founders
            self._join(
                person,
                effect.company,
                record,
                roles.get(person, ()),
                founder,
                "co-founder" if founder else "founding-member",
            )

    def _join(
        self,
        person: str,
        company: str,
        record: Record,
        roles: tuple[str, ...],
        founder: bool,
        standing: str | None,
    ) -> bool:
        """Open a stint; ``False`` (and an issue) if the person is already there."""
        key = (person, company)
        if key in self._open:
            since = self._open[key].start_event
            self._issue(record, f"{person} joins {company} again without leaving (there since {since})")
            return False
        # A return cannot start before the previous stint there ended, however open its start.
        previous = self._ended.get(key)
        start = record.when if previous is None or previous.lo is None else _bound(record.when, previous.lo)
        stint = _Open(person, company, start, record.id, founder or standing == "co-founder", standing)
        self._open[key] = stint
        for role in roles:
            self._start_role(stint, role, None, record)
        return True

    def _report(self, record: Record, person: str, manager: str, company: str) -> None:
        if (manager, company) not in self._open:
            self._issue(
                record,
                f"{person} reports to {manager}, who is not known to be at {company} then "
                "(record the manager's stint there)",
                "warning",
            )
        self._lines_open[(person, company)] = Line(person, manager, company, record.when, None, record.id, None, None)

    def _leave(self, record: Record, effect: Leave) -> None:
        stint = self._find(effect.person, effect.company, record, "leaves")
        if stint is None:
            return
        for role in list(stint.roles):
            self._release(stint, role)
        closed = stint.close(record.when, record.id, effect.how, effect.destination)
        self._stints.append(closed)
        self._ended[(effect.person, effect.company)] = closed.end
        del self._open[(effect.person, effect.company)]
        own = self._lines_open.pop((effect.person, effect.company), None)
        if own is not None:
            self._lines.append(own._replace(end=record.when, end_event=record.id, ended_by="left"))
        # A manager's departure ends every reporting line to them there.
        for key, line in list(self._lines_open.items()):
            if line.manager == effect.person and line.company == effect.company:
                self._lines.append(line._replace(end=record.when, end_event=record.id, ended_by="manager-left"))
                del self._lines_open[key]

    def _find(self, person: str, company: str, record: Record, doing: str) -> _Open | None:
        stint = self._open.get((person, company))
        if stint is None:
            self._issue(record, f"{person} {doing} {company}, but is not at {company} then (no earlier join)")
        else:
            stint.events.append((record.id, record.when))
        return stint

    def _start_role(self, stint: _Open, role: str, title: str | None, record: Record) -> None:
        if role in stint.roles:
            self._issue(record, f"{stint.person} already holds {role} at {stint.company}")
            return
        place = self.roles.seat(role)
        if place is not None:
            holder = self._holders.get((stint.company, place))
            if holder is not None and holder[0] != stint.person:
                self._issue(
                    record,
                    f"{stint.person} would hold {role} at {stint.company} while {holder[0]} "
                    f"still holds that seat (since {holder[1]}); end that role first",
                )
                return
            self._holders[(stint.company, place)] = (stint.person, record.id)
        self._order += 1
        start = stint.start if record.id == stint.start_event else record.when
        stint.roles[role] = RoleSpan(role, title, start, None, record.id, None, self._order, place)
        if place is not None:
            vacancy = self._vacant.pop((stint.company, place), None)
            if vacancy is not None:  # someone takes the seat: the vacancy ends
                self._vacancies.append(vacancy._replace(end=_after(start, vacancy.start), end_event=record.id))

    def _release(self, stint: _Open, role: str) -> None:
        place = self.roles.seat(role)
        if place is not None and self._holders.get((stint.company, place), ("",))[0] == stint.person:
            del self._holders[(stint.company, place)]


Bounded = typing.TypeVar("Bounded", Unit, Vacancy)


def _after(end: When | None, start: When) -> When | None:
    """An end that cannot come before its start: an open or early lower bound is raised to the start's."""
    if end is None or start.lo is None or (end.lo is not None and end.lo >= start.lo):
        return end
    return end._replace(lo=start.lo) if end.hi is None or end.hi >= start.lo else end


def _bound(when: When, founded: int | None) -> When:
    if founded is None or (when.lo is not None and when.lo >= founded):
        return when
    return when._replace(lo=founded) if when.hi is None or when.hi >= founded else when


def _bounded(row: Bounded, founded: int | None) -> Bounded:
    """A unit's or vacancy's open or imprecise start, bounded below by the company's founding."""
    start = _bound(row.start, founded)
    return row if start is row.start else row._replace(start=start)


def _starts(stint: Stint) -> Iterator[When]:
    yield stint.start
    for span in stint.roles:
        yield span.start


def _stint_until(stint: Stint) -> int | None:
    # A stint that held a seat rules out earlier holders of it for good (see fold's seat rule).
    return None if any(span.seat is not None for span in stint.roles) else _surely_over(stint.end)


KINDS: tuple[Kind, ...] = (
    Kind(
        "companies", Company, lambda r: (r.id,), _none, lambda r: (("companies", r.id),), lambda r: r.first_seen, _never
    ),
    Kind("people", Person, _none, lambda r: (r.id,), lambda r: (("people", r.id),), lambda r: r.first_seen, _never),
    Kind(
        "stints",
        Stint,
        lambda r: (r.company,),
        lambda r: (r.person,),
        lambda r: (("people", r.person),),
        lambda r: r.start.lo,
        _stint_until,
    ),
    Kind(
        "lines",
        Line,
        lambda r: (r.company,),
        lambda r: (r.person,),
        lambda r: (("people", r.person), ("people", r.manager)),
        lambda r: r.start.lo,
        lambda r: _surely_over(r.end),
    ),
    Kind("raised", Raised, lambda r: (r.company,), _none, _nothing_named, lambda r: r.when.lo, _never),
    Kind(
        "units",
        Unit,
        lambda r: (r.company, r.parent),
        _none,
        lambda r: (("companies", r.company), ("companies", r.parent)),
        lambda r: r.start.lo,
        lambda r: _surely_over(r.end),
    ),
    Kind(
        "vacancies",
        Vacancy,
        lambda r: (r.company,),
        _none,
        _nothing_named,
        lambda r: r.start.lo,
        lambda r: _surely_over(r.end),
    ),
    Kind(
        "notes",
        Note,
        lambda r: r.companies,
        lambda r: (r.subject,) if r.subject is not None else (),
        _nothing_named,
        lambda r: (r.about_when or r.when).lo,
        _never,
    ),
)
# The two tables whose rows are people and companies themselves: a day keeps those another kept row names.
ENTITIES: tuple[str, ...] = ("companies", "people")
# Every table of `Intervals` read by day is declared above; the dataset's roles and tracked seats are
# read whole, and the checker's issues are not the state's (a test keeps this list complete).
WHOLE: tuple[str, ...] = ("roles", "tracked", "issues")
TABLES: tuple[str, ...] = tuple(kind.table for kind in KINDS)

_walkers: dict[Any, Callable[[Any], Iterator[When]]] = {}


def whens(value: Any) -> Iterator[When]:
    """Every `When` a row holds, wherever its type puts one (a role's dates inside a stint, say)."""
    cls = type(value)
    walker = _walkers.get(cls)
    if walker is None:
        walker = _walkers[cls] = _walker(cls)
    return walker(value)


def _walker(tp: Any) -> Callable[[Any], Iterator[When]]:
    if tp is When:
        return lambda value: iter((value,))
    if isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields"):
        hints = typing.get_type_hints(tp)
        parts = [(i, _walker(hints[name])) for i, name in enumerate(tp._fields)]
        parts = [(i, w) for i, w in parts if w is not _nothing]
        if not parts:
            return _nothing

        def fields(value: Any) -> Iterator[When]:
            for i, walk in parts:
                yield from walk(value[i])

        return fields
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _walker(args[0])
            if inner is _nothing:
                return _nothing
            return lambda value: (w for item in value for w in inner(item))
        positions = [(i, _walker(a)) for i, a in enumerate(args)]
        positions = [(i, w) for i, w in positions if w is not _nothing]
        if not positions:
            return _nothing
        return lambda value: (w for i, walk in positions for w in walk(value[i]))
    inner_types = [a for a in args if a is not type(None)]
    if len(inner_types) == 1 and type(None) in args:  # optional
        inner = _walker(inner_types[0])
        if inner is _nothing:
            return _nothing
        return lambda value: iter(()) if value is None else inner(value)
    return _nothing


def _nothing(_: Any) -> Iterator[When]:
    return iter(())


def flip_days(intervals: Intervals) -> dict[int, set[tuple[str, str]]]:
    """Every day on which a company's or person's state may read differently, and whose."""
    flips: dict[int, set[tuple[str, str]]] = {}
    # The day the dataset starts tracking a seat changes how the company's leadership reads.
    for tracked in intervals.tracked:
        flips.setdefault(tracked.since, set()).add(("company", tracked.company))
    for kind in KINDS:
        for row in getattr(intervals, kind.table):
            subjects = [("company", c) for c in kind.companies(row)] + [("person", p) for p in kind.people(row)]
            if not subjects:
                continue
            days = {kind.since(row)}
            for when in whens(row):
                days.update((when.lo, when.hi))  # possibly_by flips on a lower bound, certainly_by on an upper
            for day in days:
                if day is not None:
                    flips.setdefault(day, set()).update(subjects)
    return flips


def records_at(versions: Any, as_of: dt.date) -> list[Record]:
    """The records as known on ``as_of``, in order: each event's version of that day."""
    day = as_of.toordinal()
    chosen: list[Record] = []
    for _, steps in versions:
        position = bisect.bisect_right(steps, day, key=lambda step: step[0]) - 1
        if position >= 0:
            current = steps[position][1]
            if current is not None:
                chosen.append(current)
    chosen.sort(key=lambda r: r.key)
    return chosen


def build(
    records: list[Record] | tuple[Record, ...], roles: Roles = DEFAULT, tracked: tuple[Tracked, ...] = ()
) -> Intervals:
    """Intervals for every person and company in ``records`` (already in order), with the dataset's roles."""
    builder = Builder(roles, tracked)
    for record in records:
        builder.apply(record)
    return builder.result()
