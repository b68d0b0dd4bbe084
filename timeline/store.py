"""The compiled store: checked, compiled events that a query reads instead of the event files.

Like ``tzdata``, the shipped events' compiled form is built ahead of time
(``timeline seal``, into ``timeline/compiled/``) and shipped read-only inside
the package. For any other folder (``--events DIR``) it is built on first use
and kept in a per-user cache. Either way it is JSON, which can construct
nothing but plain data, and a query trusts it only when:

- its key, a SHA-256 of everything the answer depends on (every event file's
  content, ``dataset.toml``, ``MANIFEST``, the format and the engine's code),
  equals the key of the folder as it is now;
- each file's own checksum matches (a truncated or hand-edited entry is
  ignored and rebuilt);
- for the user cache, the cache folder is a real folder owned by this user
  with no access for group or others (created with mode 0700); anything else
  is ignored, never an error.

Finding the folder's key does not mean hashing every file: a stat index (git's
idea: name, size, mtime, inode, mode per file) lets unchanged files keep
their recorded hash, and only changed ones are read again. A file that was
changing while it was read is never recorded, so new content can never be
served with old results. The shipped events are verified by hashing them,
so a query on them writes nothing anywhere. Writes are atomic (a temporary
file renamed into place, removed on any failure); old folders' entries are
evicted beyond a size bound; ``TIMELINE_NO_CACHE=1`` turns the cache off, and
a cache that cannot be written only costs speed.

This module, like `timeline.intervals` and `timeline.fold`, imports neither
attrs nor cattrs: the check behind a cache miss is imported only on a miss.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .intervals import (
    EFFECTS,
    Effect,
    Found,
    Join,
    Leave,
    Money,
    Record,
    Ref,
    Remark,
    RoleEnd,
    RoleStart,
    When,
)
from .packed import unpack

if TYPE_CHECKING:
    from .build import Built
    from .intervals import Intervals

__all__ = [
    "COMPILED",
    "FORMAT",
    "StaleStore",
    "Store",
    "cache_root",
    "compiled_dir",
    "content_key",
    "decode_record",
    "encode_record",
    "open_store",
    "shipped_events",
    "write_compiled",
]

FORMAT = "timeline-store-1"
COMPILED = "compiled"  # the package folder the shipped events' store is written to
CACHE_BYTES = 256 * 1024 * 1024  # evict older folders' entries beyond this
_ENGINE = (
    "model.py",
    "effects.py",
    "intervals.py",
    "packed.py",
    "knowledge.py",
    "compile.py",
    "convert.py",
    "upgrade.py",
    "vocabulary.py",
    "rules.py",
    "check.py",
    "edtf.py",
    "files.py",
    "dataset.py",
    "manifest.py",
    "store.py",
)
_PACKAGE = Path(__file__).resolve().parent

Data = dict[str, Any]


def shipped_events() -> Path:
    """The events folder that ships with the package.

    In a wheel the folder is installed as ``timeline/events``. In a source
    checkout (and an editable install, which imports from it) it is the
    repository's top-level ``events/``, beside the ``timeline/`` package.
    """
    installed = _PACKAGE / "events"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "events"


def compiled_dir() -> Path:
    return _PACKAGE / COMPILED


_code: str | None = None


def code_key() -> str:
    """A hash of the code that decides what a compiled store holds."""
    global _code
    if _code is None:
        digest = hashlib.sha256(FORMAT.encode())
        for name in _ENGINE:
            with contextlib.suppress(OSError):
                digest.update(name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
        _code = digest.hexdigest()
    return _code


# -- encoding records as JSON -------------------------------------------------------------


def encode_record(record: Record) -> list[Any]:
    return [*record[:6], [[type(e).__name__, *e] for e in record.effects]]


def _tuples(rows: list[Any]) -> tuple[Any, ...]:
    return tuple(tuple(row) for row in rows)


def _effect(row: list[Any]) -> Effect:
    name = row[0]
    if name == "Join":
        return Join(row[1], row[2], tuple(row[3]), row[4], row[5])
    if name == "Leave":
        return Leave(row[1], row[2], row[3], row[4])
    if name == "RoleStart":
        return RoleStart(row[1], row[2], row[3], row[4])
    if name == "RoleEnd":
        return RoleEnd(row[1], row[2], row[3])
    if name == "Money":
        return Money(row[1], row[2], row[3], row[4], row[5], _tuples(row[6]), row[7], row[8])
    if name == "Remark":
        sources = tuple(Ref(*s) for s in row[8])
        return Remark(row[1], row[2], row[3], row[4], row[5], row[6], tuple(row[7]), sources)
    if name == "Found":
        roles = tuple((person, tuple(ids)) for person, ids in row[4])
        return Found(row[1], tuple(row[2]), tuple(row[3]), roles, row[5], row[6], row[7])
    raise ValueError(f"unknown effect {name!r} (known: {', '.join(EFFECTS)})")


def decode_record(row: list[Any]) -> Record:
    key, event, kind, when, people, companies, effects = row
    return Record(
        (key[0], key[1], key[2], key[3]),
        event,
        kind,
        When(when[0], when[1], when[2]),
        _tuples(people),
        _tuples(companies),
        tuple(_effect(e) for e in effects),
    )


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    # Decoding builds many small tuples and no cycles; the cyclic collector
    # would walk them all again and again (half the time at 100k events).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- files with a checksum ------------------------------------------------------------------


def _dump(body: Any, key: str) -> bytes:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(data).hexdigest()})
    return header.encode() + b"\n" + data


def _load(path: Path, key: str | None, owner_checked: bool) -> Any:
    """The body of a checksummed file, or ``None`` if it is missing, unsafe, stale or damaged."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if owner_checked and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head, _, data = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return None
        if key is not None and header.get("key") != key:
            return None
        if hashlib.sha256(data).hexdigest() != header.get("sha256"):
            return None
        with _no_gc():
            return json.loads(data)
    except (ValueError, RecursionError, MemoryError):
        return None


def _write(path: Path, payload: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


# -- the user cache --------------------------------------------------------------------------


def cache_root() -> Path | None:
    """The per-user cache folder, created with mode 0700; ``None`` when off or not safe to use."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    explicit = os.environ.get("TIMELINE_CACHE_DIR")
    if explicit:
        base = Path(explicit)
    else:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = Path(home) / "timeline"
    try:
        if not os.path.lexists(base):
            os.makedirs(base, mode=0o700, exist_ok=True)
        info = os.lstat(base)
    except OSError:
        return None
    # Trust it only if nobody else can write (or read) it: a shared or
    # world-writable cache would let another user plant answers.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return base


def _entry_dir(root: Path, folder: Path) -> Path:
    return root / ("folder-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:32])


def _ensure(directory: Path) -> bool:
    try:
        if not os.path.lexists(directory):
            os.mkdir(directory, 0o700)
        info = os.lstat(directory)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _evict(root: Path, keep: Path) -> None:
    entries = []
    for child in root.iterdir():
        if not child.name.startswith("folder-") or child == keep or child.is_symlink() or not child.is_dir():
            continue
        size = sum(f.stat().st_size for f in child.iterdir() if f.is_file() and not f.is_symlink())
        entries.append((child.stat().st_mtime, size, child))
    total = sum(size for _, size, _ in entries)
    for _, size, child in sorted(entries):
        if total <= CACHE_BYTES:
            break
        for item in child.iterdir():
            with contextlib.suppress(OSError):
                item.unlink()
        with contextlib.suppress(OSError):
            child.rmdir()
        total -= size


# -- the folder's key ---------------------------------------------------------------------------

_META_FILES = ("dataset.toml", "MANIFEST")


def _hash_file(path: str) -> tuple[str, tuple[int, int, int, int], bool] | None:
    """A regular file's digest and identity, and whether it held still while read (else ``None``)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 16):
            digest.update(chunk)
        after = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    identity = (after.st_size, after.st_mtime_ns, after.st_ino, after.st_mode)
    steady = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
    return digest.hexdigest(), identity, steady


Stat = tuple[int, int, int, int, str]  # size, mtime_ns, inode, mode, digest


def content_key(folder: Path, index: dict[str, Stat] | None = None) -> tuple[str, dict[str, Stat]] | None:
    """The folder's content key, and a fresh stat index; ``None`` if some entry is not a plain file.

    ``index`` maps a file name to ``(size, mtime_ns, inode, mode, digest)``
    recorded earlier: a file whose stat is unchanged keeps its digest.
    Anything unusual (a folder, a pipe, a symlink, a file that changed while
    it was hashed) gives ``None``: the full check then names the problem.
    """
    # Racy entries (changed within the last moments) are not recorded: hashed again next time.
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
                if row is None or row[:4] != (info.st_size, info.st_mtime_ns, info.st_ino, info.st_mode):
                    hashed = _hash_file(entry.path)
                    if hashed is None or not hashed[2]:
                        return None
                    row = (*hashed[1], hashed[0])
                if row[1] < settled:
                    fresh[name] = row
                digests[name] = row[4]
    except OSError:
        return None
    parts = [FORMAT, code_key(), *(f"{name}\0{digests[name]}" for name in sorted(digests))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest(), fresh


# -- the store ---------------------------------------------------------------------------------


class Store:
    """A folder's checked and compiled events, as plain data, read lazily.

    ``meta`` holds the title, every problem the check found, the number of
    files checked and the ledger's head. `latest` and `versions` feed the
    engine; `events` is the typed events' plain form, for the Python API.
    """

    def __init__(
        self,
        folder: Path,
        key: str,
        meta: Data,
        loaders: dict[str, Callable[[], Any]],
        rebuild: Callable[[], Store] | None = None,
    ) -> None:
        self.folder = folder
        self.key = key
        self.meta = meta
        self._loaders = loaders
        self._rebuild = rebuild
        self._loaded: dict[str, Any] = {}

    def _get(self, name: str) -> Any:
        if name not in self._loaded:
            value = self._loaders[name]()
            if value is None and self._rebuild is not None:
                # Damaged or changed since meta.json was read: compile again, trust nothing kept.
                fresh = self._rebuild()
                self._rebuild = None
                self.key, self.meta, self._loaders, self._loaded = fresh.key, fresh.meta, fresh._loaders, {}
                value = self._loaders[name]()
            if value is None:
                raise StaleStore(f"the compiled {name} of {self.folder} changed while in use")
            self._loaded[name] = value
        return self._loaded[name]

    def problems(self) -> list[tuple[str, int | None, str, str]]:
        """Every problem the check found: ``(path, line, message, severity)``, paths under this folder."""
        out = []
        for path, line, message, severity in self._get("problems"):
            shown = os.path.join(self.folder, path[2:]) if path.startswith("@/") else path
            out.append((shown, line, message, severity))
        return out

    @property
    def errors(self) -> int:
        return int(self.meta["errors"])

    def latest(self) -> list[Record]:
        value: list[Record] = self._get("latest")
        return value

    def versions(self) -> tuple[tuple[str, tuple[tuple[int, Record | None], ...]], ...]:
        value: tuple[tuple[str, tuple[tuple[int, Record | None], ...]], ...] = self._get("versions")
        return value

    def events(self) -> list[Data]:
        value: list[Data] = self._get("events")
        return value

    def intervals(self, day: int | None = None) -> Intervals:
        """Everything known, built; with ``day`` (an ordinal), only what the state on that day reads."""
        return unpack(self._get("intervals"), day)


class StaleStore(RuntimeError):
    """A compiled file changed under a running query."""


def _files(directory: Path, key: str | None, owner_checked: bool) -> dict[str, Callable[[], Any]]:
    def latest() -> list[Record] | None:
        body = _load(directory / "latest.json", key, owner_checked)
        if not isinstance(body, list):
            return None
        with _no_gc():
            return [decode_record(row) for row in body]

    def versions() -> Any:
        body = _load(directory / "versions.json", key, owner_checked)
        if not isinstance(body, list):
            return None
        with _no_gc():
            return tuple(
                (event, tuple((day, decode_record(row) if row else None) for day, row in steps))
                for event, steps in body
            )

    def events() -> Any:
        body = _load(directory / "events.json", key, owner_checked)
        return body if isinstance(body, list) else None

    def problems() -> Any:
        body = _load(directory / "problems.json", key, owner_checked)
        return body if isinstance(body, list) else None

    def intervals() -> Any:
        body = _load(directory / "intervals.json", key, owner_checked)
        return body if isinstance(body, dict) else None

    return {"latest": latest, "versions": versions, "events": events, "problems": problems, "intervals": intervals}


def _read_meta(directory: Path, key: str | None, owner_checked: bool) -> Data | None:
    meta = _load(directory / "meta.json", key, owner_checked)
    if not isinstance(meta, dict) or not isinstance(meta.get("errors"), int):
        return None
    return meta


def _payloads(built: Built) -> dict[str, bytes]:
    # The problems go in a file of their own: a query only needs to know there is no error.
    key = built.key
    meta = dict(built.meta)
    problems = meta.pop("problems")
    return {
        "problems.json": _dump(problems, key),
        "latest.json": _dump([encode_record(r) for r in built.latest], key),
        "versions.json": _dump(
            [[event, [[day, encode_record(r) if r else None] for day, r in steps]] for event, steps in built.versions],
            key,
        ),
        "events.json": _dump(built.events, key),
        "intervals.json": _dump(built.intervals, key),
        # Last: a reader takes meta.json's key as the sign the others are complete.
        "meta.json": _dump(meta, key),
    }


def write_compiled(directory: Path, built: Built) -> None:
    """Write a store into ``directory`` (``timeline seal`` does, for the shipped events)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, payload in _payloads(built).items():
        _write(directory / name, payload)


def open_store(folder: Path | None = None) -> Store:
    """The compiled store of ``folder`` (the shipped events by default), compiling it on a miss."""
    shipped = folder is None
    path = shipped_events() if folder is None else folder
    if shipped and (_PACKAGE / "events").is_dir():
        # An installed package: its events and their compiled store were built together and
        # ship read-only, like tzdata's zone files; nothing to hash.
        meta = _read_meta(compiled_dir(), None, False)
        if meta is not None:
            key = str(meta.get("key", ""))
            return Store(
                path, key, meta, _files(compiled_dir(), key or None, False), lambda: _compile(path, None, None)
            )
    root = None if shipped else cache_root()
    entry = _entry_dir(root, path) if root is not None else None
    index = None
    if entry is not None:
        index = _read_index(entry)
    found = content_key(path, index) if path.is_dir() else None
    if found is not None:
        key, fresh = found
        if shipped:
            meta = _read_meta(compiled_dir(), key, False)
            if meta is not None:
                return Store(path, key, meta, _files(compiled_dir(), key, False), lambda: _compile(path, None, None))
        elif entry is not None:
            meta = _read_meta(entry, key, True)
            if meta is not None:
                if fresh != index:
                    _save_index(entry, path, fresh)
                return Store(path, key, meta, _files(entry, key, True), lambda: _compile(path, entry, None))
    return _compile(path, None if shipped else entry, found)


_INDEX_COLUMNS = ("size", "mtime_ns", "inode", "mode", "digest")


def _read_index(entry: Path) -> dict[str, Stat] | None:
    # One list per column: a hundred thousand files parse as a few long lists, not 100k small ones.
    body = _load(entry / "index.json", None, True)
    try:
        columns = [body[name] for name in ("names", *_INDEX_COLUMNS)]
        return dict(zip(columns[0], zip(*columns[1:], strict=True), strict=True))
    except (TypeError, KeyError, ValueError):
        return None


def _save_index(entry: Path, folder: Path, fresh: dict[str, Stat]) -> None:
    body: dict[str, Any] = {"folder": str(folder.resolve()), "names": list(fresh)}
    for position, name in enumerate(_INDEX_COLUMNS):
        body[name] = [row[position] for row in fresh.values()]
    with contextlib.suppress(OSError):
        if _ensure(entry):
            _write(entry / "index.json", _dump(body, "index"))


def _compile(path: Path, entry: Path | None, found: tuple[str, dict[str, Stat]] | None) -> Store:
    from .build import build_store  # the checker: only on a miss

    built = build_store(path)
    key, meta = built.key, built.meta
    if entry is not None and meta.get("stable") and found is not None and found[0] == key:
        with contextlib.suppress(OSError):
            if _ensure(entry):
                for name, payload in _payloads(built).items():
                    _write(entry / name, payload)
                _save_index(entry, path, found[1])
                root = entry.parent
                _evict(root, entry)
    kept = _in_memory(
        latest=built.latest,
        versions=built.versions,
        events=built.events,
        problems=meta["problems"],
        intervals=built.intervals,
    )
    return Store(path, key, meta, kept)


def _in_memory(**values: Any) -> dict[str, Callable[[], Any]]:
    def keep(value: Any) -> Callable[[], Any]:
        return lambda: value

    return {name: keep(value) for name, value in values.items()}
