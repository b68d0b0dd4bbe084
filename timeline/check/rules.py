"""The rules one event file must follow, each a named problem with its line.

`check_event` runs every rule that needs only the file (and the dataset's
list of publishers); `timeline.check` adds the rules that need the whole
folder. The type-specific rules are one ``match`` over the event union, so a
new type cannot be added without saying what is wrong with one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import Any, assert_never

import attrs

from timeline.fold.knowledge import claim_rank
from timeline.model.convert import converter
from timeline.model.edtf import EDTF
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
    Investor,
    PersonJoined,
    PersonLeft,
    Retraction,
    RoleEnded,
    RoleStarted,
    SeatVacant,
    UnitOf,
    Valuation,
    references,
)
from timeline.model.frozen import thaw
from timeline.model.problems import Problem, Severity
from timeline.model.text import URL, hidden_characters, mixed_scripts
from timeline.model.vocabulary import Roles
from timeline.read import locate
from timeline.read.dataset import Dataset
from timeline.read.files import EventFile

__all__ = ["FIXED", "check_event", "fact_key", "role_problems"]

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
# Fields a claim may not be about, and (but for sources and claims) a correction may not change:
# they say what the event *is*.
FIXED = frozenset({"schema", "id", "sources", "claims", "people", "companies", "known", "summary"})
# A correction may replace these too; the corrected event is checked whole again, so a name table it
# replaces must still declare every id the event names.
CORRECTABLE_LISTS = frozenset({"sources", "claims", "summary", "people", "companies"})


def _at(file: EventFile, path: tuple[str | int, ...], message: str, severity: Severity = "error") -> Problem:
    return Problem(file.path, locate.line_of(file.source(), path) or 1, message, severity)


def check_event(file: EventFile, dataset: Dataset, corrected: bool = False) -> Iterator[Problem]:
    """Every problem with ``file`` that the file alone shows.

    ``corrected``: the event as its corrections left it, whose date may no
    longer match its id (ids never change), so the file's identity is not
    checked again.
    """
    event = file.event
    if not corrected:
        yield from _identity(file)
    yield from _text(file)
    yield from _names(file)
    yield from _sources(file, dataset)
    yield from _references(file)
    yield from _claims(file)
    yield from _dates(file)
    yield from _type_rules(file, dataset.roles)
    if event.date_basis == "reported" and event.date.upper is None:
        yield _at(
            file,
            ("date",),
            "a reported date must end at the report (the thing happened by then): "
            "write it as a range such as '../2026-06-18'",
            "warning",
        )


def _identity(file: EventFile) -> Iterator[Problem]:
    event = file.event
    if file.name != f"{event.id}.toml":
        yield _at(
            file,
            ("id",),
            f"file name {file.name!r} disagrees with id {event.id!r} (expected {event.id}.toml)",
        )
    if not ID.match(event.id):
        yield _at(file, ("id",), f"id {event.id!r} is not lowercase kebab-case")
    elif not event.id.startswith(event.date.file_prefix + "-"):
        yield _at(file, ("date",), f"id {event.id!r} does not start with its date {event.date.file_prefix!r}")
    if not event.summary.strip():
        yield _at(file, ("summary",), "summary is empty")
    elif event.summary.lstrip().upper().startswith("TODO"):
        yield _at(
            file, ("summary",), "the summary is still to be written: say what happened, in your own words", "warning"
        )


def _dates(file: EventFile, today: dt.date | None = None) -> Iterator[Problem]:
    """Dates that cannot be: in the future, or after every source that reports the fact."""
    event = file.event
    today = today or dt.date.today()
    if event.date.lower is not None and event.date.lower > today:
        yield _at(file, ("date",), f"the date {event.date.text!r} is after today ({today}): record what has happened")
    for index, source in enumerate(event.sources):
        if source.published.lower is not None and source.published.lower > today:
            yield _at(
                file,
                ("sources", index, "published"),
                f"published {source.published.text!r} is after today ({today})",
            )
    if event.known is not None and event.known.lower is not None and event.known.lower > today:
        yield _at(file, ("known",), f"known {event.known.text!r} is after today ({today})")
    # A correction is dated the day the record is put right, after the sources that show the fix.
    fix = isinstance(event, Correction | Retraction)
    if event.date_basis in ("occurred", "announced") and event.date.lower is not None and event.sources and not fix:
        latest = max(source.public_day for source in event.sources)
        if event.date.lower > latest:
            yield _at(
                file,
                ("date",),
                f"the date {event.date.text!r} ({event.date_basis}) is after every source that reports it "
                f"(the latest was public on {latest}): a thing cannot be reported before it happens; if the sources "
                'gave the date in advance, cite one from after it, or write date_basis = "scheduled"',
            )


def _text(file: EventFile) -> Iterator[Problem]:
    # Names, ids, summaries and sources reach terminals, spreadsheets and web
    # pages: no control or bidi character may hide in any of them.
    for path, message in hidden_characters(file.source(), converter.unstructure(file.event)):
        yield _at(file, path, message)


def _names(file: EventFile) -> Iterator[Problem]:
    event = file.event
    for table, ids in (("people", event.people), ("companies", event.companies)):
        for key, name in ids.items():
            if not ID.match(key):
                yield _at(file, (table, key), f"{table} id {key!r} is not lowercase kebab-case")
            if not name.strip():
                yield _at(file, (table, key), f"{table} id {key!r} has an empty display name")
            scripts = mixed_scripts(name)
            if scripts:
                yield _at(
                    file,
                    (table, key),
                    f"the name {name!r} mixes {' and '.join(s.title() for s in scripts)} letters, which look alike: "
                    "write it in one script",
                )


def _own_site(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def _sources(file: EventFile, dataset: Dataset) -> Iterator[Problem]:
    event = file.event
    if not event.sources:
        yield _at(file, ("sources",), "no source: every event cites at least one [[sources]] with a URL")
    keys: set[str] = set()
    for index, source in enumerate(event.sources):
        where: tuple[str | int, ...] = ("sources", index)
        if not URL.match(source.url):
            yield _at(file, (*where, "url"), f"source URL {source.url!r} is not an http(s) URL")
            continue
        if source.key is not None:
            if source.key in keys:
                yield _at(file, (*where, "key"), f"source key {source.key!r} is used twice")
            keys.add(source.key)
        if not dataset.declared:
            continue
        own = dataset.own_hosts(source.publisher)
        if source.via is None and own is None:
            yield _at(
                file,
                (*where, "publisher"),
                f"publisher {source.publisher!r} is not in dataset.toml's [publishers]: add its own hosts "
                "there, or, if the URL copies or relays another outlet's report, name that outlet and set via",
                "warning",
            )
        elif source.via is None and own is not None and not _own_site(source.host, own):
            # An error, not a warning: every output would name an outlet for a page it did not publish.
            yield _at(
                file,
                (*where, "url"),
                f"the URL is on {source.host}, not one of {source.publisher}'s own sites "
                f'({", ".join(own)}): set via = "copy", "rewrite" or "relay" to say it is read elsewhere',
            )
        elif source.via is not None and own is not None and _own_site(source.host, own):
            yield _at(
                file,
                (*where, "via"),
                f"marked via {source.via!r}, but {source.host} is {source.publisher}'s own site",
                "warning",
            )


def _references(file: EventFile) -> Iterator[Problem]:
    event = file.event
    tables = {"person": ("people", event.people), "company": ("companies", event.companies)}
    for name, kind, value in references(event):
        if kind == "event":
            continue  # checked against the whole folder
        table_name, table = tables[kind]
        if value not in table:
            # The usual cause is a typo on one side: name the declared id it is closest to.
            close = difflib.get_close_matches(value, list(table), n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield _at(file, (name,), f"{name} {value!r} is not declared in [{table_name}]{hint}")


def _claims(file: EventFile) -> Iterator[Problem]:
    event = file.event
    if not event.claims:
        return
    fields = attrs.fields_dict(type(event))
    sources = {s.key: s for s in event.sources if s.key is not None}
    by_field: dict[str, list[tuple[int, object]]] = {}
    for index, claim in enumerate(event.claims):
        where: tuple[str | int, ...] = ("claims", index)
        if claim.field not in fields or claim.field in FIXED:
            yield _at(file, (*where, "field"), f"claims cannot be about {claim.field!r}")
            continue
        if not claim.sources:
            yield _at(file, (*where, "sources"), "a claim names at least one source key")
            continue
        missing = [k for k in claim.sources if k not in sources]
        if missing:
            yield _at(
                file,
                (*where, "sources"),
                f"unknown source key(s) {', '.join(missing)}: give the [[sources]] a key",
            )
            continue
        try:
            target: Any = fields[claim.field].type
            value = converter.structure(thaw(claim.value), target)
        except Exception:  # noqa: BLE001 - any failure means the value has the wrong shape
            yield _at(file, (*where, "value"), f"value does not fit the field {claim.field!r}")
            continue
        by_field.setdefault(claim.field, []).append((index, value))
    for name, values in by_field.items():
        ranked = sorted(
            values,
            key=lambda iv: (not event.admits(name, iv[1]), *claim_rank(event.claims[iv[0]], iv[0], sources)),
        )
        winner = ranked[0][1]
        current = getattr(event, name)
        same = str(winner) == str(current) if isinstance(current, EDTF) else winner == current
        if not same:
            yield _at(
                file,
                (name,),
                f"{name} must be the value the claim rule picks when every claim is "
                f"known ({converter.unstructure(winner)!r}), not {converter.unstructure(current)!r}",
            )


def role_problems(role: str, roles: Roles) -> tuple[str, Severity] | None:
    """What is wrong with a role id, if anything: a case variant is an error, an unknown id a warning."""
    if role in roles:
        return None
    if role.lower() in roles or role.lower().replace("_", "-") in roles:
        return (
            f"role {role!r} is a variant of the known role {role.lower().replace('_', '-')!r}: write it so",
            "error",
        )
    if not ID.match(role):
        return f"role {role!r} is not lowercase kebab-case", "error"
    close = difflib.get_close_matches(role, roles.ids, n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (
        f"unknown role {role!r}{hint} (known roles: {', '.join(roles.ids)}); "
        'if it is a new role, add it to [roles] in the folder\'s dataset.toml ({role} = "Its Title")',
        "warning",
    )


def _roles(file: EventFile, path: tuple[str | int, ...], ids: tuple[str, ...], roles: Roles) -> Iterator[Problem]:
    for role in ids:
        found = role_problems(role, roles)
        if found is not None:
            yield _at(file, path, *found)


def _money(file: EventFile, amount: object, field: str) -> Iterator[Problem]:
    if isinstance(amount, int) and amount <= 0:
        yield _at(file, (field,), f'{field} must be positive; write "undisclosed" when the sources give no amount')


def _investors(file: EventFile, investors: tuple[Investor, ...]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, investor in enumerate(investors):
        if not ID.match(investor.id):
            yield _at(file, ("investors", index), f"investor id {investor.id!r} is not lowercase kebab-case")
        if investor.id in seen:
            yield _at(file, ("investors", index), f"investor {investor.id!r} is listed twice")
        seen.add(investor.id)


def _valuation(file: EventFile, valuation: Valuation | None) -> Iterator[Problem]:
    if valuation is not None and valuation.amount <= 0:
        yield _at(file, ("valuation",), "a valuation must be positive")


def _currency(file: EventFile, currency: str | None) -> Iterator[Problem]:
    if currency is not None and not CURRENCY.match(currency):
        yield _at(file, ("currency",), f"currency {currency!r} is not an ISO 4217 code such as 'USD'")


def _field_rules(file: EventFile) -> Iterator[Problem]:
    """The rules a field's name and kind imply, for every type that has such a field."""
    event = file.event
    for name in ("amount", "value"):
        value = getattr(event, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            yield from _money(file, value, name)
    currency = getattr(event, "currency", None)
    if isinstance(currency, str):
        yield from _currency(file, currency)
    investors = getattr(event, "investors", None)
    if isinstance(investors, tuple):
        yield from _investors(file, investors)
    valuation = getattr(event, "valuation", None)
    if isinstance(valuation, Valuation):
        yield from _valuation(file, valuation)
    terms = getattr(event, "terms", None)
    if isinstance(terms, str) and not terms.strip():
        yield _at(file, ("terms",), "terms are empty: say what was disclosed, or that nothing was")
    reason = getattr(event, "reason", None)
    if isinstance(reason, str) and not reason.strip():
        yield _at(file, ("reason",), "reason is empty: say what was wrong, or why it is withdrawn")


def _type_rules(file: EventFile, roles: Roles) -> Iterator[Problem]:
    event = file.event
    yield from _field_rules(file)
    match event:
        case CompanyFounded():
            if not event.founders:
                yield _at(file, ("founders",), "a company-founded event names at least one founder")
            for person in event.roles:
                if person not in event.founders and person not in event.members:
                    yield _at(file, ("roles",), f"roles names {person!r}, who is neither a founder nor a member")
            for ids in event.roles.values():
                yield from _roles(file, ("roles",), ids, roles)
            if event.founder_count is not None and event.founder_count <= 0:
                yield _at(file, ("founder_count",), "founder_count must be positive")
        case PersonJoined():
            yield from _roles(file, ("roles",), event.roles, roles)
            if event.reports_to == event.person:
                yield _at(file, ("reports_to",), "a person cannot report to themselves")
            if event.came_from == event.company:
                yield _at(file, ("came_from",), "came_from is the company joined")
        case PersonLeft():
            if event.destination == event.company:
                yield _at(file, ("destination",), "destination is the company left")
        case RoleStarted() | RoleEnded():
            yield from _roles(file, ("role",), (event.role,), roles)
        case SeatVacant():
            if event.seat not in roles.seats:
                yield _at(file, ("seat",), f"{event.seat!r} is not a seat (seats: {', '.join(roles.seats)})")
        case UnitOf():
            if event.parent == event.company:
                yield _at(file, ("parent",), "a company cannot be a unit of itself")
        case Acquisition():
            if event.acquirer == event.company:
                yield _at(file, ("acquirer",), "a company cannot acquire itself")
        case Investment():
            if not event.investors:
                yield _at(file, ("investors",), "an investment names at least one investor")
        case Agreement():
            if len(set(event.parties)) < 2:
                yield _at(file, ("parties",), "an agreement has at least two different parties")
        case CountReport():
            if event.count < 0:
                yield _at(file, ("count",), "a count cannot be negative")
            if event.destination == event.company:
                yield _at(file, ("destination",), "destination is the company itself")
        case ClaimMade():
            if event.id in event.responds_to or event.about == event.id:
                yield _at(file, ("responds_to",), "a claim cannot answer or be about itself")
        case Correction():
            if not event.changes:
                yield _at(file, ("changes",), "a correction changes at least one field")
            bad = sorted(set(event.changes) & (FIXED - CORRECTABLE_LISTS))
            if bad:
                yield _at(file, ("changes",), f"a correction cannot change {', '.join(bad)}")
        case FundingRound() | Retraction() | Inert():
            pass  # their fields' own rules are all they need
        case _:
            assert_never(event)


def fact_key(event: Event) -> tuple[object, ...] | None:
    """What makes two events the same fact, whatever their ids and wording (``None``: never a duplicate)."""
    day = event.date.file_prefix
    match event:
        case FundingRound():
            return (event.TYPE, event.company, event.round)
        case Investment():
            return (event.TYPE, event.company, tuple(i.id for i in event.investors), day)
        case Agreement():
            return (event.TYPE, tuple(sorted(event.parties)), event.kind, day)
        case FundingReport():
            return (event.TYPE, event.company, event.status, day)
        case CountReport():
            return (event.TYPE, event.company, event.counts, event.destination, day)
        case Inert():
            return (event.TYPE, *sorted(ref for _, kind, ref in references(event) if kind == "company"), day)
        case PersonJoined() | PersonLeft():
            return (event.TYPE, event.person, event.company, day)
        case RoleStarted() | RoleEnded():
            return (event.TYPE, event.person, event.company, event.role, day)
        case SeatVacant():
            return (event.TYPE, event.company, event.seat, day)
        case UnitOf():
            return (event.TYPE, event.company, event.parent, day)
        case Acquisition():
            return (event.TYPE, event.company)
        case CompanyFounded():
            return (event.TYPE, event.company)
        case ClaimMade():
            return (event.TYPE, event.about, event.claimant, event.stance, day)
        case Correction() | Retraction():
            return None
        case _:
            assert_never(event)
