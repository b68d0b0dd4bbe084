"""Build a folder's compiled store from its files: check, compile, and key it by what was read.

The key is computed from the very bytes the check parsed, so a store can never
map new content to old results: if a file changes between the moment a query
hashes the folder and the moment this reads it, the two keys differ and
`timeline.store` keeps the answer in memory only.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from timeline.check.folder import check_folder
from timeline.check.manifest import ledger_files, release
from timeline.fold.compile import Compiled
from timeline.fold.intervals import Record, build
from timeline.model.convert import unstructure_event
from timeline.model.problems import Problem
from timeline.read.files import DATASET_NAME, Known, read_regular
from timeline.store.checksummed import FORMAT
from timeline.store.freshness import code_key
from timeline.store.packed import Packed, pack

__all__ = ["Built", "build_store", "meta_of"]


class Built(NamedTuple):
    """What a compiled store holds, before it is written."""

    key: str
    meta: dict[str, Any]
    latest: list[Record]
    versions: Any
    events: list[Any]
    intervals: Packed  # everything known, built and packed for `timeline.packed.unpack`
    units: dict[str, Any]  # the check cache: each parsed file's name and digest -> its event and own problems


def _digest(path: Path) -> str | None:
    read = read_regular(str(path), str(path), 1 << 30)
    return None if isinstance(read, Problem) else read.digest


def build_store(where: str | os.PathLike[str], known: Mapping[str, Known] | None = None) -> Built:
    """Check and compile ``where``: its key, meta, records, versions, events and intervals.

    Files in ``known`` are restored from the check cache instead of being read.
    """
    folder = Path(where)
    report = check_folder(folder, known)
    parts = [FORMAT, code_key()]
    named: dict[str, str] = {r.name: r.digest for r in report.reads}
    for extra in (DATASET_NAME, *ledger_files(folder)):
        digest = _digest(folder / extra)
        if digest is not None:
            named[extra] = digest
    parts.extend(f"{name}\0{digest}" for name, digest in sorted(named.items()))
    key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    compiled = report.compiled or Compiled((), ())
    meta = meta_of(report, folder)
    meta["key"] = key
    meta["stable"] = all(r.stable for r in report.reads)
    # A file restored from the check cache keeps the plain form it was restored from.
    kept = known or {}
    plain = {id(f.event): kept[f.name].event if not f.loaded else unstructure_event(f.event) for f in report.files}
    # By name and content: a file's own rules read its name too (it must match the id).
    units = {
        f"{f.name}\0{f.digest}": {
            "event": plain[id(f.event)],
            "own": [[p.line, p.message, p.severity] for p in report.own[f.path]],
        }
        for f in report.files
        if _json_only(plain[id(f.event)])  # a claim's value may be a TOML date: such a file is read each time
    }
    events = [plain[id(e)] for e in report.events] if report.compiled is not None else []
    latest = list(compiled.latest)
    intervals = (
        compiled.intervals
        if compiled.intervals is not None
        else build(latest, report.dataset.roles, report.dataset.tracked)
    )
    return Built(key, meta, latest, compiled.versions, events, pack(intervals), units)


def _json_only(value: object) -> bool:
    """Whether ``value`` is made of JSON's types only (TOML has dates and times besides)."""
    level = [value]
    while level:
        below: list[object] = []
        for item in level:
            if isinstance(item, dict):
                below.extend(item.values())
            elif isinstance(item, list):
                below.extend(item)
            elif not (item is None or isinstance(item, str | int | float)):
                return False
        level = below
    return True


def _relative(path: str, folder: Path) -> str:
    prefix = str(folder).rstrip("/") + "/"
    return "@/" + path[len(prefix) :] if path.startswith(prefix) else path


def meta_of(report: Any, folder: Path) -> dict[str, Any]:
    try:
        head = release(folder).chain
    except (OSError, ValueError):
        head = None
    return {
        "title": report.dataset.title,
        "dataset": {
            "title": report.dataset.title,
            "description": report.dataset.description,
            "licence": report.dataset.licence,
            "homepage": report.dataset.homepage,
        },
        "checked": report.checked,
        # Paths relative to the folder, which may be named differently next time.
        "problems": [[_relative(p.path, folder), p.line, p.message, p.severity] for p in report.problems],
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "head": head,
    }
