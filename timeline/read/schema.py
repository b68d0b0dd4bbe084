"""A JSON Schema for event files, generated from the event union: never written by hand beside it.

Editors that speak JSON Schema for TOML (taplo, and the editors built on it)
check an event file as it is typed. One ``$defs`` entry per event type, the
closed vocabularies as enums, and descriptions from the classes' docstrings
and the format doc's field table. ``timeline schema`` prints it; the package
ships it as ``timeline/event.schema.json`` and a test keeps that file equal
to what this module generates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from typing import Any, Literal

import attrs

from timeline.model.edtf import EDTF
from timeline.model.events import CURRENT_SCHEMA, Amount, BaseEvent, Claim, Investor, Source, Valuation, event_classes
from timeline.model.frozen import FrozenMap
from timeline.model.text import UNSAFE_CLASS, URL
from timeline.model.vocabulary import DEFAULT

__all__ = ["SCHEMA_NAME", "event_schema", "render_schema"]

SCHEMA_NAME = "event.schema.json"
ID = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Not the whole EDTF subset (the checker parses dates), but enough to catch a wrong shape as you type.
EDTF_PATTERN = (
    r"^(\.\.|[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9:]{8}(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?)?)?[~?%]?)?"
    r"(/(\.\.|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?)?)?$"
)
# Text the check accepts: no control, bidi, zero-width or separator character, however TOML spells it.
TEXT = {"type": "string", "pattern": f"^[^{UNSAFE_CLASS}]*$"}
UNKNOWN_FIELD = {"not": {}, "description": "No field of this name in this event type (docs/event-format.md)."}
# Strings that name things must also say something.
NAMED = {"people", "companies", "summary", "publisher", "title", "reason", "claimant", "name", "note"}

# What the format doc says of the fields every event has (docs/event-format.md, "Fields every event has").
COMMON = {
    "schema": "Format version; 3 today. Older files are upgraded on load.",
    "id": "The file name without .toml; starts with the event's date as written.",
    "type": "One of the event types.",
    "date": "When the fact happened, as precisely as the sources allow (EDTF).",
    "date_basis": "What the date is: the day it occurred, was announced, or was first reported (then write a "
    "range that ends at the report).",
    "summary": "One line, in your own words.",
    "known": "When it became public, if not the earliest source's published date (EDTF).",
    "people": "Every person the event names: id -> display name.",
    "companies": "Every company the event names: id -> display name.",
    "sources": "At least one source, with its URL.",
    "claims": "Where sources disagree on a field: one claim per value, naming the keys of its sources.",
}
FIELD_NOTES = {
    "publisher": "The outlet that originated the report.",
    "url": "Where it was read; if on another site than the publisher's, say how in via.",
    "via": "copy, rewrite or relay: the URL is another site's copy of the publisher's report.",
    "kind": "primary: the people or company speaking for themselves; report: journalism.",
    "role": "A role id of the dataset's [roles] (in dataset.toml), such as: " + ", ".join(DEFAULT.ids) + ".",
    "amount": 'An integer, or "undisclosed" (never 0 for unknown).',
}


def _schema(annotation: Any, name: str | None = None) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is Amount:
        return {"oneOf": [{"type": "integer", "exclusiveMinimum": 0}, {"const": "undisclosed"}]}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _schema(options[0], name)
        if set(options) == set(typing.get_args(Amount)):
            return _schema(Amount)
        return {"anyOf": [_schema(a, name) for a in options]}
    if origin is Literal:
        return {"enum": list(args)}
    if annotation is str:
        if name == "role":
            return {"type": "string", "anyOf": [{"enum": list(DEFAULT.ids)}, {"pattern": ID}]}
        if name in ("id", "person", "company", "about", "corrects", "retracts", "destination", "came_from"):
            return {"type": "string", "pattern": ID}
        if name == "url":
            return {"type": "string", "pattern": URL.pattern}
        return {**TEXT, "minLength": 1} if name in NAMED else dict(TEXT)
    if annotation is int:
        return {"type": "integer"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is EDTF:
        return {"$ref": "#/$defs/edtf"}
    if annotation is object:
        return {}
    if origin is tuple:
        item = _schema(args[0], "role" if name == "roles" else None)
        return {"type": "array", "items": item}
    if origin is FrozenMap:
        values = _schema(args[1], name if name in ("people", "companies") else "roles" if name == "roles" else None)
        keyed = {"propertyNames": {"pattern": ID}} if name in ("people", "companies", "roles") else {}
        return {"type": "object", **keyed, "additionalProperties": values}
    if annotation in (Source, Claim, Investor, Valuation):
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    if annotation is dt.date:
        return {"type": "string", "format": "date"}
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _object(cls: type, extra: dict[str, Any] | None = None, description: str | None = None) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = dict(extra or {})
    required = list(properties)
    for attribute in attrs.fields(cls):
        if attribute.name.startswith("_"):
            continue
        schema = _schema(hints[attribute.name], attribute.name)
        note = COMMON.get(attribute.name) or FIELD_NOTES.get(attribute.name)
        if note:
            schema = {**schema, "description": note}
        properties[attribute.name] = schema
        optional = attribute.default is not attrs.NOTHING or _is_optional(hints[attribute.name])
        if not optional:
            required.append(attribute.name)
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
        # A schema, not `false`: the mistake is then reported at the unknown field's own line (taplo
        # and jsonschema both put it there), not once per line of the whole table.
        "additionalProperties": UNKNOWN_FIELD,
    }
    if description:
        out["description"] = description
    return out


def _is_optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def _doc(cls: type) -> str:
    text = (cls.__doc__ or "").strip()
    return re.sub(r"\s+", " ", text.split("\n\n")[0])


def event_schema() -> dict[str, Any]:
    """The JSON Schema of an event file of the current schema."""
    definitions: dict[str, Any] = {
        "edtf": {
            "type": "string",
            "pattern": EDTF_PATTERN,
            "minLength": 1,
            "not": {"const": "/"},
            "description": "A date in the EDTF subset of the format doc.",
        },
        # Capitalised: the event types' lowercase tags (such as "claim") are defs too.
        "Source": _object(Source, description=_doc(Source)),
        "Claim": _object(Claim, description=_doc(Claim)),
        "Investor": _object(Investor),
        "Valuation": _object(Valuation),
    }
    branches = []
    for cls in event_classes():
        tag = {"type": {"const": cls.TYPE, "description": COMMON["type"]}}
        body = _object(cls, tag, _doc(cls))
        # Files of schema 2 are still read (upgraded on load): they never said date_basis, and named
        # one claim in responds_to. A file of the current schema must say date_basis.
        body["properties"]["schema"] = {"enum": [2, CURRENT_SCHEMA], "description": COMMON["schema"]}
        body["properties"]["sources"]["minItems"] = 1
        body["required"] = [r for r in body["required"] if r != "date_basis"]
        body["if"] = {"properties": {"schema": {"const": CURRENT_SCHEMA}}}
        body["then"] = {"required": ["date_basis"]}
        if "responds_to" in body["properties"]:
            body["properties"]["responds_to"] = {
                "anyOf": [body["properties"]["responds_to"], {"type": "string", "pattern": ID}],
                "description": "The claim ids this one answers.",
            }
        definitions[cls.TYPE] = body
        # Dispatch on the type: a wrong field gets one message, from its own type's definition, where
        # a oneOf over every type would give one per type and name none of them.
        branches.append(
            {
                "if": {"properties": {"type": {"const": cls.TYPE}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{cls.TYPE}"},
            }
        )
    # No $id: the project owns no host to put one on; editors find the schema by path.
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"A timeline event file (schema {CURRENT_SCHEMA})",
        "description": _doc(BaseEvent) + " See docs/event-format.md.",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": [cls.TYPE for cls in event_classes()], "description": COMMON["type"]}},
        "allOf": branches,
        "$defs": definitions,
    }


SCHEMA_NAME = "event.schema.json"  # shipped in the package, beside the compiled store


def render_schema() -> str:
    return json.dumps(event_schema(), indent=2, ensure_ascii=False) + "\n"
