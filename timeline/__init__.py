"""timeline: who led the AI labs, and who moved between them, as source-cited events.

>>> import timeline
>>> tl = timeline.load()                       # the events shipped in the package
>>> state = tl.state("2026-01-15")             # or a datetime.date; as_of= for knowledge time
>>> state.people["barret-zoph"].company
'openai'

Every answer is folded from the event files; see the README for the format.
The distribution on the package index is ``tml-talent-timeline``; the import
name is ``timeline``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.ask.api import Timeline, load
    from timeline.fold.state import State
    from timeline.model.convert import converter
    from timeline.model.events import Event
    from timeline.model.problems import DataError, Problem

__all__ = ["DataError", "Event", "Problem", "State", "Timeline", "converter", "load"]
__version__ = "0.3.0"

# Imported on first use, so that `timeline --help` (which imports this
# package to find the command) does not pay for the whole library.
_HOMES = {
    "DataError": "model.problems",
    "Event": "model.events",
    "Problem": "model.problems",
    "State": "fold.state",
    "Timeline": "ask.api",
    "converter": "model.convert",
    "load": "ask.api",
    # Modules a notebook imports as `from timeline import records, frames`.
    "records": "ask.records",
    "frames": "ask.frames",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        module = importlib.import_module(f".{_HOMES[name]}", __name__)
        return module if module.__name__.endswith(f".{name}") else getattr(module, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    # What a notebook's completion should offer: the API and the submodules, not this file's imports.
    modules = [name for name, value in globals().items() if isinstance(value, type(importlib))]
    return sorted({*__all__, "__version__", *(m for m in modules if m != "importlib")})
