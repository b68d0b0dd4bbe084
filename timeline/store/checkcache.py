"""The check cache: each event file's checked event, so that a re-check reads only the files that changed.

It lives in a user folder's cache entry (`timeline.cachedir`) as one JSON file
(`timeline.checksummed`), written with the compiled store: for every file that
parsed into an event, keyed by its name and the SHA-256 of its bytes (its own
rules read the name too), the typed event's plain form and the problems its own
rules found. The file's key covers what else they depend on: the engine's code
and ``dataset.toml``. A check restores a file from here only when the stat
index (`timeline.freshness`) vouches that its bytes are the ones hashed;
`timeline.build` writes the entries, `timeline.files` restores them, and the
cross-file rules then run over every event as they always do.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from timeline.store.checksummed import load
from timeline.store.freshness import Stat, code_key

if TYPE_CHECKING:
    from timeline.read.files import Known

__all__ = ["NAME", "key", "known"]

NAME = "units.json"


def key(path: str, index: dict[str, Stat]) -> str | None:
    """What the check cache's entries depend on besides each file: the code and ``dataset.toml``."""
    import hashlib

    from timeline.read.files import DATASET_NAME

    dataset = index.get(DATASET_NAME)
    if dataset is None and os.path.lexists(os.path.join(path, DATASET_NAME)):
        return None  # changed a moment ago: not settled enough to key anything by
    part = dataset[5] if dataset is not None else "none"
    return hashlib.sha256(f"units\0{code_key()}\0{part}".encode()).hexdigest()


def known(entry: str, units_key: str, index: dict[str, Stat]) -> dict[str, Known] | None:
    """The files whose stat is settled and unchanged and whose bytes the check cache has seen."""
    from timeline.read.files import Known  # on a miss only: it brings the typed model

    units = load(os.path.join(entry, NAME), units_key, True)
    if not isinstance(units, dict):
        return None
    found: dict[str, Known] = {}
    for name, row in index.items():
        unit = units.get(f"{name}\0{row[5]}")
        if isinstance(unit, dict) and isinstance(unit.get("event"), dict) and isinstance(unit.get("own"), list):
            found[name] = Known(row[5], (row[0], row[1], row[3], row[4]), unit["event"], unit["own"])
    return found
