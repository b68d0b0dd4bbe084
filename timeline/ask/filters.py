"""Selecting events: the filters behind ``timeline events``, checked against what exists."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from attrs import frozen

from timeline.ask.api import Timeline
from timeline.ask.directory import suggest
from timeline.model.events import EVENT_TYPES, Event

__all__ = ["EventFilter", "UnknownFilter"]


class UnknownFilter(ValueError):
    """A filter value that matches nothing that exists (a typo, most likely)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


@frozen(kw_only=True)
class EventFilter:
    """Keep events that match every given criterion; an empty criterion keeps all."""

    people: frozenset[str] = frozenset()
    companies: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    publishers: frozenset[str] = frozenset()  # lowercase substrings

    @classmethod
    def checked(
        cls,
        tl: Timeline,
        *,
        people: Iterable[str] = (),
        companies: Iterable[str] = (),
        types: Iterable[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
        publishers: Iterable[str] = (),
    ) -> EventFilter:
        """A filter whose ids and types exist; `UnknownFilter` with a suggestion otherwise."""
        intervals = tl.intervals()
        known_people = {p.id for p in intervals.people}
        known_companies = {c.id for c in intervals.companies}
        for person in people:
            if person not in known_people:
                raise UnknownFilter("--person", suggest(person, known_people, "person"))
        for company in companies:
            if company not in known_companies:
                raise UnknownFilter("--company", suggest(company, known_companies, "company"))
        for kind in types:
            if kind not in EVENT_TYPES:
                close = difflib.get_close_matches(kind, EVENT_TYPES, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise UnknownFilter("--type", f"{kind!r} is no event type{hint} (types: {', '.join(EVENT_TYPES)})")
        if since and until and since > until:
            raise UnknownFilter("--since", f"--since {since} is after --until {until}")
        return cls(
            people=frozenset(people),
            companies=frozenset(companies),
            types=frozenset(types),
            since=since,
            until=until,
            publishers=frozenset(p.lower() for p in publishers),
        )

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
        return not self.publishers or any(any(p in s.publisher.lower() for p in self.publishers) for s in event.sources)

    def apply(self, events: Iterable[Event]) -> tuple[Event, ...]:
        return tuple(e for e in events if self.matches(e))
