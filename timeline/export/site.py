"""A static site of the timeline: ``timeline site DIR`` writes ``DIR/index.html`` and ``DIR/roster.svg``.

Why: a reader without Python should still be able to ask "who was where on
this day, and how do we know?". The page answers it by itself, from
``file://`` or any static host, with no server and no tracking.

How: the page embeds a copy of the compiled intervals (`timeline.intervals`)
and computes the roster on the chosen day in JavaScript (``site_page.js``, a
port of what `timeline.fold` does for a company), so that it gives the answer
`timeline state` gives; a test runs that port in Node against
`timeline.fold.evaluate` on every day on which something changes. Beside the
roster: each fact's events and sources (relays shown as such), the TimelineJS
slides (`timeline.timelinejs`, loaded from a URL the builder chooses, without
the embedded X posts that would call other hosts) and the swimlane chart
(`timeline.chart`, skipped with a note where matplotlib is missing).

Safety: the data goes into the page only as JSON inside ``<script
type="application/json">`` elements, with ``<``, ``>``, ``&``, U+2028 and
U+2029 written as ``\\u`` escapes so that no text can close the element; the
script puts every string from the data into the DOM as ``textContent``. A
Content-Security-Policy lets the page load only its own script (by hash),
the chart next to it and the TimelineJS URL.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline.ask.api import Timeline
from timeline.export.timelinejs import document
from timeline.model.describe import headline
from timeline.model.vocabulary import LEADERSHIP, seat, title
from timeline.show.lanes import lanes

__all__ = ["TIMELINEJS_URL", "build_site", "script_json"]

TIMELINEJS_URL = "https://cdn.knightlab.com/libs/timeline3/latest/"
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# Characters that would end a URL inside the policy or the attribute that hold it.
_UNSAFE_URL = re.compile(r"[\s\"'<>;,\\`]")


def script_json(value: Any) -> str:
    """JSON that is safe as the content of a ``<script type="application/json">`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def _plain(value: Any) -> Any:
    """NamedTuples as objects with their field names, tuples as lists: the intervals as JSON reads them."""
    fields = getattr(value, "_fields", None)
    if isinstance(value, tuple) and fields is not None:
        return {name: _plain(item) for name, item in zip(fields, value, strict=True)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _base_url(url: str) -> str:
    """The TimelineJS folder (holding ``js/timeline.js`` and ``css/timeline.css``), ending in ``/``."""
    parts = urlsplit(url)
    if not url or _UNSAFE_URL.search(url) or parts.scheme not in ("", "http", "https") or parts.query or parts.fragment:
        raise ValueError(f"{url!r} is not a usable TimelineJS URL (an http(s) or relative folder URL)")
    return url if url.endswith("/") else url + "/"


def _policy(base: str, script: str) -> str:
    """What the page may load: its own script, the chart beside it and TimelineJS; nothing else."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    timelinejs = base if urlsplit(base).scheme else "'self'"
    return (
        f"default-src 'none'; script-src 'sha256-{digest}' {timelinejs}; style-src 'unsafe-inline' {timelinejs}; "
        f"font-src {timelinejs} data:; img-src 'self' {timelinejs} data:; connect-src {timelinejs}; "
        "base-uri 'none'; form-action 'none'"
    )


def _data(tl: Timeline, timelinejs: str) -> dict[str, Any]:
    intervals = tl.intervals()
    used = {span.role for stint in intervals.stints for span in stint.roles}
    return {
        "title": tl.title,
        "head": str(tl.store.meta["head"]),
        "timelinejs": timelinejs,
        "leadership": list(LEADERSHIP),
        "roles": {role: {"title": title(role), "seat": seat(role)} for role in sorted(used)},
        # What the roster reads; the claims (notes) and the checker's issues are not shown.
        "intervals": {
            name: _plain(getattr(intervals, name))
            for name in ("companies", "people", "stints", "lines", "raised", "first", "latest")
        },
        "events": {
            e.id: {
                "headline": headline(e),
                "date": e.date.text,
                "sources": [{"label": s.label, "url": s.url} for s in e.sources],
            }
            for e in tl.known_events()
        },
    }


def _slides(tl: Timeline) -> dict[str, Any]:
    doc = document(tl)
    # A slide's media would embed the X post, a request to another host: its link stays in the slide's text.
    doc["events"] = [{key: value for key, value in slide.items() if key != "media"} for slide in doc["events"]]
    return doc


def _chart(tl: Timeline, out: Path) -> str:
    from timeline.show.chart import draw

    latest = tl.intervals().latest
    # The last two calendar years: over the whole record, the recent moves would be too thin to read.
    since = dt.date(dt.date.fromordinal(latest).year - 1, 1, 1) if latest is not None else None
    try:
        drawn = draw(lanes(tl, since=since), out / "roster.svg")
    except ModuleNotFoundError:
        (out / "roster.svg").unlink(missing_ok=True)  # no chart from an earlier build beside this page
        return (
            '<p class="note">The swimlane chart needs matplotlib, which was missing when this site was built '
            "(pip install 'tml-talent-timeline[plot]').</p>"
        )
    window = f" from {since.isoformat()}" if since is not None else ""
    return (
        f'<p class="note">Everyone the sources name{window}: a thick bar per stint, a thin one per role; hatched '
        "where a date is known only as a range.</p>"
        f'<div class="chart"><img src="{drawn.name}" alt="Swimlanes: a row per person, a bar per stint and per role">'
        f'</div><p><a href="{drawn.name}">Open the chart full size</a></p>'
    )


def _asset(name: str) -> str:
    return resources.files("timeline.export").joinpath(name).read_text(encoding="utf-8")


def build_site(tl: Timeline, out: Path, timelinejs_url: str = TIMELINEJS_URL) -> Path:
    """Write ``out/index.html`` (and ``out/roster.svg`` where matplotlib is installed); return the page's path.

    Raises ``ValueError`` when ``timelinejs_url`` is not an http(s) or relative folder URL.
    """
    base = _base_url(timelinejs_url)
    out.mkdir(parents=True, exist_ok=True)
    script = _asset("site_page.js")
    values = {
        "title": html.escape(tl.title),
        "head": html.escape(str(tl.store.meta["head"])),
        "policy": html.escape(_policy(base, script)),
        "style": _asset("site_page.css"),
        "script": script,
        "data": script_json(_data(tl, base)),
        "slides": script_json(_slides(tl)),
        "timelinejs_css": html.escape(base + "css/timeline.css"),
        "timelinejs_js": html.escape(base + "js/timeline.js"),
        "chart": _chart(tl, out),
    }
    # One pass, so that no inserted text is read as a placeholder.
    page = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("site_page.html"))
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
