"""timeline: the AI talent shuffle around Thinking Machines Lab, OpenAI and Meta, as events.

>>> import timeline
>>> tl = timeline.load()                       # the events shipped in the package
>>> state = tl.state("2026-01-15")             # or a datetime.date; as_of= for knowledge time
>>> state.people["barret-zoph"].company
'openai'

Every answer is folded from the event files; see the README for the format.
"""

from __future__ import annotations

from .api import Timeline, load
from .convert import converter
from .model import Event
from .problems import DataError, Problem
from .state import State

__all__ = ["DataError", "Event", "Problem", "State", "Timeline", "converter", "load"]
__version__ = "0.1.0"
