"""``timeline new``: a new event file of a given type, from what the contributor knows.

The fields come from the type's own class (`timeline.model.events`): which are
required, what each refers to (a person, a company, another event), what kind of
value each takes. Display names come from the folder: a known id brings its name,
an unknown id close to a known one is answered with the known one (did you mean),
and a new id needs its name. The id and the file name come from the date and the
event's headline (`timeline.model.describe`), the schema is the current one, and
only the summary is left to the contributor's own words. The file is checked as
written, in its folder, before it is kept.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from timeline.check.folder import check_folder
from timeline.model.convert import structure_event
from timeline.model.describe import headline
from timeline.model.edtf import parse
from timeline.model.events import CURRENT_SCHEMA, REF, BaseEvent, Event, event_classes
from timeline.model.problems import Problem
from timeline.read.dataset import read_dataset
from timeline.read.files import read_folder
from timeline.read.writing import event_toml

__all__ = ["Draft", "DraftError", "Field", "Known", "draft", "fields_of", "known_names"]

COMMON = ("date", "date_basis", "summary")
SOURCE = ("url", "publisher", "published", "kind", "via")
TODO = "TODO: in your own words, what happened"


class Field(NamedTuple):
    """A field a contributor fills: its name, whether it is required, what it refers to, its allowed values."""

    name: str
    required: bool
    ref: str | None
    choices: tuple[str, ...]
    many: bool  # an array of ids


class Known(NamedTuple):
    """The ids a folder already names, with their display names."""

    people: Mapping[str, str]
    companies: Mapping[str, str]


class Draft(NamedTuple):
    path: Path
    text: str
    problems: tuple[Problem, ...]  # what the check says of the new file, in its folder


class DraftError(ValueError):
    """What the contributor must still give (or correct), in words."""


def fields_of(kind: str) -> tuple[Field, ...]:
    """The type's own fields, in the order its class declares them."""
    cls = next((c for c in event_classes() if kind == c.TYPE), None)
    if cls is None:
        raise DraftError(f"unknown event type {kind!r}")
    hints = typing.get_type_hints(cls)
    out = []
    own = {a.name for a in attrs.fields(BaseEvent)}
    for attribute in attrs.fields(cls):
        if attribute.name in own:
            continue
        annotation = hints[attribute.name]
        choices = tuple(str(c) for c in _literal(annotation))
        many = typing.get_origin(annotation) is tuple
        out.append(
            Field(attribute.name, attribute.default is attrs.NOTHING, attribute.metadata.get(REF), choices, many)
        )
    return tuple(out)


def _literal(annotation: Any) -> tuple[object, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return tuple(c for a in typing.get_args(annotation) if a is not type(None) for c in _literal(a))


def known_names(folder: Path) -> Known:
    """Every person and company id the folder's readable events name, with its display name."""
    people: dict[str, str] = {}
    companies: dict[str, str] = {}
    for file in read_folder(folder).files:
        people.update({k: v for k, v in file.event.people.items() if k not in people})
        companies.update({k: v for k, v in file.event.companies.items() if k not in companies})
    return Known(people, companies)


def _resolve(value: str, table: Mapping[str, str], names: Mapping[str, str], what: str) -> tuple[str, str]:
    """``(id, display name)`` for an id given: known, or new with its name; a near miss is refused."""
    if value in table:
        return value, table[value]
    close = difflib.get_close_matches(value, list(table), n=1, cutoff=0.8)
    by_name = {name.casefold(): key for key, name in table.items()}
    if value.replace("-", " ").casefold() in by_name:
        close = [by_name[value.replace("-", " ").casefold()]]
    if value not in names:
        hint = f"; did you mean {close[0]!r} ({table[close[0]]})?" if close else ""
        raise DraftError(f"{what} {value!r} is not in the events{hint} A new {what} needs its name: --name {value}=...")
    if close:
        raise DraftError(
            f"{what} {value!r} is new but close to the known {close[0]!r} ({table[close[0]]}): "
            f"use {close[0]!r}, or give a new id further from it"
        )
    return value, names[value]


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return "-".join(words.split("-")[:10])


def draft(
    folder: Path,
    kind: str,
    values: Mapping[str, str],
    source: Mapping[str, str],
    names: Mapping[str, str],
    known: Known | None = None,
    write: Callable[[Path, str], None] | None = None,
) -> Draft:
    """The new event of type ``kind``: checked, and written into ``folder`` if ``write`` is given.

    ``values`` holds the common and type fields as text (arrays comma-separated); ``source``
    the first source (url, publisher, published, kind, via); ``names`` the display names of new
    ids. Raises `DraftError` naming everything missing or wrong at once.
    """
    known = known or known_names(folder)
    fields = fields_of(kind)
    problems: list[str] = []
    table: dict[str, Any] = {"schema": CURRENT_SCHEMA, "id": "", "type": kind}
    people: dict[str, str] = {}
    companies: dict[str, str] = {}
    date = values.get("date")
    if not date:
        problems.append("the date is missing (--date YYYY-MM-DD, or a range such as ../2026-06-18)")
    else:
        try:
            parse(date)
        except ValueError as exc:
            problems.append(f"date: {exc}")
    table["date"] = date or ""
    table["date_basis"] = values.get("date_basis") or ""
    if not table["date_basis"]:
        problems.append("the date basis is missing (--date-basis occurred|announced|reported|scheduled)")
    table["summary"] = values.get("summary") or TODO
    for field in fields:
        raw = values.get(field.name)
        if raw is None or raw == "":
            if field.required:
                problems.append(f"{field.name} is missing (--set {field.name}=...)")
            continue
        if field.choices and raw not in field.choices:
            problems.append(f"{field.name} must be one of {', '.join(field.choices)}, not {raw!r}")
            continue
        items = [part.strip() for part in raw.split(",") if part.strip()] if field.many else [raw]
        if field.ref in ("person", "company"):
            table_ids, target = (known.people, people) if field.ref == "person" else (known.companies, companies)
            resolved = []
            for item in items:
                try:
                    key, name = _resolve(item, table_ids, names, field.ref)
                except DraftError as exc:
                    problems.append(str(exc))
                    continue
                target[key] = name
                resolved.append(key)
            table[field.name] = resolved if field.many else (resolved[0] if resolved else raw)
            continue
        try:
            table[field.name] = items if field.many else _scalar(raw)
        except DraftError as exc:
            problems.append(f"{field.name}: {exc}")
    for key in ("url", "publisher", "published", "kind"):
        if not source.get(key):
            problems.append(f"the source's {key} is missing (--{key})")
    if problems:
        raise DraftError("\n".join(problems))
    table["people"] = people
    table["companies"] = companies
    table["sources"] = [{k: source[k] for k in SOURCE if source.get(k)}]
    try:
        event: Event = structure_event({**table, "id": "draft"})
    except Exception as exc:  # noqa: BLE001 - cattrs' errors, said in words below
        raise DraftError(f"the values do not make a {kind} event: {exc}") from None
    event_id = f"{parse(date or '').file_prefix}-{_slug(headline(event, read_dataset(folder)[0].roles))}"
    table["id"] = event_id
    text = event_toml({k: v for k, v in table.items() if v not in ({}, [], None)})
    path = folder / f"{event_id}.toml"
    if path.exists():
        raise DraftError(f"{path} already exists: the same fact may be recorded; correct that event instead")
    if write is None:
        return Draft(path, text, ())
    write(path, text)
    found = tuple(p for p in check_folder(folder).problems if p.path == str(path))
    return Draft(path, text, found)


def _scalar(raw: str) -> Any:
    """A value given as text: a whole number, true or false, an inline TOML table or array, else the text."""
    if raw[:1] in ("{", "["):
        try:
            return tomllib.loads(f"value = {raw}")["value"]
        except tomllib.TOMLDecodeError as exc:
            raise DraftError(f"{raw!r} is not a TOML value ({exc})") from None
    if re.fullmatch(r"[0-9][0-9_]*", raw):
        return int(raw.replace("_", ""))
    if raw in ("true", "false"):
        return raw == "true"
    return raw
