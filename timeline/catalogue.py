"""Every source the events cite, with the events that cite it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from .model import Event

__all__ = ["Citation", "sources"]


@frozen(kw_only=True)
class Citation:
    publisher: str
    url: str
    published: str
    kind: str
    events: tuple[str, ...]


def sources(events: tuple[Event, ...]) -> tuple[Citation, ...]:
    """One citation per (publisher, URL), by publisher then URL, with every event citing it."""
    found: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for event in events:
        for source in event.sources:
            key = (source.publisher, source.url)
            if key not in found:
                found[key] = (source.published.text, source.kind, [])
            found[key][2].append(event.id)
    return tuple(
        Citation(publisher=publisher, url=url, published=published, kind=kind, events=tuple(ids))
        for (publisher, url), (published, kind, ids) in sorted(
            found.items(), key=lambda kv: (kv[0][0].lower(), kv[0][1])
        )
    )
