"""The fold: a log of events and a date in, a `State` out.

``state(events, day, as_of)`` is a pure function: it reads nothing but its
arguments. It runs in three steps, each its own module: `knowledge.view`
(what was public on ``as_of``), `roster.build` (intervals), and `evaluate`
below (the intervals on ``day``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterator
from typing import TypeVar

from .edtf import EDTF
from .knowledge import view
from .model import ClaimMade, Event, FundingRound
from .roster import Roster, Stint, build
from .state import (
    CompanyState,
    Funding,
    Member,
    MemberStatus,
    Note,
    PersonState,
    RoleState,
    Round,
    State,
    source_refs,
)
from .vocabulary import EXCLUSIVE_ROLES, LEADERSHIP, title

__all__ = ["evaluate", "series", "state"]


def state(events: tuple[Event, ...], day: dt.date, as_of: dt.date | None = None) -> State:
    """Companies and people on ``day``, knowing only what was public on ``as_of``."""
    return evaluate(build(view(events, as_of).events), day, as_of)


def _holds(start: EDTF, end: EDTF | None, day: dt.date) -> tuple[bool, bool]:
    """(possibly, certainly) holds on ``day`` for a fact running from start to end."""
    possibly = start.possibly_by(day) and not (end is not None and end.certainly_by(day))
    certainly = start.certainly_by(day) and (end is None or not end.possibly_by(day))
    return possibly, certainly


def _roles(stint: Stint, day: dt.date, member_certain: bool) -> tuple[RoleState, ...]:
    out = []
    for span in stint.roles:
        possibly, certainly = _holds(span.start, span.end, day)
        if possibly:
            out.append(
                RoleState(
                    role=span.role,
                    title=title(span.role),
                    since=span.start.text,
                    since_lower=span.start.lower,
                    since_upper=span.start.upper,
                    certain=certainly and member_certain,
                    events=(span.start_event,)
                    + (
                        (span.end_event,) if span.end_event and span.end and span.end.possibly_by(day) else ()
                    ),
                )
            )
    return tuple(out)


def _member(stint: Stint, name: str, day: dt.date) -> Member | None:
    possibly, certainly = _holds(stint.start, stint.end, day)
    if not possibly:
        return None
    status: MemberStatus
    if not stint.start.certainly_by(day):
        status = "possibly-joined"
    elif stint.end is not None and stint.end.possibly_by(day):
        status = "possibly-left"
    else:
        status = "current"
    return Member(
        person=stint.person,
        name=name,
        roles=_roles(stint, day, certainly),
        since=stint.start.text,
        since_lower=stint.start.lower,
        since_upper=stint.start.upper,
        until=stint.end.text if status == "possibly-left" and stint.end else None,
        status=status,
        certain=certainly,
        founder=stint.founder,
        reports_to=stint.reports_to,
        events=tuple(event for event, when in stint.events if when.possibly_by(day)),
    )


def _note(claim: ClaimMade) -> Note:
    return Note(
        event=claim.id,
        about=claim.about,
        date=claim.date.text,
        claimant=claim.claimant,
        claimant_kind=claim.claimant_kind,
        stance=claim.stance,
        summary=claim.summary,
        responds_to=claim.responds_to,
        sources=source_refs(claim.sources),
    )


def _funding(rounds: list[FundingRound], day: dt.date) -> Funding:
    held: list[Round] = []
    for event in rounds:
        if not event.date.possibly_by(day):
            continue
        valuation = event.valuation
        held.append(
            Round(
                event=event.id,
                round=event.round,
                date=event.date.text,
                amount=event.amount,
                currency=event.currency,
                valuation=valuation.amount if valuation else None,
                valuation_basis=valuation.basis if valuation else None,
                investors=tuple(i.name for i in event.investors),
                lead_investors=tuple(i.name for i in event.investors if i.lead),
                certain=event.date.certainly_by(day),
            )
        )
    latest = next((r for r in reversed(held) if r.valuation is not None), None)
    investors: dict[str, None] = {}
    for r in held:
        investors.update(dict.fromkeys(r.investors))
    return Funding(
        total_usd=sum(r.amount for r in held if r.currency == "USD"),
        valuation_usd=latest.valuation if latest else None,
        valuation_basis=latest.valuation_basis if latest else None,
        investors=tuple(investors),
        certain=all(r.certain for r in held),
        rounds=tuple(held),
    )


def _member_order(member: Member) -> tuple[int, bool, dt.date, str]:
    """Leaders first (CEO, CTO, ...), then founders, then by start date."""
    ranks = [LEADERSHIP.index(r.role) for r in member.roles if r.role in LEADERSHIP]
    return (
        min(ranks, default=len(LEADERSHIP)),
        not member.founder,
        member.since_lower or dt.date.min,
        member.person,
    )


class _Index:
    """A roster arranged by company and by person, with the days on which each can change."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.names = {pid: name for pid, (name, _) in roster.people.items()}
        self.by_company: dict[str, list[Stint]] = {}
        self.by_person: dict[str, list[Stint]] = {}
        for stint in roster.stints:
            self.by_company.setdefault(stint.company, []).append(stint)
            self.by_person.setdefault(stint.person, []).append(stint)
        self.rounds: dict[str, list[FundingRound]] = {}
        for event in roster.rounds:
            self.rounds.setdefault(event.company, []).append(event)
        self.company_notes: dict[str, list[ClaimMade]] = {}
        self.person_notes: dict[str, list[ClaimMade]] = {}
        for claims in roster.notes.values():
            for claim in claims:
                if claim.subject is not None:
                    self.person_notes.setdefault(claim.subject, []).append(claim)
                else:
                    for cid in claim.companies:
                        self.company_notes.setdefault(cid, []).append(claim)

    def company_changes(self, cid: str) -> set[dt.date]:
        """Every day on which something this company's state reads may flip."""
        record = self.roster.companies[cid]
        days = {record.first_seen, *_bounds(record.founded)}
        for stint in self.by_company.get(cid, []):
            days |= _stint_bounds(stint)
        for event in self.rounds.get(cid, []):
            days |= _bounds(event.date)
        for claim in self.company_notes.get(cid, []):
            days |= _bounds(claim.date)
        return days

    def person_changes(self, pid: str) -> set[dt.date]:
        days = {self.roster.people[pid][1]}
        for stint in self.by_person.get(pid, []):
            days |= _stint_bounds(stint)
        for claim in self.person_notes.get(pid, []):
            days |= _bounds(claim.date)
        return days

    def company(self, cid: str, day: dt.date) -> CompanyState | None:
        record = self.roster.companies[cid]
        if record.first_seen > day:
            return None
        founded = record.founded if record.founded and record.founded.possibly_by(day) else None
        members = [
            m
            for s in self.by_company.get(cid, [])
            if (m := _member(s, self.names.get(s.person, s.person), day))
        ]
        members.sort(key=_member_order)
        held = {r.role: m.person for m in members for r in m.roles if r.role in EXCLUSIVE_ROLES}
        return CompanyState(
            id=cid,
            name=record.name,
            founded=founded.text if founded else None,
            founders=record.founders if founded else (),
            headquarters=record.headquarters if founded else None,
            leadership={role: held[role] for role in LEADERSHIP if role in held},
            members=tuple(members),
            funding=_funding(self.rounds.get(cid, []), day),
            notes=tuple(_note(c) for c in self.company_notes.get(cid, []) if c.date.possibly_by(day)),
        )

    def person(self, pid: str, day: dt.date) -> PersonState | None:
        name, first_seen = self.roster.people[pid]
        if first_seen > day:
            return None
        here = [(s, m) for s in self.by_person.get(pid, []) if (m := _member(s, name, day))]
        here.sort(key=lambda sm: (sm[1].certain, sm[0].start.sort_day))
        main = here[-1] if here else None
        return PersonState(
            id=pid,
            name=name,
            company=main[0].company if main else None,
            roles=main[1].roles if main else (),
            since=main[1].since if main else None,
            certain=main[1].certain if main else True,
            other_companies=tuple(s.company for s, _ in here[:-1]),
            notes=tuple(_note(c) for c in self.person_notes.get(pid, []) if c.date.possibly_by(day)),
        )


def _bounds(value: EDTF | None) -> set[dt.date]:
    return {b for b in (value.lower, value.upper) if b is not None} if value is not None else set()


def _stint_bounds(stint: Stint) -> set[dt.date]:
    days = _bounds(stint.start) | _bounds(stint.end)
    for span in stint.roles:
        days |= _bounds(span.start) | _bounds(span.end)
    for _, when in stint.events:
        days |= _bounds(when)
    return days


def evaluate(roster: Roster, day: dt.date, as_of: dt.date | None = None) -> State:
    """The intervals of ``roster`` read on ``day``."""
    index = _Index(roster)
    companies = {cid: c for cid in sorted(roster.companies) if (c := index.company(cid, day))}
    people = {pid: p for pid in sorted(roster.people) if (p := index.person(pid, day))}
    return State(date=day, as_of=as_of, companies=companies, people=people)


def series(roster: Roster, days: list[dt.date], as_of: dt.date | None = None) -> Iterator[State]:
    """`evaluate` on each of ``days`` (ascending), recomputing only what changed.

    A company or person is read again only on a day when one of its own
    bounds (a start, an end, a range's edge) has been passed since the
    previous day; everything else is carried over, shared, from the day
    before. The result for each day equals `evaluate` on that day.
    """
    index = _Index(roster)
    flips: dict[dt.date, list[tuple[str, str]]] = {}
    for cid in roster.companies:
        for when in index.company_changes(cid):
            flips.setdefault(when, []).append(("company", cid))
    for pid in roster.people:
        for when in index.person_changes(pid):
            flips.setdefault(when, []).append(("person", pid))
    order = sorted(flips)
    previous: State | None = None
    cursor = 0
    for day in days:
        if previous is None or day < previous.date:
            previous = evaluate(roster, day, as_of)
            cursor = bisect.bisect_right(order, day)
            yield previous
            continue
        dirty: set[tuple[str, str]] = set()
        while cursor < len(order) and order[cursor] <= day:
            dirty.update(flips[order[cursor]])
            cursor += 1
        companies, people = previous.companies, previous.people
        if any(kind == "company" for kind, _ in dirty):
            companies = _updated(companies, [i for k, i in dirty if k == "company"], index.company, day)
        if any(kind == "person" for kind, _ in dirty):
            people = _updated(people, [i for k, i in dirty if k == "person"], index.person, day)
        previous = State(date=day, as_of=as_of, companies=companies, people=people)
        yield previous


T = TypeVar("T")


def _updated(
    current: dict[str, T], ids: list[str], read: Callable[[str, dt.date], T | None], day: dt.date
) -> dict[str, T]:
    out = dict(current)
    appeared = False
    for key in ids:
        value = read(key, day)
        if value is None:
            out.pop(key, None)
        else:
            appeared = appeared or key not in out
            out[key] = value
    # Keep the same key order as `evaluate` (sorted ids) when someone new appears.
    return dict(sorted(out.items())) if appeared else out
