"""Export the events as Knight Lab TimelineJS 3 JSON: one slide per event, grouped by company.

TimelineJS renders every text field as HTML, so every text the events hold
(headline, summary, group, credits) is HTML-escaped here, and links are only
ever ``http``/``https``. Each slide credits and links its sources by the
outlet that published them, relays shown as such ("Wired (via vuink.com)");
a post by the people concerned themselves is also the slide's media.

Dates keep their precision: a year-only event gives only ``year``, a month
gives ``year`` and ``month``. An imprecise date (approximate, a range, an
open end) puts its wording in the slide's own ``display_date``, which
TimelineJS shows once, instead of the bare first day.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from timeline.ask.api import DateLike, Timeline
from timeline.model.describe import headline, main_company
from timeline.model.edtf import EDTF
from timeline.model.events import Event
from timeline.model.vocabulary import Roles
from timeline.model.wording import long_date

__all__ = ["dates", "document", "slide"]


def _date(value: dt.date, precision: str) -> dict[str, Any]:
    out: dict[str, Any] = {"year": value.year}
    if precision in ("month", "day", "time"):
        out["month"] = value.month
    if precision in ("day", "time"):
        out["day"] = value.day
    return out


def _side_precision(text: str) -> str:
    core = text.rstrip("~?%")
    return "year" if len(core) == 4 else "month" if len(core) == 7 else "day"


def dates(when: EDTF) -> dict[str, Any]:
    """``start_date``, maybe ``end_date``, and the slide's ``display_date`` for one EDTF value."""
    if when.precision == "time":
        assert when.time is not None
        start = _date(when.time.date(), "day") | {"hour": when.time.hour, "minute": when.time.minute}
        return {"start_date": start, "display_date": html.escape(long_date(when.text))}
    if when.precision != "interval":
        assert when.lower is not None and when.upper is not None
        # A qualified date is widened by one unit each way; its slide sits at the named day.
        core = when.text.rstrip("~?%")
        named = dt.date.fromisoformat(core + "-01" * (2 - core.count("-")))
        out: dict[str, Any] = {"start_date": _date(named, when.precision)}
        if when.qualifier:
            out["display_date"] = html.escape(long_date(when.text))
        return out
    first, _, last = when.text.partition("/")
    out = {}
    if when.lower is not None:
        out["start_date"] = _date(when.lower, _side_precision(first) if first not in ("", "..") else "day")
    if when.upper is not None and last not in ("", ".."):
        closing = _date(when.upper, _side_precision(last))
        if "start_date" in out:
            out["end_date"] = closing
        else:
            out["start_date"] = closing
    out["display_date"] = html.escape(long_date(when.text))
    return out


def _link(url: str, label: str) -> str:
    if not url.lower().startswith(("https://", "http://")):
        return html.escape(label)
    return (
        f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{html.escape(label)}</a>'
    )


def slide(event: Event, roles: Roles) -> dict[str, Any]:
    links = ", ".join(_link(s.url, s.label) for s in event.sources)
    company = main_company(event)
    group = event.companies.get(company, company) if company else "Other"
    out: dict[str, Any] = {
        "unique_id": event.id,
        **dates(event.date),
        "text": {
            "headline": html.escape(headline(event, roles)),
            "text": f"<p>{html.escape(event.summary)}</p><p>Sources: {links}</p>",
        },
        "group": html.escape(group or "Other"),
    }
    # A primary source (the person's or company's own post) is shown as the
    # slide's media, credited and linked; TimelineJS embeds X posts. A news
    # page is not an image, so reports are credited and linked in the text.
    primary = next((s for s in event.sources if s.kind == "primary" and s.url.startswith("https://")), None)
    if primary is not None:
        out["media"] = {
            "url": primary.url,
            "credit": html.escape(primary.label),
            "link": primary.url,
            "link_target": "_blank",
        }
    return out


def document(tl: Timeline, as_of: DateLike | None = None) -> dict[str, Any]:
    """A TimelineJS 3 document (``title`` and ``events``) of the events known on ``as_of``."""
    # The events as corrected (the corrections themselves are not slides of the story).
    events = tl.known_events(as_of)
    return {
        "title": {
            "text": {
                "headline": html.escape(tl.title),
                "text": "<p>Every slide is one source-cited event from the timeline data package.</p>",
            }
        },
        "events": [slide(e, tl.roles) for e in events],
    }
