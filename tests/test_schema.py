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


JOINED = joined("bob", "2025-02-01")
HOSTILE = {
    # what the check refuses -> the field the schema must name
    "a zero-width space in a name": (JOINED.replace('bob = "Bob"', 'bob = "B\\u200bob"'), ("people", "bob")),
    "a bidi override in the summary": (JOINED.replace('summary = "Test', 'summary = "\\u202eTest'), ("summary",)),
    "a raw line break in the summary": (
        JOINED.replace('summary = "Test event 2025-02-01-bob-joins-acme."', 'summary = """Test\nevent."""'),
        ("summary",),
    ),
    "an escape sequence in a publisher": (
        JOINED.replace('publisher = "Example News"', 'publisher = "\\u001b[31mNews"'),
        ("sources", 0, "publisher"),
    ),
    "an empty date": (JOINED.replace('date = "2025-02-01"', 'date = ""'), ("date",)),
    "a javascript: URL": (
        JOINED.replace('url = "https://news.example.com/2025-02-01-bob-joins-acme"', 'url = "javascript:alert(1)"'),
        ("sources", 0, "url"),
    ),
    "a URL with no host": (JOINED.replace("https://news.example.com/", "https:///"), ("sources", 0, "url")),
    "an empty display name": (JOINED.replace('bob = "Bob"', 'bob = ""'), ("people", "bob")),
    "an id that is not kebab-case": (JOINED.replace('bob = "Bob"', 'Bob_X = "Bob"'), ("people",)),
    "an empty summary": (
        JOINED.replace('summary = "Test event 2025-02-01-bob-joins-acme."', 'summary = ""'),
        ("summary",),
    ),
    "no sources": (JOINED.split("[[sources]]")[0], ("sources",)),
    "an unknown field": (JOINED.replace('company = "acme"', 'company = "acme"\nsalary = 3'), ("salary",)),
    "a value outside its closed set": (left("bob", "2025-03-01", extra='how = "fired"'), ("how",)),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_schema_refuses_what_the_check_refuses_and_names_the_field(case: str) -> None:
    text, field = HOSTILE[case]
    table = tomllib.loads(text)
    best = jsonschema.exceptions.best_match(_validator().iter_errors(table))  # type: ignore[attr-defined]
    assert best is not None, case
    path = tuple(best.absolute_path)
    # A missing field is named by the object that lacks it, and by its message.
    named = path[: len(field)] == field or (path == field[:-1] and repr(field[-1]) in best.message)
    assert named, (case, list(best.absolute_path), best.message)


def test_taplo_points_at_the_wrong_fields_line_once(tmp_path: Path) -> None:
    """taplo, the TOML engine of editors: one message for one mistake, on the mistake's line."""
    import shutil
    import subprocess

    taplo = shutil.which("taplo")
    if taplo is None:
        pytest.skip("taplo is not installed (pip install taplo)")
    schema = tmp_path / "event.schema.json"
    schema.write_text(render_schema(), encoding="utf-8")
    for text, line, words in (
        (JOINED.replace('company = "acme"', 'company = "acme"\nsalary = 3'), "salary = 3", "not allowed"),
        (left("bob", "2025-03-01", extra='how = "fired"'), 'how = "fired"', '"fired" is not one of'),
    ):
        path = tmp_path / "2025-02-01-bob-joins-acme.toml"
        path.write_text(text, encoding="utf-8")
        number = text.splitlines().index(line) + 1
        done = subprocess.run(
            [taplo, "check", "--schema", schema.as_uri(), str(path)], capture_output=True, text=True, timeout=60
        )
        errors = [x for x in done.stderr.splitlines() if x.startswith("error:")]
        assert done.returncode == 1 and len(errors) == 1 and words in errors[0], done.stderr
        assert f"{path}:{number}:" in done.stderr, done.stderr
    path.write_text(JOINED, encoding="utf-8")
    done = subprocess.run([taplo, "check", "--schema", schema.as_uri(), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_schema_claims_no_host() -> None:
    assert "$id" not in event_schema()
