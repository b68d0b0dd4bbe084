"""The events folder's ledger: a hash of every landed file, chained in landing order.

``events/MANIFEST`` has one line per sealed file::

    <sha256 of the file>  <chain>  <file name>

where ``chain`` is the SHA-256 of the previous line's chain, the file's hash
and its name, so each entry's chain commits to every entry before it.

What it catches: a landed file edited (its hash changes), removed (a line
with no file), or ledger lines reordered, rewritten or dropped (the chain
breaks). What it cannot catch on its own: someone who edits a file *and*
recomputes every later chain consistently. A pinned release catches that:
``timeline check --pin CHAIN`` fails unless some entry's chain still starts
with CHAIN, and a pin kept outside the folder (the README, CI) cannot be
rewritten with it. The test suite also compares the ledger with every
earlier version in git history. SECURITY.md lists the threats and tests.

Sealing only ever appends, under a lock, by writing a new ledger beside the
old one and renaming it into place: a crash or a full disk leaves the old
ledger or the new one, never half a line.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen

from .files import MANIFEST_NAME, decode, read_regular
from .problems import Problem

__all__ = [
    "Entry",
    "Release",
    "UnknownRelease",
    "chain_next",
    "check_pin",
    "read",
    "release",
    "seal",
    "verify",
]

GENESIS = "timeline-manifest-v1"
HEADER = (
    "# Ledger of landed event files, in landing order; append-only (timeline seal).\n"
    "# <sha256 of file>  <chain>  <file name>\n"
)
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")


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


def _text(folder: Path) -> tuple[str | None, tuple[Problem, ...]]:
    path = folder / MANIFEST_NAME
    if not os.path.lexists(path):
        return None, ()
    read = read_regular(str(path), str(path), MAX_MANIFEST_BYTES)
    if isinstance(read, Problem):
        return None, (read,)
    text = decode(read)
    if isinstance(text, Problem):
        return None, (text,)
    return text, ()


def _parse(text: str, shown: str) -> tuple[list[Entry], list[Problem]]:
    entries, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or not all(len(p) == 64 and set(p) <= _HEX for p in parts[:2]):
            problems.append(Problem(shown, number, "manifest line is not '<sha256>  <chain>  <file name>'"))
            continue
        entries.append(Entry(parts[0], parts[1], parts[2], number))
    return entries, problems


def read(folder: Path) -> tuple[tuple[Entry, ...], tuple[Problem, ...]]:
    text, problems = _text(folder)
    if text is None:
        return (), problems
    entries, found = _parse(text, str(folder / MANIFEST_NAME))
    return tuple(entries), tuple(found)


def release(folder: Path, chain_prefix: str | None = None) -> Release:
    """The release ending at the entry whose chain starts with ``chain_prefix`` (default: the latest)."""
    entries, _ = read(folder)
    if chain_prefix is None:
        chosen = len(entries)
    else:
        matches = [i for i, e in enumerate(entries, start=1) if e.chain.startswith(chain_prefix.lower())]
        if len(matches) != 1 or len(chain_prefix) < 6:
            found = "no" if not matches else "more than one"
            if len(chain_prefix) < 6:
                found = "a release needs at least 6 characters of its chain; no"
            raise UnknownRelease(f"{found} entry of {folder / MANIFEST_NAME} has a chain starting {chain_prefix!r}")
        chosen = matches[0]
    kept = entries[:chosen]
    return Release(chosen, kept[-1].chain if kept else GENESIS, frozenset(e.name for e in kept))


def check_pin(folder: Path, chain_prefix: str) -> tuple[Problem, ...]:
    """A problem unless the ledger still holds the pinned release, unbroken, up to it."""
    shown = str(folder / MANIFEST_NAME)
    entries, problems = read(folder)
    previous = GENESIS
    for entry in entries:
        if entry.chain != chain_next(previous, entry.digest, entry.name):
            break
        if entry.chain.startswith(chain_prefix.lower()) and len(chain_prefix) >= 6:
            return problems
        previous = entry.chain
    return (
        *problems,
        Problem(
            shown,
            None,
            f"the pinned release {chain_prefix} is not in the ledger: the ledger was rewritten "
            "(or the pin is wrong); landed events are immutable",
        ),
    )


def verify(folder: Path, digests: dict[str, str]) -> tuple[Problem, ...]:
    """Problems with ``folder``'s ledger, given the SHA-256 of each file present, by name."""
    entries, problems = read(folder)
    found = list(problems)
    shown = str(folder / MANIFEST_NAME)
    previous = GENESIS
    broken = False
    for entry in entries:
        file_shown = str(folder / entry.name)
        found_digest = digests.get(entry.name)
        if found_digest is None:
            found.append(
                Problem(
                    file_shown,
                    None,
                    f"was removed after it landed (sealed at {shown}:{entry.line}); "
                    "landed events are immutable: restore it and retract it with a new event",
                )
            )
        elif found_digest != entry.digest:
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
    for name in sorted(set(digests) - sealed):
        found.append(
            Problem(
                str(folder / name),
                None,
                "not sealed yet: run 'timeline seal' once it is ready to land",
                severity="warning",
            )
        )
    return tuple(found)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    # The folder itself is the lock (flock on its descriptor): it always
    # exists, and locking it leaves no file behind.
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def seal(folder: Path, raws: dict[str, bytes]) -> list[str]:
    """Append every unsealed file to the ledger, by name; return the names added.

    Concurrent seals wait for one another; the ledger is replaced whole
    (written, flushed to disk, renamed), never appended to in place.
    """
    path = folder / MANIFEST_NAME
    with _locked(folder):
        text, problems = _text(folder)
        if problems:
            raise OSError(f"cannot seal: {problems[0]}")
        entries, bad = _parse(text or "", str(path))
        if bad:
            raise OSError(f"cannot seal: {bad[0]}")
        sealed = {entry.name for entry in entries}
        previous = entries[-1].chain if entries else GENESIS
        lines = [text if text is not None else HEADER]
        if lines[0] and not lines[0].endswith("\n"):
            lines[0] += "\n"
        added = []
        for name in sorted(set(raws) - sealed):
            file_digest = digest(raws[name])
            previous = chain_next(previous, file_digest, name)
            lines.append(f"{file_digest}  {previous}  {name}\n")
            added.append(name)
        if added:
            _replace(path, "".join(lines).encode("utf-8"))
        return added


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
