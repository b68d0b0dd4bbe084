"""One codec for everything the compiled store holds, derived from the values' own types.

The store keeps records, effects and interval rows (`typing.NamedTuple`\\ s of
`timeline.fold.intervals`) as JSON. `encoder` and `decoder` read a type's
annotations once and build a function for it: a NamedTuple is an array of its
fields in order, a tuple an array, an optional value ``null`` or the value, and
a union of NamedTuples (the effects) an array led by the class's name, looked up
in a registry made from the union itself. No class has a decoder of its own, so
none can be forgotten, and a new field is encoded and decoded as soon as it is
declared.

Each NamedTuple's decoder is compiled once into one Python function from its
fields' annotations (what attrs and cattrs do for their classes): a query decodes
hundreds of rows, and a generic walk per value costs more than the rows. It checks
the shape (every row an array of the class's length, every tag known) and raises
`Damaged` otherwise: a file that passes its checksum but holds the wrong shape is
compiled again, never read into an answer.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union

__all__ = ["Damaged", "decoder", "encoder"]

Decode = Callable[[Any], Any]
Encode = Callable[[Any], Any]


class Damaged(ValueError):
    """Stored data that does not have the shape its type says."""


_decoders: dict[Any, Decode] = {}
_encoders: dict[Any, Encode] = {}


def _is_namedtuple(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _union_args(tp: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin is Union or origin is types.UnionType else None


def decoder(tp: Any) -> Callable[[Any], Any]:
    """The function that turns stored JSON data back into a value of type ``tp``."""
    found = _decoders.get(tp)
    if found is None:
        found = _decoders[tp] = _make_decoder(tp)
    return found


def encoder(tp: Any) -> Callable[[Any], Any]:
    """The function that turns a value of type ``tp`` into JSON data for the store."""
    found = _encoders.get(tp)
    if found is None:
        found = _encoders[tp] = _make_encoder(tp)
    return found


def _identity(value: Any) -> Any:
    return value


def _make_decoder(tp: Any) -> Decode:
    if tp in (str, int, bool, type(None)) or typing.get_origin(tp) is Literal:
        # JSON gives these their own types; a value of the wrong one fails where it is used, and a
        # checksum guards the file against damage (a same-user forgery is outside the threat model).
        return _identity
    if _is_namedtuple(tp):
        return _namedtuple_decoder(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        return _tuple_decoder(args)
    union = _union_args(tp)
    if union is not None:
        others = [a for a in union if a is not type(None)]
        if len(others) == 1:
            inner = decoder(others[0])
            if inner is _identity:
                return _identity
            return lambda value: None if value is None else inner(value)
        if all(_is_namedtuple(a) for a in others):
            return _tagged_decoder(others, type(None) in union)
    raise TypeError(f"the store has no codec for {tp!r}")


def _expression(tp: Any, item: str, helpers: dict[str, Any]) -> str:
    """Python source that decodes ``item`` as ``tp``, inlined where that saves a call."""
    inner = decoder(tp)
    if inner is _identity:
        return item
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    union = _union_args(tp)
    if union is not None and len([a for a in union if a is not type(None)]) == 1:
        (other,) = [a for a in union if a is not type(None)]
        return f"(None if {item} is None else {_expression(other, item, helpers)})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        element = decoder(args[0])
        if element is _identity:
            return f"tuple({item})"
        name = f"d{len(helpers)}"
        helpers[name] = element
        return f"tuple(map({name}, {item}))"
    name = f"d{len(helpers)}"
    helpers[name] = inner
    return f"{name}({item})"


def _namedtuple_decoder(cls: Any) -> Decode:
    """A decoder for ``cls``, compiled from its fields' annotations into one function."""
    hints = typing.get_type_hints(cls)
    fields: tuple[str, ...] = cls._fields
    size = len(fields)
    helpers: dict[str, Any] = {"cls": cls, "new": tuple.__new__, "Damaged": Damaged, "list": list}

    def late(value: Any) -> Any:  # stands in while the fields' decoders are made (a type may contain itself)
        return compiled(value)

    _decoders[cls] = late
    parts = [_expression(hints[name], f"v[{i}]", helpers) for i, name in enumerate(fields)]
    source = (
        "def decode(v):\n"
        f"    if type(v) is not list or len(v) != {size}:\n"
        f"        raise Damaged('expected {size} fields of {cls.__name__}')\n"
        f"    return new(cls, ({', '.join(parts)}{',' if size == 1 else ''}))\n"
    )
    exec(compile(source, f"<decoder of {cls.__name__}>", "exec"), helpers)
    compiled: Decode = helpers["decode"]
    _decoders[cls] = compiled
    return compiled


def _tuple_decoder(args: tuple[Any, ...]) -> Decode:
    if len(args) == 2 and args[1] is Ellipsis:
        item = decoder(args[0])
        if item is _identity:
            return tuple
        return lambda value: tuple(map(item, value))
    items = [decoder(a) for a in args]
    size = len(items)

    def fixed(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != size:
            raise Damaged(f"expected an array of {size}")
        return tuple([d(x) for d, x in zip(items, value, strict=True)])

    return fixed


def _tagged_decoder(classes: list[Any], optional: bool) -> Decode:
    registry = {cls.__name__: cls for cls in classes}

    def decode(value: Any) -> Any:
        if value is None and optional:
            return None
        if type(value) is not list or not value or type(value[0]) is not str:
            raise Damaged("expected a tagged array")
        cls = registry.get(value[0])
        if cls is None:
            raise Damaged(f"unknown tag {value[0]!r} (known: {', '.join(registry)})")
        return decoder(cls)(value[1:])

    return decode


def _make_encoder(tp: Any) -> Encode:
    if _is_namedtuple(tp):
        hints = typing.get_type_hints(tp)
        encoders: list[Encode] = []
        _encoders[tp] = lambda value: [e(item) for e, item in zip(encoders, value, strict=True)]
        encoders.extend(encoder(hints[name]) for name in tp._fields)
        return _encoders[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = encoder(args[0])
            return lambda value: [item(x) for x in value]
        items = [encoder(a) for a in args]
        return lambda value: [e(x) for e, x in zip(items, value, strict=True)]
    union = _union_args(tp)
    if union is not None:
        others = [a for a in union if a is not type(None)]
        if len(others) > 1 and all(_is_namedtuple(a) for a in others):
            return lambda value: None if value is None else [type(value).__name__, *encoder(type(value))(value)]
        if len(others) == 1:
            inner = encoder(others[0])
            return lambda value: None if value is None else inner(value)
    return _same


def _same(value: Any) -> Any:
    return value
