"""The one cattrs converter: event files in, JSON out.

The command line's JSON and the Python API both go through `converter`, so
the two cannot disagree about the shape of an event or a state. Events are a
tagged union on ``type`` (cattrs' own strategy), so the union in
`timeline.model` is the only list of types.

Hooks are strict on purpose: cattrs by default turns ``1`` into ``"1"`` for
a ``str`` field and ``"1"`` into ``1`` for an ``int`` one, which would let a
mistyped event file load silently. Values come out immutable: arrays become
tuples and tables `FrozenMap`\\ s.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.strategies import configure_tagged_union

from timeline.model import edtf
from timeline.model.events import EVENT_TYPES, Amount, Event
from timeline.model.frozen import FrozenMap, freeze, thaw
from timeline.model.plain import plain

__all__ = [
    "Path",
    "UnknownType",
    "converter",
    "describe",
    "describe_errors",
    "structure_event",
    "unstructure_event",
]

Path = tuple[str | int, ...]

converter = cattrs.Converter(forbid_extra_keys=True)


def toml_type(value: object) -> str:
    """What a TOML value is, in the words a contributor knows."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return "a TOML date (write dates as quoted EDTF strings)"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


class Expected(TypeError):
    """A value of the wrong kind; the message is already in plain words."""


def _strict(kind: type, name: str) -> Any:
    def hook(value: object, _: type) -> object:
        # bool is a subclass of int: a ``true`` must not pass for a number.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise Expected(f"expected {name}, got {toml_type(value)}")
        return value

    return hook


def _structure_edtf(value: object, _: type) -> edtf.EDTF:
    if not isinstance(value, str):
        raise Expected(f"expected an EDTF date string, got {toml_type(value)}")
    return edtf.parse(value)


def _structure_amount(value: object, _: type) -> int | str:
    if value == "undisclosed" or (isinstance(value, int) and not isinstance(value, bool)):
        return value  # type: ignore[return-value,unused-ignore]
    raise Expected(f'expected a whole number or "undisclosed", got {toml_type(value)}')


converter.register_structure_hook(str, _strict(str, "a string"))
converter.register_structure_hook(int, _strict(int, "an integer"))
converter.register_structure_hook(bool, _strict(bool, "a boolean"))
converter.register_structure_hook(edtf.EDTF, _structure_edtf)
converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
converter.register_structure_hook(Amount, _structure_amount)
converter.register_structure_hook(Amount | None, lambda v, t: None if v is None else _structure_amount(v, t))
converter.register_structure_hook_func(lambda target: target is object, lambda value, _: freeze(value))


def _array_only(target: Any) -> Any:
    # cattrs would turn the string "ada" into ("a", "d", "a") for a tuple
    # field; refuse anything but an array, then let cattrs do the rest (it
    # keeps the element index in its error paths).
    def hook(value: object, _: type) -> object:
        if not isinstance(value, list | tuple):
            raise Expected(f"expected an array, got {toml_type(value)}")
        return converter._structure_tuple(value, target)

    return hook


def _frozen_map(target: Any) -> Any:
    key_type, value_type = typing.get_args(target) or (str, object)
    as_dict = converter.get_structure_hook(dict[key_type, value_type])  # type: ignore[valid-type]

    def hook(value: object, _: type) -> FrozenMap[Any, Any]:
        if not isinstance(value, Mapping):
            raise Expected(f"expected a table, got {toml_type(value)}")
        return FrozenMap(as_dict(dict(value), dict))

    return hook


def _origin(target: Any) -> Any:
    return typing.get_origin(target)


def _tag(cls: Any) -> str:
    return str(cls.TYPE)


converter.register_structure_hook_factory(lambda t: _origin(t) is tuple, _array_only)
converter.register_structure_hook_factory(lambda t: _origin(t) is FrozenMap, _frozen_map)
converter.register_unstructure_hook_factory(
    lambda t: t is FrozenMap or _origin(t) is FrozenMap,
    lambda _: lambda value: {k: converter.unstructure(v) for k, v in value.items()},
)
converter.register_unstructure_hook(edtf.EDTF, str)
# A claim's value is typed `object` and kept frozen; as data it is plain JSON again.
converter.register_unstructure_hook_func(lambda t: t is object, thaw)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)
# The state's values and the records are NamedTuples: one function gives their JSON form.
converter.register_unstructure_hook_func(
    lambda t: isinstance(t, type) and issubclass(t, tuple) and hasattr(t, "_fields"), plain
)
configure_tagged_union(Event, converter, tag_name="type", tag_generator=_tag)


class UnknownType(ValueError):
    """An event file's ``type`` is not in the vocabulary; ``guess`` is the closest known type."""

    def __init__(self, message: str, guess: str | None) -> None:
        super().__init__(message)
        self.guess = guess


def structure_event(raw: Mapping[str, Any]) -> Event:
    """Build the event a file's table describes; raise cattrs' errors as they come."""
    kind = raw.get("type")
    if kind not in EVENT_TYPES:
        close = difflib.get_close_matches(str(kind), EVENT_TYPES, n=1) if kind is not None else []
        raise UnknownType(unknown_type_message(kind), close[0] if close else None)
    event: Event = converter.structure(dict(raw), Event)  # type: ignore[arg-type,unused-ignore]
    return event


def unknown_type_message(kind: object) -> str:
    if kind is None:
        return f"missing required field 'type' (one of: {', '.join(EVENT_TYPES)})"
    close = difflib.get_close_matches(str(kind), EVENT_TYPES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown event type {kind!r}{hint} (known types: {', '.join(EVENT_TYPES)})"


def unstructure_event(event: Event) -> dict[str, Any]:
    """The event as plain data, ``type`` first."""
    body: dict[str, Any] = converter.unstructure(event, Event)  # type: ignore[arg-type,unused-ignore]
    return {"type": body.pop("type"), **body}


def describe_errors(exc: BaseException) -> list[tuple[Path, str]]:
    """cattrs' tree of errors as ``(path, message)`` pairs, in plain words.

    The path is the TOML location (keys and array indices) the message is
    about; a missing field's path is its table, and the message names it.
    """
    return list(_walk(exc, ()))


def _walk(exc: BaseException, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(exc, cattrs.BaseValidationError):
        for inner in exc.exceptions:
            yield from _walk(inner, path + _step(inner))
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        names: list[str] = []
        if exc.cl is not None and hasattr(exc.cl, "__attrs_attrs__"):
            names = [a.name for a in exc.cl.__attrs_attrs__ if not a.name.startswith("_")]
        allowed = f" (this table has: {', '.join(names)})" if names else ""
        # One problem per key, at the key's own path, so that the check can give its line.
        for key in sorted(exc.extra_fields):
            yield (*path, key), f"unknown field{_did_you_mean(key, names)}{allowed}"
        return
    if isinstance(exc, KeyError) and path and isinstance(path[-1], str):
        yield path[:-1], f"missing required field {path[-1]!r}"
        return
    if isinstance(exc, Expected | edtf.EDTFError | UnknownType):
        yield path, str(exc)
        return
    choices = _literal_choices(_note_type(exc))
    if choices:
        value = exc.args[0].split(" not in literal", 1)[0] if exc.args and isinstance(exc.args[0], str) else ""
        allowed = ", ".join(repr(a) for a in choices)
        yield path, f"{value!r} is not one of {allowed}{_did_you_mean(value, [str(c) for c in choices])}"
        return
    yield path, f"invalid value ({exc})"


def _did_you_mean(word: str, choices: list[str]) -> str:
    # Stricter than difflib's default, which offers 'summary' for 'salary'.
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _literal_choices(target: Any) -> tuple[object, ...]:
    """The values a ``Literal`` (or an optional one) allows; empty for any other type."""
    if target is None:
        return ()
    if typing.get_origin(target) is Literal:
        return typing.get_args(target)
    return tuple(c for arg in typing.get_args(target) if arg is not type(None) for c in _literal_choices(arg))


def _step(exc: BaseException) -> Path:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if name is not None:
            return (name,)
        index = getattr(note, "index", None)
        if index is not None:
            return (index,)
    return ()


def _note_type(exc: BaseException) -> Any:
    for note in getattr(exc, "__notes__", ()):
        target = getattr(note, "type", None)
        if target is not None:
            return target
    return None


def describe(path: Path, message: str) -> str:
    """A problem about ``path`` in plain words: ``url in sources #2: expected a string``."""
    if not path:
        return message
    leaf = path[-1]
    if isinstance(leaf, str) and any(isinstance(step, int) for step in path):
        return f"{leaf} in {_render(path[:-1])}: {message}"
    return f"{_render(path)}: {message}"


def _render(path: Path) -> str:
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f" #{step + 1}"
        else:
            text += f".{step}" if text else step
    return text
