"""Bring an event file's table up to the current schema, one version at a time.

Landed files are never rewritten, so a file keeps the schema it was written
in for ever; loading upgrades it in memory through a chain of small steps,
as event-sourcing libraries "upcast" stored events. To change the format:
bump `timeline.model.CURRENT_SCHEMA`, add one step here, and keep a golden
file of the old version under ``tests/golden/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from timeline.model.events import CURRENT_SCHEMA

__all__ = ["UpgradeError", "upgrade"]

Table = dict[str, Any]


class UpgradeError(ValueError):
    """A ``schema`` this release cannot read."""


def _edtf_text(value: object) -> object:
    # Schema 1 wrote TOML dates; schema 2 writes EDTF strings so that a date
    # can be a month, a range or approximate.
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _v1_to_v2(table: Table) -> Table:
    """Schema 1: TOML dates, and ``primary = true/false`` on each source."""
    out = dict(table)
    for key in ("date", "known"):
        if key in out:
            out[key] = _edtf_text(out[key])
    sources = []
    for source in out.get("sources", []):
        if isinstance(source, dict):
            source = dict(source)
            if "published" in source:
                source["published"] = _edtf_text(source["published"])
            if "primary" in source:
                primary = source.pop("primary")
                source["kind"] = "primary" if primary is True else "report"
        sources.append(source)
    if "sources" in out:
        out["sources"] = sources
    out["schema"] = 2
    return out


def _v2_to_v3(table: Table) -> Table:
    """Schema 2: no ``date_basis`` (older files never said what their date was), and
    ``responds_to`` named one claim where a response can answer several."""
    out = dict(table)
    out.setdefault("date_basis", None)
    if isinstance(out.get("responds_to"), str):
        out["responds_to"] = [out["responds_to"]]
    out["schema"] = 3
    return out


STEPS: dict[int, Callable[[Table], Table]] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(table: Table) -> Table:
    """The table in the current schema; raise `UpgradeError` for an unknown one."""
    version = table.get("schema")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UpgradeError(f"'schema' must be an integer version, got {version!r}")
    if version > CURRENT_SCHEMA or version < 1:
        raise UpgradeError(
            f"schema {version} is not one this release reads (1 to {CURRENT_SCHEMA}); upgrade the timeline package"
        )
    while version < CURRENT_SCHEMA:
        table = STEPS[version](table)
        version = table["schema"]
    return table
