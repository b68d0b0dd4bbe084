"""A one-line headline for each event: what the events list, TimelineJS slides, diff and why say.

One ``match`` over the event union: a new type must say how it reads.
"""

from __future__ import annotations

from typing import assert_never

from timeline.model.events import (
    Acquisition,
    Agreement,
    ClaimMade,
    CompanyFounded,
    Correction,
    CountReport,
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
from timeline.model.wording import article, listing, money, round_name, valuation

__all__ = ["headline", "main_company"]


def _company(event: Event, cid: str | None) -> str:
    if cid is None:
        return ""
    return event.companies.get(cid, cid)


def _person(event: Event, pid: str | None) -> str:
    if pid is None:
        return ""
    return event.people.get(pid, pid)


def headline(event: Event, roles: Roles) -> str:
    """``Barret Zoph leaves Thinking Machines Lab for OpenAI``; ``roles`` are the dataset's (`Timeline.roles`)."""
    title = roles.title
    match event:
        case CompanyFounded():
            return f"{_company(event, event.company)} is founded"
        case PersonJoined():
            held = f" as {listing(title(r) for r in event.roles)}" if event.roles else ""
            return f"{_person(event, event.person)} joins {_company(event, event.company)}{held}"
        case PersonLeft():
            where = f" for {_company(event, event.destination)}" if event.destination else ""
            return f"{_person(event, event.person)} leaves {_company(event, event.company)}{where}"
        case RoleStarted():
            return f"{_person(event, event.person)} becomes {title(event.role)} of {_company(event, event.company)}"
        case RoleEnded():
            return (
                f"{_person(event, event.person)} is no longer {title(event.role)} of {_company(event, event.company)}"
            )
        case SeatVacant():
            return f"{_company(event, event.company)}'s {roles.seat_title(event.seat)} seat is left vacant"
        case UnitOf():
            return f"{_company(event, event.company)} becomes a unit of {_company(event, event.parent)}"
        case Acquisition():
            worth = (
                f" for {money(event.value if event.value != 'undisclosed' else None, event.currency or 'USD')}"
                if event.value is not None
                else ""
            )
            return f"{_company(event, event.acquirer)} acquires {_company(event, event.company)}{worth}"
        case FundingRound():
            amount = money(event.amount if event.amount != "undisclosed" else None, event.currency)
            name = round_name(event.round)
            return f"{_company(event, event.company)} closes {article(name)} {name} of {amount}"
        case Investment():
            who = listing(i.name for i in event.investors)
            amount = "an undisclosed amount" if event.amount == "undisclosed" else money(event.amount, event.currency)
            return (
                f"{who} invest{'s' if len(event.investors) == 1 else ''} {amount} in {_company(event, event.company)}"
            )
        case Agreement():
            parties = listing(_company(event, p) for p in event.parties)
            return f"{parties}: {event.kind} agreement"
        case FundingReport():
            company = _company(event, event.company)
            sought = f" {money(event.amount, event.currency or 'USD')}" if event.amount else ""
            at = (
                f" at {valuation(event.valuation.amount, event.valuation.basis, event.valuation.currency)}"
                if event.valuation
                else ""
            )
            match event.status:
                case "in-talks":
                    return f"{company} reported in talks to raise{sought or ' money'}{at}"
                case "stalled":
                    return f"{company}'s reported round{sought} stalls"
                case "valuation-reported":
                    return f"{company} reported valued{at or ' (no figure)'}"
                case _:
                    assert_never(event.status)
        case CountReport():
            where = f" to {_company(event, event.destination)}" if event.destination else ""
            counts = sorted({c.value for c in event.claims if c.field == "count" and isinstance(c.value, int)})
            number = " or ".join(str(n) for n in counts) if len(counts) > 1 else str(event.count)
            return f"{number} {event.counts}{where} reported at {_company(event, event.company)}"
        case ClaimMade():
            claimant = (
                event.claimant[0].lower() + event.claimant[1:] if event.claimant[:2] in ("A ", "An") else event.claimant
            )
            return f"{event.stance.capitalize()} by {claimant}"
        case Correction():
            return f"Correction of {event.corrects}"
        case Retraction():
            return f"Retraction of {event.retracts}"
        case _:
            assert_never(event)


def main_company(event: Event) -> str | None:
    """The company an event is chiefly about (a TimelineJS group, a chart's colour)."""
    match event:
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
            | FundingReport()
            | CountReport()
        ):
            return event.company
        case Agreement():
            return event.parties[0]
        case ClaimMade() | Correction() | Retraction() | Inert():
            return next(iter(event.companies), None)
        case _:
            assert_never(event)
