"""From events to intervals: who was where, in which role, from when to when.

`build` walks a log once, in order, and turns joins, departures and role
changes into `Stint`s and `RoleSpan`s whose ends are EDTF values. It does not
look at any query date: `timeline.fold` evaluates the intervals at a date.
Contradictions met on the way (leaving a company one never joined, two CTOs
at once...) are returned as ``(event id, message)`` pairs for the checker.
"""

from __future__ import annotations

import datetime as dt

import attrs
from attrs import frozen

from .edtf import EDTF
from .model import (
    ClaimMade,
    CompanyFounded,
    Event,
    FundingRound,
    PersonJoined,
    PersonLeft,
    RoleEnded,
    RoleStarted,
)
from .vocabulary import EXCLUSIVE_ROLES

__all__ = ["Builder", "CompanyRecord", "RoleSpan", "Roster", "Stint", "build"]


@frozen
class RoleSpan:
    role: str
    start: EDTF
    end: EDTF | None
    start_event: str
    end_event: str | None = None


@frozen
class Stint:
    """One person's time at one company."""

    person: str
    company: str
    start: EDTF
    end: EDTF | None
    roles: tuple[RoleSpan, ...]
    founder: bool
    reports_to: str | None
    how: str | None
    destination: str | None
    start_event: str
    end_event: str | None
    events: tuple[tuple[str, EDTF], ...]  # every event that touched the stint, with its date


@frozen
class CompanyRecord:
    id: str
    name: str
    first_seen: dt.date
    founded: EDTF | None = None
    founded_event: str | None = None
    founders: tuple[str, ...] = ()
    headquarters: str | None = None
    legal_form: str | None = None


@frozen
class Roster:
    stints: tuple[Stint, ...]
    companies: dict[str, CompanyRecord]
    people: dict[str, tuple[str, dt.date]]
    rounds: tuple[FundingRound, ...]
    notes: dict[str, tuple[ClaimMade, ...]]
    problems: tuple[tuple[str, str], ...]


@attrs.define
class _Open:
    """A stint still being built."""

    person: str
    company: str
    start: EDTF
    start_event: str
    founder: bool = False
    reports_to: str | None = None
    roles: dict[str, RoleSpan] = attrs.Factory(dict)
    closed_roles: list[RoleSpan] = attrs.Factory(list)
    events: list[tuple[str, EDTF]] = attrs.Factory(list)

    def close(self, end: EDTF | None, event: PersonLeft | None) -> Stint:
        spans = list(self.closed_roles)
        for span in self.roles.values():
            if event is None:
                spans.append(span)
            else:
                spans.append(attrs.evolve(span, end=end, end_event=event.id))
        return Stint(
            self.person,
            self.company,
            self.start,
            end,
            tuple(sorted(spans, key=lambda s: (s.start.sort_day, s.role))),
            self.founder,
            self.reports_to,
            event.how if event else None,
            event.destination if event else None,
            self.start_event,
            event.id if event else None,
            tuple(self.events),
        )


class Builder:
    """Folds events into intervals one at a time; `result` can be taken at any point.

    Folding a prefix, taking a result, then folding the rest gives the same
    result as folding everything at once (a property the tests check).
    """

    def __init__(self) -> None:
        self._open: dict[tuple[str, str], _Open] = {}
        self._done: list[Stint] = []
        self._companies: dict[str, CompanyRecord] = {}
        self._people: dict[str, tuple[str, dt.date]] = {}
        self._rounds: list[FundingRound] = []
        self._notes: dict[str, list[ClaimMade]] = {}
        self._problems: list[tuple[str, str]] = []
        self._holders: dict[tuple[str, str], tuple[str, str]] = {}  # (company, role) -> (person, event)

    def result(self) -> Roster:
        """The intervals so far; stints still open have no end."""
        stints = [*self._done, *(stint.close(None, None) for stint in self._open.values())]
        stints.sort(key=lambda s: (s.start.sort_day, s.company, s.person))
        return Roster(
            tuple(stints),
            dict(self._companies),
            dict(self._people),
            tuple(self._rounds),
            {key: tuple(value) for key, value in self._notes.items()},
            tuple(self._problems),
        )

    def apply(self, event: Event) -> None:
        day = event.date.sort_day
        for company_id, name in event.companies.items():
            if company_id not in self._companies:
                self._companies[company_id] = CompanyRecord(company_id, name, day)
        for person_id, name in event.people.items():
            self._people.setdefault(person_id, (name, day))
        if isinstance(event, CompanyFounded):
            self._found(event)
        elif isinstance(event, PersonJoined):
            self._join(event.person, event.company, event, event.roles, reports_to=event.reports_to)
        elif isinstance(event, PersonLeft):
            stint = self._find(event.person, event.company, event, "leaves")
            if stint is not None:
                for role in list(stint.roles):
                    self._release(stint, role)
                self._done.append(stint.close(event.date, event))
                del self._open[(event.person, event.company)]
        elif isinstance(event, RoleStarted):
            stint = self._find(event.person, event.company, event, f"starts as {event.role} at")
            if stint is not None:
                self._start_role(stint, event.role, event)
        elif isinstance(event, RoleEnded):
            stint = self._find(event.person, event.company, event, f"ends the role {event.role} at")
            if stint is not None:
                if event.role not in stint.roles:
                    self._problem(event, f"{event.person} does not hold {event.role} at {event.company}")
                else:
                    span = stint.roles.pop(event.role)
                    stint.closed_roles.append(attrs.evolve(span, end=event.date, end_event=event.id))
                    self._release(stint, event.role)
        elif isinstance(event, FundingRound):
            self._rounds.append(event)
        elif isinstance(event, ClaimMade):
            self._notes.setdefault(event.about, []).append(event)

    def _problem(self, event: Event, message: str) -> None:
        self._problems.append((event.id, message))

    def _found(self, event: CompanyFounded) -> None:
        record = self._companies[event.company]
        if record.founded is not None:
            self._problem(event, f"{event.company} was already founded by {record.founded_event}")
            return
        self._companies[event.company] = attrs.evolve(
            record,
            founded=event.date,
            founded_event=event.id,
            founders=event.founders,
            headquarters=event.headquarters,
            legal_form=event.legal_form,
        )
        for person in (*event.founders, *event.members):
            self._join(
                person, event.company, event, event.roles.get(person, ()), founder=person in event.founders
            )

    def _join(
        self,
        person: str,
        company: str,
        event: Event,
        roles: tuple[str, ...],
        founder: bool = False,
        reports_to: str | None = None,
    ) -> None:
        if (person, company) in self._open:
            since = self._open[(person, company)].start_event
            self._problem(event, f"{person} joins {company} again without leaving (there since {since})")
            return
        stint = _Open(person, company, event.date, event.id, founder=founder, reports_to=reports_to)
        stint.events.append((event.id, event.date))
        self._open[(person, company)] = stint
        for role in roles:
            self._start_role(stint, role, event)

    def _find(self, person: str, company: str, event: Event, doing: str) -> _Open | None:
        stint = self._open.get((person, company))
        if stint is None:
            self._problem(
                event, f"{person} {doing} {company}, but is not at {company} then (no earlier join)"
            )
        else:
            stint.events.append((event.id, event.date))
        return stint

    def _start_role(self, stint: _Open, role: str, event: Event) -> None:
        if role in stint.roles:
            self._problem(event, f"{stint.person} already holds {role} at {stint.company}")
            return
        if role in EXCLUSIVE_ROLES:
            holder = self._holders.get((stint.company, role))
            if holder is not None and holder[0] != stint.person:
                self._problem(
                    event,
                    f"{stint.person} would hold {role} at {stint.company} while {holder[0]} "
                    f"still holds it (since {holder[1]}); end that role first",
                )
                return
            self._holders[(stint.company, role)] = (stint.person, event.id)
        stint.roles[role] = RoleSpan(role, event.date, None, event.id)

    def _release(self, stint: _Open, role: str) -> None:
        if self._holders.get((stint.company, role), ("",))[0] == stint.person:
            del self._holders[(stint.company, role)]


def build(events: tuple[Event, ...]) -> Roster:
    """Intervals for every person and company in ``events`` (already in order)."""
    builder = Builder()
    for event in events:
        builder.apply(event)
    return builder.result()
