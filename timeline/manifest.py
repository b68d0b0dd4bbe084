"""The events folder's ledger: a hash of every landed file, chained in landing order.

``events/MANIFEST`` has one line per sealed file::

    <sha256 of the file>  <chain>  <file name>

where ``chain`` is the SHA-256 of the previous line's chain, the file's hash
and its name. Editing a landed file changes its hash; removing one leaves a
line with no file; reordering or rewriting lines breaks the chain. Sealing
only ever appends. (Rewriting the whole chain is still possible by hand; the
test suite compares the manifest with every earlier version in git history,
so that cannot happen silently either.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from attrs import frozen

from .files import MANIFEST_NAME
from .problems import Problem

__all__ = ["Entry", "Release", "UnknownRelease", "chain_next", "read", "release", "seal", "verify"]

GENESIS = "timeline-manifest-v1"
HEADER = (
    "# Ledger of landed event files, in landing order; append-only (timeline seal).\n"
    "# <sha256 of file>  <chain>  <file name>\n"
)


@frozen
class Entry:
    digest: str
    chain: str
    name: str
    line: int


def chain_next(previous: str, digest: str, name: str) -> str:
    return hashlib.sha256(f"{previous} {digest} {name}".encode()).hexdigest()


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class UnknownRelease(ValueError):
    """No single ledger entry matches the release asked for."""


@frozen
class Release:
    """A point in the ledger: the first ``entries`` sealed files, ending in ``chain``.

    Naming one (by a prefix of its chain hash) replays exactly what that
    release of the data held, whatever was added after it.
    """

    entries: int
    chain: str
    names: frozenset[str]


def release(folder: Path, chain_prefix: str | None = None) -> Release:
    """The release ending at the entry whose chain starts with ``chain_prefix`` (default: the latest)."""
    entries, _ = read(folder)
    if chain_prefix is None:
        chosen = len(entries)
    else:
        matches = [i for i, e in enumerate(entries, start=1) if e.chain.startswith(chain_prefix.lower())]
        if len(matches) != 1:
            found = "no" if not matches else "more than one"
            raise UnknownRelease(
                f"{found} entry of {folder / MANIFEST_NAME} has a chain starting {chain_prefix!r}"
            )
        chosen = matches[0]
    kept = entries[:chosen]
    return Release(chosen, kept[-1].chain if kept else GENESIS, frozenset(e.name for e in kept))


def read(folder: Path) -> tuple[tuple[Entry, ...], tuple[Problem, ...]]:
    path = folder / MANIFEST_NAME
    if not path.exists():
        return (), ()
    entries, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3:
            problems.append(
                Problem(str(path), number, "manifest line is not '<sha256>  <chain>  <file name>'")
            )
            continue
        entries.append(Entry(parts[0], parts[1], parts[2], number))
    return tuple(entries), tuple(problems)


def verify(folder: Path, raws: dict[str, bytes]) -> tuple[Problem, ...]:
    """Problems with ``folder``'s ledger, given the bytes of the files present by name."""
    entries, problems = read(folder)
    found = list(problems)
    shown = str(folder / MANIFEST_NAME)
    previous = GENESIS
    broken = False
    for entry in entries:
        file_shown = str(folder / entry.name)
        raw = raws.get(entry.name)
        if raw is None:
            found.append(
                Problem(
                    file_shown,
                    None,
                    f"was removed after it landed (sealed at {shown}:{entry.line}); "
                    "landed events are immutable: restore it and retract it with a new event",
                )
            )
        elif digest(raw) != entry.digest:
            found.append(
                Problem(
                    file_shown,
                    None,
                    f"was edited after it landed (sealed at {shown}:{entry.line}); "
                    "restore it and record the fix as a new correction event",
                )
            )
        expected = chain_next(previous, entry.digest, entry.name)
        if entry.chain != expected and not broken:
            found.append(
                Problem(
                    shown,
                    entry.line,
                    f"the chain breaks at {entry.name}: manifest lines were reordered, rewritten or removed",
                )
            )
            broken = True
        previous = entry.chain
    sealed = {entry.name for entry in entries}
    for name in sorted(set(raws) - sealed):
        found.append(
            Problem(
                str(folder / name),
                None,
                "not sealed yet: run 'timeline seal' once it is ready to land",
                severity="warning",
            )
        )
    return tuple(found)


def seal(folder: Path, raws: dict[str, bytes]) -> list[str]:
    """Append every unsealed file to the ledger, by name; return the names added."""
    entries, _ = read(folder)
    sealed = {entry.name for entry in entries}
    previous = entries[-1].chain if entries else GENESIS
    path = folder / MANIFEST_NAME
    lines = [] if path.exists() else [HEADER]
    added = []
    for name in sorted(set(raws) - sealed):
        file_digest = digest(raws[name])
        previous = chain_next(previous, file_digest, name)
        lines.append(f"{file_digest}  {previous}  {name}\n")
        added.append(name)
    with path.open("a", encoding="utf-8") as ledger:
        ledger.writelines(lines)
    return added
