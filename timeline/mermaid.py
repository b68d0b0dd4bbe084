"""The roster as a Mermaid gantt chart, which GitHub renders inside Markdown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .vocabulary import title

if TYPE_CHECKING:
    from .records import StintRecord

__all__ = ["gantt"]


def _clean(text: str) -> str:
    # ':' and '#' end a task name in Mermaid's gantt grammar.
    return text.replace(":", " ").replace("#", " ").replace(";", ",")


def gantt(stints: tuple[StintRecord, ...], until: dt.date, marker: dt.date | None = None) -> str:
    """A swimlane per person, a bar per stint; ``~`` marks a bar with an imprecise end.

    An open stint runs to ``until``; ``marker`` adds a milestone on that day.
    A start or end known only as a range is drawn from its earliest possible
    day and tagged ``active`` (Mermaid's lighter style), so that imprecision
    stays visible.
    """
    lines = [
        "gantt",
        "    title Who was where: Thinking Machines Lab, OpenAI and Meta",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
    ]
    people: dict[str, list[StintRecord]] = {}
    for stint in sorted(stints, key=lambda s: (s.start_lower or s.start_upper or until, s.person)):
        people.setdefault(stint.person, []).append(stint)
    for records in people.values():
        lines.append(f"    section {_clean(records[0].name)}")
        for stint in records:
            start = stint.start_lower or stint.start_upper or until
            end = stint.end_upper or stint.end_lower or until
            if stint.end is None:
                end = max(until, start)
            roles = [title(r) for r in stint.roles.split(";") if r]
            label = stint.company_name + (f" ({', '.join(roles)})" if roles else "")
            precise = stint.start_lower == stint.start_upper and (
                stint.end is None or stint.end_lower == stint.end_upper
            )
            tags = ("active, " if not precise else "") + ("crit, " if "ceo" in stint.roles.split(";") else "")
            mark = "" if precise else " ~"
            lines.append(f"    {_clean(label)}{mark} :{tags}{start.isoformat()}, {end.isoformat()}")
    if marker is not None:
        lines.append(f"    section {marker.isoformat()}")
        lines.append(f"    {marker.isoformat()} :milestone, {marker.isoformat()}, 0d")
    return "\n".join(lines) + "\n"
