"""Records and intervals as the compiled store keeps them, as plain JSON data.

Records (`encode_record`, `decode_record`) are each event's versions: what an
``--as-of`` query builds its intervals from. Intervals are everything known,
built once when the store is: every row as JSON text, beside the columns a
day needs.

A state on one day reads few of a large folder's rows: the companies and
people seen by then (and anyone the kept rows name), the stints that may still
run on it (and the ended ones that held a seat, which rule out earlier
holders), the reporting lines that may hold, the rounds and claims that may
have happened by then. So each table keeps, next to its rows, the one or two
bounds that decide that, and `unpack` turns into tuples only the rows that
pass. Parsing the store's JSON then makes one string per row rather than a
tree of lists, and a query on 100,000 events decodes hundreds of rows, not
all of them.

`unpack` without a day gives every row: the same `Intervals` that
`timeline.intervals.build` made. With a day, it gives a subset on which
`timeline.fold.evaluate` answers exactly as on the whole (a test proves it on
every day something changes, and a Hypothesis property on generated logs);
it is not for anything else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from timeline.fold.intervals import (
    EFFECTS,
    Company,
    Effect,
    Found,
    Intervals,
    Issue,
    Join,
    Leave,
    Line,
    Money,
    Note,
    Person,
    Raised,
    Record,
    Ref,
    Remark,
    RoleEnd,
    RoleSpan,
    RoleStart,
    Stint,
    When,
)
from timeline.model.vocabulary import seat

__all__ = ["decode_record", "encode_record", "pack", "unpack"]

Packed = dict[str, Any]
T = TypeVar("T")


def _text(row: tuple[Any, ...]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def _end(end: When | None) -> int | None:
    # The day from which the fact has surely ended; None if it may still run forever.
    return None if end is None else end.hi


def pack(intervals: Intervals) -> Packed:
    """``intervals`` as plain JSON data: per table, its rows as text and the bounds `unpack` filters on."""
    stints, lines = intervals.stints, intervals.lines
    return {
        "first": intervals.first,
        "latest": intervals.latest,
        "companies": {
            "seen": [c.first_seen for c in intervals.companies],
            "rows": [_text(c) for c in intervals.companies],
        },
        "people": {
            "ids": [p.id for p in intervals.people],
            "seen": [p.first_seen for p in intervals.people],
            "rows": [_text(p) for p in intervals.people],
        },
        "issues": [_text(i) for i in intervals.issues],
        "stints": {
            "from": [s.start.lo for s in stints],
            "until": [_end(s.end) for s in stints],
            "seated": [any(seat(r.role) is not None for r in s.roles) for s in stints],
            "rows": [_text(s) for s in stints],
        },
        "lines": {
            "from": [line.start.lo for line in lines],
            "until": [_end(line.end) for line in lines],
            "rows": [_text(line) for line in lines],
        },
        "raised": {"from": [r.when.lo for r in intervals.raised], "rows": [_text(r) for r in intervals.raised]},
        "notes": {
            "from": [(n.about_when or n.when).lo for n in intervals.notes],
            "rows": [_text(n) for n in intervals.notes],
        },
    }


def _when(row: list[Any] | None) -> When | None:
    return None if row is None else When(row[0], row[1], row[2])


def _company(r: list[Any]) -> Company:
    return Company(r[0], r[1], r[2], _when(r[3]), r[4], tuple(r[5]), r[6], r[7], r[8])


def _person(r: list[Any]) -> Person:
    return Person(r[0], r[1], r[2])


def _issue(r: list[Any]) -> Issue:
    return Issue(r[0], r[1], r[2])


def _span(r: list[Any]) -> RoleSpan:
    return RoleSpan(r[0], r[1], When(*r[2]), _when(r[3]), r[4], r[5], r[6])


def _stint(r: list[Any]) -> Stint:
    roles = tuple(_span(s) for s in r[4])
    events = tuple((event, When(*when)) for event, when in r[11])
    return Stint(r[0], r[1], When(*r[2]), _when(r[3]), roles, r[5], r[6], r[7], r[8], r[9], r[10], events)


def _line(r: list[Any]) -> Line:
    return Line(r[0], r[1], r[2], When(*r[3]), _when(r[4]), r[5], r[6], r[7])


def _investors(rows: list[Any]) -> tuple[tuple[str, str, bool], ...]:
    return tuple((i[0], i[1], i[2]) for i in rows)


def _raised(r: list[Any]) -> Raised:
    return Raised(r[0], r[1], r[2], r[3], When(*r[4]), r[5], r[6], _investors(r[7]), r[8], r[9])


def _note(r: list[Any]) -> Note:
    sources = tuple(Ref(*s) for s in r[11])
    return Note(r[0], r[1], _when(r[2]), When(*r[3]), r[4], tuple(r[5]), r[6], r[7], r[8], r[9], tuple(r[10]), sources)


def _rows(texts: Sequence[str], decode: Callable[[list[Any]], T], keep: Sequence[bool] | None = None) -> tuple[T, ...]:
    loads = json.loads
    if keep is None:
        return tuple(decode(loads(text)) for text in texts)
    return tuple(decode(loads(text)) for text, wanted in zip(texts, keep, strict=True) if wanted)


def _started(starts: list[int | None], day: int) -> list[bool]:
    return [lo is None or lo <= day for lo in starts]


def unpack(packed: Packed, day: int | None = None) -> Intervals:
    """The intervals, or with ``day`` (an ordinal) only the rows that can matter to the state on it."""
    companies, people = packed["companies"], packed["people"]
    stints, lines, raised, notes = packed["stints"], packed["lines"], packed["raised"], packed["notes"]
    if day is None:
        return Intervals(
            companies=_rows(companies["rows"], _company),
            people=_rows(people["rows"], _person),
            stints=_rows(stints["rows"], _stint),
            lines=_rows(lines["rows"], _line),
            raised=_rows(raised["rows"], _raised),
            notes=_rows(notes["rows"], _note),
            issues=_rows(packed["issues"], _issue),
            first=packed["first"],
            latest=packed["latest"],
        )
    # Mirrors timeline.fold: a company or person shows from the day first seen; a stint that
    # surely ended before the day shows nowhere unless one of its roles held a seat; a line is
    # read only while it may hold; a round or claim only once it may have happened.
    kept_stints = _rows(
        stints["rows"],
        _stint,
        [
            (lo is None or lo <= day) and (until is None or until > day or seated)
            for lo, until, seated in zip(stints["from"], stints["until"], stints["seated"], strict=True)
        ],
    )
    kept_lines = _rows(
        lines["rows"],
        _line,
        [
            (lo is None or lo <= day) and (until is None or until > day)
            for lo, until in zip(lines["from"], lines["until"], strict=True)
        ],
    )
    # A member's or manager's name is shown even when their first event sorts after the day.
    named = {s.person for s in kept_stints} | {line.manager for line in kept_lines}
    return Intervals(
        companies=_rows(companies["rows"], _company, [seen <= day for seen in companies["seen"]]),
        people=_rows(
            people["rows"],
            _person,
            [seen <= day or pid in named for pid, seen in zip(people["ids"], people["seen"], strict=True)],
        ),
        stints=kept_stints,
        lines=kept_lines,
        raised=_rows(raised["rows"], _raised, _started(raised["from"], day)),
        notes=_rows(notes["rows"], _note, _started(notes["from"], day)),
        issues=(),  # the checker's, not the state's
        first=packed["first"],
        latest=packed["latest"],
    )


# -- records -------------------------------------------------------------------------------


def encode_record(record: Record) -> list[Any]:
    return [*record[:6], [[type(e).__name__, *e] for e in record.effects]]


def _tuples(rows: list[Any]) -> tuple[Any, ...]:
    return tuple(tuple(row) for row in rows)


def _effect(row: list[Any]) -> Effect:
    name = row[0]
    if name == "Join":
        return Join(row[1], row[2], tuple(row[3]), row[4], row[5])
    if name == "Leave":
        return Leave(row[1], row[2], row[3], row[4])
    if name == "RoleStart":
        return RoleStart(row[1], row[2], row[3], row[4])
    if name == "RoleEnd":
        return RoleEnd(row[1], row[2], row[3])
    if name == "Money":
        return Money(row[1], row[2], row[3], row[4], row[5], _tuples(row[6]), row[7], row[8])
    if name == "Remark":
        sources = tuple(Ref(*s) for s in row[8])
        return Remark(row[1], row[2], row[3], row[4], row[5], row[6], tuple(row[7]), sources)
    if name == "Found":
        roles = tuple((person, tuple(ids)) for person, ids in row[4])
        return Found(row[1], tuple(row[2]), tuple(row[3]), roles, row[5], row[6], row[7])
    raise ValueError(f"unknown effect {name!r} (known: {', '.join(EFFECTS)})")


def decode_record(row: list[Any]) -> Record:
    key, event, kind, when, people, companies, effects = row
    return Record(
        (key[0], key[1], key[2], key[3]),
        event,
        kind,
        When(when[0], when[1], when[2]),
        _tuples(people),
        _tuples(companies),
        tuple(_effect(e) for e in effects),
    )
