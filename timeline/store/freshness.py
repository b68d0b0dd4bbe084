"""Is a compiled store still what its folder's files say? The keys and fingerprints that decide.

A folder's key is a SHA-256 of everything an answer depends on: every file's
content (events, ``dataset.toml``, ``MANIFEST``), the store's format and the
engine's code. Finding it does not mean hashing every file: a stat index
(git's idea: size, mtime, ctime, inode and mode per file name) lets unchanged files
keep their recorded digest, so only changed files are read again. A file that
changed while it was hashed gives no key (the check then reads the folder), and
one changed in the last two seconds is not recorded (its mtime may not yet
show a second change), so new content is never served with old results.

The shipped events need no key in an installed package: they and their store
were built together and ship read-only, like ``tzdata``'s zone files. In a
source checkout, where a contributor may edit an event and not yet seal, the
store carries a fingerprint of what it was built from (each file's size and
CRC-32, the engine's code included) and a query compares it: enough to notice
an edit, and cheap enough that ``timeline state`` does not load OpenSSL. It is
not a defence against forgery; whoever can write the checkout can change the
code that reads it.
"""

from __future__ import annotations

import os
import stat
import time
import zlib
from typing import Any

from timeline.store.checksummed import FORMAT, dump, load, read_plain, write

__all__ = [
    "ENGINE_LAYERS",
    "PACKAGE",
    "Stat",
    "code_key",
    "content_key",
    "engine_files",
    "fingerprint",
    "read_index",
    "save_index",
]

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The layers whose code decides what a compiled store holds: a change to any of their modules is a
# new key. Every module of these folders counts, so a new one cannot be forgotten.
ENGINE_LAYERS = ("model", "read", "fold", "check", "store")
_engine: tuple[str, ...] | None = None


def engine_files() -> tuple[str, ...]:
    """The engine's modules, as paths relative to the package (``fold/intervals.py``), sorted."""
    global _engine
    if _engine is None:
        found: list[str] = []
        for layer in ENGINE_LAYERS:
            try:
                names = os.listdir(os.path.join(PACKAGE, layer))
            except OSError:
                continue
            found.extend(f"{layer}/{name}" for name in names if name.endswith(".py"))
        _engine = tuple(sorted(found))
    return _engine


Stat = tuple[int, int, int, int, int, str]  # size, mtime_ns, ctime_ns, inode, mode, digest

_code: str | None = None


def code_key() -> str:
    """A SHA-256 of the format and the engine's code."""
    global _code
    if _code is None:
        import hashlib

        digest = hashlib.sha256(FORMAT.encode())
        for name in engine_files():
            try:
                with open(os.path.join(PACKAGE, name), "rb") as handle:
                    digest.update(name.encode() + b"\0" + handle.read())
            except OSError:
                continue
        _code = digest.hexdigest()
    return _code


def _hash_file(path: str) -> tuple[str, tuple[int, int, int, int, int], bool] | None:
    """A regular file's digest and identity, and whether it held still while read (else ``None``)."""
    import hashlib

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            return None
        digest = hashlib.sha256()  # streamed: a stray file in the folder may be large
        while chunk := os.read(fd, 1 << 16):
            digest.update(chunk)
        after = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    identity = (after.st_size, after.st_mtime_ns, after.st_ctime_ns, after.st_ino, after.st_mode)
    steady = (before.st_size, before.st_mtime_ns, before.st_ctime_ns) == identity[:3]
    return digest.hexdigest(), identity, steady


def content_key(
    folder: str | os.PathLike[str], index: dict[str, Stat] | None = None
) -> tuple[str, dict[str, Stat]] | None:
    """The folder's content key, and a fresh stat index; ``None`` if some entry is not a plain file.

    ``index`` maps a file name to ``(size, mtime_ns, ctime_ns, inode, mode,
    digest)`` recorded earlier: a file whose stat is unchanged keeps its digest
    (the change time too: restoring a modification time, as ``cp -p`` or
    ``touch -r`` do, cannot restore it).
    Anything unusual (a folder, a pipe, a symlink, a file that changed while
    it was hashed) gives ``None``: the full check then names the problem.
    """
    import hashlib

    settled = time.time_ns() - 2_000_000_000
    known = index or {}
    fresh: dict[str, Stat] = {}
    digests: dict[str, str] = {}
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                name = entry.name
                if name[:1] == ".":
                    continue
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    return None  # a symlink, a folder, a pipe
                row = known.get(name)
                identity = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_mode)
                if row is None or row[:5] != identity:
                    hashed = _hash_file(entry.path)
                    if hashed is None or not hashed[2]:
                        return None
                    row = (*hashed[1], hashed[0])
                if row[1] < settled:
                    fresh[name] = row
                digests[name] = row[5]
    except OSError:
        return None
    parts = [FORMAT, code_key(), *(f"{name}\0{digests[name]}" for name in sorted(digests))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest(), fresh


_INDEX_COLUMNS = ("size", "mtime_ns", "ctime_ns", "inode", "mode", "digest")


def read_index(entry: str) -> dict[str, Stat] | None:
    """The stat index kept in a cache entry, if it is there and sound."""
    # One list per column: a hundred thousand files parse as six long lists, not 100k small ones.
    body = load(os.path.join(entry, "index.json"), None, True)
    try:
        columns = [body[name] for name in ("names", *_INDEX_COLUMNS)]
        return dict(zip(columns[0], zip(*columns[1:], strict=True), strict=True))
    except (TypeError, KeyError, ValueError):
        return None


def save_index(entry: str, folder: str, fresh: dict[str, Stat]) -> None:
    body: dict[str, Any] = {"folder": os.path.realpath(folder), "names": list(fresh)}
    for position, name in enumerate(_INDEX_COLUMNS):
        body[name] = [row[position] for row in fresh.values()]
    write(os.path.join(entry, "index.json"), dump(body, "index"))


def fingerprint(folder: str) -> dict[str, list[int]] | None:
    """Each file's size and CRC-32, the engine's code included; ``None`` if some entry is not a plain file."""
    found: dict[str, list[int]] = {}
    try:
        with os.scandir(folder) as scan:
            paths = [(e.name, e.path) for e in scan if not e.name.startswith(".")]
        paths.extend((f"code/{name}", os.path.join(PACKAGE, name)) for name in engine_files())
        for name, path in paths:
            read = read_plain(path)
            if read is None:
                return None
            found[name] = [len(read[0]), zlib.crc32(read[0])]
    except OSError:
        return None
    return found
