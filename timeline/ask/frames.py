"""pandas DataFrames of `timeline.records`, with proper dtypes (``pip install 'tml-talent-timeline[pandas]'``).

>>> from timeline import frames
>>> stints = frames.stints(timeline.load())
>>> left = stints[(stints.company == "thinking-machines-lab") & stints.end.notna()]

Dates become datetime64 columns (an imprecise date gives two: ``*_lower``
and ``*_upper``), flags nullable booleans, text pandas strings.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from timeline.ask import records

if TYPE_CHECKING:
    import pandas as pd

    from timeline.ask.api import DateLike, Timeline

__all__ = ["events", "frame", "lines", "roles", "roster", "rounds", "stints"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrames need pandas: pip install 'tml-talent-timeline[pandas]'") from None
    return pandas


def _dtype(annotation: Any) -> str:
    if typing.get_origin(annotation) is tuple:
        return "object"
    options = set(typing.get_args(annotation)) if isinstance(annotation, types.UnionType) else {annotation}
    options.discard(type(None))
    kind = options.pop() if len(options) == 1 else str
    if kind is dt.date:
        return "datetime64"
    if kind is bool:
        return "boolean"
    if kind is int:
        return "Int64"
    return "string"


def frame(rows: Sequence[Any], cls: type) -> pd.DataFrame:
    """A DataFrame of records of class ``cls`` (a NamedTuple), one column per field, typed by its annotation.

    A tuple of strings stays a tuple in its cell (an ``object`` column).
    """
    pd = _pandas()
    hints = typing.get_type_hints(cls)
    names: list[str] = list(cls._fields)  # type: ignore[attr-defined]
    data = {name: [getattr(row, name) for row in rows] for name in names}
    out = pd.DataFrame(data, columns=names)
    for name in names:
        kind = _dtype(hints[name])
        out[name] = pd.to_datetime(out[name]) if kind.startswith("datetime") else out[name].astype(kind)
    return out


def events(tl: Timeline, as_of: DateLike | None = None) -> pd.DataFrame:
    """Every event (as corrected, as known on ``as_of``), one row each: `records.EventRecord`."""
    return frame(records.events(tl, as_of), records.EventRecord)


def stints(tl: Timeline, as_of: DateLike | None = None) -> pd.DataFrame:
    """Every stint of a person at a company, with its dates, how it ended and where they went: `records.StintRecord`."""
    return frame(records.stints(tl, as_of), records.StintRecord)


def roster(tl: Timeline, date: DateLike, as_of: DateLike | None = None) -> pd.DataFrame:
    """Everyone named at a company on ``date``, with their roles: `records.MemberRecord`."""
    return frame(records.roster(tl, date, as_of), records.MemberRecord)


def roles(tl: Timeline, as_of: DateLike | None = None) -> pd.DataFrame:
    """Every role held, with its own start and end (not the stint's): `records.RoleRecord`."""
    return frame(records.roles(tl, as_of), records.RoleRecord)


def lines(tl: Timeline, as_of: DateLike | None = None) -> pd.DataFrame:
    """Every reporting line, ending when either person leaves: `records.LineRecord`."""
    return frame(records.lines(tl, as_of), records.LineRecord)


def rounds(tl: Timeline, as_of: DateLike | None = None) -> pd.DataFrame:
    """Every funding round, with amounts and valuations (null where unknown, not zero): `records.RoundRecord`."""
    return frame(records.rounds(tl, as_of), records.RoundRecord)
