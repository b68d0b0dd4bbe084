"""Knowledge time: which events, claims and corrections were public on a day.

`view` turns the full event log into the log as it stood on ``as_of``:

1. an event counts once it is public (`Event.public_day`);
2. public corrections replace fields of their target, public retractions
   remove it, in the order they became public;
3. where sources disagree on a field (``[[claims]]``), the fold takes the
   claim that ranks first among those public by then (`claim_rank`).

The claim rule, documented in ``docs/event-format.md``: a claim backed by a
primary source beats one backed only by reports; then the claim with more
distinct publishers; then the one public first; then the one written first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from attrs import frozen

from .convert import converter
from .model import Claim, Correction, Event, Retraction, Source
from .ordering import sort_events

__all__ = ["Resolution", "View", "apply_changes", "claim_public_day", "claim_rank", "view"]


@frozen
class Resolution:
    """How a disputed field was settled: the claim taken and the claims set aside."""

    event: str
    field: str
    chosen: Claim
    others: tuple[Claim, ...]


@frozen
class View:
    """The events as known on ``as_of`` (everything, when it is ``None``)."""

    as_of: dt.date | None
    events: tuple[Event, ...]
    resolutions: tuple[Resolution, ...]
    amendments: dict[str, tuple[Event, ...]]


def claim_public_day(claim: Claim, sources: dict[str, Source]) -> dt.date:
    return min(sources[key].public_day for key in claim.sources)


def claim_rank(claim: Claim, position: int, sources: dict[str, Source]) -> tuple[bool, int, dt.date, int]:
    backing = [sources[key] for key in claim.sources]
    has_primary = any(source.kind == "primary" for source in backing)
    return (
        not has_primary,
        -len({source.publisher for source in backing}),
        claim_public_day(claim, sources),
        position,
    )


def apply_changes(event: Event, changes: dict[str, object]) -> Event:
    """``event`` with some fields replaced, re-checked through the converter."""
    table = converter.unstructure(event)
    table.update(changes)
    result: Event = converter.structure(table, type(event))
    return result


def view(events: tuple[Event, ...], as_of: dt.date | None = None) -> View:
    """The log as it stood on ``as_of``; a pure function of its arguments."""
    public = [_as_known(e, as_of) for e in events if as_of is None or e.public_day <= as_of]
    amendments: dict[str, list[Event]] = {}
    by_id = {e.id: e for e in public if not isinstance(e, (Correction, Retraction))}
    fixes = sorted(
        (e for e in public if isinstance(e, (Correction, Retraction))),
        key=lambda e: (e.public_day, e.id),
    )
    for fix in fixes:
        target_id = fix.corrects if isinstance(fix, Correction) else fix.retracts
        if target_id not in by_id:
            continue  # retracted already, or its target is not public yet
        amendments.setdefault(target_id, []).append(fix)
        if isinstance(fix, Retraction):
            del by_id[target_id]
        else:
            by_id[target_id] = apply_changes(by_id[target_id], fix.changes)

    resolved: list[Event] = []
    resolutions: list[Resolution] = []
    for event in by_id.values():
        if event.claims:
            event, settled = _settle(event)
            resolutions.extend(settled)
        resolved.append(event)
    return View(
        as_of,
        sort_events(resolved),
        tuple(resolutions),
        {key: tuple(value) for key, value in amendments.items()},
    )


def _field_type(event: Event, name: str) -> Any:
    return attrs.fields_dict(type(event))[name].type


def _as_known(event: Event, as_of: dt.date | None) -> Event:
    """The event as it read on ``as_of``: only the sources public by then, and the claims they back.

    An answer as of a past day must not cite, or hint at, what was published
    later. (An event public by its ``known`` date before any of its sources
    keeps them all: it would otherwise cite nothing.)
    """
    if as_of is None or all(s.public_day <= as_of for s in event.sources):
        return event
    public = tuple(s for s in event.sources if s.public_day <= as_of)
    if not public:
        return event
    keys = {s.key for s in public if s.key is not None}
    claims = tuple(
        attrs.evolve(c, sources=tuple(k for k in c.sources if k in keys))
        for c in event.claims
        if any(k in keys for k in c.sources)
    )
    unknown: dict[str, Any] = {}
    for name in {c.field for c in event.claims} - {c.field for c in claims}:
        # Nothing public backs any value yet: an optional field is unknown;
        # a required one (such as the date) keeps the value the file gives.
        default = attrs.fields_dict(type(event))[name].default
        if default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            unknown[name] = default
    return attrs.evolve(event, sources=public, claims=claims, **unknown)


def _settle(event: Event) -> tuple[Event, list[Resolution]]:
    sources = {s.key: s for s in event.sources if s.key is not None}
    fields: dict[str, list[tuple[int, Claim]]] = {}
    for position, claim in enumerate(event.claims):
        fields.setdefault(claim.field, []).append((position, claim))
    changes: dict[str, Any] = {}
    settled = []
    for name, known in fields.items():
        ranked = sorted(known, key=lambda pc: claim_rank(pc[1], pc[0], sources))
        chosen = ranked[0][1]
        changes[name] = converter.structure(chosen.value, _field_type(event, name))
        settled.append(Resolution(event.id, name, chosen, tuple(c for _, c in ranked[1:])))

    # Only the disputed fields change, each already checked against its type,
    # so evolve() is enough: re-structuring the whole event per query is not.
    return attrs.evolve(event, **changes), settled
