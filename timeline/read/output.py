"""Write the files the tool makes (store, ledger, site, exports, chart) without following a planted link.

A folder the tool writes into may hold things it did not put there: a link at
the output's name, or at the name of its temporary file, would otherwise send
the bytes to the link's target. So every output is written to a new file,
created exclusively (``O_EXCL | O_NOFOLLOW``) beside the target, and renamed
over it; a rename replaces a link at the target's name, never what it points
to. A target that is already a link, a folder or any other non-regular file is
refused by name, so that nothing is silently replaced.

Every failure of the operating system (a full disk, a file-size limit, a
read-only folder, a missing permission, a link loop) becomes an `OutputError`
whose message names the file and says what happened in words.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

__all__ = ["OutputError", "create", "explain", "folder", "refuse_odd", "replace", "words"]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would pass the file-size limit",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.ELOOP: "a symbolic link loops, or is where a file is expected",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOENT: "no such file or folder",
    errno.EEXIST: "something is already there",
    errno.ENAMETOOLONG: "the name is too long",
}


class OutputError(OSError):
    """A file could not be written; the message names it and says why, in words."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def words(exc: OSError) -> str:
    """What an OS error means, in words."""
    return _WORDS.get(exc.errno or 0) or exc.strerror or str(exc)


def explain(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """One line for an OS error: the file it concerns and what happened, in words."""
    where = path if path is not None else (exc.filename if exc.filename is not None else "")
    return f"{os.fspath(where)!r}: {words(exc)}" if where != "" else words(exc)


def refuse_odd(path: Path) -> None:
    """Refuse, by name, a target that is a link, a folder or any other non-regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(exc.errno, explain(exc, path)) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(errno.ELOOP, f"{os.fspath(path)!r} is a symbolic link: remove it, or write elsewhere")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(errno.EEXIST, f"{os.fspath(path)!r} is not a regular file: remove it, or write elsewhere")


def replace(path: str | os.PathLike[str], data: bytes | str, *, mode: int = 0o644, durable: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all, replacing a regular file there.

    ``durable`` syncs the file and its folder before returning (the ledger).
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    refuse_odd(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
        if durable:
            directory = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(exc.errno, explain(exc, target)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return target


def create(path: str | os.PathLike[str], data: bytes | str, *, mode: int = 0o644) -> Path:
    """Write a new file at ``path``; refuse if anything, a link included, is already there."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
    except OSError as exc:
        raise OutputError(exc.errno, explain(exc, target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(target)  # never leave half a file behind
        raise OutputError(exc.errno, explain(exc, target)) from None
    return target


def folder(path: str | os.PathLike[str]) -> Path:
    """Make the folder ``path`` (and its parents) if missing; refuse a file in the way."""
    target = Path(path)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        words = f"{os.fspath(target)!r} is not a folder: remove it, or write elsewhere"
        raise OutputError(errno.ENOTDIR, words) from None
    except OSError as exc:
        raise OutputError(exc.errno, explain(exc, target)) from None
    return target
