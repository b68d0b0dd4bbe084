"""The Python API: load the events once, then ask questions of them."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attrs import field, frozen

from timeline.check import manifest
from timeline.check.manifest import Release
from timeline.fold import evaluate as fold
from timeline.fold import knowledge
from timeline.fold.compile import compile_events
from timeline.fold.intervals import Intervals, Record, build
from timeline.fold.state import CompanyState, PersonState, State
from timeline.model.convert import converter, structure_event, unstructure_event
from timeline.model.events import Correction, Event, Retraction
from timeline.model.frozen import FrozenMap
from timeline.model.ordering import sort_events
from timeline.model.problems import DataError, Problem
from timeline.store.compiled import Store, open_store
from timeline.store.engine import Engine
from timeline.store.packed import pack

__all__ = ["DateLike", "Timeline", "load", "problems_of", "to_date"]

DateLike = dt.date | str


def to_date(value: DateLike) -> dt.date:
    """``date`` or ``"YYYY-MM-DD"`` -> ``date``; ``ValueError`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a datetime.date or a 'YYYY-MM-DD' string, got {type(value).__name__}")
    return dt.date.fromisoformat(value)


def _day(value: DateLike | None) -> dt.date | None:
    return None if value is None else to_date(value)


def problems_of(store: Store) -> tuple[Problem, ...]:
    return tuple(Problem(path, line, message, severity) for path, line, message, severity in store.problems())  # type: ignore[arg-type]


@frozen
class Timeline:
    """A checked, compiled event log and the questions it answers.

    Get one with `load`. Every method is a pure function of the events and
    its arguments; what it builds (intervals per ``as_of``) is kept.
    """

    engine: Engine = field(eq=False, repr=False)
    folder: Path
    warnings: tuple[Problem, ...] = ()
    release: Release | None = None  # the ledger entry the events end at, when one was named
    _kept: dict[Any, Any] = field(factory=dict, init=False, eq=False, repr=False)

    @property
    def store(self) -> Store:
        return self.engine.store

    @property
    def title(self) -> str:
        """The dataset's title, from its ``dataset.toml``."""
        return str(self.store.meta["title"])

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, as written in its file, in order."""
        if "events" not in self._kept:
            self._kept["events"] = sort_events(structure_event(table) for table in self.store.events())
        found: tuple[Event, ...] = self._kept["events"]
        return found

    def event(self, event_id: str) -> Event:
        """The event with this id, as written in its file."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def known_events(self, as_of: DateLike | None = None, include_fixes: bool = False) -> tuple[Event, ...]:
        """Every event as it reads on ``as_of`` (corrections applied), in order.

        With ``include_fixes``, the corrections and retractions public by then are listed too.
        """
        known = _day(as_of)
        fixes = [
            e
            for e in self.events
            if include_fixes and isinstance(e, Correction | Retraction) and (known is None or e.public_day <= known)
        ]
        return sort_events([*self.view(known).events, *fixes])

    def view(self, as_of: DateLike | None = None) -> knowledge.View:
        """The log as it stood on ``as_of``: corrections applied, claims settled, sources then public."""
        key = ("view", _day(as_of))
        if key not in self._kept:
            self._kept[key] = knowledge.view(self.events, _day(as_of))
        found: knowledge.View = self._kept[key]
        return found

    def records(self, as_of: DateLike | None = None) -> list[Record]:
        """The compiled records as known on ``as_of``, in order: what the engine folds."""
        return self.engine.records(_day(as_of))

    def intervals(self, as_of: DateLike | None = None) -> Intervals:
        """Every stint, role, reporting line, round and claim known on ``as_of``."""
        return self.engine.index(_day(as_of)).intervals

    def state_data(self, date: DateLike, as_of: DateLike | None = None) -> dict[str, Any]:
        """The state as plain data: exactly ``converter.unstructure(self.state(date, as_of))``."""
        known = _day(as_of)
        chain = self.release.chain if self.release is not None else None
        return fold.evaluate(self.engine.index(known), to_date(date), known, chain)

    def state(self, date: DateLike, as_of: DateLike | None = None) -> State:
        """Companies and people on ``date``, knowing what was public on ``as_of``.

        >>> tl = load()
        >>> tl.state("2026-01-15").companies["thinking-machines-lab"].leadership["ceo"]
        'mira-murati'
        """
        found: State = converter.structure(self.state_data(date, as_of), State)
        return found

    def series(
        self, start: DateLike, end: DateLike, step_days: int = 1, as_of: DateLike | None = None
    ) -> Iterator[State]:
        """The state on every ``step_days``-th day from ``start`` to ``end``, inclusive.

        Incremental: each day re-reads only the companies and people one of
        whose dates was passed since the day before; the rest is carried over
        (frozen values, so sharing them between days is safe).
        """
        first, last = to_date(start), to_date(end)
        if first > last:
            raise ValueError(f"start {first} is after end {last}")
        known = _day(as_of)
        index = self.engine.index(known)
        flips = _flip_days(index.intervals)
        order = sorted(flips)
        chain = self.release.chain if self.release is not None else None
        previous: State | None = None
        cursor = 0
        for offset in range(0, (last - first).days + 1, step_days):
            day = first + dt.timedelta(days=offset)
            n = day.toordinal()
            if previous is None:
                previous = converter.structure(fold.evaluate(index, day, known, chain), State)
                cursor = bisect.bisect_right(order, n)
                yield previous
                continue
            dirty: set[tuple[str, str]] = set()
            while cursor < len(order) and order[cursor] <= n:
                dirty.update(flips[order[cursor]])
                cursor += 1
            companies = dict(previous.companies)
            people = dict(previous.people)
            for kind, key in sorted(dirty):
                if kind == "company":
                    data = index.company(key, n)
                    _put(companies, key, None if data is None else converter.structure(data, CompanyState))
                else:
                    data = index.person(key, n)
                    _put(people, key, None if data is None else converter.structure(data, PersonState))
            previous = State(
                date=day,
                as_of=known,
                release=chain,
                coverage=previous.coverage,
                companies=FrozenMap(sorted(companies.items())),
                people=FrozenMap(sorted(people.items())),
            )
            yield previous


def _put(table: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value


def _flip_days(intervals: Intervals) -> dict[int, set[tuple[str, str]]]:
    """Every day on which something a company's or person's state reads may change."""
    flips: dict[int, set[tuple[str, str]]] = {}

    def mark(kind: str, key: str, *whens: Any) -> None:
        for when in whens:
            if when is None:
                continue
            for bound in (when.lo, when.hi):
                if bound is not None:  # possibly_by flips on a lower bound, certainly_by on an upper
                    flips.setdefault(bound, set()).add((kind, key))

    for company in intervals.companies:
        flips.setdefault(company.first_seen, set()).add(("company", company.id))
        mark("company", company.id, company.founded)
    for person in intervals.people:
        flips.setdefault(person.first_seen, set()).add(("person", person.id))
    for stint in intervals.stints:
        whens = [stint.start, stint.end, *(w for _, w in stint.events)]
        for span in stint.roles:
            whens.extend((span.start, span.end))
        mark("company", stint.company, *whens)
        mark("person", stint.person, *whens)
    for line in intervals.lines:
        mark("company", line.company, line.start, line.end)
        mark("person", line.person, line.start, line.end)
    for raised in intervals.raised:
        mark("company", raised.company, raised.when)
    for note in intervals.notes:
        for cid in note.companies:
            mark("company", cid, note.about_when or note.when)
        if note.subject is not None:
            mark("person", note.subject, note.about_when or note.when)
    return flips


def load(folder: str | Path | None = None, release: str | None = None) -> Timeline:
    """Read and check an events folder (the shipped events by default).

    Raises `DataError` listing every problem when the folder fails the
    check: no answer is ever given from data that does not pass it. The
    checked events are compiled once and kept (`timeline.store`).

    ``release`` (a prefix of a chain hash in the folder's MANIFEST) keeps
    only the files sealed up to that entry, so that an ``as_of`` answer
    published with a release can be reproduced exactly after more events
    (even ones about the past) have landed.
    """
    store = open_store(None if folder is None else Path(folder))
    problems = problems_of(store)
    if store.errors:
        raise DataError(problems)
    warnings = tuple(p for p in problems if p.severity == "warning")
    if release is None:
        return Timeline(Engine(store), store.folder, warnings)
    point = manifest.release(store.folder, release)
    return Timeline(Engine(_released(store, point)), store.folder, warnings, point)


def _released(store: Store, point: Release) -> Store:
    """A store of only the files sealed up to ``point``, compiled anew (later fixes must not apply)."""
    events = sort_events(e for e in (structure_event(t) for t in store.events()) if f"{e.id}.toml" in point.names)
    compiled = compile_events(events)
    tables = [unstructure_event(e) for e in events]
    loaders = {
        "latest": lambda: compiled.latest,
        "versions": lambda: compiled.versions,
        "events": lambda: tables,
        "intervals": lambda: pack(build(compiled.latest)),
    }
    return Store(store.path, f"{store.key}@{point.chain}", store.meta, loaders)
