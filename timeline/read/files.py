"""Read an events folder safely: bytes -> TOML tables -> upgraded -> typed events.

Event files come from contributors, so reading them is a boundary. Only
regular files are read: a FIFO, socket, device, folder, dangling or looping
symlink, or a symlink out of the folder is a named problem and is never
opened in a way that can block. Size, nesting depth, key count and dotted-key
length are bounded before and after parsing, so that no file can make the
check spend more than a fraction of a second or a few megabytes.

Every file is read, and every problem found is kept, so that one run reports
all of them. Nothing here knows about other files; `timeline.check` does the
checks that need the whole log.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from attrs import frozen

from timeline.model.convert import UnknownType, describe, describe_errors, structure_event
from timeline.model.events import Event
from timeline.model.problems import Problem
from timeline.model.text import hidden_characters
from timeline.read import locate
from timeline.read.output import words
from timeline.read.upgrade import UpgradeError, upgrade

__all__ = [
    "DATASET_NAME",
    "MANIFEST_NAME",
    "MAX_FILE_BYTES",
    "EventFile",
    "Folder",
    "Known",
    "Read",
    "decode",
    "is_ledger",
    "parse_event",
    "parse_toml",
    "read_folder",
    "read_regular",
    "scan",
]

MANIFEST_NAME = "MANIFEST"
_LEDGER = re.compile(rf"{MANIFEST_NAME}(?:\.([1-9][0-9]*))?")
DATASET_NAME = "dataset.toml"
MAX_FILE_BYTES = 64 * 1024
MAX_DEPTH = 8  # tables and arrays nested in one another
MAX_ITEMS = 4000  # keys and array items in one file
MAX_KEY_PARTS = 16  # parts of one dotted key: tomllib is quadratic in them
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@frozen
class Read:
    """The bytes of one regular file, exactly as parsed, with what identifies them."""

    name: str
    shown: str
    raw: bytes
    digest: str  # SHA-256 of ``raw``
    stat: tuple[int, int, int, int]  # size, mtime_ns, inode, mode, from the open file
    stable: bool  # unchanged while it was read


@frozen
class EventFile:
    """One event file: where it is, its text (for line numbers) and its event.

    A file restored from the check cache (`Known`) was not read: its ``text``
    and ``raw`` are empty until `source` reads them, which only a problem's
    line number needs; ``own`` then holds the problems its own rules found.
    """

    path: str
    name: str
    text: str
    raw: bytes
    digest: str
    event: Event
    loaded: bool = True
    own: tuple[Problem, ...] | None = None  # the event's own rules' problems, when already known

    def source(self) -> str:
        """The file's text, read now if it was restored without it (empty if it cannot be read)."""
        if self.loaded:
            return self.text
        read = read_regular(self.path, self.path, MAX_FILE_BYTES)
        text = decode(read) if isinstance(read, Read) else read
        return text if isinstance(text, str) else ""


class Known(NamedTuple):
    """A file the check has seen before with these very bytes, as the check cache keeps it."""

    digest: str
    stat: tuple[int, int, int, int]  # size, mtime_ns, inode, mode, from the stat index
    event: dict[str, Any]  # the typed event, unstructured
    own: list[list[Any]]  # its own rules' problems: [line, message, severity]


@frozen
class Folder:
    """What reading a folder gave: the events, the problems, and every readable file's bytes."""

    files: tuple[EventFile, ...]
    problems: tuple[Problem, ...]
    reads: tuple[Read, ...]  # every regular *.toml event file, readable as an event or not
    scanned: int  # every *.toml entry looked at, regular file or not


def is_ledger(name: str) -> bool:
    """``MANIFEST`` or one of the ledger files that continue it: ``MANIFEST.2``, ``MANIFEST.3``..."""
    found = _LEDGER.fullmatch(name)
    return found is not None and found.group(1) != "1"


def scan(folder: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The event files of ``folder`` as ``(name, shown path)``, and the stray entries as problems."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    # os.scandir, not Path.iterdir: at 10,000 files, building Path objects and
    # calling stat() several times each costs a fifth of parsing them.
    try:
        with os.scandir(folder) as entries:
            ordered = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        return [], [Problem(str(folder), None, f"cannot read this events folder: {words(exc)}")]
    for entry in ordered:
        name = entry.name
        shown = os.path.join(folder, name)
        if name == DATASET_NAME or is_ledger(name) or name.startswith("."):
            continue
        if not name.endswith(".toml"):
            kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
            problems.append(
                Problem(shown, None, f"stray {kind}: the events folder holds only *.toml files and MANIFEST")
            )
            continue
        found.append((name, shown))
    return found, problems


def read_regular(path: str, shown: str, limit: int, root: str | None = None) -> Read | Problem:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else a problem.

    With ``root``, a symlink must lead to a file inside that folder.
    """
    try:
        if os.path.islink(path):
            target = os.path.realpath(path)
            if root is not None and os.path.commonpath([root, target]) != root:
                return Problem(shown, None, f"symlink to {target}, outside the events folder")
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Problem(shown, None, _open_problem(exc))
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            return Problem(shown, None, f"not a regular file ({_kind(before.st_mode)}); it was not read")
        if before.st_size > limit:
            return Problem(shown, None, f"file is {before.st_size} bytes; the limit is {limit}")
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return Problem(shown, None, f"file grew past {limit} bytes while it was read")
        after = os.fstat(fd)
    except OSError as exc:
        return Problem(shown, None, f"could not be read ({exc.strerror or exc})")
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    identity = (after.st_size, after.st_mtime_ns, after.st_ino, after.st_mode)
    # Held still while read: the bytes are one version of the file (a cache may key results by them).
    stable = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns) and after.st_size == len(raw)
    return Read(os.path.basename(path), shown, raw, hashlib.sha256(raw).hexdigest(), identity, stable)


def _open_problem(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "symlink loop: it leads back to itself"
    if exc.errno == errno.ENOENT:
        return "dangling symlink: its target does not exist"
    if exc.errno == errno.ENXIO:
        return "not a regular file (a socket or a device with no reader); it was not read"
    if exc.errno == errno.EACCES:
        return "could not be read: permission denied"
    return f"could not be opened ({exc.strerror or exc})"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def decode(read: Read) -> str | Problem:
    try:
        return read.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = read.raw[: exc.start].count(b"\n") + 1
        byte = read.raw[exc.start]
        return Problem(read.shown, line, f"not UTF-8 (byte {byte:#04x} at offset {exc.start})")


def parse_toml(text: str, shown: str) -> dict[str, Any] | Problem:
    """``text`` as a TOML table, or the problem that stops it, within bounded time and memory."""
    guard = _guard(text, shown)
    if guard is not None:
        return guard
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        where: int | None = int(found.group(1)) if found else None
        if "(at end of document)" in str(exc):
            where = text.count("\n") + 1
        message = _TOML_LINE.sub("", str(exc)).replace("(at end of document)", "at the end of the file")
        return Problem(shown, where, f"invalid TOML: {message.strip()}")
    except RecursionError:
        return Problem(shown, None, f"invalid TOML: nested more than {MAX_DEPTH} levels deep")
    except (ValueError, MemoryError) as exc:
        # tomllib raises ValueError for an integer of more than 4,300 digits.
        return Problem(shown, None, f"invalid TOML: {str(exc)[:200]}")
    depth, items = _measure(table)
    if depth > MAX_DEPTH:
        return Problem(shown, None, f"nested {depth} levels deep; an event file nests at most {MAX_DEPTH}")
    if items > MAX_ITEMS:
        return Problem(shown, None, f"{items} keys and array items; an event file has at most {MAX_ITEMS}")
    return table


_PART = r"[^=\[\]\"'\n.]*"
_LONG_KEY = re.compile(rf"^[ \t]*\[{{0,2}}{_PART}(?:\.{_PART}){{{MAX_KEY_PARTS}}}", re.M)


def _guard(text: str, shown: str) -> Problem | None:
    # tomllib's time and memory grow with the square of a dotted key's length
    # (a 32 KB key takes seconds and a gigabyte), so count parts before parsing.
    found = _LONG_KEY.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        return Problem(shown, line, f"a key with more than {MAX_KEY_PARTS} dotted parts")
    return None


def _measure(table: dict[str, Any]) -> tuple[int, int]:
    """How deep tables and arrays nest in ``table`` (itself one level), and how many keys and items it holds."""
    # tomllib makes only dicts and lists as containers; a plain loop over them is
    # a fifth of the check's cost less than a recursive walk with ABC checks.
    deepest, items = 1, 0
    level: list[Any] = [table]
    depth = 1
    while level:
        below: list[Any] = []
        for container in level:
            children = container.values() if type(container) is dict else container
            items += len(children)
            below.extend(c for c in children if type(c) is dict or type(c) is list)
        if below:
            depth += 1
            deepest = depth
        level = below
    return deepest, items


def parse_event(read: Read) -> EventFile | list[Problem]:
    """One file's event, or the problems that stop it from being one."""
    text = decode(read)
    if isinstance(text, Problem):
        return [text]
    table = parse_toml(text, read.shown)
    if isinstance(table, Problem):
        return [table]
    try:
        table = upgrade(table)
    except UpgradeError as exc:
        return [Problem(read.shown, locate.line_of(text, ("schema",)) or 1, str(exc))]
    try:
        event = structure_event(table)
    except UnknownType as exc:
        problems = [Problem(read.shown, locate.line_of(text, ("type",)) or 1, str(exc))]
        # Read it as the type it most likely means, so one run shows the rest of what is wrong.
        if exc.guess is not None:
            problems += _structure_problems(read.shown, text, {**table, "type": exc.guess}, f" (read as {exc.guess!r})")
        return problems + _hidden(read.shown, text, table)
    except Exception as exc:  # noqa: BLE001 - every structuring failure becomes a Problem
        return _structure_problems(read.shown, text, table, "", exc) + _hidden(read.shown, text, table)
    return EventFile(read.shown, read.name, text, read.raw, read.digest, event)


def _structure_problems(
    shown: str, text: str, table: Mapping[str, Any], reading: str, exc: Exception | None = None
) -> list[Problem]:
    if exc is None:
        try:
            structure_event(table)
            return []
        except Exception as error:  # noqa: BLE001 - as in parse_event
            exc = error
    return [
        Problem(shown, locate.line_of(text, path) or 1, describe(path, message) + reading)
        for path, message in _errors(exc)
    ]


def _hidden(shown: str, text: str, table: Mapping[str, Any]) -> list[Problem]:
    """Control and bidi characters, reported even when the file is not yet an event."""
    return [
        Problem(shown, locate.line_of(text, path) or 1, message) for path, message in hidden_characters(text, table)
    ]


def _errors(exc: Exception) -> Iterator[tuple[tuple[str | int, ...], str]]:
    try:
        yield from describe_errors(exc)
    except Exception:  # noqa: BLE001 - an error we cannot walk is still a named problem
        yield (), f"could not be read as an event ({type(exc).__name__})"


def read_folder(folder: Path, known: Mapping[str, Known] | None = None) -> Folder:
    """Every event in ``folder`` (by file name) and every problem met reading them.

    A file named in ``known`` (its stat unchanged since the check cache saw
    these bytes) is restored from there and not read.
    """
    names, problems = scan(folder)
    root = os.path.realpath(folder)
    files: list[EventFile] = []
    reads: list[Read] = []
    for name, shown in names:
        seen = known.get(name) if known else None
        restored = _restore(name, shown, seen) if seen is not None else None
        if restored is not None:
            reads.append(restored[0])
            files.append(restored[1])
            continue
        read = read_regular(os.path.join(folder, name), shown, MAX_FILE_BYTES, root)
        if isinstance(read, Problem):
            problems.append(read)
            continue
        reads.append(read)
        loaded = parse_event(read)
        if isinstance(loaded, EventFile):
            files.append(loaded)
        else:
            problems.extend(loaded)
    return Folder(tuple(files), tuple(problems), tuple(reads), len(names))


def _restore(name: str, shown: str, seen: Known) -> tuple[Read, EventFile] | None:
    """The file as the check cache keeps it, or ``None`` if the entry does not hold what it should."""
    try:
        event = structure_event(seen.event)
        own = tuple(Problem(shown, line, message, severity) for line, message, severity in seen.own)
    except Exception:  # noqa: BLE001 - a cache entry that does not restore is read again
        return None
    sound = all(
        (p.line is None or (type(p.line) is int and p.line > 0))
        and isinstance(p.message, str)
        and p.severity in ("error", "warning")
        for p in own
    )
    if not sound or name != f"{event.id}.toml":
        return None  # a file whose name disagrees with its id is read each time, its problem found anew
    read = Read(name, shown, b"", seen.digest, seen.stat, True)
    return read, EventFile(shown, name, "", b"", seen.digest, event, loaded=False, own=own)
