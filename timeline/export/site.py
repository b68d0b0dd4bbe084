"""A static site of the timeline: ``timeline site DIR`` writes ``DIR/index.html`` and ``DIR/roster.svg``.

Why: a reader without Python should still be able to ask "who was where on
this day, and how do we know?". The page answers it by itself, from
``file://`` or any static host, with no server and no tracking.

How: the fold computes, for every company, what the page shows of it (the
lines `timeline state` prints, each person's facts) on every day on which it may
change (`timeline.fold.intervals.flip_days`), and the page embeds those views;
its script (``site_page.js``) only picks, for the chosen day, each company's
last view on or before it, and lays it out. No rule of the fold is written twice;
a test runs the picking in Node against `timeline state` on every such day. Beside the
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
from timeline.export.feed import feed
from timeline.export.timelinejs import document
from timeline.fold.intervals import flip_days
from timeline.fold.state import CompanyState
from timeline.model.describe import headline
from timeline.model.wording import Dates
from timeline.read import output
from timeline.show.lanes import lanes
from timeline.show.present import company_table, legend_lines

__all__ = ["TIMELINEJS_URL", "build_site", "script_json"]

# TimelineJS pinned to one release, served from the npm package's own files (jsDelivr serves them
# byte for byte), so that the page can require their hashes: a changed file is refused, not run.
# tests/test_site.py checks the hashes against the package in the npm registry.
TIMELINEJS_VERSION = "3.9.11"
TIMELINEJS_URL = f"https://cdn.jsdelivr.net/npm/@knight-lab/timelinejs@{TIMELINEJS_VERSION}/dist/"
TIMELINEJS_INTEGRITY = {
    "js/timeline.js": "sha384-ebXaDxSzM81wf7NgGfgSQEGKiNdtpvKrnRBVNY2x7ezzLKnvkjGI6QHF2VmLwsG3",
    "css/timeline.css": "sha384-boDF6Nd/No9fGBo1BlF2eLCnex+ILqI/6O7gE0MoOioYo7gWdq9LbFxD94ebGlBB",
}
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# Characters that would end a URL inside the policy or the attribute that hold it.
_UNSAFE_URL = re.compile(r"[\s\"'<>;,\\`]")


def script_json(value: Any) -> str:
    """JSON that is safe as the content of a ``<script type="application/json">`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def _base_url(url: str) -> str:
    """The TimelineJS folder (holding ``js/timeline.js`` and ``css/timeline.css``), ending in ``/``."""
    parts = urlsplit(url)
    if not url or _UNSAFE_URL.search(url) or parts.scheme not in ("", "http", "https") or parts.query or parts.fragment:
        raise ValueError(f"{url!r} is not a usable TimelineJS URL (an http(s) or relative folder URL)")
    return url if url.endswith("/") else url + "/"


def _integrity(base: str, name: str) -> str:
    """The attributes that make the browser check the pinned release's file (a copy of your own is yours)."""
    if base != TIMELINEJS_URL:
        return ""
    return f' integrity="{TIMELINEJS_INTEGRITY[name]}" crossorigin="anonymous"'


def _policy(base: str, script: str) -> str:
    """What the page may load: its own script, the chart beside it and TimelineJS; nothing else."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    timelinejs = base if urlsplit(base).scheme else "'self'"
    return (
        f"default-src 'none'; script-src 'sha256-{digest}' {timelinejs}; style-src 'unsafe-inline' {timelinejs}; "
        f"font-src {timelinejs} data:; img-src 'self' {timelinejs} data:; connect-src {timelinejs}; "
        "base-uri 'none'; form-action 'none'"
    )


def _view(company: CompanyState) -> dict[str, Any]:
    """A company on a day as the page shows it: the lines `timeline state` prints, and each person's facts."""
    dates = Dates()
    legend: set[str] = set()
    table = company_table(company, dates, legend)
    people = []
    for member in company.members:
        since = dates.show(member.since, member.since_lower, member.since_upper)
        notes = [f"joined {since}"]
        if member.status == "possibly-joined":
            notes.append("may not have joined yet")
        elif member.status == "possibly-left":
            notes.append(f"may have left ({dates.show(member.until)})")
        line = member.reports_to
        if line is not None:
            notes.append(f"reports to {line.name}" + ("" if line.certain else " (?)"))
        facts = [{"label": f"At {company.name} since {since}", "certain": member.certain, "events": member.events}]
        roles = []
        for role in member.roles:
            started = dates.show(role.since, role.since_lower, role.since_upper)
            roles.append({"role": role.role, "title": role.title, "since": started, "certain": role.certain})
            facts.append({"label": f"{role.title} since {started}", "certain": role.certain, "events": role.events})
        if line is not None:
            started = dates.show(line.since, line.since_lower, line.since_upper)
            facts.append(
                {"label": f"Reports to {line.name} since {started}", "certain": line.certain, "events": line.events}
            )
        people.append(
            {
                "person": member.person,
                "name": member.name,
                "founder": member.founder,
                "certain": member.certain,
                "roles": roles,
                "notes": " · ".join(notes),
                "facts": facts,
            }
        )
    return {
        "id": company.id,
        "name": company.name,
        "counterparty": company.counterparty,
        # Companies with named people or tracked leaders come first on the page.
        "first": bool(company.members) or company.tracked,
        "title": table.title,
        "lines": list(table.lines),
        "seats": [{"seat": s.seat, "status": s.status, "person": s.person} for s in company.seats],
        "people": people,
        "legend": legend_lines(dates, legend),
    }


def _roster(tl: Timeline) -> dict[str, Any]:
    """Every company's views, by the days from which each holds.

    A company's state can change only on the days its rows declare (`flip_days`), and
    between two of them it reads the same (a test holds `series` to `evaluate` on every
    day), so each company keeps a view per such day where it differs, and the page
    shows the last one on or before the day asked. Equal views are stored once.
    """
    index = tl.index()
    intervals = index.intervals
    days: dict[str, set[int]] = {c.id: {c.first_seen} for c in intervals.companies}
    for day, subjects in flip_days(intervals).items():
        for kind, key in subjects:
            if kind == "company" and key in days:
                days[key].add(day)
    views: list[str] = []
    pooled: dict[str, int] = {}
    steps: dict[str, list[list[int]]] = {}
    for cid in sorted(days):
        own: list[list[int]] = []
        for day in sorted(days[cid]):
            state = index.company(cid, day)
            number = -1
            if state is not None:
                text = json.dumps(_view(state), ensure_ascii=False, sort_keys=True)
                number = pooled.setdefault(text, len(pooled))
                if number == len(views):
                    views.append(text)
            if not own or own[-1][1] != number:
                own.append([day, number])
        steps[cid] = own
    stops = sorted({day for own in steps.values() for day, _ in own})
    return {"steps": steps, "views": [json.loads(v) for v in views], "stops": stops}


def _data(tl: Timeline, timelinejs: str) -> dict[str, Any]:
    intervals = tl.intervals()
    roles = tl.roles
    return {
        "title": tl.title,
        "head": str(tl.store.meta["head"]),
        "timelinejs": timelinejs,
        "first": intervals.first,
        "latest": intervals.latest,
        "roster": _roster(tl),
        "people": {p.id: p.name for p in intervals.people},
        "events": {
            e.id: {
                "headline": headline(e, roles),
                "date": Dates().show(e.date.text, e.date.lower, e.date.upper),
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


def build_site(tl: Timeline, out: Path, timelinejs_url: str = TIMELINEJS_URL, address: str | None = None) -> Path:
    """Write ``out/index.html``, ``out/feed.xml`` (and ``out/roster.svg`` where matplotlib is installed);
    return the page's path. ``address`` is where the page will be published, for the feed's links.

    Raises ``ValueError`` when ``timelinejs_url`` is not an http(s) or relative folder URL.
    """
    base = _base_url(timelinejs_url)
    output.folder(out)
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
        "css_integrity": _integrity(base, "css/timeline.css"),
        "js_integrity": _integrity(base, "js/timeline.js"),
        "chart": _chart(tl, out),
    }
    # One pass, so that no inserted text is read as a placeholder.
    html_page = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("site_page.html"))
    written = output.replace(out / "index.html", html_page)
    output.replace(out / "feed.xml", feed(tl, page=address))
    return written
