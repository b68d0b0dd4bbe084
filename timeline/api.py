"""The Python API: load the events once, then ask questions of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from attrs import field, frozen

from . import fold, knowledge, manifest, roster
from .bundle import load_checked
from .manifest import Release
from .model import Event
from .problems import DataError, Problem
from .resources import shipped_events
from .state import State

__all__ = ["DateLike", "Timeline", "load", "to_date"]

DateLike = dt.date | str


def to_date(value: DateLike) -> dt.date:
    """``date`` or ``"YYYY-MM-DD"`` -> ``date``; ``ValueError`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@frozen
class Timeline:
    """A checked, ordered event log and the questions it answers.

    Get one with `load`. Every method is a pure function of the events and
    its arguments; the intervals are built once per ``as_of`` and kept.
    """

    events: tuple[Event, ...]
    folder: Path
    warnings: tuple[Problem, ...] = ()
    release: Release | None = None  # the ledger entry the events end at, when one was named
    _views: dict[dt.date | None, tuple[knowledge.View, roster.Roster]] = field(
        factory=dict, init=False, eq=False, repr=False
    )

    def _known(self, as_of: DateLike | None) -> tuple[knowledge.View, roster.Roster]:
        known = None if as_of is None else to_date(as_of)
        if known not in self._views:
            seen = knowledge.view(self.events, known)
            self._views[known] = (seen, roster.build(seen.events))
        return self._views[known]

    def view(self, as_of: DateLike | None = None) -> knowledge.View:
        """The log as it stood on ``as_of``: corrections applied, claims settled."""
        return self._known(as_of)[0]

    def roster(self, as_of: DateLike | None = None) -> roster.Roster:
        """Every stint, company and funding round known on ``as_of``."""
        return self._known(as_of)[1]

    def state(self, date: DateLike, as_of: DateLike | None = None) -> State:
        """Companies and people on ``date``, knowing what was public on ``as_of``.

        >>> tl = load()
        >>> tl.state("2026-01-15").companies["thinking-machines-lab"].leadership["ceo"]
        'mira-murati'
        """
        known = None if as_of is None else to_date(as_of)
        return fold.evaluate(self.roster(known), to_date(date), known)

    def series(
        self, start: DateLike, end: DateLike, step_days: int = 1, as_of: DateLike | None = None
    ) -> Iterator[State]:
        """The state on every ``step_days``-th day from ``start`` to ``end``, inclusive.

        Incremental: each day re-reads only the companies and people whose
        dates were passed since the day before, so a two-year daily series
        costs a small multiple of one `state`, not one fold per day.
        """
        first, last = to_date(start), to_date(end)
        days = [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step_days)]
        known = None if as_of is None else to_date(as_of)
        return fold.series(self.roster(known), days, known)

    def event(self, event_id: str) -> Event:
        """The event with this id, as written in its file."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)


def load(folder: str | Path | None = None, release: str | None = None) -> Timeline:
    """Read and check an events folder (the shipped events by default).

    Raises `DataError` listing every problem when the folder fails the
    check: no answer is ever given from data that does not pass it. The
    outcome of the check is kept in a content-keyed bundle (`timeline.bundle`).

    ``release`` (a prefix of a chain hash in the folder's MANIFEST) keeps
    only the files sealed up to that entry, so that an ``as_of`` answer
    published with a release can be reproduced exactly after more events
    (even ones about the past) have landed.
    """
    path = shipped_events() if folder is None else Path(folder)
    checked = load_checked(path)
    if checked.errors:
        raise DataError(checked.problems)
    if release is None:
        return Timeline(checked.events, path, checked.warnings)
    point = manifest.release(path, release)
    kept = tuple(e for e in checked.events if f"{e.id}.toml" in point.names)
    return Timeline(kept, path, checked.warnings, point)
