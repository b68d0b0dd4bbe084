"""Records and intervals as the compiled store keeps them, as plain JSON data.

Records (`encode_record`, `decode_record`) are each event's versions: what an
``--as-of`` query builds its intervals from. Intervals are everything known,
built once when the store is: every row as JSON text, beside the two bounds a
day needs. Both go through the one codec (`timeline.store.codec`), derived from
the values' types.

A state on one day reads few of a large folder's rows. Each table's
declaration (`timeline.fold.intervals.KINDS`) says from which day a row may
matter and from which day it surely no longer does; `pack` keeps those two
bounds beside the rows, and `unpack` turns into tuples only the rows that may
matter on the day, plus the people they name. Parsing the store's JSON then
makes one string per row rather than a tree of lists, and a query on 100,000
events decodes hundreds of rows, not all of them.

`unpack` without a day gives every row: the same `Intervals` that
`timeline.fold.intervals.build` made. With a day, it gives a subset on which
`timeline.fold.evaluate.evaluate` answers exactly as on the whole (a test
proves it on every day something changes, and a Hypothesis property on
generated logs); it is not for anything else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from timeline.fold.intervals import ENTITIES, KINDS, Intervals, Issue, Record
from timeline.model.vocabulary import Role, Tracked
from timeline.store.codec import Damaged, decoder, encoder

__all__ = ["Damaged", "Packed", "decode_record", "encode_record", "pack", "unpack", "unpack_dataset"]

Packed = dict[str, Any]


def _text(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def pack(intervals: Intervals) -> Packed:
    """``intervals`` as plain JSON data: per table, its rows as text and the bounds `unpack` filters on."""
    tables: dict[str, Any] = {}
    for kind in KINDS:
        rows = getattr(intervals, kind.table)
        encode = encoder(kind.row)
        tables[kind.table] = {
            "since": [kind.since(r) for r in rows],
            "until": [kind.until(r) for r in rows],
            "rows": [_text(encode(r)) for r in rows],
        }
    # Who each company and person row is, so that a day can keep those its other rows name without
    # decoding them all.
    for table in ENTITIES:
        tables[table]["ids"] = [row.id for row in getattr(intervals, table)]
    return {
        "first": intervals.first,
        "latest": intervals.latest,
        "issues": [_text(encoder(Issue)(i)) for i in intervals.issues],
        # Read whole by every state: the dataset's roles and tracked seats.
        "roles": encoder(tuple[Role, ...])(intervals.roles),
        "tracked": encoder(tuple[Tracked, ...])(intervals.tracked),
        "tables": tables,
    }


def unpack_dataset(packed: Packed) -> tuple[tuple[Role, ...], tuple[Tracked, ...]]:
    """The dataset's roles and tracked seats the intervals were built with."""
    roles: tuple[Role, ...] = decoder(tuple[Role, ...])(packed["roles"])
    tracked: tuple[Tracked, ...] = decoder(tuple[Tracked, ...])(packed["tracked"])
    return roles, tracked


def _bound(value: object) -> int | None:
    if value is None or isinstance(value, int):
        return value if not isinstance(value, bool) else _damaged(value)
    return _damaged(value)


def _damaged(value: object) -> int:
    raise Damaged(f"a bound of {value!r}")


def unpack(packed: Packed, day: int | None = None) -> Intervals:
    """The intervals, or with ``day`` (an ordinal) only the rows that can matter to the state on it."""
    loads = json.loads
    tables = packed["tables"]
    found: dict[str, Any] = {}
    named: set[tuple[str, str]] = set()
    entities: dict[str, tuple[Any, Sequence[str], list[bool], Sequence[str]]] = {}
    for kind in KINDS:
        table = tables[kind.table]
        decode = decoder(kind.row)
        texts: Sequence[str] = table["rows"]
        if day is None:
            found[kind.table] = tuple(decode(loads(text)) for text in texts)
            continue
        since, until = table["since"], table["until"]
        if not (len(since) == len(until) == len(texts)):
            raise Damaged(f"the columns of {kind.table} differ in length")
        # A bound of the wrong type fails the comparison (a TypeError: the file is compiled again).
        keep = [(s is None or s <= day) and (u is None or u > day) for s, u in zip(since, until, strict=True)]
        if kind.table in ENTITIES:
            # Decided last: a kept row of another table may name someone first seen later.
            entities[kind.table] = (decode, texts, keep, table["ids"])
            continue
        rows = tuple(decode(loads(text)) for text, wanted in zip(texts, keep, strict=True) if wanted)
        for row in rows:
            named.update(kind.named(row))
        found[kind.table] = rows
    for name, (decode, texts, keep, ids) in entities.items():
        found[name] = tuple(
            decode(loads(text))
            for text, wanted, key in zip(texts, keep, ids, strict=True)
            if wanted or (name, key) in named
        )
    issues = () if day is not None else tuple(decoder(Issue)(loads(text)) for text in packed["issues"])
    roles, tracked = unpack_dataset(packed)
    return Intervals(
        **found,
        roles=roles,
        tracked=tracked,
        issues=issues,
        first=_bound(packed["first"]),
        latest=_bound(packed["latest"]),
    )


# -- records -------------------------------------------------------------------------------


def encode_record(record: Record) -> list[Any]:
    encoded: list[Any] = encoder(Record)(record)
    return encoded


def decode_record(row: Any) -> Record:
    record: Record = decoder(Record)(row)
    return record
