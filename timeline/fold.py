"""The fold: a log of events and a date in, a `State` out.

``state(events, day, as_of)`` is a pure function: it reads nothing but its
arguments. It runs in three steps, each its own module: `knowledge.view`
(what was public on ``as_of``), `roster.build` (intervals), and `evaluate`
below (the intervals on ``day``).
"""

from __future__ import annotations

import datetime as dt

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
    SourceRef,
    State,
)
from .vocabulary import EXCLUSIVE_ROLES, LEADERSHIP, title

__all__ = ["evaluate", "state"]


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
        sources=tuple(SourceRef(publisher=s.publisher, url=s.url) for s in claim.sources),
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


def evaluate(roster: Roster, day: dt.date, as_of: dt.date | None = None) -> State:
    """The intervals of ``roster`` read on ``day``."""
    names = {pid: name for pid, (name, _) in roster.people.items()}
    members: dict[str, list[Member]] = {}
    at: dict[str, list[tuple[Stint, Member]]] = {}
    for stint in roster.stints:
        member = _member(stint, names.get(stint.person, stint.person), day)
        if member is not None:
            members.setdefault(stint.company, []).append(member)
            at.setdefault(stint.person, []).append((stint, member))

    claims = [c for notes in roster.notes.values() for c in notes if c.date.possibly_by(day)]
    companies: dict[str, CompanyState] = {}
    for cid, record in sorted(roster.companies.items()):
        if record.first_seen > day:
            continue
        founded = record.founded if record.founded and record.founded.possibly_by(day) else None
        roster_here = sorted(members.get(cid, []), key=_member_order)
        held = {r.role: m.person for m in roster_here for r in m.roles if r.role in EXCLUSIVE_ROLES}
        leadership = {role: held[role] for role in LEADERSHIP if role in held}
        companies[cid] = CompanyState(
            id=cid,
            name=record.name,
            founded=founded.text if founded else None,
            founders=record.founders if founded else (),
            headquarters=record.headquarters if founded else None,
            leadership=leadership,
            members=tuple(roster_here),
            funding=_funding([r for r in roster.rounds if r.company == cid], day),
            notes=tuple(_note(c) for c in claims if cid in c.companies and c.subject is None),
        )

    people: dict[str, PersonState] = {}
    for pid, (name, first_seen) in sorted(roster.people.items()):
        if first_seen > day:
            continue
        here = sorted(at.get(pid, []), key=lambda sm: (sm[1].certain, sm[0].start.sort_day))
        main = here[-1] if here else None
        people[pid] = PersonState(
            id=pid,
            name=name,
            company=main[0].company if main else None,
            roles=main[1].roles if main else (),
            since=main[1].since if main else None,
            certain=main[1].certain if main else True,
            other_companies=tuple(s.company for s, _ in here[:-1]),
            notes=tuple(_note(c) for c in claims if c.subject == pid),
        )
    return State(date=day, as_of=as_of, companies=companies, people=people)
