"""An Atom feed of the facts, by the day each became known, so that a reporter can subscribe to the data.

An entry is an event (corrections and retractions included: they are news too), dated by the day
it became public (its ``known`` date, else its earliest source; a correction not before the day it
was made), not by the day it happened, which the entry's text gives. Each entry links its sources
by the outlet that published them, the outlet's own page first. Identifiers are ``urn:uuid`` names
derived from the event ids, stable across builds and claiming no host.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from xml.etree import ElementTree as ET

from timeline.ask.api import Timeline
from timeline.model.describe import headline
from timeline.model.events import Correction, Event, Retraction
from timeline.model.text import URL, visible
from timeline.model.vocabulary import Roles
from timeline.model.wording import long_date

__all__ = ["ATOM", "feed"]

ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.UUID("5f0b7c1e-7d8a-4f55-9a39-6a2f0f6c2f41")  # this dataset's, for its entries' ids


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = visible(text)  # XML 1.0 cannot hold most control characters at all
    return element


def _content(event: Event, roles_headline: str) -> str:
    sources = "".join(
        f'<li><a href="{html.escape(s.url, quote=True)}">{html.escape(s.label)}</a></li>'
        for s in event.sources
        if URL.match(s.url)
    )
    when = long_date(event.date.text)
    basis = f" ({event.date_basis})" if event.date_basis and event.date_basis != "occurred" else ""
    return (
        f"<p><strong>{html.escape(roles_headline)}</strong> — {html.escape(when)}{html.escape(basis)}</p>"
        f"<p>{html.escape(event.summary)}</p><p>Sources:</p><ul>{sources}</ul><p>id {html.escape(event.id)}</p>"
    )


def _news_day(event: Event) -> dt.date:
    """The day a reader could first learn it: when it became public; for a correction or retraction,
    not before the day it was made (its sources may be older: it mends the data, not the news)."""
    if isinstance(event, Correction | Retraction):
        made = event.date.upper or event.date.lower
        if made is not None:
            return max(event.public_day, made)
    return event.public_day


def _title(event: Event, by_id: dict[str, Event], roles: Roles) -> str:
    """The event's headline; a correction or retraction names what it mends in words, not by id."""
    target = by_id.get(getattr(event, "corrects", None) or getattr(event, "retracts", None) or "")
    if target is None:
        return headline(event, roles)
    word = "Correction" if isinstance(event, Correction) else "Retraction"
    return f"{word}: {headline(target, roles)}"


def feed(tl: Timeline, limit: int | None = 100, page: str | None = None) -> str:
    """The Atom feed of the ``limit`` most recently known events (all with ``None``), newest first.

    ``page`` is the address of the site's page, if it has one: each entry then links to the page on
    the day of its fact, and the feed to itself beside it.
    """
    events = sorted(tl.known_events(include_fixes=True), key=lambda e: (_news_day(e), e.id), reverse=True)
    shown = events if limit is None else events[:limit]
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'feed')}")
    _add(root, "title", f"{tl.title}: what became known")
    _add(root, "subtitle", "Each entry is one source-cited event, dated by the day it became public.")
    newest = _news_day(events[0]) if events else dt.date(1970, 1, 1)
    _add(root, "updated", _stamp(newest))
    author = _add(root, "author")
    _add(author, "name", "timeline (tml-talent-timeline)")
    _add(root, "generator", "timeline")
    if page is not None:
        _add(root, "link", rel="alternate", type="text/html", href=page)
        _add(root, "link", rel="self", type="application/atom+xml", href=page.rsplit("/", 1)[0] + "/feed.xml")
    roles = tl.roles
    by_id = {e.id: e for e in tl.events}
    for event in shown:
        entry = _add(root, "entry")
        _add(entry, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, event.id)}")
        title = _title(event, by_id, roles)
        _add(entry, "title", title)
        _add(entry, "published", _stamp(_news_day(event)))
        _add(entry, "updated", _stamp(_news_day(event)))
        usable = [s for s in event.sources if URL.match(s.url)]
        first = next((s for s in usable if s.via is None), usable[0] if usable else None)
        if page is not None and event.date.lower is not None:
            _add(entry, "link", rel="alternate", type="text/html", href=f"{page}?date={event.date.lower.isoformat()}")
        elif first is not None:
            _add(entry, "link", rel="alternate", href=first.url)
        for source in event.sources:
            if URL.match(source.url):
                _add(entry, "link", rel="related", href=source.url, title=source.label)
        _add(entry, "category", term=event.TYPE)
        for company, name in event.companies.items():
            _add(entry, "category", term=company, label=name)
        _add(entry, "summary", f"{long_date(event.date.text)}: {event.summary}")
        _add(entry, "content", _content(event, title), type="html")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
