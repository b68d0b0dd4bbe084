"""Everything that can be wrong with an events folder, found in one pass.

`check_folder` is what ``timeline check`` prints and what every query relies
on: no answer is ever given from data that fails it. Per-file problems come
from `timeline.files` (reading) and `timeline.rules` (one event's rules);
this module adds the ones that need the whole folder: duplicate ids and
facts, names, references between events, corrections, chronology and the
ledger. A landed file's problems that a correction fixes are not reported:
the correction is how a landed file is mended.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
from attrs import frozen

from timeline.check import manifest
from timeline.check.coverage import gap_problems
from timeline.check.identities import fork_problems
from timeline.check.rules import check_event, fact_key
from timeline.fold.compile import Compiled, compile_events
from timeline.fold.intervals import build
from timeline.fold.knowledge import Fix, apply_changes, fix_day, fixes_by_target
from timeline.model.events import ClaimMade, Correction, Event, Retraction, references
from timeline.model.ordering import sort_events
from timeline.model.problems import Findings, Problem, Severity
from timeline.read import locate
from timeline.read.dataset import Dataset, read_dataset
from timeline.read.files import EventFile, Known, Read, read_folder

__all__ = ["Report", "check_files", "check_folder"]


@frozen
class Report(Findings):
    """The outcome of a check: the events read, every problem found, and the compiled events."""

    files: tuple[EventFile, ...]
    problems: tuple[Problem, ...]
    checked: int  # event files looked at, including those that could not be read
    dataset: Dataset
    reads: tuple[Read, ...] = ()
    compiled: Compiled | None = None  # None when any error stops the events from compiling
    own: dict[str, tuple[Problem, ...]] = attrs.field(factory=dict)  # each file's own rules' problems, by path

    @property
    def events(self) -> tuple[Event, ...]:
        return sort_events([f.event for f in self.files])


def check_folder(folder: Path, known: Mapping[str, Known] | None = None) -> Report:
    """Check every file of ``folder``; those in ``known`` are restored from the check cache, not read."""
    read = read_folder(folder, known)
    dataset, dataset_problems = read_dataset(folder)
    unreadable = any(p.severity == "error" for p in read.problems)
    own = {f.path: f.own if f.own is not None else tuple(check_event(f, dataset)) for f in read.files}
    sealed = frozenset(entry.name for entry in manifest.read(folder)[0])
    found, compiled = check_files(read.files, dataset, unreadable, own, sealed)
    ledger = manifest.verify(folder, {r.name: r.digest for r in read.reads})
    said = any(p.path == str(folder) for p in read.problems)  # an unreadable folder is named once
    empty = () if read.scanned or said else (Problem(str(folder), None, "no event files (*.toml) in this folder"),)
    problems = tuple(sorted(set([*read.problems, *dataset_problems, *found, *ledger, *empty]), key=_order))
    if any(p.severity == "error" for p in problems):
        compiled = None
    return Report(read.files, problems, read.scanned, dataset, read.reads, compiled, own)


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def _at(file: EventFile, path: tuple[str | int, ...], message: str, severity: Severity = "error") -> Problem:
    return Problem(file.path, locate.line_of(file.source(), path) or 1, message, severity)


def check_files(
    files: tuple[EventFile, ...],
    dataset: Dataset,
    unreadable: bool = False,
    own: Mapping[str, tuple[Problem, ...]] | None = None,
    sealed: frozenset[str] = frozenset(),
) -> tuple[list[Problem], Compiled | None]:
    """Problems that need more than one file to see (plus each event's own rules), and the compiled events.

    With ``unreadable`` (some file could not be read as an event) the
    chronology is not checked: a missing join would show as a false
    "left without joining".
    """
    problems: list[Problem] = []
    by_id: dict[str, EventFile] = {}
    for file in files:
        other = by_id.get(file.event.id)
        if other is not None:
            problems.append(_at(file, ("id",), f"duplicate id {file.event.id!r}, also used by {other.path}"))
        else:
            by_id[file.event.id] = file
    fixes = fixes_by_target(f.event for f in by_id.values())
    for file in files:
        found = own.get(file.path) if own is not None else None
        problems.extend(_own_problems(file, fixes.get(file.event.id, []), by_id, dataset, found))
    problems.extend(_check_references(files, by_id))
    problems.extend(_check_names(files))
    problems.extend(fork_problems(files, sealed, dataset.distinct))
    problems.extend(_check_duplicates(files))
    if unreadable or any(p.severity == "error" for p in problems):
        return problems, None
    # Chronology only makes sense once every event is well-formed.
    compiled = compile_events(sort_events(f.event for f in files))
    intervals = build(compiled.latest, dataset.roles, dataset.tracked)
    for issue in intervals.issues:
        problems.append(_at(by_id[issue.event], ("date",), issue.message, issue.severity))
    problems.extend(gap_problems(intervals, dataset))
    return problems, compiled._replace(intervals=intervals)  # kept: the store packs these very intervals


def _own_problems(
    file: EventFile,
    fixes: list[Fix],
    by_id: dict[str, EventFile],
    dataset: Dataset,
    found: tuple[Problem, ...] | None = None,
) -> Iterator[Problem]:
    own = list(found) if found is not None else list(check_event(file, dataset))
    corrections = [f for f in fixes if isinstance(f, Correction)]
    if not corrections or any(isinstance(f, Retraction) for f in fixes):
        yield from own
        return
    event = file.event
    last: Correction | None = None
    for fix in sorted(corrections, key=lambda f: (fix_day(f, event), f.id)):
        try:
            event = apply_changes(event, fix.changes)
        except Exception:  # noqa: BLE001 - reported by _check_references
            yield from own
            return
        last = fix
    assert last is not None
    after = list(check_event(attrs.evolve(file, event=event), dataset, corrected=True))
    still = {p.message for p in after}
    before = {p.message for p in own}
    yield from (p for p in own if p.message in still)
    fixer = by_id[last.id]
    for problem in after:
        if problem.message not in before:
            yield _at(
                fixer,
                ("changes",),
                f"after this correction, {file.event.id}: {problem.message}",
                problem.severity,
            )


def _check_references(files: tuple[EventFile, ...], by_id: dict[str, EventFile]) -> Iterator[Problem]:
    for file in files:
        event = file.event
        for name, kind, ref in references(event):
            if kind != "event":
                continue
            target = by_id.get(ref)
            if target is None:
                yield _at(file, (name,), f"{name} names {ref!r}, which is no event's id")
            elif name == "responds_to" and not isinstance(target.event, ClaimMade):
                yield _at(file, (name,), f"responds_to names {ref!r}, which is not a claim")
            elif isinstance(event, Correction | Retraction):
                if isinstance(target.event, Correction | Retraction):
                    yield _at(file, (name,), f"{ref!r} is itself a correction; correct the original event")
                elif isinstance(event, Correction):
                    try:
                        apply_changes(target.event, event.changes)
                    except Exception:  # noqa: BLE001 - any failure means the changes do not fit
                        yield _at(file, ("changes",), f"changes do not fit a {target.event.TYPE} event")


def _check_names(files: tuple[EventFile, ...]) -> Iterator[Problem]:
    seen: dict[str, tuple[str, EventFile]] = {}
    for file in files:
        for table in ("people", "companies"):
            for key, name in getattr(file.event, table).items():
                first = seen.setdefault(key, (name, file))
                if first[0] != name:
                    yield _at(
                        file,
                        (table, key),
                        f"{key} is named {name!r} here but {first[0]!r} in {first[1].path}",
                    )


def _check_duplicates(files: tuple[EventFile, ...]) -> Iterator[Problem]:
    seen: dict[tuple[object, ...], EventFile] = {}
    for file in files:
        key = fact_key(file.event)
        if key is None:
            continue
        first = seen.setdefault(key, file)
        if first is not file:
            yield _at(
                file,
                ("type",),
                f"records the same fact as {first.path}: correct that event instead of copying it",
            )
