"""Older schemas load through the upgrade chain; each keeps a golden file here."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.files import EventFile, read_file
from timeline.model import CURRENT_SCHEMA
from timeline.upgrade import STEPS, UpgradeError, upgrade

GOLDEN = Path(__file__).parent / "golden"


def _load(path: Path) -> EventFile:
    loaded = read_file(path, str(path))
    assert isinstance(loaded, EventFile), loaded
    return loaded


def test_every_old_schema_has_a_golden_file_and_a_step() -> None:
    for version in range(1, CURRENT_SCHEMA):
        assert version in STEPS
        assert list((GOLDEN / f"schema-{version}").glob("*.toml")), f"no golden file for schema {version}"


@pytest.mark.parametrize("version", range(1, CURRENT_SCHEMA))
def test_golden_files_upgrade_to_the_current_schema(version: int) -> None:
    for old in (GOLDEN / f"schema-{version}").glob("*.toml"):
        current = GOLDEN / f"schema-{CURRENT_SCHEMA}" / old.name
        assert _load(old).event == _load(current).event


def test_unknown_schema_is_refused() -> None:
    with pytest.raises(UpgradeError, match="schema 3 is not one this release reads"):
        upgrade({"schema": 3})
    with pytest.raises(UpgradeError, match="'schema' must be an integer"):
        upgrade({"schema": "2"})
