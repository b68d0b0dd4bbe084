"""Older schemas load through the upgrade chain; each keeps a golden file here."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from timeline.model.events import CURRENT_SCHEMA
from timeline.read.files import EventFile, parse_event, read_regular
from timeline.read.upgrade import STEPS, UpgradeError, upgrade

GOLDEN = Path(__file__).parent / "golden"


def _load(path: Path) -> EventFile:
    read = read_regular(str(path), str(path), 1 << 16)
    assert not isinstance(read, Exception) and hasattr(read, "raw"), read
    loaded = parse_event(read)  # type: ignore[arg-type]
    assert isinstance(loaded, EventFile), loaded
    return loaded


def test_every_old_schema_has_a_golden_file_and_a_step() -> None:
    for version in range(1, CURRENT_SCHEMA):
        assert version in STEPS
        assert list((GOLDEN / f"schema-{version}").glob("*.toml")), f"no golden file for schema {version}"


@pytest.mark.parametrize("version", range(1, CURRENT_SCHEMA))
def test_golden_files_upgrade_to_the_current_schema(version: int) -> None:
    for old in (GOLDEN / f"schema-{version}").glob("*.toml"):
        current = _load(GOLDEN / f"schema-{CURRENT_SCHEMA}" / old.name).event
        # Files before schema 3 never said what their date is: the upgrade says so (None).
        assert _load(old).event == attrs.evolve(current, date_basis=None)


def test_unknown_schema_is_refused() -> None:
    with pytest.raises(UpgradeError, match="schema 4 is not one this release reads"):
        upgrade({"schema": 4})
    with pytest.raises(UpgradeError, match="'schema' must be an integer"):
        upgrade({"schema": "2"})


def test_schema_2_responds_to_becomes_a_list() -> None:
    assert upgrade({"schema": 2, "responds_to": "x"})["responds_to"] == ["x"]
