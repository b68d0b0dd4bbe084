"""What the fold answers: frozen snapshots of companies and people on a date.

`timeline.fold.evaluate` builds these values directly, and every reader (the
command line's tables, the records, the Python API, the site) reads their
attributes; `timeline.model.plain.plain` turns any of them into JSON data. They
are `typing.NamedTuple`\\ s: immutable, typed, cheap to import and to build, so
that ``timeline state`` starts without attrs or cattrs and the API gets the very
same values.

Every fact carries ``certain`` and the bounds it rests on: with an imprecise
date (a month, a range), a fact may or may not hold yet on the query date,
and the state says "possible" rather than guessing. ``events`` lists the ids
of the events behind each fact; `timeline.ask.why` expands them with sources.
A roster lists the people the sources name: it is never a staff list.
"""

# No `from __future__ import annotations`: NamedTuple reads real annotations, which cost
# nothing here, and the codec and the data package read them too.

import datetime as dt
from typing import NamedTuple

from timeline.model.frozen import FrozenMap
from timeline.model.kinds import MemberStatus, MoneyKind, SeatStatus, Via

__all__ = [
    "CompanyState",
    "Coverage",
    "Funding",
    "Member",
    "Note",
    "PersonState",
    "ReportingLine",
    "RoleState",
    "Round",
    "Seat",
    "SourceRef",
    "State",
    "Sum",
    "UnitLink",
]


class SourceRef(NamedTuple):
    """A source as an answer shows it: ``label`` names a copy or relay ("Wired (via vuink.com)")."""

    publisher: str
    url: str
    via: Via | None
    host: str
    label: str


class RoleState(NamedTuple):
    """A role held (certainly or possibly) on the query date, with its own start."""

    role: str
    title: str
    named_as: str | None  # the title as the sources write it
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    until: str | None  # the end, when it may already have come
    certain: bool
    events: tuple[str, ...]


class ReportingLine(NamedTuple):
    """Whom a member reports to: it holds only while both are at the company."""

    manager: str
    name: str
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    until: str | None
    certain: bool
    events: tuple[str, ...]


class Member(NamedTuple):
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
    standing: str | None
    reports_to: ReportingLine | None
    events: tuple[str, ...]


class Round(NamedTuple):
    """A closed round or an investment; ``amount`` is ``None`` when it was not disclosed."""

    event: str
    kind: MoneyKind
    round: str | None
    date: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    amount: int | None
    currency: str
    valuation: int | None
    valuation_currency: str | None
    valuation_basis: str | None
    investors: tuple[str, ...]
    lead_investors: tuple[str, ...]
    certain: bool


class Sum(NamedTuple):
    """An amount in one currency."""

    amount: int
    currency: str


class Funding(NamedTuple):
    """Money raised by the query date.

    ``raised`` sums the disclosed amounts, one sum per currency (empty if none was
    disclosed: unknown, not zero); ``undisclosed`` counts the rounds and investments
    whose amount was not. ``valuation`` is the latest one given, in its own currency.
    ``certain`` is false when any of them may not have closed yet.
    """

    raised: tuple[Sum, ...]
    undisclosed: int
    valuation: Sum | None
    valuation_basis: str | None
    investors: tuple[str, ...]
    certain: bool
    rounds: tuple[Round, ...]


class Note(NamedTuple):
    """An attributed claim about an event: who said what, where. Never a fact of the roster."""

    event: str
    about: str
    date: str
    claimant: str
    claimant_kind: str
    stance: str
    summary: str
    subject: str | None
    responds_to: tuple[str, ...]
    sources: tuple[SourceRef, ...]


class Seat(NamedTuple):
    """A one-holder seat on the query date (CEO, president, CTO...).

    ``status`` is ``held`` (``person`` holds it through ``role``, which may be interim),
    ``vacant`` (a source says it was left unfilled) or ``not-recorded``: the dataset tracks
    the seat (``tracked``) but no source names a holder for this day, which is a gap in the
    data, never a fact about the company. A seat the dataset does not track is listed
    only while someone holds it.
    """

    seat: str
    title: str
    status: SeatStatus
    tracked: bool
    person: str | None
    name: str | None
    role: str | None
    role_title: str | None
    since: str | None
    since_lower: dt.date | None
    since_upper: dt.date | None
    until: str | None
    certain: bool
    events: tuple[str, ...]


class UnitLink(NamedTuple):
    """A company's parent (it is a unit of ``company``), or one of its units, on the query date."""

    company: str
    name: str
    since: str
    since_lower: dt.date | None
    since_upper: dt.date | None
    until: str | None
    certain: bool
    events: tuple[str, ...]


class CompanyState(NamedTuple):
    """A company on the query date. ``funding`` is ``None`` when no round is recorded: unknown, not zero.

    ``seats`` are its one-holder seats: every seat the dataset tracks for it on the day
    (``tracked``; ``tracking_since`` is when the dataset starts tracking it), each held,
    vacant or not recorded, and any other seat someone holds. ``leadership`` maps each held
    seat to the person in it; the role that fills it, which may be interim
    (``interim-ceo``), and its dates and certainty are in ``seats`` and ``members``.

    ``unit_of`` is the company it belongs to on the day (Google DeepMind to Google), and
    ``units`` the companies that belong to it; their people are their own, so nobody is
    counted twice. ``counterparty`` is true for a company the events name only as an
    investor or a party to a deal, never as anyone's employer.

    ``founder_count`` is the sources' count, chosen by the claim rule, and may differ from
    the ``founders`` they name (see ``timeline conflicts``).
    """

    id: str
    name: str
    founded: str | None
    founders: tuple[str, ...]
    founder_count: int | None
    headquarters: str | None
    legal_form: str | None
    tracked: bool
    tracking_since: dt.date | None
    seats: tuple[Seat, ...]
    leadership: FrozenMap[str, str]  # seat -> person id, for the seats held
    unit_of: UnitLink | None
    units: tuple[UnitLink, ...]
    counterparty: bool
    named_people: int  # people the sources name, not the staff
    members: tuple[Member, ...]
    funding: Funding | None
    notes: tuple[Note, ...]


class PersonState(NamedTuple):
    """Where a person is on the query date; ``company`` is ``None`` when none is known."""

    id: str
    name: str
    company: str | None
    roles: tuple[RoleState, ...]
    since: str | None
    certain: bool
    other_companies: tuple[str, ...]
    notes: tuple[Note, ...]


class Coverage(NamedTuple):
    """The first and latest days on which any fact in the data may fall."""

    first: dt.date | None
    latest: dt.date | None


class State(NamedTuple):
    """Companies and people on ``date``, as known on ``as_of`` (``None``: everything known).

    ``companies`` and ``people`` are keyed by id and hold only those the sources name by
    then: a roster is the sources' names, not a staff list. Each fact says whether it is
    ``certain`` on the day or only possible (an imprecise date that straddles it).
    """

    date: dt.date
    as_of: dt.date | None
    release: str | None  # the ledger entry the data was cut at, when one was named
    coverage: Coverage
    companies: FrozenMap[str, CompanyState]
    people: FrozenMap[str, PersonState]
