"""The event vocabulary: one frozen attrs class per kind of fact.

An event file is one of these classes written as TOML; ``docs/event-format.md``
describes every field. The classes carry no behaviour beyond what the data
itself implies: folding lives in `timeline.fold`, knowledge time in
`timeline.knowledge`.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

import attrs
from attrs import field, frozen

from .edtf import EDTF

__all__ = [
    "CURRENT_SCHEMA",
    "EVENT_TYPES",
    "Claim",
    "ClaimMade",
    "CompanyFounded",
    "Correction",
    "Event",
    "FundingRound",
    "Investor",
    "PersonJoined",
    "PersonLeft",
    "Retraction",
    "RoleEnded",
    "RoleStarted",
    "Source",
    "Valuation",
]

CURRENT_SCHEMA = 2

SourceKind = Literal["primary", "report"]
DepartureKind = Literal["resigned", "dismissed", "unknown"]
ValuationBasis = Literal["pre-money", "post-money", "unspecified"]
ClaimantKind = Literal["journalist", "publication", "anonymous-source", "company", "subject"]
Stance = Literal["allegation", "characterisation", "response", "denial"]


@frozen(kw_only=True)
class Source:
    """Where a fact was read.

    ``publisher`` is the outlet that originated the text; ``url`` is where it
    was read, which may be a syndicated copy. ``kind`` is ``primary`` for the
    people or companies concerned speaking for themselves (their own post or
    blog), ``report`` for journalism about them.
    """

    publisher: str
    url: str
    published: EDTF
    kind: SourceKind
    key: str | None = None
    title: str | None = None
    author: str | None = None

    @property
    def public_day(self) -> dt.date:
        """The local calendar day on which the source was public."""
        return self.published.sort_day if self.published.upper is None else self.published.upper


@frozen(kw_only=True)
class Claim:
    """One source's value for a field the sources disagree on.

    ``field`` names a field of the event (``date``, ``valuation``, ...);
    ``value`` is written as that field would be; ``sources`` are the ``key``s
    of the event's sources that make this claim.
    """

    field: str
    value: object
    sources: tuple[str, ...]
    note: str | None = None


@frozen(kw_only=True)
class Event:
    """What every event has, whatever its type."""

    TYPE: ClassVar[str] = ""

    schema: int
    id: str
    date: EDTF
    summary: str
    sources: tuple[Source, ...]
    known: EDTF | None = None
    people: dict[str, str] = field(factory=dict)
    companies: dict[str, str] = field(factory=dict)
    claims: tuple[Claim, ...] = ()

    @property
    def type(self) -> str:
        return self.TYPE

    @property
    def public_day(self) -> dt.date:
        """When the fact became public: ``known`` if given, else the earliest source."""
        if self.known is not None:
            return self.known.upper or self.known.sort_day
        return min(source.public_day for source in self.sources)


@frozen(kw_only=True)
class CompanyFounded(Event):
    """A company comes into being (or is publicly launched, if that is all we know)."""

    TYPE: ClassVar[str] = "company-founded"
    company: str
    founders: tuple[str, ...]
    members: tuple[str, ...] = ()
    roles: dict[str, tuple[str, ...]] = field(factory=dict)
    headquarters: str | None = None
    legal_form: str | None = None


@frozen(kw_only=True)
class PersonJoined(Event):
    """A person starts at a company."""

    TYPE: ClassVar[str] = "person-joined"
    person: str
    company: str
    roles: tuple[str, ...] = ()
    reports_to: str | None = None
    came_from: str | None = None


@frozen(kw_only=True)
class PersonLeft(Event):
    """A person stops being at a company; every role there ends with it."""

    TYPE: ClassVar[str] = "person-left"
    person: str
    company: str
    how: DepartureKind = "unknown"
    destination: str | None = None


@frozen(kw_only=True)
class RoleStarted(Event):
    """A person already at a company takes on a role there."""

    TYPE: ClassVar[str] = "role-started"
    person: str
    company: str
    role: str


@frozen(kw_only=True)
class RoleEnded(Event):
    """A person gives up a role but stays at the company."""

    TYPE: ClassVar[str] = "role-ended"
    person: str
    company: str
    role: str


@frozen(kw_only=True)
class Investor:
    id: str
    name: str
    lead: bool = False


@frozen(kw_only=True)
class Valuation:
    amount: int
    currency: str
    basis: ValuationBasis


@frozen(kw_only=True)
class FundingRound(Event):
    """A funding round closes."""

    TYPE: ClassVar[str] = "funding-round"
    company: str
    round: str
    amount: int
    currency: str
    investors: tuple[Investor, ...] = ()
    valuation: Valuation | None = None


@frozen(kw_only=True)
class ClaimMade(Event):
    """Someone publicly claims something about another event: an attributed report.

    It changes no roster. It is shown as a note on the event named by
    ``about``, with ``claimant`` saying who made the claim.
    """

    TYPE: ClassVar[str] = "claim"
    about: str
    claimant: str
    claimant_kind: ClaimantKind
    stance: Stance
    subject: str | None = None
    responds_to: str | None = None


@frozen(kw_only=True)
class Correction(Event):
    """Replaces fields of an earlier event, from the day this one is public."""

    TYPE: ClassVar[str] = "correction"
    corrects: str
    reason: str
    changes: dict[str, object]


@frozen(kw_only=True)
class Retraction(Event):
    """Withdraws an earlier event, from the day this one is public."""

    TYPE: ClassVar[str] = "retraction"
    retracts: str
    reason: str


EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        CompanyFounded,
        PersonJoined,
        PersonLeft,
        RoleStarted,
        RoleEnded,
        FundingRound,
        ClaimMade,
        Correction,
        Retraction,
    )
}

# Field types are strings under ``from __future__ import annotations``;
# corrections and claims need the real types to re-check a new value.
for _cls in (*EVENT_TYPES.values(), Source, Claim, Investor, Valuation):
    attrs.resolve_types(_cls)
