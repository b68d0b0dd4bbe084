"""Export the events as Knight Lab TimelineJS 3 JSON: one slide per event, grouped by company.

Each slide credits and links its sources in its text; one from the people
concerned themselves (a post on X) is also the slide's media.

Dates keep their precision: a year-only event gives only ``year``, a month
gives ``year`` and ``month``. Imprecise dates (approximate, ranges, open
ends) also carry a ``display_date`` in words, since TimelineJS would
otherwise show a range's first day as if it were exact.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from .vocabulary import title

if TYPE_CHECKING:
    from .edtf import EDTF
    from .model import Event

__all__ = ["export"]


def _date(value: dt.date, precision: str) -> dict[str, Any]:
    out: dict[str, Any] = {"year": value.year}
    if precision in ("month", "day", "time"):
        out["month"] = value.month
    if precision in ("day", "time"):
        out["day"] = value.day
    return out


def _words(value: dt.date, precision: str) -> str:
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{calendar.month_name[value.month]} {value.year}"
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def _side(text: str) -> str:
    core = text.rstrip("~?%")
    return "year" if len(core) == 4 else "month" if len(core) == 7 else "day"


def dates(when: EDTF) -> dict[str, Any]:
    """``start_date``, maybe ``end_date`` and ``display_date`` for one EDTF value."""
    if when.precision == "time":
        assert when.time is not None
        start = _date(when.time.date(), "day") | {"hour": when.time.hour, "minute": when.time.minute}
        offset = when.time.strftime("%z")
        display = f"{_words(when.time.date(), 'day')}, {when.time:%H:%M}" + (
            f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
        )
        return {"start_date": start | {"display_date": display}}
    if when.precision != "interval":
        exact = (
            when.lower
            if not when.qualifier
            else dt.date.fromisoformat(
                when.text.rstrip("~?%") + "-01" * (2 - when.text.rstrip("~?%").count("-"))
            )
        )
        assert exact is not None
        start = _date(exact, when.precision)
        if when.qualifier:
            word = {"~": "about", "?": "perhaps", "%": "perhaps about"}[when.qualifier]
            start["display_date"] = f"{word} {_words(exact, when.precision)}"
        return {"start_date": start}
    first, _, last = when.text.partition("/")
    out: dict[str, Any] = {}
    if when.lower is not None and first not in ("", ".."):
        out["start_date"] = _date(when.lower, _side(first))
    if when.upper is not None and last not in ("", ".."):
        end_side = _side(last)
        closing = dt.date.fromisoformat(last.rstrip("~?%") + "-01" * (2 - last.rstrip("~?%").count("-")))
        out["end_date" if out else "start_date"] = _date(closing, end_side)
    if when.lower is not None and when.upper is not None and "start_date" in out and "end_date" in out:
        words = f"between {_words(when.lower, _side(first))} and {_words(closing, end_side)}"
    elif "start_date" in out and when.lower is not None:
        words = f"{_words(when.lower, _side(first))} or later"
    else:
        assert when.upper is not None
        words = f"by {_words(closing, end_side)}"
    out["start_date"]["display_date"] = words
    return out


def _headline(event: Event) -> str:
    people, companies = event.people, event.companies
    person = people.get(getattr(event, "person", ""), "")
    company = companies.get(getattr(event, "company", ""), "")
    match event.TYPE:
        case "company-founded":
            return f"{company} is founded"
        case "person-joined":
            return f"{person} joins {company}"
        case "person-left":
            return f"{person} leaves {company}"
        case "role-started":
            return f"{person} becomes {title(getattr(event, 'role', ''))} of {company}"
        case "role-ended":
            return f"{person} is no longer {title(getattr(event, 'role', ''))} of {company}"
        case "funding-round":
            return f"{company} closes a {getattr(event, 'round', '')} round"
        case "claim":
            return f"Claim by {getattr(event, 'claimant', '')}"
        case "correction":
            return f"Correction of {getattr(event, 'corrects', '')}"
        case "retraction":
            return f"Retraction of {getattr(event, 'retracts', '')}"
    return event.id


def _slide(event: Event) -> dict[str, Any]:
    links = ", ".join(
        f'<a href="{html.escape(s.url)}" target="_blank" rel="noopener">{html.escape(s.publisher)}</a>'
        for s in event.sources
    )
    slide: dict[str, Any] = {
        "unique_id": event.id,
        **dates(event.date),
        "text": {
            "headline": html.escape(_headline(event)),
            "text": f"<p>{html.escape(event.summary)}</p><p>Sources: {links}</p>",
        },
        "group": next(iter(event.companies.values()), "Other"),
    }
    # A primary source (the person's or company's own post) is shown as the
    # slide's media, credited and linked; TimelineJS embeds X posts. A news
    # page is not an image, so reports are credited and linked in the text.
    primary = next((s for s in event.sources if s.kind == "primary"), None)
    if primary is not None:
        slide["media"] = {
            "url": primary.url,
            "credit": html.escape(primary.publisher),
            "link": primary.url,
            "link_target": "_blank",
        }
    return slide


def export(events: tuple[Event, ...]) -> dict[str, Any]:
    """A TimelineJS 3 document (``title`` and ``events``) for ``events``."""
    return {
        "title": {
            "text": {
                "headline": "Thinking Machines Lab, OpenAI and Meta: the talent shuffle",
                "text": "<p>Every slide is one source-cited event from the timeline data package.</p>",
            }
        },
        "events": [_slide(e) for e in events],
    }
