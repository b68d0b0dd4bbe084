"""Where the shipped events are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["shipped_events"]


def shipped_events() -> Path:
    """The events folder that ships with the package.

    In a wheel the folder is installed as ``timeline/events``. In a source
    checkout (and an editable install, which imports from it) it is the
    repository's top-level ``events/``, beside the ``timeline/`` package.
    """
    installed = Path(str(resources.files("timeline") / "events"))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "events"
