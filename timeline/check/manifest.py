"""The events folder's ledger: a hash of every landed file, chained in landing order.

The ledger is ``events/MANIFEST`` followed by ``MANIFEST.2``, ``MANIFEST.3``
and so on: each ``timeline seal`` writes one new ledger file and never
changes an earlier one, so a ledger file, once landed, is as immutable as
the events it lists. Together they have one line per sealed file::

    <sha256 of the file>  <chain>  <file name>

where ``chain`` is the SHA-256 of the previous line's chain (across ledger
files), the file's hash and its name, so each entry's chain commits to every
entry before it.

What it catches: a landed file edited (its hash changes), removed (a line
with no file), or ledger lines reordered, rewritten or dropped (the chain
breaks). What it cannot catch on its own: someone who edits a file *and*
recomputes every later chain consistently. A pinned release catches that:
``timeline check --pin CHAIN`` fails unless some entry's chain still starts
with CHAIN, and a pin kept outside the folder (the README, CI) cannot be
rewritten with it. The test suite also compares the ledger with every
earlier version in git history. SECURITY.md lists the threats and tests.

Sealing only ever adds a ledger file, under a lock, written beside and
renamed into place: a crash or a full disk leaves the ledger as it was or
with the new file whole, never half a line.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen

from timeline.model.problems import Problem, UnknownRelease
from timeline.read import output
from timeline.read.files import MANIFEST_NAME, decode, is_ledger, read_regular

__all__ = [
    "Entry",
    "Release",
    "UnknownRelease",
    "chain_next",
    "check_pin",
    "is_ledger",
    "ledger_files",
    "read",
    "release",
    "seal",
    "verify",
]

GENESIS = "timeline-manifest-v1"
HEADER = (
    "# Ledger of landed event files, in landing order (timeline seal adds MANIFEST.2, .3, ...; none changes).\n"
    "# <sha256 of file>  <chain>  <file name>\n"
)
CONTINUED = "# Ledger of landed event files, continued from {previous}; written once by timeline seal.\n"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")


@frozen
class Entry:
    digest: str
    chain: str
    name: str
    line: int
    file: str = ""  # the ledger file it is on, as shown


def ledger_files(folder: Path) -> list[str]:
    """The ledger's file names in ``folder``, in order (``MANIFEST`` first)."""
    try:
        names = [e.name for e in os.scandir(folder) if is_ledger(e.name)]
    except OSError:
        return []
    return sorted(names, key=lambda n: int(n.partition(".")[2] or 1))


def chain_next(previous: str, digest: str, name: str) -> str:
    return hashlib.sha256(f"{previous} {digest} {name}".encode()).hexdigest()


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@frozen
class Release:
    """A point in the ledger: the first ``entries`` sealed files, ending in ``chain``.

    Naming one (by a prefix of its chain hash) replays exactly what that
    release of the data held, whatever was added after it.
    """

    entries: int
    chain: str
    names: frozenset[str]


def _text(path: Path) -> tuple[str | None, tuple[Problem, ...]]:
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
        entries.append(Entry(parts[0], parts[1], parts[2], number, shown))
    return entries, problems


def read(folder: Path) -> tuple[tuple[Entry, ...], tuple[Problem, ...]]:
    """Every entry of the ledger, across its files in order, and what is wrong with them."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for position, name in enumerate(ledger_files(folder), start=1):
        path = folder / name
        if name != (MANIFEST_NAME if position == 1 else f"{MANIFEST_NAME}.{position}"):
            problems.append(Problem(str(path), None, f"a ledger file is missing before {name}"))
        text, unreadable = _text(path)
        problems.extend(unreadable)
        if text is not None:
            found, bad = _parse(text, str(path))
            entries.extend(found)
            problems.extend(bad)
    return tuple(entries), tuple(problems)


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


UNSEALED = "not sealed yet: run 'timeline seal' once it is ready to land"


def verify(folder: Path, digests: dict[str, str]) -> tuple[Problem, ...]:
    """Problems with ``folder``'s ledger, given the SHA-256 of each file present, by name."""
    entries, problems = read(folder)
    found = list(problems)
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
                    f"was removed after it landed (sealed at {entry.file}:{entry.line}); "
                    "landed events are immutable: restore it and retract it with a new event",
                )
            )
        elif found_digest != entry.digest:
            found.append(
                Problem(
                    file_shown,
                    None,
                    f"was edited after it landed (sealed at {entry.file}:{entry.line}); "
                    "restore it and record the fix as a new correction event",
                )
            )
        expected = chain_next(previous, entry.digest, entry.name)
        if entry.chain != expected and not broken:
            found.append(
                Problem(
                    entry.file,
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
                UNSEALED,
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
    """Add every unsealed file to the ledger, by name, in a new ledger file; return the names added.

    Concurrent seals wait for one another. The new file is written whole
    (flushed to disk, renamed into place); no earlier ledger file changes.
    """
    with _locked(folder):
        entries, problems = read(folder)
        if problems:
            raise OSError(f"cannot seal: {problems[0]}")
        sealed = {entry.name for entry in entries}
        previous = entries[-1].chain if entries else GENESIS
        existing = ledger_files(folder)
        target = MANIFEST_NAME if not existing else f"{MANIFEST_NAME}.{len(existing) + 1}"
        lines = [HEADER if not existing else CONTINUED.format(previous=existing[-1])]
        added = []
        for name in sorted(set(raws) - sealed):
            file_digest = digest(raws[name])
            previous = chain_next(previous, file_digest, name)
            lines.append(f"{file_digest}  {previous}  {name}\n")
            added.append(name)
        if added:
            if os.path.lexists(folder / target):
                raise OSError(f"cannot seal: {folder / target} is in the way")
            output.replace(folder / target, "".join(lines).encode("utf-8"), durable=True)
        return added
