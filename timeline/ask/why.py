"""Why the state says what it says: each fact about a person or company, with its evidence.

`explain` pairs every fact with the events that produce it, and lists each
event once, with its sources, the corrections applied to it, the disputes
the claim rule settled, and every attributed claim about it: without
``as_of``, every claim, response and denial whenever published; with it,
those public by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal, assert_never

import attrs
from attrs import frozen

from timeline.ask.api import DateLike, Timeline, to_date
from timeline.ask.directory import resolve
from timeline.fold.intervals import Stint, Unit, Vacancy, When, certainly_by, holds, possibly_by
from timeline.fold.knowledge import Resolution, View
from timeline.fold.state import Note, SourceRef
from timeline.model.describe import headline
from timeline.model.events import (
    Acquisition,
    Agreement,
    Claim,
    ClaimMade,
    CompanyFounded,
    Correction,
    Event,
    FundingRound,
    Inert,
    Investment,
    PersonJoined,
    PersonLeft,
    Retraction,
    RoleEnded,
    RoleStarted,
    SeatVacant,
    UnitOf,
)
from timeline.model.kinds import DateBasis
from timeline.model.ordering import sort_key
from timeline.model.vocabulary import Roles
from timeline.model.wording import listing, long_date, money, round_name, valuation

__all__ = ["ClaimValue", "Conflict", "Evidence", "Reason", "Why", "conflicts", "explain", "is_dispute", "readable"]

SubjectKind = Literal["person", "company"]


@frozen(kw_only=True)
class Evidence:
    """One event behind the facts, shown once however many facts rest on it."""

    event: str
    type: str
    date: str
    date_basis: DateBasis | None
    headline: str
    summary: str
    sources: tuple[SourceRef, ...]
    corrected_by: tuple[str, ...]


@frozen(kw_only=True)
class Reason:
    fact: str
    certain: bool
    events: tuple[str, ...]
    ended: bool = False  # it certainly ended by the day asked about: history, not the answer


@frozen(kw_only=True)
class ClaimValue:
    value: object
    shown: str  # the value as people read it
    sources: tuple[SourceRef, ...]
    note: str | None
    # Says the same as the chosen value in other terms (a pre-money valuation plus the amount
    # raised is the post-money one): not a dispute.
    agrees: bool = False


@frozen(kw_only=True)
class Conflict:
    """A field the sources disagree on, and how the claim rule settled it."""

    event: str
    field: str
    chosen: ClaimValue
    others: tuple[ClaimValue, ...]


@frozen(kw_only=True)
class Why:
    subject: str
    kind: SubjectKind
    name: str
    date: dt.date
    as_of: dt.date | None
    release: str | None
    facts: tuple[Reason, ...]
    evidence: tuple[Evidence, ...]
    corrections: tuple[Evidence, ...]
    conflicts: tuple[Conflict, ...]
    notes: tuple[Note, ...]


def _srcs(event: Event) -> tuple[SourceRef, ...]:
    return tuple(
        SourceRef(publisher=s.publisher, url=s.url, via=s.via, host=s.host, label=s.label) for s in event.sources
    )


def readable(field: str, value: object, currency: str = "USD") -> str:
    """A claim's value as people read it: money as money (in ``currency``), dates in words, lists as lists,
    yes and no for a flag."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping) and "amount" in value:
        amount = value.get("amount")
        return valuation(
            amount if isinstance(amount, int) else None,
            str(value.get("basis")),
            str(value.get("currency", "USD")),
        )
    if isinstance(value, tuple | list):
        names = [str(v.get("name", v)) if isinstance(v, Mapping) else str(v) for v in value]
        return listing(names)
    if field in ("date", "period") and isinstance(value, str):
        return long_date(value)
    if field in ("amount", "value") and isinstance(value, int) and not isinstance(value, bool):
        return money(value, currency)
    return str(value)


def _claim_value(field: str, claim: Claim, event: Event) -> ClaimValue:
    by_key = {s.key: s for s in event.sources}
    refs = tuple(
        SourceRef(publisher=s.publisher, url=s.url, via=s.via, host=s.host, label=s.label)
        for key in claim.sources
        if (s := by_key.get(key)) is not None
    )
    currency = getattr(event, "currency", None) or "USD"
    return ClaimValue(value=claim.value, shown=readable(field, claim.value, currency), sources=refs, note=claim.note)


def _post_money(value: object, raised: object) -> int | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("amount"), int):
        return None
    amount: int = value["amount"]
    if value.get("basis") == "post-money":
        return amount
    if value.get("basis") == "pre-money" and isinstance(raised, int) and not isinstance(raised, bool):
        return amount + raised
    return None


def _conflict(resolution: Resolution, event: Event) -> Conflict:
    chosen = _claim_value(resolution.field, resolution.chosen, event)
    others = []
    for claim in resolution.others:
        other = _claim_value(resolution.field, claim, event)
        if resolution.field == "valuation":
            raised = getattr(event, "amount", None)
            same = _post_money(claim.value, raised)
            if same is not None and same == _post_money(resolution.chosen.value, raised):
                other = attrs.evolve(other, agrees=True)
        others.append(other)
    return Conflict(event=resolution.event, field=resolution.field, chosen=chosen, others=tuple(others))


def is_dispute(conflict: Conflict) -> bool:
    """Whether some source really disagrees (not only says the same in other terms)."""
    return any(not other.agrees for other in conflict.others)


def _note(claim: ClaimMade) -> Note:
    return Note(
        event=claim.id,
        about=claim.about,
        date=claim.date.text,
        claimant=claim.claimant,
        claimant_kind=claim.claimant_kind,
        stance=claim.stance,
        summary=claim.summary,
        subject=claim.subject,
        responds_to=claim.responds_to,
        sources=_srcs(claim),
    )


def _when(when: When) -> str:
    return long_date(when.text)


def _vague(text: str) -> bool:
    return text.startswith(("by ", "between ", "about ", "perhaps "))


def _since(when: When) -> str:
    """``since 18 Feb 2025``, or ``(started by 12 Jan 2026)`` where the start is known only as a range.

    A bare range after "at X" would read as the whole stay ("at X between 18 and 19 Nov").
    """
    text = _when(when)
    return f"(started {text})" if _vague(text) else f"since {text}"


def _span(start: When, end: When) -> str:
    """``from A until B``, or ``started A, ended B`` where either is known only as a range."""
    first, last = _when(start), _when(end)
    if _vague(first) or _vague(last):
        return f"started {first}, ended {last}"
    return f"from {first} until {last}"


def _other_fact(event: Event, roles: Roles) -> str | None:
    """The fact an event that changes no state adds to a company's explanation."""
    match event:
        case Agreement():
            exclusive = "" if event.exclusive is None else (", exclusive" if event.exclusive else ", non-exclusive")
            value = (
                f", worth {money(event.value if event.value != 'undisclosed' else None, event.currency or 'USD')}"
                if event.value
                else ""
            )
            return f"{headline(event, roles)} ({long_date(event.date.text)}{exclusive}{value}): {event.terms}"
        case Inert():
            return f"{headline(event, roles)} ({long_date(event.date.text)}); a report, not a recorded change"
        case (
            CompanyFounded()
            | PersonJoined()
            | PersonLeft()
            | RoleStarted()
            | RoleEnded()
            | SeatVacant()
            | UnitOf()
            | Acquisition()
            | FundingRound()
            | Investment()
            | ClaimMade()
            | Correction()
            | Retraction()
        ):
            return None  # shown through the intervals, or as claims and corrections
        case _:
            assert_never(event)


class _Facts:
    def __init__(self, tl: Timeline, day: dt.date, as_of: dt.date | None) -> None:
        self.tl = tl
        self.day = day
        self.n = day.toordinal()
        self.as_of = as_of
        self.view: View = tl.view(as_of)
        self.intervals = tl.intervals(as_of)
        self.roles = Roles(self.intervals.roles)
        self.names = {p.id: p.name for p in self.intervals.people} | {c.id: c.name for c in self.intervals.companies}
        self.facts: list[Reason] = []

    def add(self, fact: str, certain: bool, events: Iterable[str | None], ended: bool = False) -> None:
        kept = tuple(dict.fromkeys(e for e in events if e))
        self.facts.append(Reason(fact=fact, certain=certain, events=kept, ended=ended))

    def unit(self, unit: Unit, subject: str) -> None:
        """A company's parent, or one of its units, with the dates it held."""
        child, parent = self.names.get(unit.company, unit.company), self.names.get(unit.parent, unit.parent)
        what = f"a unit of {parent}" if subject == unit.company else f"{child} is its unit"
        if unit.end is not None and certainly_by(unit.end, self.n):
            ended = (unit.start_event, unit.end_event)
            self.add(f"{what}, {_span(unit.start, unit.end)}", True, ended, ended=True)
        else:
            self.add(f"{what} {_since(unit.start)}", holds(unit.start, unit.end, self.n)[1], (unit.start_event,))

    def vacancy(self, vacancy: Vacancy) -> None:
        """A seat a source says was left unfilled."""
        seat = self.roles.seat_title(vacancy.seat)
        if vacancy.end is not None and certainly_by(vacancy.end, self.n):
            self.add(
                f"its {seat} seat was vacant, {_span(vacancy.start, vacancy.end)}",
                True,
                (vacancy.start_event, vacancy.end_event),
                ended=True,
            )
        else:
            held = holds(vacancy.start, vacancy.end, self.n)[1]
            self.add(f"its {seat} seat vacant {_since(vacancy.start)}", held, (vacancy.start_event,))

    def stint(self, stint: Stint, about_company: bool) -> None:
        if not possibly_by(stint.start, self.n):
            return
        who = self.names.get(stint.person, stint.person) + " " if about_company else ""
        where = self.names.get(stint.company, stint.company)
        start = _when(stint.start)
        if stint.end is not None and certainly_by(stint.end, self.n):
            how = stint.how if stint.how and stint.how != "unknown" else "how not reported"
            went = (
                f"went to {self.names.get(stint.destination, stint.destination)}"
                if stint.destination
                else "destination not reported"
            )
            self.add(
                f"{who}left {where} {_when(stint.end)} ({how}; {went}); joined {start}",
                True,
                (stint.start_event, stint.end_event),
                ended=True,
            )
        else:
            possibly_ended = stint.end is not None and possibly_by(stint.end, self.n)
            ending = f", may have left {_when(stint.end)}" if possibly_ended and stint.end else ""
            certain = holds(stint.start, stint.end, self.n)[1]
            self.add(f"{who}at {where} {_since(stint.start)}{ending}", certain, (stint.start_event,))
        for span in stint.roles:
            if not possibly_by(span.start, self.n):
                continue
            named = f" (named as {span.title!r})" if span.title else ""
            if span.end is not None and certainly_by(span.end, self.n):
                self.add(
                    f"{who}was {self.roles.title(span.role)} of {where}{named}, {_span(span.start, span.end)}",
                    True,
                    (span.start_event, span.end_event),
                    ended=True,
                )
            else:
                held = holds(span.start, span.end, self.n)[1]
                self.add(
                    f"{who}{self.roles.title(span.role)} of {where}{named} {_since(span.start)}",
                    held,
                    (span.start_event,),
                )
        for line in self.intervals.lines:
            if (line.person, line.company, line.start_event) != (
                stint.person,
                stint.company,
                stint.start_event,
            ):
                continue
            if not possibly_by(line.start, self.n):
                continue
            manager = self.names.get(line.manager, line.manager)
            if line.end is not None and certainly_by(line.end, self.n):
                reason = f" ({manager} left {where})" if line.ended_by == "manager-left" else ""
                self.add(
                    f"{who}reported to {manager}, {_span(line.start, line.end)}{reason}",
                    True,
                    (line.start_event, line.end_event),
                    ended=True,
                )
            else:
                held = holds(line.start, line.end, self.n)[1]
                self.add(f"{who}reports to {manager} {_since(line.start)}", held, (line.start_event,))


def explain(tl: Timeline, subject: str, date: DateLike, as_of: DateLike | None = None) -> Why:
    """Every fact about ``subject`` (a person or company id) on ``date``, with its evidence."""
    kind: SubjectKind = "person" if resolve(tl, subject) == "person" else "company"
    day = to_date(date)
    known = None if as_of is None else to_date(as_of)
    facts = _Facts(tl, day, known)
    n = day.toordinal()
    if kind == "person":
        for stint in facts.intervals.stints:
            if stint.person == subject:
                facts.stint(stint, about_company=False)
    else:
        company = next(c for c in facts.intervals.companies if c.id == subject)
        if company.founded is not None and possibly_by(company.founded, n):
            facts.add(
                f"founded {_when(company.founded)}",
                certainly_by(company.founded, n),
                (company.founded_event,),
            )
        for unit in facts.intervals.units:
            if subject in (unit.company, unit.parent) and possibly_by(unit.start, n):
                facts.unit(unit, subject)
        for vacancy in facts.intervals.vacancies:
            if vacancy.company == subject and possibly_by(vacancy.start, n):
                facts.vacancy(vacancy)
        for stint in facts.intervals.stints:
            if stint.company == subject:
                facts.stint(stint, about_company=True)
        rounds = [r for r in facts.intervals.raised if r.company == subject and possibly_by(r.when, n)]
        for raised in rounds:
            amount = money(raised.amount, raised.currency)
            what = (
                round_name(raised.round or "")
                if raised.kind == "round"
                else "investment by " + listing(name for _, name, _ in raised.investors)
            )
            worth = (
                f", valued {valuation(raised.valuation, raised.basis, raised.valuation_currency or raised.currency)}"
                if raised.valuation
                else ""
            )
            facts.add(
                f"{what}: {amount}{worth}, closed {_when(raised.when)}",
                certainly_by(raised.when, n),
                (raised.event,),
            )
        if not rounds:
            facts.add("no funding recorded (unknown, not zero)", True, ())
        for event in facts.view.events:
            if subject in event.companies and event.date.possibly_by(day):
                line = _other_fact(event, facts.roles)
                if line is not None:
                    facts.add(line, event.date.certainly_by(day), (event.id,))
    by_id = {e.id: e for e in facts.view.events}
    cited = {e for reason in facts.facts for e in reason.events}
    evidence = sorted((by_id[e] for e in cited if e in by_id), key=sort_key)
    notes = [e for e in facts.view.events if isinstance(e, ClaimMade) and e.about in cited]
    amendments = [fix for e in evidence for fix in facts.view.amendments.get(e.id, ())]
    name = facts.names.get(subject, subject)
    return Why(
        subject=subject,
        kind=kind,
        name=name,
        date=day,
        as_of=known,
        release=tl.release.chain if tl.release else None,
        facts=tuple(facts.facts),
        evidence=tuple(
            Evidence(
                event=e.id,
                type=e.TYPE,
                date=e.date.text,
                date_basis=e.date_basis,
                headline=headline(e, facts.roles),
                summary=e.summary,
                sources=_srcs(e),
                corrected_by=tuple(f.id for f in facts.view.amendments.get(e.id, ())),
            )
            for e in evidence
        ),
        corrections=tuple(
            Evidence(
                event=f.id,
                type=f.TYPE,
                date=f.date.text,
                date_basis=f.date_basis,
                headline=headline(f, facts.roles),
                summary=f.reason if isinstance(f, Correction | Retraction) else f.summary,
                sources=_srcs(f),
                corrected_by=(),
            )
            for f in amendments
        ),
        conflicts=tuple(_conflict(r, by_id[r.event]) for r in facts.view.resolutions if r.event in cited and r.others),
        notes=tuple(_note(c) for c in sorted(notes, key=sort_key)),
    )


def conflicts(tl: Timeline, as_of: DateLike | None = None) -> tuple[Conflict, ...]:
    """Every field on which sources disagree, as known on ``as_of``."""
    seen = tl.view(None if as_of is None else to_date(as_of))
    known = {e.id: e for e in seen.events}
    return tuple(_conflict(r, known[r.event]) for r in seen.resolutions if r.others)
