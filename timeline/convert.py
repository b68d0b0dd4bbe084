"""The one cattrs converter: event files in, JSON out.

The command line's JSON and the Python API both go through `converter`, so
the two cannot disagree about the shape of an event or a state.

Hooks are strict on purpose: cattrs by default turns ``1`` into ``"1"`` for
a ``str`` field and ``"1"`` into ``1`` for an ``int`` one, which would let a
mistyped event file load silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import cattrs

from . import edtf
from .model import EVENT_TYPES, Event

__all__ = ["converter", "describe_errors", "structure_event", "unstructure_event"]

converter = cattrs.Converter(forbid_extra_keys=True)


def _strict(kind: type, name: str) -> Any:
    def hook(value: object, _: type) -> object:
        # bool is a subclass of int: a ``true`` must not pass for a number.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {name}, got {_toml_type(value)}")
        return value

    return hook


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return "a TOML date (write dates as quoted EDTF strings)"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _structure_edtf(value: object, _: type) -> edtf.EDTF:
    if not isinstance(value, str):
        raise TypeError(f"expected an EDTF date string, got {_toml_type(value)}")
    return edtf.parse(value)


converter.register_structure_hook(str, _strict(str, "a string"))
converter.register_structure_hook(int, _strict(int, "an integer"))
converter.register_structure_hook(bool, _strict(bool, "a boolean"))
converter.register_structure_hook_func(lambda target: target is object, lambda value, _: value)
converter.register_structure_hook(edtf.EDTF, _structure_edtf)


def _array_only(target: Any) -> Any:
    # cattrs would turn the string "ada" into ("a", "d", "a") for a tuple
    # field; refuse anything but an array, then let cattrs do the rest (it
    # keeps the element index in its error paths).
    def hook(value: object, _: type) -> object:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected an array, got {_toml_type(value)}")
        return converter._structure_tuple(value, target)

    return hook


converter.register_structure_hook_factory(
    lambda target: getattr(target, "__origin__", None) is tuple, _array_only
)
converter.register_unstructure_hook(edtf.EDTF, str)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)


def structure_event(raw: dict[str, Any]) -> Event:
    """Build the event a file's table describes; raise cattrs' errors as they come."""
    body = dict(raw)
    kind = body.pop("type", None)
    cls = EVENT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(sorted(EVENT_TYPES))
        raise UnknownType(f"unknown event type {kind!r} (known types: {known})")
    return converter.structure(body, cls)


def unstructure_event(event: Event) -> dict[str, Any]:
    """The event as plain data, ``type`` first."""
    body: dict[str, Any] = converter.unstructure(event)
    return {"type": event.TYPE, **body}


class UnknownType(ValueError):
    """An event file's ``type`` is not in the vocabulary."""


def _format(exc: BaseException, target: type | None) -> str:
    if isinstance(exc, (edtf.EDTFError, UnknownType)):
        return str(exc)
    if isinstance(exc, TypeError) and exc.args and str(exc.args[0]).startswith("expected "):
        return str(exc.args[0])
    if target is not None and _is_literal(target):
        allowed = ", ".join(repr(a) for a in target.__args__)  # type: ignore[attr-defined]
        return f"invalid value, expected one of {allowed}"
    return cattrs.v.format_exception(exc, target)


def _is_literal(target: object) -> bool:
    return getattr(target, "__origin__", None) is Literal


def describe_errors(exc: BaseException) -> list[str]:
    """cattrs' error tree as ``message @ $.path`` lines, with our own wording."""
    if isinstance(exc, (cattrs.BaseValidationError, edtf.EDTFError, UnknownType)):
        return cattrs.transform_error(exc, format_exception=_format)
    raise exc
