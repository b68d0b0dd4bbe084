"""The compiled store's files: a JSON header line (format, key, size, CRC-32), then a JSON body.

JSON can construct nothing but plain data, so a planted file can at worst be
refused. The checksum catches a truncated, damaged or hand-edited body; it is
a CRC, not a cryptographic hash, because nothing secret signs it (whoever can
rewrite the body can rewrite any hash beside it): what makes a forged entry
harmless is the key, which must equal the key of the folder as it is now.
Writes are atomic: a temporary file renamed into place, removed on failure.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
import zlib
from collections.abc import Iterator
from typing import Any

__all__ = ["FORMAT", "checksum", "dump", "load", "no_gc", "read_plain", "write"]

FORMAT = "timeline-store-2"


def checksum(data: bytes) -> dict[str, int]:
    """The header fields that vouch for ``data``."""
    return {"size": len(data), "crc32": zlib.crc32(data)}


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    # Parsing and decoding build many small objects and no cycles; the cyclic
    # collector would walk them all again and again (half the time at 100k events).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_plain(path: str) -> tuple[bytes, os.stat_result, os.stat_result] | None:
    """A regular file's bytes and its stat before and after the read; ``None`` for anything else.

    Opened without following a symlink and without blocking (a FIFO would wait for a writer).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            return None
        chunks = [os.read(fd, before.st_size + 1)]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks), before, os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)


def dump(body: Any, key: str) -> bytes:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return json.dumps({"format": FORMAT, "key": key, **checksum(data)}).encode() + b"\n" + data


def load(path: str, key: str | None, owner_checked: bool) -> Any:
    """The body of a checksummed file, or ``None`` if it is missing, unsafe, stale or damaged.

    ``key`` (unless ``None``) must be the one in the header; ``owner_checked``
    also refuses a file that is not this user's or that others may write.
    """
    found = read_plain(path)
    if found is None:
        return None
    raw, info, _ = found
    if owner_checked and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    head, _, data = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return None
        if key is not None and header.get("key") != key:
            return None
        if checksum(data) != {"size": header.get("size"), "crc32": header.get("crc32")}:
            return None
        with no_gc():
            return json.loads(data)
    except (ValueError, RecursionError, MemoryError):
        return None


def write(path: str, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically, readable by this user only, through no planted link."""
    from timeline.read import output  # not at the top: a query on the shipped store writes nothing

    output.replace(path, payload, mode=0o600)
