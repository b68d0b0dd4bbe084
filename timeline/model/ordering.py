"""The one order every listing and fold uses, so that same-day events never shuffle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from timeline.model.events import Event

__all__ = ["sort_events", "sort_key"]


def sort_key(event: Event) -> tuple[dt.date, dt.datetime, int, str]:
    """Calendar day, then time of day (UTC) where sources give one, then kind, then id.

    On the same instant endings come before beginnings (each class's ``RANK``):
    when a CTO leaves and a new CTO is named in the same post, the role is
    never held twice.
    """
    when = event.date
    return (when.sort_day, when.instant, event.RANK, event.id)


def sort_events(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=sort_key))
