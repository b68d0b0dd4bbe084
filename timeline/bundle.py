"""A compiled bundle of a checked events folder, keyed by the folder's content.

Parsing TOML and checking every rule is most of the cost of a query. As the
tz database ships compiled zone files, we keep the outcome of a check (the
typed events and the problems found) in a pickle named by a SHA-256 of
everything it depends on: every entry of the folder (name, kind, bytes), the
library's own source code and the Python version. Any change to any of them
gives a new key, so a bundle can never answer for other data; a bundle that
cannot be read is ignored and rebuilt.

Bundles live in ``$TIMELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/timeline``,
else ``~/.cache/timeline``. ``TIMELINE_NO_CACHE=1`` turns them off.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from attrs import frozen

from .model import Event
from .problems import Findings, Problem

__all__ = ["Bundle", "cache_dir", "fingerprint", "load_checked"]

_FORMAT = b"timeline-bundle-2"


@frozen
class Bundle(Findings):
    """What `timeline.check.check_folder` found, without the file texts."""

    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    checked: int  # event files looked at


def cache_dir() -> Path | None:
    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    explicit = os.environ.get("TIMELINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


@functools.cache  # the library's source does not change under a running process
def _code_key() -> bytes:
    digest = hashlib.sha256(_FORMAT + sys.version.encode())
    package = Path(__file__).parent
    for module in sorted(package.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.digest()


def fingerprint(folder: Path) -> str:
    """SHA-256 of everything a check of ``folder`` depends on."""
    digest = hashlib.sha256(_code_key())
    digest.update(str(folder.resolve()).encode())
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            digest.update(b"\0entry\0" + entry.name.encode())
            if entry.is_symlink():
                digest.update(b"link\0" + os.path.realpath(entry.path).encode())
            if entry.is_dir():
                digest.update(b"dir")
            elif entry.is_file():
                with open(entry.path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


def load_checked(folder: Path) -> Bundle:
    """The checked events of ``folder``, from a bundle when one matches its content."""
    directory = cache_dir()
    key = fingerprint(folder) if directory is not None and folder.is_dir() else None
    if directory is not None and key is not None:
        try:
            bundle = pickle.loads((directory / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            bundle = None
        if isinstance(bundle, Bundle):
            return bundle
    from .check import check_folder  # only on a miss: the checker is the expensive part

    report = check_folder(folder)
    bundle = Bundle(report.events, report.problems, report.checked)
    if directory is not None and key is not None:
        _store(directory / f"{key}.pickle", bundle)
    return bundle


def _store(path: Path, bundle: Bundle) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(bundle, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only or full disk only costs speed
