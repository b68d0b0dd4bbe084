"""What the fold answers: frozen snapshots of companies and people at a date.

Every fact carries ``certain`` and the bounds it rests on: with an imprecise
date (a month, a range), a fact may or may not hold yet on the query date,
and the state says "possible" rather than guessing. ``events`` lists the ids
of the events behind each fact; `timeline.why` expands them with sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen

if TYPE_CHECKING:
    from .model import Source

__all__ = [
    "CompanyState",
    "Funding",
    "Member",
    "MemberStatus",
    "Note",
    "PersonState",
    "RoleState",
    "Round",
    "SourceRef",
    "State",
    "source_refs",
]

MemberStatus = Literal["current", "possibly-joined", "possibly-left"]


@frozen(kw_only=True)
class SourceRef:
    publisher: str
    url: str


def source_refs(sources: Iterable[Source]) -> tuple[SourceRef, ...]:
    """Where each source was read: what an answer shows of it."""
    return tuple(SourceRef(publisher=s.publisher, url=s.url) for s in sources)


@frozen(kw_only=True)
class RoleState:
    """A role held (certainly or possibly) on the query date."""

    role: str
    title: str
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    certain: bool
    events: tuple[str, ...]


@frozen(kw_only=True)
class Member:
    """A person at a company on the query date.

    ``status`` tells apart a member who is surely there (``current``), one
    whose start date range covers the query date (``possibly-joined``) and
    one whose departure range covers it (``possibly-left``). A member with
    no known departure is ``current`` as far as the last source says;
    one who has certainly left is not a member at all.
    """

    person: str
    name: str
    roles: tuple[RoleState, ...]
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    until: str | None
    status: MemberStatus
    certain: bool
    founder: bool
    reports_to: str | None
    events: tuple[str, ...]


@frozen(kw_only=True)
class Round:
    event: str
    round: str
    date: str
    amount: int
    currency: str
    valuation: int | None
    valuation_basis: str | None
    investors: tuple[str, ...]
    lead_investors: tuple[str, ...]
    certain: bool


@frozen(kw_only=True)
class Funding:
    """Money raised by the query date. ``certain`` is false when any round's date range covers it."""

    total_usd: int
    valuation_usd: int | None
    valuation_basis: str | None
    investors: tuple[str, ...]
    certain: bool
    rounds: tuple[Round, ...]


@frozen(kw_only=True)
class Note:
    """An attributed claim about an event: who said what, where. Never a fact of the roster."""

    event: str
    about: str
    date: str
    claimant: str
    claimant_kind: str
    stance: str
    summary: str
    responds_to: str | None
    sources: tuple[SourceRef, ...]


@frozen(kw_only=True)
class CompanyState:
    id: str
    name: str
    founded: str | None
    founders: tuple[str, ...]
    headquarters: str | None
    leadership: dict[str, str]
    members: tuple[Member, ...]
    funding: Funding
    notes: tuple[Note, ...] = ()


@frozen(kw_only=True)
class PersonState:
    """Where a person is on the query date; ``company`` is ``None`` when none is known."""

    id: str
    name: str
    company: str | None
    roles: tuple[RoleState, ...]
    since: str | None
    certain: bool
    other_companies: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


@frozen(kw_only=True)
class State:
    date: dt.date
    as_of: dt.date | None
    companies: dict[str, CompanyState] = field(factory=dict)
    people: dict[str, PersonState] = field(factory=dict)
