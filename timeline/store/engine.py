"""The state from a compiled store, as plain data: the one path every state answer takes.

Everything known comes already built from the store (`timeline.packed`): a
state on one day decodes only the rows that can matter on it, and the rest of
the library reads them all. For an earlier knowledge day (``--as-of``),
`Engine` picks each event's version (`records_at`) and builds the intervals
(`timeline.intervals.build`) once per day asked. `timeline.fold` reads them on
a date. The command line uses it directly, without importing attrs or cattrs;
`timeline.api.Timeline` uses the same object and structures its answers into
typed values.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

from timeline.fold.evaluate import Index, evaluate
from timeline.fold.intervals import Record, build
from timeline.store.compiled import DAMAGED, Store

__all__ = ["Engine", "records_at"]


def records_at(versions: Any, as_of: dt.date) -> list[Record]:
    """The records as known on ``as_of``, in order."""
    day = as_of.toordinal()
    chosen: list[Record] = []
    for _, steps in versions:
        position = bisect.bisect_right(steps, day, key=lambda step: step[0]) - 1
        if position >= 0:
            current = steps[position][1]
            if current is not None:
                chosen.append(current)
    chosen.sort(key=lambda r: r.key)
    return chosen


class Engine:
    """A store's answers, each built once per knowledge day and kept."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._indexes: dict[dt.date | None, Index] = {}

    def records(self, as_of: dt.date | None = None) -> list[Record]:
        return self.store.latest() if as_of is None else records_at(self.store.versions(), as_of)

    def index(self, as_of: dt.date | None = None) -> Index:
        if as_of not in self._indexes:
            # Everything known was built when the store was; an earlier knowledge day is built here.
            intervals = self.store.intervals() if as_of is None else build(self.records(as_of))
            self._indexes[as_of] = Index(intervals)
        return self._indexes[as_of]

    def state_data(self, day: dt.date, as_of: dt.date | None = None) -> dict[str, Any]:
        """What ``converter.unstructure(State)`` would give for ``day`` known on ``as_of``."""
        if as_of is None and None not in self._indexes:
            # One day of everything known: decode only the rows that can matter on it.
            try:
                return evaluate(Index(self.store.intervals(day.toordinal())), day, None, None)
            except DAMAGED:
                # Rows that decode but do not hold what they should (a cache file forged with
                # its key and checksum): compile the folder again, once.
                if not self.store.recompile():
                    raise
                return evaluate(Index(self.store.intervals(day.toordinal())), day, None, None)
        return evaluate(self.index(as_of), day, as_of, None)
