"""Compile checked events into what a query reads: each event's versions over knowledge time.

How an event reads on a knowledge day depends only on the event, its own
corrections and the day (`timeline.knowledge.resolve`), and it can change only
on the days its sources and fixes became public (`knowledge.breakpoints`). So
each event compiles to a short list of ``(from day, Record or None)``: the
state as known on any day is then "pick each event's version, sort, build,
evaluate" (`timeline.engine`), with no attrs or cattrs at query time.
"""

from __future__ import annotations

from typing import NamedTuple

from timeline.fold.effects import record
from timeline.fold.intervals import Intervals, Record
from timeline.fold.knowledge import breakpoints, fixes_by_target, resolve
from timeline.model.events import ClaimMade, Correction, Event, Retraction

__all__ = ["Compiled", "Version", "compile_events"]

Version = tuple[int, Record | None]  # from this knowledge day (ordinal) on, the event reads so


class Compiled(NamedTuple):
    latest: tuple[Record, ...]  # everything known, in order
    versions: tuple[tuple[str, tuple[Version, ...]], ...]  # event id -> its versions, by day
    intervals: Intervals | None = None  # ``latest`` built, once the check's chronology pass has built it


def compile_events(events: tuple[Event, ...]) -> Compiled:
    """Every event's versions, and the records of everything known, in order."""
    fixes = fixes_by_target(events)
    versions: list[tuple[str, tuple[Version, ...]]] = []
    latest: list[Record] = []
    for event in events:
        if isinstance(event, Correction | Retraction):
            continue
        own = fixes.get(event.id, [])
        if not own and not event.claims and not isinstance(event, ClaimMade):
            # Nothing in its record changes with knowledge time (its sources are not part of
            # it): one version, from the day it became public.
            single = record(event)
            versions.append((event.id, ((event.public_day.toordinal(), single),)))
            latest.append(single)
            continue
        steps: list[Version] = []
        for day in breakpoints(event, own):
            resolved, _, _ = resolve(event, own, day)
            current = record(resolved) if resolved is not None else None
            if not steps or steps[-1][1] != current:
                steps.append((day.toordinal(), current))
        versions.append((event.id, tuple(steps)))
        final, _, _ = resolve(event, own, None)
        if final is not None:
            latest.append(record(final))
    latest.sort(key=lambda r: r.key)
    return Compiled(tuple(latest), tuple(versions))
