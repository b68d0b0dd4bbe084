"""Why the state says what it says: each fact of a person or company, with its evidence.

`explain` reads a `State` and the `View` it came from, and pairs every fact
with the events that produce it, their sources, the disputes the claim rule
settled, the corrections applied, and the attributed claims about them.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from .api import Timeline, to_date
from .convert import converter
from .knowledge import Resolution, View
from .model import Claim, Event, PersonLeft
from .roster import Stint
from .state import Note, SourceRef, State, source_refs

__all__ = ["ClaimValue", "Conflict", "Evidence", "Reason", "Why", "conflicts", "explain"]


@frozen(kw_only=True)
class Evidence:
    event: str
    type: str
    date: str
    summary: str
    sources: tuple[SourceRef, ...]


@frozen(kw_only=True)
class ClaimValue:
    value: object
    sources: tuple[SourceRef, ...]
    note: str | None


@frozen(kw_only=True)
class Conflict:
    """A field the sources disagree on, and how the claim rule settled it."""

    event: str
    field: str
    chosen: ClaimValue
    others: tuple[ClaimValue, ...]


@frozen(kw_only=True)
class Reason:
    fact: str
    certain: bool
    evidence: tuple[Evidence, ...]
    conflicts: tuple[Conflict, ...] = ()
    corrections: tuple[Evidence, ...] = ()
    notes: tuple[Note, ...] = ()


@frozen(kw_only=True)
class Why:
    subject: str
    kind: str
    name: str
    date: dt.date
    as_of: dt.date | None
    facts: tuple[Reason, ...]


def _evidence(event: Event) -> Evidence:
    return Evidence(
        event=event.id,
        type=event.TYPE,
        date=event.date.text,
        summary=event.summary,
        sources=source_refs(event.sources),
    )


def _conflict(resolution: Resolution, event: Event) -> Conflict:
    sources = {s.key: s for s in event.sources}

    def value(claim: Claim) -> ClaimValue:
        return ClaimValue(
            value=converter.unstructure(claim.value),
            sources=tuple(
                SourceRef(publisher=sources[k].publisher, url=sources[k].url) for k in claim.sources
            ),
            note=claim.note,
        )

    return Conflict(
        event=resolution.event,
        field=resolution.field,
        chosen=value(resolution.chosen),
        others=tuple(value(c) for c in resolution.others),
    )


class _Context:
    """Lookups shared by every fact of one explanation."""

    def __init__(self, tl: Timeline, seen: View, state: State) -> None:
        self.tl = tl
        self.seen = seen
        self.state = state
        self.by_id = {e.id: e for e in seen.events}
        self.resolutions: dict[str, list[Resolution]] = {}
        for resolution in seen.resolutions:
            self.resolutions.setdefault(resolution.event, []).append(resolution)
        self.notes: dict[str, list[Note]] = {}
        for person in state.people.values():
            for note in person.notes:
                self.notes.setdefault(note.about, []).append(note)
        for company in state.companies.values():
            for note in company.notes:
                self.notes.setdefault(note.about, []).append(note)

    def name(self, company: str) -> str:
        record = self.tl.roster(self.seen.as_of).companies.get(company)
        return record.name if record else company

    def reason(self, fact: str, certain: bool, ids: tuple[str, ...]) -> Reason:
        events = [self.by_id[i] for i in ids if i in self.by_id]
        return Reason(
            fact=fact,
            certain=certain,
            evidence=tuple(_evidence(e) for e in events),
            conflicts=tuple(
                _conflict(r, self.by_id[r.event])
                for e in events
                for r in self.resolutions.get(e.id, [])
                if r.others
            ),
            corrections=tuple(_evidence(fix) for e in events for fix in self.seen.amendments.get(e.id, ())),
            notes=tuple(n for e in events for n in self.notes.get(e.id, [])),
        )


def _departure(ctx: _Context, stint: Stint) -> Reason:
    end = ctx.by_id.get(stint.end_event or "")
    how = stint.how if isinstance(end, PersonLeft) else None
    where = f" for {ctx.name(stint.destination)}" if stint.destination else ""
    assert stint.end is not None
    fact = f"left {ctx.name(stint.company)} on {stint.end.text} ({how or 'how unknown'}){where}"
    return ctx.reason(fact, stint.end.certainly_by(ctx.state.date), tuple(e for e, _ in stint.events))


def explain(tl: Timeline, subject: str, date: dt.date | str, as_of: dt.date | str | None = None) -> Why:
    """Every fact about ``subject`` (a person or company id) on ``date``, with its evidence."""
    day = to_date(date)
    known = None if as_of is None else to_date(as_of)
    state = tl.state(day, known)
    ctx = _Context(tl, tl.view(known), state)
    roster = tl.roster(known)
    facts: list[Reason] = []
    if subject in state.people:
        person = state.people[subject]
        for stint in roster.stints:
            if stint.person != subject or not stint.start.possibly_by(day):
                continue
            if stint.end is not None and stint.end.certainly_by(day):
                facts.append(_departure(ctx, stint))
                continue
            company = state.companies[stint.company]
            member = next(m for m in company.members if m.person == subject)
            facts.append(
                ctx.reason(
                    f"at {ctx.name(stint.company)} since {member.since} ({member.status})",
                    member.certain,
                    member.events,
                )
            )
            facts.extend(
                ctx.reason(f"{r.title} of {ctx.name(stint.company)} since {r.since}", r.certain, r.events)
                for r in member.roles
            )
        return Why(
            subject=subject, kind="person", name=person.name, date=day, as_of=known, facts=tuple(facts)
        )
    if subject in state.companies:
        company = state.companies[subject]
        record = roster.companies[subject]
        if company.founded and record.founded_event:
            facts.append(ctx.reason(f"founded {company.founded}", True, (record.founded_event,)))
        for member in company.members:
            facts.append(
                ctx.reason(
                    f"{member.name} a member since {member.since} ({member.status})",
                    member.certain,
                    member.events,
                )
            )
            facts.extend(
                ctx.reason(f"{member.name} {r.title} since {r.since}", r.certain, r.events)
                for r in member.roles
            )
        for round_ in company.funding.rounds:
            facts.append(
                ctx.reason(
                    f"{round_.round} round of {round_.amount:,} {round_.currency} ({round_.date})",
                    round_.certain,
                    (round_.event,),
                )
            )
        return Why(
            subject=subject, kind="company", name=company.name, date=day, as_of=known, facts=tuple(facts)
        )
    raise KeyError(subject)


def conflicts(tl: Timeline, as_of: dt.date | str | None = None) -> tuple[Conflict, ...]:
    """Every field on which sources disagree, as known on ``as_of``."""
    seen = tl.view(None if as_of is None else to_date(as_of))
    known = {e.id: e for e in seen.events}
    return tuple(_conflict(r, known[r.event]) for r in seen.resolutions if r.others)
