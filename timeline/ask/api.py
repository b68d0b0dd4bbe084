"""The Python API and the command line's one door: load the events once, then ask questions of them.

`load` opens the folder's compiled store (`timeline.store.compiled`) and
refuses data that fails the check. A `Timeline` answers from it: the state on
a day (`timeline.fold.evaluate`) as typed, frozen values (`timeline.fold.state`),
the same ones the command line renders, and the events themselves as attrs
classes (`timeline.model.events`), read only when asked for. Asking for the
state imports neither attrs nor cattrs, so ``timeline state`` starts fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from timeline.fold.evaluate import Index, evaluate, series
from timeline.fold.intervals import Intervals, Record, build, records_at
from timeline.fold.state import State
from timeline.model.frozen import FrozenMap
from timeline.model.problems import DataError, Problem
from timeline.model.vocabulary import Roles
from timeline.store.compiled import DAMAGED, Store, open_store

if TYPE_CHECKING:
    from pathlib import Path

    from timeline.check.manifest import Release
    from timeline.fold import knowledge
    from timeline.model.events import Event

__all__ = ["DateLike", "Timeline", "default_day", "load", "problems_of", "to_date"]

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


def default_day(date: DateLike | None, as_of: DateLike | None = None) -> dt.date:
    """The day a question is about when none is given: the knowledge day, else today."""
    return to_date(date) if date is not None else _day(as_of) or dt.date.today()


def problems_of(store: Store) -> tuple[Problem, ...]:
    return tuple(store.problems())


class Timeline:
    """A checked, compiled event log and the questions it answers.

    Get one with `load`. Every method is a pure function of the events and
    its arguments; what it builds (intervals per ``as_of``) is kept.
    """

    def __init__(self, store: Store, warnings: tuple[Problem, ...] = (), release: Release | None = None) -> None:
        self.store = store
        self.warnings = warnings
        self.release = release  # the ledger entry the events end at, when one was named
        self._indexes: dict[dt.date | None, Index] = {}
        self._kept: dict[Any, Any] = {}

    def __repr__(self) -> str:
        return f"<Timeline of {self.store.path}{f' at {self.release.chain[:12]}' if self.release else ''}>"

    @property
    def folder(self) -> Path:
        return self.store.folder

    @property
    def title(self) -> str:
        """The dataset's title, from its ``dataset.toml``."""
        return str(self.store.meta["title"])

    @property
    def roles(self) -> Roles:
        """The dataset's roles: how each reads, which are seats (``dataset.toml``'s ``[roles]``)."""
        return self.store.dataset()[0]

    @property
    def chain(self) -> str | None:
        return self.release.chain if self.release is not None else None

    # -- the events, as written and as known -------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, as written in its file, in order."""
        if "events" not in self._kept:
            from cattrs.errors import BaseValidationError

            from timeline.model.convert import UnknownType, structure_event
            from timeline.model.ordering import sort_events

            try:
                self._kept["events"] = sort_events(structure_event(table) for table in self.store.events())
            except (*DAMAGED, UnknownType, BaseValidationError):
                # Tables that passed the check always structure: these were changed in the cache.
                if not self.store.recompile():
                    raise
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
        from timeline.model.events import Correction, Retraction
        from timeline.model.ordering import sort_events

        known = _day(as_of)
        fixes = [
            e
            for e in self.events
            if include_fixes and isinstance(e, Correction | Retraction) and (known is None or e.public_day <= known)
        ]
        return sort_events([*self.view(known).events, *fixes])

    def view(self, as_of: DateLike | None = None) -> knowledge.View:
        """The log as it stood on ``as_of``: corrections applied, claims settled, sources then public."""
        from timeline.fold import knowledge

        key = ("view", _day(as_of))
        if key not in self._kept:
            self._kept[key] = knowledge.view(self.events, _day(as_of))
        found: knowledge.View = self._kept[key]
        return found

    # -- what the fold reads ----------------------------------------------------------------

    def records(self, as_of: DateLike | None = None) -> list[Record]:
        """The compiled records as known on ``as_of``, in order: what the fold reads."""
        known = _day(as_of)
        return self.store.latest() if known is None else records_at(self.store.versions(), known)

    def index(self, as_of: DateLike | None = None) -> Index:
        known = _day(as_of)
        if known not in self._indexes:
            # Everything known was built when the store was; an earlier knowledge day is built here.
            if known is None:
                self._indexes[known] = Index(self.store.intervals())
            else:
                roles, tracked = self.store.dataset()
                self._indexes[known] = Index(build(self.records(known), roles, tracked))
        return self._indexes[known]

    def intervals(self, as_of: DateLike | None = None) -> Intervals:
        """Every stint, role, reporting line, round and claim known on ``as_of``."""
        return self.index(as_of).intervals

    # -- the state --------------------------------------------------------------------------

    def state(
        self, date: DateLike | None = None, as_of: DateLike | None = None, companies: Iterable[str] = ()
    ) -> State:
        """Companies and people on ``date`` (default: ``as_of``, else today), knowing what was public on ``as_of``.

        ``companies`` (ids) keeps only those companies, their units, and the people at them; an
        unknown id raises `KeyError` with the nearest known ones.

        >>> tl = load()
        >>> tl.state("2026-01-15").companies["thinking-machines-lab"].leadership["ceo"]
        'mira-murati'
        """
        found = self._state(date, as_of)
        wanted = tuple(companies)
        return found if not wanted else _only(found, wanted, self.intervals(as_of))

    def _state(self, date: DateLike | None, as_of: DateLike | None) -> State:
        day, known = default_day(date, as_of), _day(as_of)
        if known is None and None not in self._indexes and self.release is None:
            # One day of everything known: decode only the rows that can matter on it.
            try:
                return evaluate(Index(self.store.intervals(day.toordinal())), day)
            except DAMAGED:
                # Rows that decode but do not hold what they should (a cache file forged with
                # its key and checksum): compile the folder again, once.
                if not self.store.recompile():
                    raise
                return evaluate(Index(self.store.intervals(day.toordinal())), day)
        return evaluate(self.index(known), day, known, self.chain)

    def series(
        self, start: DateLike, end: DateLike, step_days: int = 1, as_of: DateLike | None = None
    ) -> Iterator[State]:
        """The state on every ``step_days``-th day from ``start`` to ``end``, inclusive.

        Incremental (`timeline.fold.evaluate.series`): each day re-reads only the companies
        and people whose state may read differently since the day before.
        """
        first, last = to_date(start), to_date(end)
        if first > last:
            raise ValueError(f"start {first} is after end {last}")
        if step_days < 1:
            raise ValueError(f"step_days must be at least 1, not {step_days}")
        known = _day(as_of)
        days = (first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step_days))
        return series(self.index(known), days, known, self.chain)


def _only(state: State, wanted: tuple[str, ...], intervals: Intervals) -> State:
    """``state`` with only the ``wanted`` companies, their units (and theirs), and the people at them."""
    known = {c.id for c in intervals.companies}
    for cid in wanted:
        if cid not in known:
            import difflib  # only for the message

            close = difflib.get_close_matches(cid, sorted(known), n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise KeyError(f"{cid!r} is no company id{hint} ('timeline companies' lists them)")
    keep = set(wanted)
    while True:
        more = {u.company for c in keep if c in state.companies for u in state.companies[c].units} - keep
        if not more:
            break
        keep |= more
    companies = {cid: c for cid, c in state.companies.items() if cid in keep}
    people = {pid: p for pid, p in state.people.items() if p.company in keep or set(p.other_companies) & keep}
    return state._replace(companies=FrozenMap(companies), people=FrozenMap(people))


def load(folder: str | Path | None = None, release: str | None = None) -> Timeline:
    """Read and check an events folder (the shipped events by default).

    Raises `DataError` listing every problem when the folder fails the
    check: no answer is ever given from data that does not pass it. The
    checked events are compiled once and kept (`timeline.store.compiled`).

    ``release`` (a prefix of a chain hash in the folder's MANIFEST) keeps
    only the files sealed up to that entry, so that an ``as_of`` answer
    published with a release can be reproduced exactly after more events
    (even ones about the past) have landed; an unknown one raises
    `timeline.model.problems.UnknownRelease`.
    """
    store = open_store(None if folder is None else str(folder))
    problems = problems_of(store)
    if store.errors:
        raise DataError(problems)
    warnings = tuple(p for p in problems if p.severity == "warning")
    if release is None:
        return Timeline(store, warnings)
    from timeline.check import manifest

    point = manifest.release(store.folder, release)
    return Timeline(_released(store, point), warnings, point)


def _released(store: Store, point: Release) -> Store:
    """A store of only the files sealed up to ``point``, compiled anew (later fixes must not apply)."""
    from timeline.fold.compile import compile_events
    from timeline.model.convert import structure_event, unstructure_event
    from timeline.model.ordering import sort_events
    from timeline.store.packed import pack

    events = sort_events(e for e in (structure_event(t) for t in store.events()) if f"{e.id}.toml" in point.names)
    compiled = compile_events(events)
    tables = [unstructure_event(e) for e in events]
    roles, tracked = store.dataset()
    loaders = {
        "latest": lambda: compiled.latest,
        "versions": lambda: compiled.versions,
        "events": lambda: tables,
        "intervals": lambda: pack(build(compiled.latest, roles, tracked)),
        "problems": lambda: [],
    }
    return Store(store.path, f"{store.key}@{point.chain}", store.meta, loaders)
