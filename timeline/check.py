"""Everything that can be wrong with an events folder, found in one pass.

`check_folder` is what ``timeline check`` prints and what every other command
runs first: a query never answers from data that fails it. Per-file problems
come from `timeline.files`; this module adds the ones that need the whole
log: names, references, claims, duplicates, chronology and the ledger.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs
from attrs import frozen

from . import locate, manifest
from .convert import converter
from .edtf import EDTF
from .files import EventFile, read_folder
from .knowledge import apply_changes, claim_rank
from .model import (
    ClaimMade,
    CompanyFounded,
    Correction,
    Event,
    FundingRound,
    PersonJoined,
    PersonLeft,
    Retraction,
    RoleEnded,
    RoleStarted,
)
from .ordering import sort_events
from .problems import Findings, Problem
from .roster import build

__all__ = ["Report", "check_files", "check_folder"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
# Fields a claim or a correction may not touch: they say what the event *is*.
_FIXED = frozenset({"schema", "id", "sources", "claims", "people", "companies", "known"})


@frozen
class Report(Findings):
    """The outcome of a check: the events read and every problem found."""

    files: tuple[EventFile, ...]
    problems: tuple[Problem, ...]
    checked: int = 0  # event files looked at, including those that could not be read

    @property
    def events(self) -> tuple[Event, ...]:
        return sort_events([f.event for f in self.files])


def check_folder(folder: Path) -> Report:
    read = read_folder(folder)
    unreadable = any(p.severity == "error" for p in read.problems)
    found = [*read.problems, *check_files(read.files, unreadable), *manifest.verify(folder, read.raws)]
    return Report(read.files, tuple(sorted(set(found), key=_order)), len(read.raws))


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def check_files(files: tuple[EventFile, ...], unreadable: bool = False) -> list[Problem]:
    """Problems that need more than one file to see (plus per-event rules).

    With ``unreadable`` (some file could not be read as an event) the
    chronology is not checked: a missing join would show as a false
    "left without joining".
    """
    problems: list[Problem] = []
    by_id: dict[str, EventFile] = {}
    for file in files:
        problems.extend(_check_one(file))
        other = by_id.get(file.event.id)
        if other is not None:
            problems.append(_at(file, "$.id", f"duplicate id {file.event.id!r}, also used by {other.path}"))
        else:
            by_id[file.event.id] = file
    problems.extend(_check_references(files, by_id))
    problems.extend(_check_names(files))
    problems.extend(_check_duplicates(files))
    if not unreadable and not any(p.severity == "error" for p in problems):
        # Chronology only makes sense once every event is well-formed.
        problems.extend(_check_chronology(files, by_id))
    return problems


def _at(file: EventFile, path: str, message: str, severity: str = "error") -> Problem:
    return Problem(file.path, locate.line_of(file.text, path), message, severity)  # type: ignore[arg-type]


def _check_one(file: EventFile) -> Iterator[Problem]:
    event = file.event
    if file.name != f"{event.id}.toml":
        yield _at(
            file, "$.id", f"file name {file.name!r} disagrees with id {event.id!r} (expected {event.id}.toml)"
        )
    if not _ID.match(event.id):
        yield _at(file, "$.id", f"id {event.id!r} is not lowercase kebab-case")
    elif not event.id.startswith(event.date.file_prefix + "-"):
        yield _at(file, "$.date", f"id {event.id!r} does not start with its date {event.date.file_prefix!r}")
    if not event.summary.strip():
        yield _at(file, "$.summary", "summary is empty")
    for table, ids in (("people", event.people), ("companies", event.companies)):
        for key, name in ids.items():
            if not _ID.match(key):
                yield _at(file, f"$.{table}.{key}", f"{table} id {key!r} is not lowercase kebab-case")
            if not name.strip():
                yield _at(file, f"$.{table}.{key}", f"{table} id {key!r} has an empty display name")
    if not event.sources:
        yield _at(file, "$.sources", "no source: every event cites at least one [[sources]] with a URL")
    keys: set[str] = set()
    for index, source in enumerate(event.sources):
        if not _URL.match(source.url):
            yield _at(file, f"$.sources[{index}].url", f"source URL {source.url!r} is not an http(s) URL")
        if source.key is not None:
            if source.key in keys:
                yield _at(file, f"$.sources[{index}].key", f"source key {source.key!r} is used twice")
            keys.add(source.key)
    yield from _check_subjects(file)
    yield from _check_claims(file, keys)
    if isinstance(event, Correction):
        bad = sorted(set(event.changes) & _FIXED)
        if bad:
            yield _at(file, "$.changes", f"a correction cannot change {', '.join(bad)}")


def _check_subjects(file: EventFile) -> Iterator[Problem]:
    event = file.event
    people, companies = event.people, event.companies
    wanted: list[tuple[str, str | None, dict[str, str], str]] = []
    for name in ("person", "reports_to", "subject"):
        wanted.append((name, getattr(event, name, None), people, "people"))
    for name in ("company", "destination", "came_from"):
        wanted.append((name, getattr(event, name, None), companies, "companies"))
    if isinstance(event, CompanyFounded):
        for person in (*event.founders, *event.members):
            wanted.append(("founders", person, people, "people"))
        for person in event.roles:
            if person not in event.founders and person not in event.members:
                yield _at(file, "$.roles", f"roles names {person!r}, who is neither a founder nor a member")
    for field_name, value, table, table_name in wanted:
        if value is not None and value not in table:
            yield _at(file, f"$.{field_name}", f"{field_name} {value!r} is not declared in [{table_name}]")


def _check_claims(file: EventFile, keys: set[str]) -> Iterator[Problem]:
    event = file.event
    if not event.claims:
        return
    fields = attrs.fields_dict(type(event))
    sources = {s.key: s for s in event.sources if s.key is not None}
    by_field: dict[str, list[tuple[int, object]]] = {}
    for index, claim in enumerate(event.claims):
        where = f"$.claims[{index}]"
        if claim.field not in fields or claim.field in _FIXED or claim.field == "summary":
            yield _at(file, f"{where}.field", f"claims cannot be about {claim.field!r}")
            continue
        if not claim.sources:
            yield _at(file, f"{where}.sources", "a claim names at least one source key")
        missing = [k for k in claim.sources if k not in keys]
        if missing:
            yield _at(
                file,
                f"{where}.sources",
                f"unknown source key(s) {', '.join(missing)}: give the [[sources]] a key",
            )
            continue
        try:
            value = converter.structure(claim.value, fields[claim.field].type)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - any failure means the value has the wrong shape
            yield _at(file, f"{where}.value", f"value does not fit the field {claim.field!r}")
            continue
        by_field.setdefault(claim.field, []).append((index, value))
    for name, values in by_field.items():
        ranked = sorted(values, key=lambda iv: claim_rank(event.claims[iv[0]], iv[0], sources))
        winner = ranked[0][1]
        current = getattr(event, name)
        same = str(winner) == str(current) if isinstance(current, EDTF) else winner == current
        if not same:
            yield _at(
                file,
                f"$.{name}",
                f"{name} must be the value the claim rule picks when every claim is "
                f"known ({converter.unstructure(winner)!r}), not {converter.unstructure(current)!r}",
            )


def _check_references(files: tuple[EventFile, ...], by_id: dict[str, EventFile]) -> Iterator[Problem]:
    for file in files:
        event = file.event
        refs: list[tuple[str, str]] = []
        if isinstance(event, ClaimMade):
            refs.append(("about", event.about))
            if event.responds_to:
                refs.append(("responds_to", event.responds_to))
        if isinstance(event, Correction):
            refs.append(("corrects", event.corrects))
        if isinstance(event, Retraction):
            refs.append(("retracts", event.retracts))
        for name, ref in refs:
            target = by_id.get(ref)
            if target is None:
                yield _at(file, f"$.{name}", f"{name} names {ref!r}, which is no event's id")
            elif isinstance(event, (Correction, Retraction)):
                if isinstance(target.event, (Correction, Retraction)):
                    yield _at(
                        file, f"$.{name}", f"{ref!r} is itself a correction; correct the original event"
                    )
                elif event.public_day < target.event.public_day:
                    yield _at(file, f"$.{name}", f"public before the event it fixes ({ref})")
                elif isinstance(event, Correction):
                    try:
                        apply_changes(target.event, event.changes)
                    except Exception:  # noqa: BLE001
                        yield _at(file, "$.changes", f"changes do not fit a {target.event.TYPE} event")


def _check_names(files: tuple[EventFile, ...]) -> Iterator[Problem]:
    seen: dict[str, tuple[str, EventFile]] = {}
    for file in files:
        for table in ("people", "companies"):
            for key, name in getattr(file.event, table).items():
                first = seen.setdefault(key, (name, file))
                if first[0] != name:
                    yield _at(
                        file,
                        f"$.{table}.{key}",
                        f"{key} is named {name!r} here but {first[0]!r} in {first[1].path}",
                    )


def _fact(event: Event) -> tuple[object, ...] | None:
    """What makes two events the same fact, whatever their ids and wording."""
    day = event.date.file_prefix
    if isinstance(event, FundingRound):
        return (event.TYPE, event.company, event.round, event.amount, event.currency)
    if isinstance(event, (PersonJoined, PersonLeft)):
        return (event.TYPE, event.person, event.company, day)
    if isinstance(event, (RoleStarted, RoleEnded)):
        return (event.TYPE, event.person, event.company, event.role, day)
    if isinstance(event, CompanyFounded):
        return (event.TYPE, event.company)
    if isinstance(event, ClaimMade):
        return (event.TYPE, event.about, event.claimant, event.stance, day)
    return None


def _check_duplicates(files: tuple[EventFile, ...]) -> Iterator[Problem]:
    seen: dict[tuple[object, ...], EventFile] = {}
    for file in files:
        key = _fact(file.event)
        if key is None:
            continue
        first = seen.setdefault(key, file)
        if first is not file:
            yield _at(
                file,
                "$.type",
                f"records the same fact as {first.path}: correct that event instead of copying it",
            )


def _check_chronology(files: tuple[EventFile, ...], by_id: dict[str, EventFile]) -> Iterator[Problem]:
    from .knowledge import view

    roster = build(view(sort_events([f.event for f in files])).events)
    for event_id, message in roster.problems:
        yield _at(by_id[event_id], "$.date", message)
