"""A person's stints and roles over time, or everyone a company's sources name: each with its own dates."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from attrs import frozen

from timeline.ask import records
from timeline.ask.api import DateLike, Timeline, to_date
from timeline.ask.directory import resolve

__all__ = ["History", "history_of"]


@frozen(kw_only=True)
class History:
    subject: str
    kind: Literal["person", "company"]
    name: str
    as_of: dt.date | None
    stints: tuple[records.StintRecord, ...]
    roles: tuple[records.RoleRecord, ...]
    lines: tuple[records.LineRecord, ...]


def history_of(tl: Timeline, subject: str, as_of: DateLike | None = None) -> History:
    """Every stint (and each role in it) of a person, or at a company; `KeyError` with suggestions if unknown."""
    kind: Literal["person", "company"] = "person" if resolve(tl, subject) == "person" else "company"
    field = "person" if kind == "person" else "company"
    stints = tuple(s for s in records.stints(tl, as_of) if getattr(s, field) == subject)
    if kind == "company":
        stints = tuple(sorted(stints, key=lambda s: (not s.founder, s.start_lower or dt.date.min, s.name)))
    roles = tuple(r for r in records.roles(tl, as_of) if getattr(r, field) == subject)
    lines = tuple(line for line in records.lines(tl, as_of) if getattr(line, field) == subject)
    names = {p.id: p.name for p in tl.intervals(as_of).people} | {c.id: c.name for c in tl.intervals(as_of).companies}
    known = None if as_of is None else to_date(as_of)
    return History(
        subject=subject, kind=kind, name=names[subject], as_of=known, stints=stints, roles=roles, lines=lines
    )
