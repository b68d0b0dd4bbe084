"""Any answer as JSON data, from its type: the one function behind every JSON and JSON Lines output.

A `typing.NamedTuple` becomes an object with its field names, any other tuple
or list an array, a mapping an object, a date its ISO text; strings, numbers,
booleans and ``None`` stay as they are. The state's values (`timeline.fold.state`)
and the intervals are such tuples, so no shape is written twice. The cattrs
converter uses this function for them too (`timeline.model.convert`), and this
one hands attrs classes (events, and some answers) to the converter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

__all__ = ["plain"]


def plain(value: object) -> Any:
    """``value`` as JSON data."""
    if isinstance(value, str | int | float) or value is None:
        return value  # bool is an int
    if isinstance(value, tuple):
        fields = getattr(type(value), "_fields", None)
        if fields is not None:
            return {name: plain(item) for name, item in zip(fields, value, strict=True)}
        return [plain(item) for item in value]
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(type(value), "__attrs_attrs__"):
        # An event or an answer of the attrs kind: the converter knows its shape (and hands
        # any NamedTuple inside it back to this function).
        from timeline.model.convert import converter

        return converter.unstructure(value)
    raise TypeError(f"no JSON form for {type(value).__name__}")
