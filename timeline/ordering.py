"""The one order every listing and fold uses, so that same-day events never shuffle."""

from __future__ import annotations

import datetime as dt

from .model import Event

__all__ = ["TYPE_RANK", "sort_events", "sort_key"]

# On the same instant, endings come before beginnings: when a CTO leaves and
# a new CTO is named in the same post, the role is never held twice.
TYPE_RANK = {
    "company-founded": 0,
    "person-left": 1,
    "role-ended": 2,
    "person-joined": 3,
    "role-started": 4,
    "funding-round": 5,
    "claim": 6,
    "correction": 7,
    "retraction": 8,
}


def sort_key(event: Event) -> tuple[dt.date, dt.datetime, int, str]:
    """Calendar day, then time of day (UTC) where sources give one, then kind, then id."""
    when = event.date
    return (when.sort_day, when.instant, TYPE_RANK.get(event.TYPE, 99), event.id)


def sort_events(events: list[Event] | tuple[Event, ...]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=sort_key))
