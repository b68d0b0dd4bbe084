"""The event vocabulary: one frozen attrs class per kind of fact, and `Event`, their closed union.

An event file is one of these classes written as TOML (``docs/event-format.md``
describes every field). `Event` is the one list of event types: the converter
dispatches on it (cattrs' tagged-union strategy, by ``type``), and every
projection of events (intervals, checks, headlines, exports, diff, why,
records) is a ``match`` over it ending in ``assert_never``, so that
``mypy --strict`` names each projection a new type forgets.

What belongs to a type lives on its class: ``TYPE`` (its tag in files),
``RANK`` (its place among same-instant events) and, in each field's metadata,
what the field refers to (a person, a company or another event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar, Final, Literal, TypeAlias
from urllib.parse import urlsplit

import attrs
from attrs import field, frozen

from timeline.model.edtf import EDTF
from timeline.model.frozen import FrozenMap
from timeline.model.kinds import (
    AgreementKind,
    ClaimantKind,
    DateBasis,
    DepartureKind,
    Headcount,
    ReportStatus,
    SourceKind,
    Stance,
    Standing,
    ValuationBasis,
    Via,
)

__all__ = [
    "CURRENT_SCHEMA",
    "EVENT_TYPES",
    "Acquisition",
    "Agreement",
    "Amount",
    "BaseEvent",
    "Claim",
    "ClaimMade",
    "CompanyFounded",
    "Correction",
    "CountReport",
    "Event",
    "FundingReport",
    "FundingRound",
    "Inert",
    "Investment",
    "Investor",
    "PersonJoined",
    "PersonLeft",
    "Retraction",
    "RoleEnded",
    "RoleStarted",
    "SeatVacant",
    "Source",
    "UnitOf",
    "Valuation",
    "event_classes",
    "references",
]

CURRENT_SCHEMA: Final = 3

# An amount a source gives, or says outright was not disclosed: never 0 for "unknown".
Amount: TypeAlias = int | Literal["undisclosed"]

# Field metadata: what a field's value (or each item of it) refers to.
REF: Final = "timeline.ref"
RefKind = Literal["person", "company", "event"]


def _ref(kind: RefKind) -> dict[str, RefKind]:
    return {REF: kind}


@frozen(kw_only=True)
class Source:
    """Where a fact was read.

    ``publisher`` is the outlet that originated the report. ``url`` is where
    it was read: when that is another site's copy, rewrite or relay of the
    report, ``via`` says which, and every output shows it ("Wired (via
    vuink.com)"). ``kind`` is ``primary`` for the people or companies
    concerned speaking for themselves, ``report`` for journalism.
    """

    publisher: str
    url: str
    published: EDTF
    kind: SourceKind
    via: Via | None = None
    key: str | None = None
    title: str | None = None
    author: str | None = None

    @property
    def public_day(self) -> dt.date:
        """The local calendar day on which the source was public."""
        return self.published.sort_day if self.published.upper is None else self.published.upper

    @property
    def host(self) -> str:
        """The site the URL is on, without ``www.``."""
        host = (urlsplit(self.url).hostname or "").lower()
        return host.removeprefix("www.")

    @property
    def label(self) -> str:
        """Who published it, and the site it was read on when that is a copy or relay."""
        return f"{self.publisher} (via {self.host})" if self.via else self.publisher


@frozen(kw_only=True)
class Claim:
    """One value sources give for a field they disagree on.

    ``value`` is written as the field would be (and kept immutable);
    ``sources`` are the ``key``s of the event's sources that give it.
    """

    field: str
    value: object
    sources: tuple[str, ...]
    note: str | None = None


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
class BaseEvent:
    """What every event has, whatever its type."""

    schema: int
    id: str
    date: EDTF
    # Required in files of schema 3; `None` only for older files, which never said.
    date_basis: DateBasis | None
    summary: str
    sources: tuple[Source, ...]
    known: EDTF | None = None
    people: FrozenMap[str, str] = field(factory=FrozenMap)
    companies: FrozenMap[str, str] = field(factory=FrozenMap)
    claims: tuple[Claim, ...] = ()

    @property
    def public_day(self) -> dt.date:
        """When the fact became public: ``known`` if given, else the earliest source."""
        if self.known is not None:
            return self.known.upper or self.known.sort_day
        return min(source.public_day for source in self.sources)

    def admits(self, name: str, value: object) -> bool:
        """Whether a claimed ``value`` of field ``name`` fits what the event itself says.

        The claim rule ranks a value that does not below every one that does; a type
        whose fields constrain each other says how.
        """
        return True


@frozen(kw_only=True)
class CompanyFounded(BaseEvent):
    """A company comes into being (or is publicly launched, if that is all we know)."""

    TYPE: ClassVar[Literal["company-founded"]] = "company-founded"
    RANK: ClassVar[int] = 0
    company: str = field(metadata=_ref("company"))
    founders: tuple[str, ...] = field(metadata=_ref("person"))
    members: tuple[str, ...] = field(default=(), metadata=_ref("person"))
    roles: FrozenMap[str, tuple[str, ...]] = field(factory=FrozenMap, metadata=_ref("person"))
    headquarters: str | None = None
    legal_form: str | None = None
    # How many co-founders sources count, where that differs from those named.
    founder_count: int | None = None

    def admits(self, name: str, value: object) -> bool:
        # A count of co-founders below the number the event names one by one cannot be right.
        if name == "founder_count" and isinstance(value, int):
            return value >= len(self.founders)
        return True


@frozen(kw_only=True)
class PersonLeft(BaseEvent):
    """A person stops being at a company; every role and reporting line there ends with it."""

    TYPE: ClassVar[Literal["person-left"]] = "person-left"
    RANK: ClassVar[int] = 1
    person: str = field(metadata=_ref("person"))
    company: str = field(metadata=_ref("company"))
    how: DepartureKind = "unknown"
    destination: str | None = field(default=None, metadata=_ref("company"))


@frozen(kw_only=True)
class RoleEnded(BaseEvent):
    """A person gives up a role but stays at the company."""

    TYPE: ClassVar[Literal["role-ended"]] = "role-ended"
    RANK: ClassVar[int] = 2
    person: str = field(metadata=_ref("person"))
    company: str = field(metadata=_ref("company"))
    role: str


@frozen(kw_only=True)
class PersonJoined(BaseEvent):
    """A person starts at a company."""

    TYPE: ClassVar[Literal["person-joined"]] = "person-joined"
    RANK: ClassVar[int] = 4
    person: str = field(metadata=_ref("person"))
    company: str = field(metadata=_ref("company"))
    roles: tuple[str, ...] = ()
    reports_to: str | None = field(default=None, metadata=_ref("person"))
    came_from: str | None = field(default=None, metadata=_ref("company"))
    standing: Standing | None = None


@frozen(kw_only=True)
class RoleStarted(BaseEvent):
    """A person already at a company takes on a role there."""

    TYPE: ClassVar[Literal["role-started"]] = "role-started"
    RANK: ClassVar[int] = 5
    person: str = field(metadata=_ref("person"))
    company: str = field(metadata=_ref("company"))
    role: str
    title: str | None = None  # the title as the sources write it


@frozen(kw_only=True)
class SeatVacant(BaseEvent):
    """A source says a company left a seat unfilled (not merely that nobody is named in it).

    The vacancy lasts until someone takes the seat; the state then says "vacant" rather
    than "not recorded" for a seat the dataset tracks.
    """

    TYPE: ClassVar[Literal["seat-vacant"]] = "seat-vacant"
    RANK: ClassVar[int] = 3
    company: str = field(metadata=_ref("company"))
    seat: str  # a one-holder seat of the dataset's roles, such as "cto"


@frozen(kw_only=True)
class UnitOf(BaseEvent):
    """From its date, a company is a unit of another (Google DeepMind of Google, FAIR of Meta).

    A later ``unit-of`` or ``acquisition`` for the same company moves it; its people stay its own,
    so nobody is counted twice.
    """

    TYPE: ClassVar[Literal["unit-of"]] = "unit-of"
    RANK: ClassVar[int] = 6
    company: str = field(metadata=_ref("company"))
    parent: str = field(metadata=_ref("company"))


@frozen(kw_only=True)
class Acquisition(BaseEvent):
    """A company takes over another (or merges it into itself), which becomes its unit from the date."""

    TYPE: ClassVar[Literal["acquisition"]] = "acquisition"
    RANK: ClassVar[int] = 7
    acquirer: str = field(metadata=_ref("company"))
    company: str = field(metadata=_ref("company"))
    terms: str  # what was disclosed, in your words
    value: Amount | None = None  # the deal's value, an integer or "undisclosed"
    currency: str | None = None


@frozen(kw_only=True)
class FundingRound(BaseEvent):
    """A funding round closes. A round in talks is a `FundingReport`, not a round."""

    TYPE: ClassVar[Literal["funding-round"]] = "funding-round"
    RANK: ClassVar[int] = 8
    company: str = field(metadata=_ref("company"))
    round: str
    amount: Amount
    currency: str
    investors: tuple[Investor, ...] = ()
    valuation: Valuation | None = None


@frozen(kw_only=True)
class Investment(BaseEvent):
    """A strategic investment outside a priced round; its amount may be undisclosed."""

    TYPE: ClassVar[Literal["investment"]] = "investment"
    RANK: ClassVar[int] = 9
    company: str = field(metadata=_ref("company"))
    investors: tuple[Investor, ...]
    amount: Amount
    currency: str = "USD"
    valuation: Valuation | None = None


@frozen(kw_only=True)
class Inert(BaseEvent):
    """An event that changes no state: an agreement or a report, shown in ``events``, ``why``, ``diff``
    and the exports. Generic code matches this base (a new inert type needs no ``case`` there);
    ``CHANGE`` says how ``timeline diff`` lists it."""

    CHANGE: ClassVar[Literal["agreement", "report"]]


@frozen(kw_only=True)
class Agreement(Inert):
    """An agreement between companies (compute, cloud, partnership); it changes no roster."""

    TYPE: ClassVar[Literal["agreement"]] = "agreement"
    CHANGE: ClassVar[Literal["agreement", "report"]] = "agreement"
    RANK: ClassVar[int] = 10
    parties: tuple[str, ...] = field(metadata=_ref("company"))
    kind: AgreementKind
    terms: str
    value: Amount | None = None
    currency: str | None = None
    exclusive: bool | None = None


@frozen(kw_only=True)
class FundingReport(Inert):
    """A reported round that has not closed, or a reported valuation: a report, not money raised."""

    TYPE: ClassVar[Literal["funding-report"]] = "funding-report"
    CHANGE: ClassVar[Literal["agreement", "report"]] = "report"
    RANK: ClassVar[int] = 11
    company: str = field(metadata=_ref("company"))
    status: ReportStatus
    amount: int | None = None
    currency: str | None = None
    valuation: Valuation | None = None


@frozen(kw_only=True)
class CountReport(Inert):
    """A reported number of people (staff, departures, hires) without their names."""

    TYPE: ClassVar[Literal["count-report"]] = "count-report"
    CHANGE: ClassVar[Literal["agreement", "report"]] = "report"
    RANK: ClassVar[int] = 12
    company: str = field(metadata=_ref("company"))
    counts: Headcount
    count: int
    destination: str | None = field(default=None, metadata=_ref("company"))
    period: EDTF | None = None


@frozen(kw_only=True)
class ClaimMade(BaseEvent):
    """Someone publicly claims something about another event: an attributed report.

    It changes no roster. It is shown beside the event named by ``about``,
    with ``claimant`` saying who made it; a response or denial names the
    claims it answers in ``responds_to``.
    """

    TYPE: ClassVar[Literal["claim"]] = "claim"
    RANK: ClassVar[int] = 13
    about: str = field(metadata=_ref("event"))
    claimant: str
    claimant_kind: ClaimantKind
    stance: Stance
    subject: str | None = field(default=None, metadata=_ref("person"))
    responds_to: tuple[str, ...] = field(default=(), metadata=_ref("event"))


@frozen(kw_only=True)
class Correction(BaseEvent):
    """Replaces fields of an earlier event, from the day this one is public."""

    TYPE: ClassVar[Literal["correction"]] = "correction"
    RANK: ClassVar[int] = 14
    corrects: str = field(metadata=_ref("event"))
    reason: str
    changes: FrozenMap[str, object]


@frozen(kw_only=True)
class Retraction(BaseEvent):
    """Withdraws an earlier event, from the day this one is public."""

    TYPE: ClassVar[Literal["retraction"]] = "retraction"
    RANK: ClassVar[int] = 15
    retracts: str = field(metadata=_ref("event"))
    reason: str


# The one list of event types. Add a class above, then here; mypy then names
# every projection that does not handle it yet (see docs/adding-a-type.md).
Event: TypeAlias = (
    CompanyFounded
    | PersonJoined
    | PersonLeft
    | RoleStarted
    | RoleEnded
    | SeatVacant
    | UnitOf
    | Acquisition
    | FundingRound
    | Investment
    | Agreement
    | FundingReport
    | CountReport
    | ClaimMade
    | Correction
    | Retraction
)


def event_classes() -> tuple[type[Event], ...]:
    """Every event class, in the order of the union."""
    classes: tuple[type[Event], ...] = Event.__args__
    return classes


EVENT_TYPES: Final[tuple[str, ...]] = tuple(cls.TYPE for cls in event_classes())


def references(event: Event) -> Iterator[tuple[str, RefKind, str]]:
    """Every (field, kind, id) by which ``event`` names a person, company or event."""
    for attribute in attrs.fields(type(event)):
        kind = attribute.metadata.get(REF)
        if kind is None:
            continue
        value = getattr(event, attribute.name)
        if value is None:
            continue
        if isinstance(value, str):
            yield attribute.name, kind, value
        else:  # a tuple of ids, or a table keyed by ids
            for item in value:
                yield attribute.name, kind, item


# Field types are strings under ``from __future__ import annotations``;
# corrections and claims need the real types to re-check a new value.
for _cls in (*event_classes(), BaseEvent, Inert, Source, Claim, Investor, Valuation):
    attrs.resolve_types(_cls, globals(), locals())
