"""The per-user cache folder that keeps compiled stores of folders other than the shipped one.

It is trusted only when it is a real folder owned by this user with no access
for group or others (it is created with mode 0700): a shared or world-writable
cache would let someone else plant answers. Anything else is ignored, never an
error; ``TIMELINE_NO_CACHE=1`` turns it off. The default folder, if an older
release made it with the default mode (0755: nobody else could write in it),
is closed to 0700 and its old pickle files removed; a ``TIMELINE_CACHE_DIR``
is never changed. Each events folder gets an entry
of its own, and old entries are evicted beyond a size bound.
"""

from __future__ import annotations

import contextlib
import os
import stat

__all__ = ["CACHE_BYTES", "cache_root", "ensure", "entry_dir", "evict"]

CACHE_BYTES = 256 * 1024 * 1024  # evict older folders' entries beyond this


def _private(info: os.stat_result) -> bool:
    return _mine(info) and not info.st_mode & 0o077


def cache_root() -> str | None:
    """The per-user cache folder, created with mode 0700; ``None`` when off or not safe to use."""
    if os.environ.get("TIMELINE_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    explicit = os.environ.get("TIMELINE_CACHE_DIR")
    if explicit:
        base = explicit
    else:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(home, "timeline")
    try:
        if not os.path.lexists(base):
            os.makedirs(base, mode=0o700, exist_ok=True)
        info = os.lstat(base)
        if not explicit and _mine(info) and not info.st_mode & 0o022 and info.st_mode & 0o077:
            # Made by an older release with the default mode: nobody else could write in it,
            # so closing it to others is safe, and its pickles (never read) are litter.
            os.chmod(base, 0o700)
            _tidy(base)
            info = os.lstat(base)
    except OSError:
        return None
    return base if _private(info) else None


def _mine(info: os.stat_result) -> bool:
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def _tidy(base: str) -> None:
    with os.scandir(base) as scan:
        for entry in scan:
            if entry.name.endswith(".pickle") and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def entry_dir(root: str, folder: str) -> str:
    """The entry of ``folder`` (by its real path) under the cache ``root``."""
    import hashlib  # only for folders other than the shipped one

    return os.path.join(root, "folder-" + hashlib.sha256(os.path.realpath(folder).encode()).hexdigest()[:32])


def ensure(directory: str) -> bool:
    """Create ``directory`` with mode 0700 if needed; whether it is safe to write into."""
    try:
        if not os.path.lexists(directory):
            os.mkdir(directory, 0o700)
        return _private(os.lstat(directory))
    except OSError:
        return False


def _size(directory: str) -> int:
    with os.scandir(directory) as scan:
        return sum(e.stat(follow_symlinks=False).st_size for e in scan if e.is_file(follow_symlinks=False))


def evict(root: str, keep: str) -> None:
    """Remove the least recently written entries (never ``keep``) until the cache fits its bound."""
    entries = []
    with os.scandir(root) as scan:
        for child in scan:
            if not child.name.startswith("folder-") or child.path == keep or not child.is_dir(follow_symlinks=False):
                continue
            entries.append((child.stat(follow_symlinks=False).st_mtime, _size(child.path), child.path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= CACHE_BYTES:
            break
        with os.scandir(path) as scan:
            for item in scan:
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
        with contextlib.suppress(OSError):
            os.rmdir(path)
        total -= size
