"""The Frictionless Data Package export: valid, keyed, and usable from pandas."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ask.api import Timeline
from timeline.export.datapackage import export_datapackage


@pytest.fixture(scope="module")
def package(tl: Timeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_datapackage(tl, tmp_path_factory.mktemp("datapackage"))


def test_the_package_validates_with_frictionless(package: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_tables_keys_licence_and_version(package: Path, tl: Timeline) -> None:
    import json

    descriptor = json.loads(package.read_text(encoding="utf-8"))
    names = {r["name"] for r in descriptor["resources"]}
    assert names == {
        *("people", "companies", "units", "events", "stints", "roles", "reporting_lines", "seats"),
        *("funding_rounds", "sources", "citations", "claims"),
    }
    roles = next(r for r in descriptor["resources"] if r["name"] == "roles")
    assert roles["schema"]["primaryKey"] == ["person", "company", "role", "start_event"]
    assert {"fields": ["start_event"], "reference": {"resource": "events", "fields": ["id"]}} in roles["schema"][
        "foreignKeys"
    ]
    types = {f["name"]: f["type"] for f in roles["schema"]["fields"]}
    assert types["start"] == "string" and types["start_lower"] == "date"
    assert descriptor["licenses"][0]["name"] == "MIT"
    assert descriptor["version"] == f"ledger-{tl.store.meta['head'][:12]}"
    assert {"title": "Wired"} in descriptor["sources"]
    fields = {f["name"]: f for f in roles["schema"]["fields"]}
    # Open starts are bounded by the other facts, and the description says so (not "the EDTF's bound").
    assert "for an open start the bound the other facts give" in fields["start_lower"]["description"]
    stints = next(r for r in descriptor["resources"] if r["name"] == "stints")
    assert {"fields": ["person"], "reference": {"resource": "people", "fields": ["id"]}} in stints["schema"][
        "foreignKeys"
    ]


def test_pandas_answers_a_readme_question_from_the_package(package: Path) -> None:
    pd = pytest.importorskip("pandas")
    roles = pd.read_csv(package.parent / "roles.csv", parse_dates=["start_lower", "end_upper"])
    day = pd.Timestamp("2025-12-01")
    cto = roles[
        (roles.company == "thinking-machines-lab")
        & (roles.role == "cto")
        & (roles.start_lower <= day)
        & (roles.end_upper.isna() | (roles.end_upper >= day))
    ]
    assert list(cto.name) == ["Barret Zoph"]
    sources = pd.read_csv(package.parent / "sources.csv")
    assert (sources[sources.via.notna()].label.str.contains(r"\(via ")).all()
