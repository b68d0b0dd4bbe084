"""What changed after one date, up to another: every change with its date, names and event.

The changes come from the intervals (joins, departures, roles, reporting
lines, money) and from the events that change no roster (agreements,
reports), so a window reads as the story of that time, in order. A change
whose date range straddles an edge of the window is shown as possible.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, assert_never

from attrs import frozen

from timeline.ask.api import DateLike, Timeline, to_date
from timeline.fold.evaluate import iso
from timeline.fold.intervals import Raised, When
from timeline.model.describe import headline
from timeline.model.events import (
    Acquisition,
    ClaimMade,
    CompanyFounded,
    Correction,
    Event,
    FundingReport,
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
from timeline.model.vocabulary import Roles
from timeline.model.wording import listing, long_date, money, round_name, valuation

__all__ = ["Change", "ChangeKind", "changes"]

ChangeKind = Literal[
    "founded",
    "joined",
    "left",
    "role-started",
    "role-ended",
    "reporting-ended",
    "funding",
    "agreement",
    "report",
    "unit",
    "vacancy",
]


@frozen(kw_only=True)
class Change:
    """One change in the window, with the event behind it."""

    date: str  # EDTF, as the event gives it
    date_lower: dt.date | None
    date_upper: dt.date | None
    kind: ChangeKind
    company: str
    company_name: str
    person: str | None
    name: str | None
    detail: str
    event: str
    certain: bool  # False when the date range may fall outside the window


def _date(ordinal: int | None) -> dt.date | None:
    text = iso(ordinal)
    return None if text is None else dt.date.fromisoformat(text)


def _repeated(event: Event, raised: tuple[Raised, ...]) -> str:
    """For a reported valuation that only repeats the one a closed round already set: says so."""
    if not isinstance(event, FundingReport) or event.status != "valuation-reported" or event.valuation is None:
        return ""
    reported = event.valuation
    start = event.date.lower.toordinal() if event.date.lower else None
    before = [
        r
        for r in raised
        if r.company == event.company
        and r.valuation is not None
        and r.when.hi is not None
        and start is not None
        and r.when.hi <= start
    ]
    if not before:
        return ""
    last = max(before, key=lambda r: r.when.hi or 0)
    same = (last.valuation, last.valuation_currency or last.currency) == (reported.amount, reported.currency)
    if not same or (last.basis and reported.basis and last.basis != reported.basis):
        return ""
    name = round_name(last.round or "") if last.kind == "round" else "investment"
    return f": the valuation of its {name} ({long_date(last.when.text)}) again, not a new one"


def _non_roster(event: Event) -> ChangeKind | None:
    match event:
        case Inert():
            return event.CHANGE
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
            return None  # from the intervals, or not a change
        case _:
            assert_never(event)


def changes(tl: Timeline, start: DateLike, end: DateLike, as_of: DateLike | None = None) -> tuple[Change, ...]:
    """Every change that may have happened after ``start`` and by ``end``, in order."""
    first, last = to_date(start).toordinal(), to_date(end).toordinal()
    if first >= last:
        return ()  # the window after start up to end is empty
    intervals = tl.intervals(as_of)
    roles = Roles(intervals.roles)
    events = {e.id: e for e in tl.view(as_of).events}
    names = {p.id: p.name for p in intervals.people} | {c.id: c.name for c in intervals.companies}
    found: list[Change] = []

    def add(when: When, kind: ChangeKind, company: str, person: str | None, detail: str, event: str | None) -> None:
        if event is None:
            return
        if when.hi is not None and when.hi <= first:
            return
        if when.lo is not None and when.lo > last:
            return
        certain = when.lo is not None and when.lo > first and when.hi is not None and when.hi <= last
        found.append(
            Change(
                date=when.text,
                date_lower=_date(when.lo),
                date_upper=_date(when.hi),
                kind=kind,
                company=company,
                company_name=names.get(company, company),
                person=person,
                name=names.get(person, person) if person else None,
                detail=detail,
                event=event,
                certain=certain,
            )
        )

    for company in intervals.companies:
        if company.founded is not None:
            add(
                company.founded,
                "founded",
                company.id,
                None,
                f"{company.name} is founded",
                company.founded_event,
            )
    lines = {(line.person, line.company, line.start_event): line for line in intervals.lines}
    for stint in intervals.stints:
        who = names.get(stint.person, stint.person)
        where = names.get(stint.company, stint.company)
        opening = lines.get((stint.person, stint.company, stint.start_event))
        reporting = f", reporting to {names.get(opening.manager, opening.manager)}" if opening else ""
        add(
            stint.start,
            "joined",
            stint.company,
            stint.person,
            f"{who} joins {where}{reporting}",
            stint.start_event,
        )
        if stint.end is not None:
            how = f" ({stint.how})" if stint.how and stint.how != "unknown" else ""
            went = f" for {names.get(stint.destination, stint.destination)}" if stint.destination else ""
            add(
                stint.end,
                "left",
                stint.company,
                stint.person,
                f"{who} leaves {where}{how}{went}",
                stint.end_event,
            )
        for span in stint.roles:
            if span.start_event != stint.start_event:
                add(
                    span.start,
                    "role-started",
                    stint.company,
                    stint.person,
                    f"{who} becomes {roles.title(span.role)}",
                    span.start_event,
                )
            if span.end is not None and span.end_event != stint.end_event:
                add(
                    span.end,
                    "role-ended",
                    stint.company,
                    stint.person,
                    f"{who} is no longer {roles.title(span.role)}",
                    span.end_event,
                )
    for line in intervals.lines:
        if line.end is not None and line.ended_by == "manager-left":
            manager = names.get(line.manager, line.manager)
            add(
                line.end,
                "reporting-ended",
                line.company,
                line.person,
                f"{names.get(line.person, line.person)} no longer reports to {manager} ({manager} left)",
                line.end_event,
            )
    for unit in intervals.units:
        cause = events.get(unit.start_event)
        detail = (
            headline(cause, roles)
            if cause is not None
            else f"{names.get(unit.company, unit.company)} becomes a unit of {names.get(unit.parent, unit.parent)}"
        )
        add(unit.start, "unit", unit.company, None, detail, unit.start_event)
    for vacancy in intervals.vacancies:
        seat = roles.seat_title(vacancy.seat)
        add(vacancy.start, "vacancy", vacancy.company, None, f"{seat} seat left vacant", vacancy.start_event)
    for raised in intervals.raised:
        amount = money(raised.amount, raised.currency)
        worth = (
            f", valued {valuation(raised.valuation, raised.basis, raised.valuation_currency or raised.currency)}"
            if raised.valuation
            else ""
        )
        if raised.kind == "round":
            detail = f"{round_name(raised.round or '')}: {amount}{worth}"
        else:
            detail = f"investment by {listing(n for _, n, _ in raised.investors)}: {amount}{worth}"
        add(raised.when, "funding", raised.company, None, detail, raised.event)
    for event in events.values():
        kind = _non_roster(event)
        if kind is not None:
            named = next(iter(event.companies), "")
            lo = event.date.lower.toordinal() if event.date.lower else None
            hi = event.date.upper.toordinal() if event.date.upper else None
            detail = headline(event, roles) + _repeated(event, intervals.raised)
            add(When(event.date.text, lo, hi), kind, named, None, detail, event.id)
    # By the latest day each change may have happened: a range reads as "by" its end, so a
    # change known only as "some day in the last year" sits where the story reveals it.
    found.sort(
        key=lambda c: (
            c.date_upper or c.date_lower or dt.date.max,
            c.date_lower or dt.date.min,
            c.company_name,
            c.name or "",
        )
    )
    return tuple(found)
