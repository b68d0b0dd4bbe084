"""Every source the events cite, with the events that cite it."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from timeline.model.events import Event, Source
from timeline.model.kinds import Via

__all__ = ["Citation", "citations"]


@frozen(kw_only=True)
class Citation:
    """One URL as cited: who published the report, and where it was read when that is a copy or relay."""

    label: str  # "Wired (via vuink.com)"
    publisher: str
    via: Via | None
    host: str
    url: str
    published: str
    kind: str
    events: tuple[str, ...]


def citations(events: Iterable[Event], publisher: str | None = None) -> tuple[Citation, ...]:
    """One citation per (publisher, URL), by publisher then URL, with every event citing it."""
    found: dict[tuple[str, str], tuple[Source, list[str]]] = {}
    for event in events:
        for source in event.sources:
            found.setdefault((source.publisher, source.url), (source, []))[1].append(event.id)
    out = []
    for (name, url), (source, ids) in sorted(found.items(), key=lambda kv: (kv[0][0].lower(), kv[0][1])):
        if publisher and publisher.lower() not in name.lower():
            continue
        out.append(
            Citation(
                label=source.label,
                publisher=name,
                via=source.via,
                host=source.host,
                url=url,
                published=source.published.text,
                kind=source.kind,
                events=tuple(ids),
            )
        )
    return tuple(out)
