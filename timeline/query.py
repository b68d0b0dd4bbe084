"""Selecting events: the filters behind ``timeline events``."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from .model import Event

__all__ = ["EventFilter"]


@frozen(kw_only=True)
class EventFilter:
    """Keep events that match every given criterion; an empty criterion keeps all."""

    people: frozenset[str] = frozenset()
    companies: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    publishers: frozenset[str] = frozenset()  # lowercase

    def matches(self, event: Event) -> bool:
        if self.people and not self.people & set(event.people):
            return False
        if self.companies and not self.companies & set(event.companies):
            return False
        if self.types and event.TYPE not in self.types:
            return False
        # An imprecise date matches when its range overlaps the window.
        if self.since and event.date.upper is not None and event.date.upper < self.since:
            return False
        if self.until and not event.date.possibly_by(self.until):
            return False
        return not self.publishers or any(
            any(p in s.publisher.lower() for p in self.publishers) for s in event.sources
        )

    def apply(self, events: tuple[Event, ...]) -> tuple[Event, ...]:
        return tuple(e for e in events if self.matches(e))
