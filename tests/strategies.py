"""Hypothesis strategies for event logs of every type, derived from the registry (`timeline.model.events`).

`event_tables` builds an event of any class in the union from the class's own
fields: their annotations say what kind of value each takes (a string, a date,
an amount, a closed set...) and their metadata what each refers to (a person,
a company, another event), so a new type is generated as soon as it is added
to the union, with nothing to write here. The ids come from small pools, so
events refer to one another, disagree, and make the fold meet every kind of
contradiction; logs are not meant to pass the check (`bench.corpus` makes valid
ones), only to exercise every path of every type.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

from timeline.model.edtf import EDTF, parse
from timeline.model.events import REF, Amount, Event, Investor, Valuation, event_classes
from timeline.model.frozen import FrozenMap
from timeline.model.vocabulary import DEFAULT

__all__ = ["COMPANIES", "PEOPLE", "edtf", "event_tables"]

PEOPLE = {"ada": "Ada", "bob": "Bob", "cy": "Cy", "dee": "Dee"}
COMPANIES = {"acme": "Acme", "globex": "Globex", "initech": "Initech"}
ROLES = DEFAULT.ids
SEATS = DEFAULT.seats
START = dt.date(2020, 1, 1)
SPAN = 900  # days the logs run over
# Fields whose value is an event's own identity or is set by the log, not drawn from the type.
OWN = {"schema", "id", "date", "date_basis", "summary", "sources", "known", "people", "companies", "claims"}

days = st.integers(0, SPAN).map(lambda n: START + dt.timedelta(days=n))


@st.composite
def edtf(draw: st.DrawFn, around: dt.date | None = None) -> str:
    """An EDTF date of any form the project reads: a day, a month, a range, an open start, a time."""
    day = around or draw(days)
    form = draw(st.sampled_from(["day", "month", "range", "open", "time", "approximate"]))
    if form == "day":
        return day.isoformat()
    if form == "month":
        return day.isoformat()[:7]
    if form == "range":
        return f"{day.isoformat()}/{(day + dt.timedelta(days=draw(st.integers(1, 60)))).isoformat()}"
    if form == "open":
        return f"../{day.isoformat()}"
    if form == "time":
        return f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:15:00-08:00"
    return f"{day.isoformat()}~"


def _value(draw: st.DrawFn, name: str, annotation: Any, ref: str | None, events: list[str]) -> Any:
    """A value for one field, from its name, annotation and what it refers to."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation == Amount:
        return draw(st.one_of(st.just("undisclosed"), st.integers(1, 10**10)))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if type(None) in args and draw(st.booleans()):
            return None
        if set(options) == set(typing.get_args(Amount)):
            return _value(draw, name, Amount, ref, events)
        return _value(draw, name, options[0], ref, events)
    if origin is Literal:
        return draw(st.sampled_from(args))
    if ref == "person":
        pool = list(PEOPLE)
    elif ref == "company":
        pool = list(COMPANIES)
    elif ref == "event":
        pool = events or ["2020-01-01-nothing"]
    else:
        pool = []
    if origin is tuple:
        if args[0] is Investor:
            chosen = draw(st.lists(st.sampled_from(list(COMPANIES)), min_size=1, max_size=3, unique=True))
            return [{"id": c, "name": COMPANIES[c], "lead": draw(st.booleans())} for c in chosen]
        if name == "roles":
            return draw(st.lists(st.sampled_from(ROLES), max_size=2, unique=True))
        return draw(st.lists(st.sampled_from(pool or ["x"]), min_size=1 if ref else 0, max_size=3, unique=True))
    if origin is FrozenMap:
        if name == "roles":
            holders = draw(st.lists(st.sampled_from(list(PEOPLE)), max_size=2, unique=True))
            return {p: draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True)) for p in holders}
        return {"summary": draw(st.sampled_from(["Corrected.", "Put right."]))}  # a correction's changes
    if annotation is Valuation:
        basis = draw(st.sampled_from(["pre-money", "post-money", "unspecified"]))
        return {
            "amount": draw(st.integers(1, 10**11)),
            "currency": draw(st.sampled_from(["USD", "EUR"])),
            "basis": basis,
        }
    if annotation is EDTF:
        return draw(edtf())
    if annotation is bool:
        return draw(st.booleans())
    if annotation is int:
        return draw(st.integers(1, 40))
    if annotation is str:
        if pool:
            return draw(st.sampled_from(pool))
        if name in ("role",):
            return draw(st.sampled_from(ROLES))
        if name == "seat":
            return draw(st.sampled_from(SEATS))
        if name == "currency":
            return draw(st.sampled_from(["USD", "EUR"]))
        return draw(st.sampled_from(["A few words.", "Terms not disclosed.", "seed", "Someone"]))
    raise TypeError(f"no strategy for {name}: {annotation!r}")


@st.composite
def event_tables(
    draw: st.DrawFn, classes: tuple[type[Event], ...] | None = None, count: int = 40
) -> list[dict[str, Any]]:
    """A log of up to ``count`` event tables, of every class the union holds (or of ``classes``)."""
    pool = classes or event_classes()
    tables: list[dict[str, Any]] = []
    ids: list[str] = []
    for position in range(draw(st.integers(1, count))):
        cls = draw(st.sampled_from(pool))
        day = draw(days)
        hints = typing.get_type_hints(cls)
        table: dict[str, Any] = {"schema": 3, "type": cls.TYPE}
        for field in attrs.fields(cls):
            if field.name in OWN:
                continue
            optional = field.default is not attrs.NOTHING
            if optional and draw(st.booleans()):
                continue
            value = _value(draw, field.name, hints[field.name], field.metadata.get(REF), ids)
            if value is not None:
                table[field.name] = value
        date = draw(edtf(day))
        event_id = f"{parse(date).file_prefix}-{cls.TYPE}-{position}"
        published = (day + dt.timedelta(days=draw(st.integers(0, 30)))).isoformat()
        kind = draw(st.sampled_from(["primary", "report"]))
        table |= {
            "id": event_id,
            "date": date,
            "date_basis": draw(st.sampled_from(["occurred", "announced", "reported"])),
            "summary": f"Generated {cls.TYPE}.",
            "people": PEOPLE,
            "companies": COMPANIES,
            "sources": [
                {"publisher": "Example", "url": f"https://example.com/{position}", "published": published, "kind": kind}
            ],
        }
        tables.append(table)
        ids.append(event_id)
    return tables
