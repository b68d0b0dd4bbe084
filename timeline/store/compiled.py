"""The compiled store: checked, compiled events that a query reads instead of the event files.

Like ``tzdata``, the shipped events' compiled form is built ahead of time
(``timeline seal``, into ``timeline/compiled/``) and shipped read-only inside
the package; a query on them writes nothing anywhere. For any other folder
(``--events DIR``) it is built on first use and kept in the per-user cache
(`timeline.cachedir`). Either way it is JSON with a checksum
(`timeline.checksummed`), and it is trusted only when its key equals the key
of the folder as it is now (`timeline.freshness`): the content of every file
and the engine's code. Anything missing, damaged, stale or unsafe is compiled
again, never an error.

The store holds the check's verdict and problems, each event's compiled
versions (for ``--as-of``), the typed events' plain form (for the Python API)
and the intervals of everything known, already built (`timeline.packed`). A
user folder's entry also keeps the check cache (`timeline.checkcache`), so
that a re-check reads only the files that changed.
This module, like `timeline.intervals` and `timeline.fold`, imports neither
attrs nor cattrs, nor ``pathlib`` or ``hashlib`` on the shipped path: the
check behind a miss is imported only on a miss.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from timeline.model.problems import Problem
from timeline.model.vocabulary import Roles
from timeline.store import cachedir, checkcache
from timeline.store.checksummed import FORMAT, dump, load, no_gc, write
from timeline.store.freshness import PACKAGE, Stat, content_key, fingerprint, read_index, save_index
from timeline.store.packed import decode_record, encode_record, unpack, unpack_dataset

if TYPE_CHECKING:
    from pathlib import Path

    from timeline.fold.intervals import Intervals, Record
    from timeline.model.vocabulary import Tracked
    from timeline.store.build import Built

__all__ = [
    "COMPILED",
    "DAMAGED",
    "FORMAT",
    "StaleStore",
    "Store",
    "compiled_dir",
    "open_store",
    "shipped_events",
    "write_compiled",
    "write_shipped",
]

COMPILED = "compiled"  # the package folder the shipped events' store is written to

Data = dict[str, Any]


def _installed_events() -> str:
    return os.path.join(PACKAGE, "events")


def _shipped() -> str:
    # In a wheel the events are installed as timeline/events; in a source checkout (and an
    # editable install, which imports from it) they are the repository's top-level events/.
    installed = _installed_events()
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(PACKAGE), "events")


def _compiled() -> str:
    return os.path.join(PACKAGE, COMPILED)


def shipped_events() -> Path:
    """The events folder that ships with the package (``timeline/events`` in a wheel, ``events/`` in a checkout)."""
    from pathlib import Path

    return Path(_shipped())


def compiled_dir() -> Path:
    """Where the shipped events' compiled store lives (``timeline/compiled``)."""
    from pathlib import Path

    return Path(_compiled())


class Store:
    """A folder's checked and compiled events, as plain data, read lazily.

    ``meta`` holds the title, the number of errors and warnings, the number of
    files checked and the ledger's head. `problems`, `latest`, `versions`,
    `events` and `intervals` are read when first asked for.
    """

    def __init__(
        self,
        folder: str,
        key: str,
        meta: Data,
        loaders: dict[str, Callable[[], Any]],
        rebuild: Callable[[], Store] | None = None,
    ) -> None:
        self.path = folder
        self.key = key
        self.meta = meta
        self._loaders = loaders
        self._rebuild = rebuild
        self._loaded: dict[str, Any] = {}

    @property
    def folder(self) -> Path:
        from pathlib import Path

        return Path(self.path)

    def _get(self, name: str) -> Any:
        if name not in self._loaded:
            value = self._loaders[name]()
            if value is None and self.recompile():
                value = self._loaders[name]()
            if value is None:
                raise StaleStore(f"the compiled {name} of {self.path} changed while in use")
            self._loaded[name] = value
        return self._loaded[name]

    def recompile(self) -> bool:
        """Compile again, trusting nothing read so far; ``False`` if this store was compiled just now."""
        if self._rebuild is None:
            return False
        fresh = self._rebuild()
        self._rebuild = None
        self.key, self.meta, self._loaders, self._loaded = fresh.key, fresh.meta, fresh._loaders, {}
        return True

    def problems(self) -> list[Problem]:
        """Every problem the check found, with paths under this folder."""
        out = []
        for path, line, message, severity in self._get("problems"):
            shown = os.path.join(self.path, path[2:]) if path.startswith("@/") else path
            out.append(Problem(shown, line, message, severity))
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
        try:
            return unpack(self._get("intervals"), day)
        except DAMAGED:
            # Rows are decoded only as a day needs them, so damage can show this late.
            if not self.recompile():
                raise
            return unpack(self._get("intervals"), day)

    def dataset(self) -> tuple[Roles, tuple[Tracked, ...]]:
        """The roles and tracked seats of the folder's ``dataset.toml``, as the intervals were built with."""
        try:
            roles, tracked = unpack_dataset(self._get("intervals"))
        except DAMAGED:
            if not self.recompile():
                raise
            roles, tracked = unpack_dataset(self._get("intervals"))
        return Roles(roles), tracked


class StaleStore(RuntimeError):
    """A compiled file changed under a running query."""


# What decoding a well-formed JSON file of the wrong shape can raise: the file is damaged.
DAMAGED = (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError)


def _files(directory: str, key: str | None, owner_checked: bool) -> dict[str, Callable[[], Any]]:
    def read(name: str, shape: type) -> Any:
        body = load(os.path.join(directory, name), key, owner_checked)
        return body if isinstance(body, shape) else None

    def latest() -> list[Record] | None:
        body = read("latest.json", list)
        if body is None:
            return None
        with no_gc():
            try:
                return [decode_record(row) for row in body]
            except DAMAGED:
                return None

    def versions() -> Any:
        body = read("versions.json", list)
        if body is None:
            return None
        with no_gc():
            try:
                return tuple(
                    (event, tuple((day, decode_record(row) if row else None) for day, row in steps))
                    for event, steps in body
                )
            except DAMAGED:
                return None

    def problems() -> list[Any] | None:
        body = read("problems.json", list)
        shaped = body is not None and all(
            isinstance(p, list) and len(p) == 4 and all(isinstance(x, str) for x in (p[0], p[2], p[3])) for p in body
        )
        return body if shaped else None

    return {
        "latest": latest,
        "versions": versions,
        "events": lambda: read("events.json", list),
        "problems": problems,
        "intervals": lambda: read("intervals.json", dict),
    }


def _read_meta(directory: str, key: str | None, owner_checked: bool) -> Data | None:
    meta = load(os.path.join(directory, "meta.json"), key, owner_checked)
    if not isinstance(meta, dict) or not isinstance(meta.get("errors"), int):
        return None
    return meta


def _payloads(built: Built) -> dict[str, bytes]:
    # The problems go in a file of their own: a query only needs to know there is no error.
    key = built.key
    meta = dict(built.meta)
    problems = meta.pop("problems")
    return {
        "problems.json": dump(problems, key),
        "latest.json": dump([encode_record(r) for r in built.latest], key),
        "versions.json": dump(
            [[event, [[day, encode_record(r) if r else None] for day, r in steps]] for event, steps in built.versions],
            key,
        ),
        "events.json": dump(built.events, key),
        "intervals.json": dump(built.intervals, key),
        # Last: a reader takes meta.json's key as the sign the others are complete.
        "meta.json": dump(meta, key),
    }


def write_compiled(directory: str | os.PathLike[str], built: Built) -> None:
    """Write a store into ``directory`` (``timeline seal`` does, for the shipped events)."""
    os.makedirs(directory, exist_ok=True)
    for name, payload in _payloads(built).items():
        write(os.path.join(directory, name), payload)


def write_shipped(built: Built, inputs: dict[str, list[int]] | None) -> None:
    """Write the shipped events' store with ``inputs``, the fingerprint taken before it was built."""
    if inputs is None or fingerprint(_shipped()) != inputs:
        raise StaleStore(f"the files of {_shipped()} changed while they were compiled: seal again")
    meta = {key: value for key, value in built.meta.items() if key != "stable"}
    meta["inputs"] = inputs  # what a checkout compares before it trusts the store
    write_compiled(_compiled(), built._replace(meta=meta))


def _shipped_store() -> Store | None:
    """The shipped events' store as it ships, or ``None`` in a checkout whose files have changed since."""
    path = _shipped()
    meta = _read_meta(_compiled(), None, False)
    if meta is None:
        return None
    if not os.path.isdir(_installed_events()) and meta.get("inputs") != fingerprint(path):
        return None  # a checkout edited since `timeline seal`: compile anew, in memory
    key = str(meta.get("key", ""))
    return Store(path, key, meta, _files(_compiled(), key or None, False), lambda: _compile(path, None, None))


def open_store(folder: str | os.PathLike[str] | None = None) -> Store:
    """The compiled store of ``folder`` (the shipped events by default), compiling it on a miss."""
    if folder is None:
        shipped = _shipped_store()
        if shipped is not None:
            return shipped
        path = _shipped()
        return _compile(path, None, content_key(path) if os.path.isdir(path) else None)
    path = os.path.normpath(os.fspath(folder))  # problems name its files as ev/x.toml, not ./ev//x.toml
    root = cachedir.cache_root()
    entry = cachedir.entry_dir(root, path) if root is not None else None
    index = read_index(entry) if entry is not None else None
    found = content_key(path, index) if os.path.isdir(path) else None
    if found is not None and entry is not None:
        key, fresh = found
        meta = _read_meta(entry, key, True)
        if meta is not None:
            if fresh != index:
                with contextlib.suppress(OSError):
                    if cachedir.ensure(entry):
                        save_index(entry, path, fresh)
            # Damaged or changed after meta.json was read: compile again, and keep the result
            # if the folder still has the key it is compiled from.
            return Store(path, key, meta, _files(entry, key, True), lambda: _compile(path, entry, content_key(path)))
    return _compile(path, entry, found)


def _compile(path: str, entry: str | None, found: tuple[str, dict[str, Stat]] | None) -> Store:
    from timeline.store.build import build_store  # the checker: only on a miss

    units_key = checkcache.key(path, found[1]) if entry is not None and found is not None else None
    known = checkcache.known(entry, units_key, found[1]) if entry is not None and units_key and found else None
    built = build_store(path, known)
    if known and found is not None and (content_key(path, found[1]) or ("",))[0] != found[0]:
        # A file changed during the check, after the stat index vouched for it: check it all again.
        built = build_store(path)
    key, meta = built.key, built.meta
    if entry is not None and meta.get("stable") and found is not None and found[0] == key:
        with contextlib.suppress(OSError):
            if cachedir.ensure(entry):
                payloads = _payloads(built)
                if units_key is not None:
                    payloads = {checkcache.NAME: dump(built.units, units_key), **payloads}
                for name, payload in payloads.items():
                    write(os.path.join(entry, name), payload)
                save_index(entry, path, found[1])
                cachedir.evict(os.path.dirname(entry), entry)
    kept = {
        "latest": built.latest,
        "versions": built.versions,
        "events": built.events,
        "problems": meta["problems"],
        "intervals": built.intervals,
    }
    return Store(path, key, meta, {name: _keep(value) for name, value in kept.items()})


def _keep(value: Any) -> Callable[[], Any]:
    return lambda: value
