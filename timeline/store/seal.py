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
from timeline.read.output import OutputError
from timeline.read.schema import SCHEMA_NAME, render_schema
from timeline.store.build import build_store
from timeline.store.checksummed import write
from timeline.store.compiled import shipped_events, write_shipped
from timeline.store.freshness import PACKAGE, fingerprint

__all__ = ["LandedError", "UnsealableError", "seal_folder", "unseal_folder"]


class UnsealableError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def seal_folder(folder: Path | None, allow_warnings: bool = False) -> list[str]:
    """Seal every unsealed file of ``folder`` (the shipped events by default); return their names.

    It applies what ``timeline check --strict`` (and so CI) applies: a warning refuses the seal, as
    an error does, unless ``allow_warnings``; that a file is not sealed yet is what sealing is for.
    """
    path = shipped_events() if folder is None else folder
    report = check_folder(path)
    blocking = [
        p for p in report.problems if p.severity == "error" or (not allow_warnings and p.message != manifest.UNSEALED)
    ]
    if blocking:
        raise UnsealableError(blocking)
    added = manifest.seal(path, {r.name: r.raw for r in report.reads})
    if os.path.realpath(path) == os.path.realpath(shipped_events()):
        try:
            compile_shipped()
        except OSError as exc:
            # The ledger is whole; only what is derived from it is behind, and the next seal rebuilds it.
            done = f"{len(added)} file(s) sealed, but " if added else ""
            raise OutputError(
                exc.errno, f"{done}the compiled store was not rebuilt ({exc}): run 'timeline seal' again"
            ) from None
    return added


def compile_shipped() -> None:
    """Rebuild the shipped events' compiled store, and the event files' JSON Schema, from what they are now."""
    inputs = fingerprint(str(shipped_events()))
    write_shipped(build_store(shipped_events()), inputs)
    write(os.path.join(PACKAGE, SCHEMA_NAME), render_schema().encode("utf-8"))


class LandedError(Exception):
    """The newest ledger file has landed (or that cannot be told): it is never removed."""


def _git(path: Path, *args: str) -> int:
    """The exit status of a git command run in ``path``; raises `LandedError` if git cannot run."""
    import subprocess

    try:
        return subprocess.run(["git", "-C", str(path), *args], capture_output=True, check=False, timeout=30).returncode
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LandedError(f"git cannot tell whether the ledger has landed ({exc}): it stays as it is") from None


def unseal_folder(folder: Path | None) -> tuple[str, list[str]]:
    """Remove the newest ledger file of ``folder`` if it has not landed; return it and the names it sealed.

    A ledger file has landed once git's ``HEAD`` holds it: from then on it is as immutable as the
    events. One that only this working tree holds (a ``timeline seal`` not yet committed) can go.
    """
    path = shipped_events() if folder is None else folder
    files = manifest.ledger_files(path)
    if not files:
        raise LandedError(f"{path} has no ledger file: nothing is sealed")
    newest = path / files[-1]
    if _git(path, "rev-parse", "--is-inside-work-tree") != 0:
        raise LandedError(f"{path} is not in a git checkout, so whether {newest} has landed cannot be told: it stays")
    if _git(path, "cat-file", "-e", f"HEAD:./{files[-1]}") == 0:
        raise LandedError(f"{newest} has landed (git's HEAD holds it): a landed ledger file never changes")
    entries, _ = manifest.read(path)
    names = [e.name for e in entries if e.file == str(newest)]
    newest.unlink()
    if os.path.realpath(path) == os.path.realpath(shipped_events()):
        compile_shipped()
    return files[-1], names
