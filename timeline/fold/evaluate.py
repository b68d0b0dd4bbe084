"""The engine's second half: intervals and a day in, the state on that day out.

`evaluate` is a pure function of its arguments and builds the state's typed,
frozen values (`timeline.fold.state`) directly. The command line, the Python
API and the site read the same values, so they cannot disagree; the command
line builds them without importing attrs or cattrs.

Every fact carries ``certain`` and the bounds it rests on: with an imprecise
date, a fact may or may not hold yet on the query day, and the state says
"possible" rather than guessing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from timeline.fold.intervals import (
    Intervals,
    Line,
    Note,
    Raised,
    RoleSpan,
    Stint,
    Tracked,
    Unit,
    Vacancy,
    certainly_by,
    flip_days,
    holds,
    possibly_by,
)
from timeline.fold.state import (
    CompanyState,
    Coverage,
    Funding,
    Member,
    PersonState,
    ReportingLine,
    RoleState,
    Round,
    Seat,
    SourceRef,
    State,
    Sum,
    UnitLink,
)
from timeline.fold.state import Note as NoteState
from timeline.model.frozen import FrozenMap
from timeline.model.kinds import MemberStatus
from timeline.model.vocabulary import Roles

__all__ = ["Index", "day_of", "evaluate", "iso"]


def iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal).isoformat()


def day_of(ordinal: int | None) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal)


def _note(note: Note) -> NoteState:
    return NoteState(
        event=note.event,
        about=note.about,
        date=note.when.text,
        claimant=note.claimant,
        claimant_kind=note.claimant_kind,
        stance=note.stance,
        summary=note.summary,
        subject=note.subject,
        responds_to=note.responds_to,
        sources=tuple(SourceRef(*source) for source in note.sources),
    )


def _relevant(note: Note, day: int) -> bool:
    # A claim shows beside a fact once the fact may have happened, however
    # late the claim (or the subject's denial) was published.
    return possibly_by(note.about_when or note.when, day)


class Index:
    """Intervals arranged by company and by person, built once and read on many days."""

    def __init__(self, intervals: Intervals) -> None:
        self.intervals = intervals
        self.roles = Roles(intervals.roles)
        self.companies = {c.id: c for c in intervals.companies}
        self.tracked: dict[str, list[Tracked]] = {}
        for tracked in intervals.tracked:
            self.tracked.setdefault(tracked.company, []).append(tracked)
        self.parents: dict[str, list[Unit]] = {}
        self.children: dict[str, list[Unit]] = {}
        for unit in intervals.units:
            self.parents.setdefault(unit.company, []).append(unit)
            self.children.setdefault(unit.parent, []).append(unit)
        self.vacancies: dict[tuple[str, str], list[Vacancy]] = {}
        for vacancy in intervals.vacancies:
            self.vacancies.setdefault((vacancy.company, vacancy.seat), []).append(vacancy)
        self.people = {p.id: p for p in intervals.people}
        self.by_company: dict[str, list[Stint]] = {}
        self.by_person: dict[str, list[Stint]] = {}
        for stint in intervals.stints:
            self.by_company.setdefault(stint.company, []).append(stint)
            self.by_person.setdefault(stint.person, []).append(stint)
        self.lines: dict[tuple[str, str], list[Line]] = {}
        for line in intervals.lines:
            self.lines.setdefault((line.person, line.company), []).append(line)
        self.raised: dict[str, list[Raised]] = {}
        for raised in intervals.raised:
            self.raised.setdefault(raised.company, []).append(raised)
        self.company_notes: dict[str, list[Note]] = {}
        self.person_notes: dict[str, list[Note]] = {}
        for note in intervals.notes:
            if note.subject is not None:
                self.person_notes.setdefault(note.subject, []).append(note)
            else:
                for cid in note.companies:
                    self.company_notes.setdefault(cid, []).append(note)

    def names(self, pid: str) -> str:
        person = self.people.get(pid)
        return person.name if person else pid

    def company_name(self, cid: str) -> str:
        company = self.companies.get(cid)
        return company.name if company else cid

    # -- one company or person on one day ------------------------------------------------

    def company(self, cid: str, day: int) -> CompanyState | None:
        record = self.companies[cid]
        # A company shows from its first event, but never before its founding when that is known.
        if record.first_seen > day or (record.founded is not None and (record.founded.lo or day) > day):
            return None
        founded = record.founded if record.founded and possibly_by(record.founded, day) else None
        stints = self.by_company.get(cid, [])
        holders = self._seat_holders(stints, day)
        members = []
        for stint in stints:
            member = self._member(stint, day, holders)
            if member is not None:
                members.append(member)
        seats = self.roles.seats
        members.sort(key=lambda m: _member_order(m, seats, self.roles))
        filled = self._seats(cid, day, members)
        tracked = self.tracked.get(cid, [])
        units = tuple(
            link for unit in self.children.get(cid, []) if (link := self._link(unit, unit.company, day)) is not None
        )
        return CompanyState(
            id=cid,
            name=record.name,
            founded=founded.text if founded else None,
            founders=record.founders if founded else (),
            founder_count=record.founder_count if founded else None,
            headquarters=record.headquarters if founded else None,
            legal_form=record.legal_form if founded else None,
            tracked=any(t.since <= day for t in tracked),
            tracking_since=day_of(min(t.since for t in tracked)) if tracked else None,
            seats=filled,
            leadership=FrozenMap((s.seat, s.person) for s in filled if s.person is not None),
            unit_of=self._parent(cid, day),
            units=units,
            counterparty=(record.involved is None or record.involved > day) and not tracked,
            named_people=len(members),
            members=tuple(members),
            funding=self._funding(self.raised.get(cid, []), day),
            notes=tuple(_note(n) for n in self.company_notes.get(cid, []) if _relevant(n, day)),
        )

    def person(self, pid: str, day: int) -> PersonState | None:
        record = self.people[pid]
        if record.first_seen > day:
            return None
        here: list[tuple[Stint, Member]] = []
        for stint in self.by_person.get(pid, []):
            member = self._member(stint, day, None)
            if member is not None:
                here.append((stint, member))
        here.sort(key=lambda sm: (sm[1].certain, sm[0].start.lo or 0))
        main = here[-1] if here else None
        return PersonState(
            id=pid,
            name=record.name,
            company=main[0].company if main else None,
            roles=main[1].roles if main else (),
            since=main[1].since if main else None,
            certain=main[1].certain if main else True,
            other_companies=tuple(s.company for s, _ in here[:-1]),
            notes=tuple(_note(n) for n in self.person_notes.get(pid, []) if _relevant(n, day)),
        )

    # -- the parts ---------------------------------------------------------------------------

    def _seats(self, cid: str, day: int, members: list[Member]) -> tuple[Seat, ...]:
        """Every seat held on ``day``, and every seat the dataset tracks then, held or not."""
        tracked = {t.seat for t in self.tracked.get(cid, []) if t.since <= day}
        holders: dict[str, tuple[Member, RoleState]] = {}
        for member in members:
            for role in member.roles:
                place = self.roles.seat(role.role)
                if place is None:
                    continue
                best = holders.get(place)
                if best is None or (role.certain and not best[1].certain):
                    holders[place] = (member, role)
        out = []
        for place in self.roles.seats:
            held = holders.get(place)
            if held is not None:
                member, role = held
                out.append(
                    Seat(
                        seat=place,
                        title=self.roles.seat_title(place),
                        status="held",
                        tracked=place in tracked,
                        person=member.person,
                        name=member.name,
                        role=role.role,
                        role_title=role.title,
                        since=role.since,
                        since_lower=role.since_lower,
                        since_upper=role.since_upper,
                        until=role.until,
                        certain=role.certain,
                        events=role.events,
                    )
                )
            elif place in tracked:
                out.append(self._unfilled(cid, place, day))
        return tuple(out)

    def _unfilled(self, cid: str, place: str, day: int) -> Seat:
        """A tracked seat nobody holds: vacant where a source says so, else not recorded."""
        for vacancy in self.vacancies.get((cid, place), []):
            possibly, certainly = holds(vacancy.start, vacancy.end, day)
            if possibly:
                ends = vacancy.end is not None and possibly_by(vacancy.end, day)
                return Seat(
                    seat=place,
                    title=self.roles.seat_title(place),
                    status="vacant",
                    tracked=True,
                    person=None,
                    name=None,
                    role=None,
                    role_title=None,
                    since=vacancy.start.text,
                    since_lower=day_of(vacancy.start.lo),
                    since_upper=day_of(vacancy.start.hi),
                    until=vacancy.end.text if ends and vacancy.end else None,
                    certain=certainly,
                    events=(vacancy.start_event, *((vacancy.end_event,) if ends and vacancy.end_event else ())),
                )
        return Seat(
            seat=place,
            title=self.roles.seat_title(place),
            status="not-recorded",
            tracked=True,
            person=None,
            name=None,
            role=None,
            role_title=None,
            since=None,
            since_lower=None,
            since_upper=None,
            until=None,
            certain=True,
            events=(),
        )

    def _link(self, unit: Unit, other: str, day: int) -> UnitLink | None:
        possibly, certainly = holds(unit.start, unit.end, day)
        if not possibly:
            return None
        ends = unit.end is not None and possibly_by(unit.end, day)
        return UnitLink(
            company=other,
            name=self.company_name(other),
            since=unit.start.text,
            since_lower=day_of(unit.start.lo),
            since_upper=day_of(unit.start.hi),
            until=unit.end.text if ends and unit.end else None,
            certain=certainly,
            events=(unit.start_event, *((unit.end_event,) if ends and unit.end_event else ())),
        )

    def _parent(self, cid: str, day: int) -> UnitLink | None:
        """The company ``cid`` belongs to on ``day``: the certain one, else the one that started last."""
        links = [link for unit in self.parents.get(cid, []) if (link := self._link(unit, unit.parent, day))]
        links.sort(key=lambda link: (link.certain, link.since_lower or dt.date.min))
        return links[-1] if links else None

    def _seat_holders(self, stints: list[Stint], day: int) -> dict[str, RoleSpan]:
        """For each seat, the span that rules out its predecessors on ``day``.

        A seat's holders follow one another in event order, so once a later
        holder has certainly started, an earlier one has certainly left it,
        whatever an imprecise end date allows; and while a holder certainly
        sits, no later one can have started.
        """
        by_seat: dict[str, list[RoleSpan]] = {}
        for stint in stints:
            for span in stint.roles:
                if span.seat is not None:
                    by_seat.setdefault(span.seat, []).append(span)
        ruling: dict[str, RoleSpan] = {}
        for place, spans in by_seat.items():
            spans.sort(key=lambda s: s.order)
            for span in spans:
                if holds(span.start, span.end, day)[1]:
                    ruling[place] = span
                    break
                if certainly_by(span.start, day):
                    ruling[place] = span
        return ruling

    def _member(self, stint: Stint, day: int, holders: dict[str, RoleSpan] | None) -> Member | None:
        possibly, certainly = holds(stint.start, stint.end, day)
        if not possibly:
            return None
        status: MemberStatus
        if not certainly_by(stint.start, day):
            status = "possibly-joined"
        elif stint.end is not None and possibly_by(stint.end, day):
            status = "possibly-left"
        else:
            status = "current"
        return Member(
            person=stint.person,
            name=self.names(stint.person),
            roles=self._roles(stint, day, certainly, holders),
            since=stint.start.text,
            since_lower=day_of(stint.start.lo),
            since_upper=day_of(stint.start.hi),
            until=stint.end.text if status == "possibly-left" and stint.end else None,
            status=status,
            certain=certainly,
            founder=stint.founder,
            standing=stint.standing,
            reports_to=self._line(stint, day, certainly),
            events=tuple(event for event, when in stint.events if possibly_by(when, day)),
        )

    def _roles(
        self, stint: Stint, day: int, member_certain: bool, holders: dict[str, RoleSpan] | None
    ) -> tuple[RoleState, ...]:
        out = []
        for span in stint.roles:
            possibly, certainly = holds(span.start, span.end, day)
            if not possibly:
                continue
            place = span.seat
            ruling = holders.get(place) if holders is not None and place is not None else None
            ruled_out = ruling is not None and ruling is not span
            if (
                ruled_out
                and ruling is not None
                and (holds(ruling.start, ruling.end, day)[1] or ruling.order > span.order)
            ):
                continue  # ruled out by the seat's order (see _seat_holders)
            ends = span.end is not None and possibly_by(span.end, day)
            out.append(
                RoleState(
                    role=span.role,
                    title=self.roles.title(span.role),
                    named_as=span.title,
                    since=span.start.text,
                    since_lower=day_of(span.start.lo),
                    since_upper=day_of(span.start.hi),
                    until=span.end.text if ends and span.end else None,
                    certain=certainly and member_certain,
                    events=(span.start_event, *((span.end_event,) if ends and span.end_event else ())),
                )
            )
        return tuple(out)

    def _line(self, stint: Stint, day: int, member_certain: bool) -> ReportingLine | None:
        for line in self.lines.get((stint.person, stint.company), []):
            possibly, certainly = holds(line.start, line.end, day)
            if not possibly:
                continue
            ends = line.end is not None and possibly_by(line.end, day)
            return ReportingLine(
                manager=line.manager,
                name=self.names(line.manager),
                since=line.start.text,
                since_lower=day_of(line.start.lo),
                since_upper=day_of(line.start.hi),
                until=line.end.text if ends and line.end else None,
                certain=certainly and member_certain,
                events=(line.start_event, *((line.end_event,) if ends and line.end_event else ())),
            )
        return None

    def _funding(self, raised: list[Raised], day: int) -> Funding | None:
        held = [
            Round(
                event=item.event,
                kind=item.kind,
                round=item.round,
                date=item.when.text,
                date_lower=day_of(item.when.lo),
                date_upper=day_of(item.when.hi),
                amount=item.amount,
                currency=item.currency,
                valuation=item.valuation,
                valuation_currency=item.valuation_currency,
                valuation_basis=item.basis,
                investors=tuple(name for _, name, _ in item.investors),
                lead_investors=tuple(name for _, name, lead in item.investors if lead),
                certain=certainly_by(item.when, day),
            )
            for item in raised
            if possibly_by(item.when, day)
        ]
        if not held:
            return None  # nothing recorded: unknown, which is not zero
        sums: dict[str, int] = {}
        for r in held:
            if r.amount is not None:
                sums[r.currency] = sums.get(r.currency, 0) + r.amount
        latest = next((r for r in reversed(held) if r.valuation is not None), None)
        investors: dict[str, None] = {}
        for r in held:
            investors.update(dict.fromkeys(r.investors))
        return Funding(
            raised=tuple(Sum(amount, currency) for currency, amount in sums.items()),
            undisclosed=sum(1 for r in held if r.amount is None),
            valuation=(
                Sum(latest.valuation, latest.valuation_currency or latest.currency)
                if latest and latest.valuation is not None
                else None
            ),
            valuation_basis=latest.valuation_basis if latest else None,
            investors=tuple(investors),
            certain=all(r.certain for r in held),
            rounds=tuple(held),
        )


def _member_order(member: Member, seats: tuple[str, ...], roles: Roles) -> tuple[int, bool, dt.date, str]:
    """Leaders first (CEO, CTO, ...), then founders, then by start date."""
    ranks = [seats.index(s) for r in member.roles if (s := roles.seat(r.role)) is not None and s in seats]
    return (
        min(ranks, default=len(seats)),
        not member.founder,
        member.since_lower or dt.date.min,
        member.person,
    )


def evaluate(
    intervals: Intervals | Index,
    day: dt.date,
    as_of: dt.date | None = None,
    release: str | None = None,
) -> State:
    """The state on ``day``, knowing what ``intervals`` hold."""
    index = intervals if isinstance(intervals, Index) else Index(intervals)
    n = day.toordinal()
    companies = {}
    for cid in sorted(index.companies):
        company = index.company(cid, n)
        if company is not None:
            companies[cid] = company
    people = {}
    for pid in sorted(index.people):
        person = index.person(pid, n)
        if person is not None:
            people[pid] = person
    return State(
        date=day,
        as_of=as_of,
        release=release,
        coverage=Coverage(first=day_of(index.intervals.first), latest=day_of(index.intervals.latest)),
        companies=FrozenMap(companies),
        people=FrozenMap(people),
    )


def series(
    index: Index, days: Iterable[dt.date], as_of: dt.date | None = None, release: str | None = None
) -> Iterator[State]:
    """`evaluate` on each of ``days`` (in order), re-reading only what may have changed since the day before.

    A company or person is read again only on the days its rows declare
    (`timeline.fold.intervals.flip_days`); the rest is carried over, which is safe
    because the values are frozen. A test holds it equal to `evaluate` on every day.
    """
    flips = flip_days(index.intervals)
    order = sorted(flips)
    previous: State | None = None
    last = 0
    for day in days:
        n = day.toordinal()
        if previous is None or n < last:
            previous = evaluate(index, day, as_of, release)
        else:
            start, stop = bisect.bisect_right(order, last), bisect.bisect_right(order, n)
            dirty: set[tuple[str, str]] = set()
            for flip in order[start:stop]:
                dirty.update(flips[flip])
            companies: dict[str, Any] = dict(previous.companies)
            people: dict[str, Any] = dict(previous.people)
            for kind, key in sorted(dirty):
                table, found = (
                    (companies, index.company(key, n)) if kind == "company" else (people, index.person(key, n))
                )
                if found is None:
                    table.pop(key, None)
                else:
                    table[key] = found
            previous = previous._replace(
                date=day, companies=FrozenMap(sorted(companies.items())), people=FrozenMap(sorted(people.items()))
            )
        last = n
        yield previous
