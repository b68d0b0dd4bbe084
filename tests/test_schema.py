"""The JSON Schema of event files: generated from the registry, shipped, and in step with the checker."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from tests.helpers import GOOD_FILES, joined, left
from timeline.read.schema import event_schema, render_schema
from timeline.store.compiled import shipped_events

jsonschema = pytest.importorskip("jsonschema")
ROOT = Path(__file__).resolve().parent.parent


def _validator() -> object:
    return jsonschema.Draft202012Validator(event_schema())


def test_the_shipped_schema_is_what_the_registry_generates() -> None:
    shipped = (ROOT / "timeline" / "event.schema.json").read_text(encoding="utf-8")
    assert shipped == render_schema(), "regenerate: timeline schema is generated from timeline/model.py"
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped))
    assert json.loads(CliRunner().invoke(cli.main, ["schema"]).output) == event_schema()


def test_one_definition_per_type_with_its_vocabularies() -> None:
    schema = event_schema()
    from timeline.model.events import EVENT_TYPES

    assert set(EVENT_TYPES) <= set(schema["$defs"])
    left = schema["$defs"]["person-left"]["properties"]
    assert left["how"]["enum"] == ["resigned", "dismissed", "unknown"]
    assert schema["$defs"]["Source"]["properties"]["via"]["enum"] == ["copy", "rewrite", "relay"]


def test_every_shipped_event_validates() -> None:
    validator = _validator()
    for path in sorted(shipped_events().glob("*.toml")):
        if path.name == "dataset.toml":
            continue
        errors = list(validator.iter_errors(tomllib.loads(path.read_text(encoding="utf-8"))))  # type: ignore[attr-defined]
        assert not errors, (path.name, [e.message for e in errors][:3])


@pytest.mark.parametrize(
    "text",
    [
        joined("bob", "2025-02-01").replace('type = "person-joined"', 'type = "person-hired"'),
        joined("bob", "2025-02-01").replace('company = "acme"\n', ""),
        joined("bob", "2025-02-01").replace('company = "acme"', 'company = "acme"\nsalary = 3'),
        joined("bob", "2025-02-01").replace('url = "https://news.example.com/2025-02-01-bob-joins-acme"', "url = 42"),
        joined("bob", "2025-02-01").replace('company = "acme"', 'company = "acme"\nroles = "cto"'),
        left("bob", "2025-03-01", extra='how = "fired"'),
    ],
)
def test_structural_mistakes_the_checker_names_are_rejected_by_the_schema_too(text: str) -> None:
    table = tomllib.loads(text)
    assert list(_validator().iter_errors(table)), text  # type: ignore[attr-defined]


def test_good_files_pass_the_schema() -> None:
    for text in GOOD_FILES:
        assert not list(_validator().iter_errors(tomllib.loads(text)))  # type: ignore[attr-defined]
