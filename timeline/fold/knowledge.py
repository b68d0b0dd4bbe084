"""Knowledge time: which events, claims and corrections were public on a day.

`resolve` reads one event as it stood on ``as_of``:

1. an event counts once it is public (`BaseEvent.public_day`);
2. its public corrections replace fields (even its whole source or claim
   list), and a public retraction removes it, in the order they became
   public; a fix never applies before the event it fixes is public;
3. only the sources public by then are cited, and only the claims they back;
4. where sources disagree on a field (``[[claims]]``), the claim that ranks
   first among those public by then gives the field's value (`claim_rank`).

How an event reads depends on nothing but the event, its own fixes and the
day, so `view` is `resolve` applied to each event, and `timeline.compile`
can precompute every version an event ever has.

The claim rule, documented in ``docs/event-format.md``: a value the event
admits (`BaseEvent.admits`: it fits the event's other fields) beats one it
does not; then a claim backed by a primary source beats one backed only by reports; then the claim with more
distinct publishers (originating outlets: a copy or relay of one outlet
counts once); then the one public first; then the one written first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import frozen

from timeline.model.convert import converter
from timeline.model.events import BaseEvent, Claim, Correction, Event, Retraction, Source
from timeline.model.frozen import FrozenMap, thaw
from timeline.model.ordering import sort_events

__all__ = [
    "Fix",
    "Resolution",
    "View",
    "apply_changes",
    "breakpoints",
    "claim_public_day",
    "claim_rank",
    "fix_day",
    "fixes_by_target",
    "resolve",
    "view",
]

Fix = Correction | Retraction


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
    amendments: FrozenMap[str, tuple[Fix, ...]]


def claim_public_day(claim: Claim, sources: Mapping[Any, Source]) -> dt.date:
    return min(sources[key].public_day for key in claim.sources)


def claim_rank(claim: Claim, position: int, sources: Mapping[Any, Source]) -> tuple[bool, int, dt.date, int]:
    backing = [sources[key] for key in claim.sources]
    has_primary = any(source.kind == "primary" for source in backing)
    return (
        not has_primary,
        -len({source.publisher for source in backing}),
        claim_public_day(claim, sources),
        position,
    )


def apply_changes(event: Event, changes: Mapping[str, object]) -> Event:
    """``event`` with some fields replaced, re-checked through the converter."""
    table = converter.unstructure(event)
    table.update({key: thaw(value) for key, value in changes.items()})
    result: Event = converter.structure(table, type(event))
    return result


def fix_day(fix: Fix, target: BaseEvent) -> dt.date:
    """The day a fix starts to apply: its own public day, never before its target's."""
    return max(fix.public_day, target.public_day)


def fixes_by_target(events: Iterable[Event]) -> dict[str, list[Fix]]:
    found: dict[str, list[Fix]] = {}
    for event in events:
        if isinstance(event, Correction):
            found.setdefault(event.corrects, []).append(event)
        elif isinstance(event, Retraction):
            found.setdefault(event.retracts, []).append(event)
    return found


def resolve(
    event: Event, fixes: Iterable[Fix], as_of: dt.date | None
) -> tuple[Event | None, list[Resolution], list[Fix]]:
    """``event`` as it read on ``as_of``: ``(None, ...)`` if not public yet or retracted.

    Also returns the disputes settled and the fixes applied, for `timeline.why`.
    """
    if as_of is not None and event.public_day > as_of:
        return None, [], []
    applied: list[Fix] = []
    current: Event = event
    for fix in sorted(fixes, key=lambda f: (fix_day(f, event), f.id)):
        if as_of is not None and fix_day(fix, event) > as_of:
            continue
        applied.append(fix)
        if isinstance(fix, Retraction):
            return None, [], applied
        current = apply_changes(current, fix.changes)
    current = _as_known(current, as_of)
    if not current.claims:
        return current, [], applied
    settled, resolutions = _settle(current)
    return settled, resolutions, applied


def view(events: tuple[Event, ...], as_of: dt.date | None = None) -> View:
    """The log as it stood on ``as_of``; a pure function of its arguments."""
    fixes = fixes_by_target(events)
    resolved: list[Event] = []
    resolutions: list[Resolution] = []
    amendments: dict[str, tuple[Fix, ...]] = {}
    for event in events:
        if isinstance(event, Correction | Retraction):
            continue
        current, settled, applied = resolve(event, fixes.get(event.id, ()), as_of)
        if applied:
            amendments[event.id] = tuple(applied)
        if current is not None:
            resolved.append(current)
            resolutions.extend(settled)
    return View(as_of, sort_events(resolved), tuple(resolutions), FrozenMap(amendments))


def breakpoints(event: Event, fixes: Iterable[Fix]) -> list[dt.date]:
    """Every day on which how ``event`` reads can change: the days its sources and fixes became public.

    Between two of them, `resolve` gives the same answer for every ``as_of``.
    """
    start = event.public_day
    days = {start, *(s.public_day for s in event.sources)}
    for fix in fixes:
        days.add(fix_day(fix, event))
        days.update(s.public_day for s in fix.sources)
        replaced = fix.changes.get("sources") if isinstance(fix, Correction) else None
        for source in replaced if isinstance(replaced, tuple) else ():
            published = source.get("published") if isinstance(source, Mapping) else None
            if isinstance(published, str):
                try:
                    days.add(converter.structure(dict(source), Source).public_day)
                except Exception:  # noqa: BLE001 - the checker reports a bad source; it adds no day
                    continue
    return sorted(day for day in days if day >= start)


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
        ranked = sorted(
            known, key=lambda pc: (not event.admits(name, thaw(pc[1].value)), *claim_rank(pc[1], pc[0], sources))
        )
        chosen = ranked[0][1]
        changes[name] = converter.structure(thaw(chosen.value), _field_type(event, name))
        settled.append(Resolution(event.id, name, chosen, tuple(c for _, c in ranked[1:])))

    # Only the disputed fields change, each already checked against its type,
    # so evolve() is enough: re-structuring the whole event per query is not.
    return attrs.evolve(event, **changes), settled
