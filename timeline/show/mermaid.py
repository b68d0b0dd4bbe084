"""The roster as a Mermaid gantt chart, which GitHub renders inside Markdown."""

from __future__ import annotations

import datetime as dt
import re

from timeline.model.text import visible
from timeline.show.lanes import Lanes

__all__ = ["gantt"]

_UNSAFE = re.compile(r"[:#;\n\r]")


def _clean(text: str) -> str:
    # ':' ends a task name and '#' and ';' start comments or statements in
    # Mermaid's gantt grammar; a line break would start a line of its own.
    return _UNSAFE.sub(" ", visible(text).replace(": ", " - ")).strip() or "?"


def gantt(drawn: Lanes, marker: dt.date | None = None) -> str:
    """A section per person, a bar per stint and per role; ``~`` and the lighter style mark imprecise dates.

    A start or end known only as a range is drawn from its earliest possible
    day and tagged ``active`` (Mermaid's lighter style), so that imprecision
    stays visible. Open bars run to the data's latest fact (or the window's end), where a milestone
    says so: Mermaid's own line for today is turned off, since after the latest fact it would make
    every current job look ended.
    """
    lines = [
        "gantt",
        f"    title {_clean(drawn.title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    todayMarker off",
    ]
    for _, name, bars in drawn.people:
        lines.append(f"    section {_clean(name)}")
        for bar in bars:
            precise = bar.start_lower == bar.start_upper and (bar.open_end or bar.end_lower == bar.end_upper)
            tags = ("active, " if not precise else "") + ("crit, " if bar.ceo else "")
            mark = "" if precise else " ~"
            end = max(bar.end_upper if not bar.open_end else drawn.last, bar.start_lower)
            lines.append(f"    {_clean(bar.label)}{mark} :{tags}{bar.start_lower.isoformat()}, {end.isoformat()}")
    lines.append("    section The data")
    lines.append(f"    open bars run to {drawn.last.isoformat()} :milestone, {drawn.last.isoformat()}, 0d")
    if marker is not None:
        lines.append(f"    {marker.isoformat()} :milestone, {marker.isoformat()}, 0d")
    return "\n".join(lines) + "\n"
