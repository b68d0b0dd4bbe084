"""What each event type does to the intervals: typed events in, plain `Record`\\ s out.

This is the roster's projection of the event union: one ``match`` over
`timeline.model.Event`, so a new type that forgets to say what it does fails
``mypy --strict`` here. Inert events (agreements, reports), corrections and
retractions change no state: their record carries names and a date but no effect.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_never

from timeline.fold.intervals import (
    Effect,
    Found,
    Join,
    Leave,
    Money,
    Parent,
    Record,
    Ref,
    Remark,
    RoleEnd,
    RoleStart,
    Vacate,
    When,
)
from timeline.model.edtf import EDTF
from timeline.model.events import (
    Acquisition,
    ClaimMade,
    CompanyFounded,
    Correction,
    Event,
    FundingRound,
    Inert,
    Investment,
    Investor,
    PersonJoined,
    PersonLeft,
    Retraction,
    RoleEnded,
    RoleStarted,
    SeatVacant,
    Source,
    UnitOf,
)

__all__ = ["record", "ref", "when"]

_EPOCH = dt.datetime(1970, 1, 1)
_NO_TIME = 2**62  # sorts after every real instant on the same day


def when(value: EDTF) -> When:
    return When(
        value.text,
        value.lower.toordinal() if value.lower else None,
        value.upper.toordinal() if value.upper else None,
    )


def ref(source: Source) -> Ref:
    return Ref(source.publisher, source.url, source.via, source.host, source.label)


def _investors(investors: tuple[Investor, ...]) -> tuple[tuple[str, str, bool], ...]:
    return tuple((i.id, i.name, i.lead) for i in investors)


def effects(event: Event) -> tuple[Effect, ...]:
    """What ``event`` (already resolved for knowledge time) does to the intervals."""
    match event:
        case CompanyFounded():
            return (
                Found(
                    event.company,
                    event.founders,
                    event.members,
                    tuple(event.roles.items()),
                    event.headquarters,
                    event.legal_form,
                    event.founder_count,
                ),
            )
        case PersonJoined():
            return (Join(event.person, event.company, event.roles, event.reports_to, event.standing),)
        case PersonLeft():
            return (Leave(event.person, event.company, event.how, event.destination),)
        case RoleStarted():
            return (RoleStart(event.person, event.company, event.role, event.title),)
        case RoleEnded():
            return (RoleEnd(event.person, event.company, event.role),)
        case FundingRound():
            valuation = event.valuation
            return (
                Money(
                    event.company,
                    "round",
                    event.round,
                    None if event.amount == "undisclosed" else event.amount,
                    event.currency,
                    _investors(event.investors),
                    valuation.amount if valuation else None,
                    valuation.currency if valuation else None,
                    valuation.basis if valuation else None,
                ),
            )
        case Investment():
            valuation = event.valuation
            return (
                Money(
                    event.company,
                    "investment",
                    None,
                    None if event.amount == "undisclosed" else event.amount,
                    event.currency,
                    _investors(event.investors),
                    valuation.amount if valuation else None,
                    valuation.currency if valuation else None,
                    valuation.basis if valuation else None,
                ),
            )
        case ClaimMade():
            return (
                Remark(
                    event.about,
                    event.subject,
                    event.claimant,
                    event.claimant_kind,
                    event.stance,
                    event.summary,
                    event.responds_to,
                    tuple(ref(s) for s in event.sources),
                ),
            )
        case SeatVacant():
            return (Vacate(event.company, event.seat),)
        case UnitOf():
            return (Parent(event.company, event.parent),)
        case Acquisition():
            return (Parent(event.company, event.acquirer),)
        case Inert() | Correction() | Retraction():
            return ()
        case _:
            assert_never(event)


def record(event: Event) -> Record:
    """``event`` as the engine reads it."""
    date = event.date
    instant = _NO_TIME if date.time is None else int((date.instant - _EPOCH).total_seconds())
    return Record(
        (date.sort_day.toordinal(), instant, event.RANK, event.id),
        event.id,
        event.TYPE,
        when(date),
        tuple(event.people.items()),
        tuple(event.companies.items()),
        effects(event),
    )
