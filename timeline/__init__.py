"""timeline: the AI talent shuffle around Thinking Machines Lab, OpenAI and Meta, as events.

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
    from .api import Timeline, load
    from .convert import converter
    from .model import Event
    from .problems import DataError, Problem
    from .state import State

__all__ = ["DataError", "Event", "Problem", "State", "Timeline", "converter", "load"]
__version__ = "0.2.0"

# Imported on first use, so that `timeline --help` (which imports this
# package to find the command) does not pay for the whole library.
_HOMES = {
    "DataError": "problems",
    "Event": "model",
    "Problem": "problems",
    "State": "state",
    "Timeline": "api",
    "converter": "convert",
    "load": "api",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    # What a notebook's completion should offer: the API and the submodules, not this file's imports.
    modules = [name for name, value in globals().items() if isinstance(value, type(importlib))]
    return sorted({*__all__, "__version__", *(m for m in modules if m != "importlib")})
