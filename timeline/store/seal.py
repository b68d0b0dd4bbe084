"""``timeline seal``: append new files to the ledger once the folder passes the check.

Sealing the shipped events also rebuilds their compiled store
(``timeline/compiled/``), which ships read-only with the package, and the JSON
Schema of an event file (``timeline/event.schema.json``), which is generated
from the event classes: after a type is added, ``timeline seal`` is the one
command that brings both up to date.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from timeline.check import manifest
from timeline.check.folder import check_folder
from timeline.model.problems import Problem
from timeline.read.schema import SCHEMA_NAME, render_schema
from timeline.store.build import build_store
from timeline.store.checksummed import write
from timeline.store.compiled import shipped_events, write_shipped
from timeline.store.freshness import PACKAGE, fingerprint

__all__ = ["UnsealableError", "seal_folder"]


class UnsealableError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def seal_folder(folder: Path | None) -> list[str]:
    """Seal every unsealed file of ``folder`` (the shipped events by default); return their names."""
    path = shipped_events() if folder is None else folder
    report = check_folder(path)
    if report.errors:
        raise UnsealableError(report.errors)
    added = manifest.seal(path, {r.name: r.raw for r in report.reads})
    if os.path.realpath(path) == os.path.realpath(shipped_events()):
        compile_shipped()
    return added


def compile_shipped() -> None:
    """Rebuild the shipped events' compiled store, and the event files' JSON Schema, from what they are now."""
    inputs = fingerprint(str(shipped_events()))
    write_shipped(build_store(shipped_events()), inputs)
    write(os.path.join(PACKAGE, SCHEMA_NAME), render_schema().encode("utf-8"))
