"""The static site: what the page embeds and escapes, its JavaScript against the Python fold, and a real render.

The fold test needs Node (``node``); the render tests need Debian's ``chromium``, and the one with
TimelineJS also ``npm`` (it installs ``@knight-lab/timelinejs`` into a temporary folder, or uses the
one in ``$TIMELINEJS_DIR``). Each is skipped where what it needs is missing. With
``TIMELINE_SITE_SCREENSHOT=docs/site.png``, the render test keeps its screenshots there
(``docs/site.png`` at 1280x900 and ``docs/site-phone.png`` at 390x844).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

import cli
import timeline
from tests.browser import CHROMIUM, NPM
from tests.browser import FLAGS as BROWSER_FLAGS
from tests.helpers import WriteEvents, event_text, founded, joined
from timeline.ask.api import Timeline
from timeline.export.site import (
    TIMELINEJS_INTEGRITY,
    TIMELINEJS_URL,
    TIMELINEJS_VERSION,
    _view,
    build_site,
    script_json,
)
from timeline.fold.evaluate import iso
from timeline.fold.intervals import flip_days
from timeline.show import present
from timeline.show.render import render

NODE = shutil.which("node")
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<img src=x onerror=alert(1)>"
FLAGS = [*BROWSER_FLAGS, "--virtual-time-budget=15000"]


def json_element(page: str, element_id: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert found is not None, element_id
    return json.loads(found.group(1))


def without_json(page: str) -> str:
    return re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", page, flags=re.S)


def page_script(page: str) -> str:
    found = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(found) == 1
    return str(found[0])


@pytest.fixture
def hostile_events(write_events: WriteEvents) -> Path:
    company = event_text(
        "2025-02-01-bob-joins-globex",
        """
        type = "person-joined"
        date = "2025-02-01"
        person = "bob"
        company = "globex"
        roles = ["cto"]
        """,
        people={"bob": "</script><script>window.pwned = 1</script>"},
        companies={"globex": HOSTILE},
    )
    return write_events(founded(), joined("cy", "2025-03-01"), company)


# -- without a browser ------------------------------------------------------------------------------


def test_the_page_embeds_the_views_the_sources_and_the_head(tl: Timeline, tmp_path: Path) -> None:
    index = build_site(tl, tmp_path / "site", TIMELINEJS_URL)
    page = index.read_text(encoding="utf-8")
    data = json_element(page, "site-data")
    intervals = tl.intervals()
    assert data["head"] == tl.store.meta["head"] and data["title"] == tl.title
    assert tl.store.meta["head"] in page and html.escape(tl.title) in page
    assert set(data["roster"]["steps"]) == {c.id for c in intervals.companies}
    openai = [data["roster"]["views"][n] for _, n in data["roster"]["steps"]["openai"] if n >= 0]
    back = [p for v in openai for p in v["people"] if p["person"] == "barret-zoph"]
    assert any(r["title"] == "Head of Enterprise" for p in back for r in p["roles"])
    assert (data["first"], data["latest"]) == (intervals.first, intervals.latest)
    # Equal views are stored once.
    views = data["roster"]["views"]
    assert len({json.dumps(v, sort_keys=True) for v in views}) == len(views)
    assert set(data["events"]) == {e.id for e in tl.known_events()}
    labels = {s["label"] for e in data["events"].values() for s in e["sources"]}
    assert "Wired (via vuink.com)" in labels
    # TimelineJS: the export, without the media that would embed X posts from another host.
    slides = json_element(page, "timelinejs-data")
    assert len(slides["events"]) == len(tl.known_events()) and not any("media" in s for s in slides["events"])
    # The pinned release, which the browser refuses unless its bytes have these hashes.
    js, css = TIMELINEJS_INTEGRITY["js/timeline.js"], TIMELINEJS_INTEGRITY["css/timeline.css"]
    assert f'<script src="{TIMELINEJS_URL}js/timeline.js" defer integrity="{js}" crossorigin="anonymous">' in page
    assert f'<link rel="stylesheet" href="{TIMELINEJS_URL}css/timeline.css" integrity="{css}" crossorigin' in page
    assert "@knight-lab/timelinejs@3.9.11/" in TIMELINEJS_URL and "latest" not in TIMELINEJS_URL
    assert '<link rel="alternate" type="application/atom+xml" title="What became known (Atom)" href="feed.xml">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert (tmp_path / "site" / "roster.svg").stat().st_size > 10_000


def test_a_hostile_name_stays_text(hostile_events: Path, tmp_path: Path) -> None:
    tl = timeline.load(hostile_events)
    page = build_site(tl, tmp_path / "site", TIMELINEJS_URL).read_text(encoding="utf-8")
    outside = without_json(page)
    # The only image is the chart; no raw markup from the data anywhere, inside the JSON or out.
    assert re.findall(r"<img\b[^>]*>", outside) == [
        '<img src="roster.svg" alt="Swimlanes: a row per person, a bar per stint and per role">'
    ]
    assert page.count("<script") == 4 and page.count("</script>") == 4  # two JSON elements, the page's, TimelineJS
    assert HOSTILE not in page and "window.pwned" not in outside
    data = json_element(page, "site-data")
    names = {v["name"] for v in data["roster"]["views"]} | set(data["people"].values())
    assert HOSTILE in names and "</script><script>window.pwned = 1</script>" in names
    # The page script never writes markup: every text goes in as textContent.
    script = page_script(page)
    assert "innerHTML" not in script and "outerHTML" not in script and "insertAdjacentHTML" not in script
    assert "document.write" not in script and "eval(" not in script


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"a": "</script><!-- & \u2028\u2029 >"})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_the_policy_allows_only_the_page_and_timelinejs(tl: Timeline, tmp_path: Path) -> None:
    page = build_site(tl, tmp_path / "site", "https://example.org/tljs").read_text(encoding="utf-8")
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found is not None
    policy = html.unescape(found.group(1))
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert set(re.findall(r"https?://[^\s;]+", policy)) == {"https://example.org/tljs/"}
    for bad in ("javascript:alert(1)", 'https://x.org/" onload="x', "https://x.org/a;script-src *", "?q"):
        with pytest.raises(ValueError, match="TimelineJS URL"):
            build_site(tl, tmp_path / "bad", bad)


@pytest.fixture(scope="session")
def axe_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """axe-core and jsdom from the npm registry (skips where npm or the registry is missing)."""
    if NODE is None or NPM is None:
        pytest.skip("needs Node and npm")
    folder = tmp_path_factory.mktemp("axe")
    done = subprocess.run(
        [NPM, "install", "--no-audit", "--no-fund", "--silent", "axe-core@4", "jsdom@24"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"npm could not install axe-core and jsdom: {done.stderr.strip()[:200]}")
    return folder / "node_modules"


@pytest.mark.parametrize("query", ["", "?date=2026-01-15&person=barret-zoph", "?date=2025-12-01&company=openai"])
def test_the_page_is_clean_under_axe_core(tl: Timeline, tmp_path: Path, axe_modules: Path, query: str) -> None:
    page = build_site(tl, tmp_path / "site", TIMELINEJS_URL)
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(ROOT / "tests" / "axe_page.js"), str(axe_modules), str(page), query],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["errors"] == [] and found["shown"] > 500, found["errors"]  # the script ran and laid it out
    assert found["violations"] == [], found["violations"]
    assert {"region", "landmark-unique", "label", "button-name", "heading-order", "bypass"} <= set(found["passes"])


def test_the_pinned_hashes_are_those_of_the_release_in_the_npm_registry() -> None:
    """jsDelivr serves the npm package's files byte for byte: the registry's tarball is the reference."""
    import base64
    import hashlib
    import io
    import tarfile
    import urllib.request

    url = f"https://registry.npmjs.org/@knight-lab/timelinejs/-/timelinejs-{TIMELINEJS_VERSION}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            tarball = response.read()
    except OSError as exc:
        pytest.skip(f"the npm registry is not reachable: {exc}")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        for name, expected in TIMELINEJS_INTEGRITY.items():
            member = archive.extractfile(f"package/dist/{name}")
            assert member is not None
            digest = base64.b64encode(hashlib.sha384(member.read()).digest()).decode("ascii")
            assert expected == f"sha384-{digest}", name


def test_cli_writes_the_site(tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = CliRunner().invoke(cli.main, ["site", str(out), "--timelinejs-url", "tljs/"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'index.html'}" in result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<script src="tljs/js/timeline.js" defer></script>' in page  # your own copy: no hash to pin
    assert (out / "feed.xml").read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>')
    bad = CliRunner().invoke(cli.main, ["site", str(out), "--timelinejs-url", "javascript:alert(1)"])
    assert bad.exit_code == 2 and "--timelinejs-url" in bad.output


# -- the page's JavaScript against the Python ------------------------------------------------------------

RUNNER = """
const site = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify({
  states: input.days.map((day) => site.companiesOn(input.data.roster, day)),
  ordinals: input.isos.map(site.ordinal),
  isos: input.days.map(site.iso),
}));
"""


@pytest.mark.skipif(NODE is None, reason="needs Node (node)")
def test_the_page_shows_what_timeline_state_says(tl: Timeline, tmp_path: Path) -> None:
    page = build_site(tl, tmp_path / "site", TIMELINEJS_URL).read_text(encoding="utf-8")
    (tmp_path / "page.js").write_text(page_script(page), encoding="utf-8")
    (tmp_path / "run.js").write_text(RUNNER, encoding="utf-8")
    intervals = tl.intervals()
    assert intervals.first is not None and intervals.latest is not None
    # Every day on which an answer may change, the days either side, and the ends of the data.
    flips = set(flip_days(intervals)) | {c.first_seen for c in intervals.companies}
    days = sorted({d + step for d in flips for step in (-1, 0, 1)} | {intervals.first - 1, intervals.latest + 400})
    assert len(days) > 100
    calendar = [dt.date(1999, 12, 25) + dt.timedelta(days=n) for n in range(500)]
    isos = [d.isoformat() for d in calendar] + ["0001-01-01", "9999-12-31", "2025-02-29", "2026-13-01", "2026-1-5"]
    (tmp_path / "input.json").write_text(
        json.dumps({"data": json_element(page, "site-data"), "days": days, "isos": isos}), encoding="utf-8"
    )
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(tmp_path / "run.js"), str(tmp_path / "page.js"), str(tmp_path / "input.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    got = json.loads(done.stdout)
    for day, shown in zip(days, got["states"], strict=True):
        state = tl.state(dt.date.fromordinal(day))
        expected = [json.loads(json.dumps(_view(c))) for c in state.companies.values()]
        assert shown == expected, dt.date.fromordinal(day)
    assert got["ordinals"] == [d.toordinal() for d in calendar] + [1, dt.date.max.toordinal(), None, None, None]
    assert got["isos"] == [iso(day) for day in days]


def test_a_view_prints_what_the_table_prints(tl: Timeline) -> None:
    state = tl.state("2026-01-15")
    tml = _view(state.companies["thinking-machines-lab"])
    table = render(present.state(state), "table", width=10_000)
    assert tml["title"] in table and all(line in table for line in tml["lines"])
    assert [p["name"] for p in tml["people"]] == [m.name for m in state.companies["thinking-machines-lab"].members]


# -- in a browser -------------------------------------------------------------------------------------


def chromium(*args: str, profile: Path) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def sections(dom: str) -> dict[str, str]:
    """Each company's section of the rendered roster, as its text."""
    found = re.findall(r'<section class="company" data-company="([^"]+)">(.*?)</section>', dom, re.S)
    return {cid: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()) for cid, body in found}


def requested(netlog: Path, origin: str) -> set[str]:
    """Every URL the page itself asked for (the browser's own background requests have no page initiator)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return {
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start and "url" in e.get("params", {}) and e["params"].get("initiator") == origin
    }


def urls_in(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item)
    elif isinstance(value, str):
        yield from re.findall(r"https?://[^\s\"'<>]+", html.unescape(value))


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None or NPM is None, reason="needs Debian's chromium and npm")
def test_the_page_shows_the_roster_on_a_date(tl: Timeline, served: tuple[str, Path], tmp_path: Path) -> None:
    base, site = served
    timelinejs = f"{base}/node_modules/@knight-lab/timelinejs/dist/"
    page = build_site(tl, site, timelinejs).read_text(encoding="utf-8")
    netlog = tmp_path / "netlog.json"
    profile = tmp_path / "profile"
    url = f"{base}/index.html?date=2026-01-15"
    dom = chromium(f"--log-net-log={netlog}", "--dump-dom", url, profile=profile)

    assert "State on 2026-01-15, everything known" in dom
    shown = sections(dom)
    assert list(shown) == list(tl.state("2026-01-15").companies)
    for name in ("Barret Zoph", "Luke Metz", "Sam Schoenholz"):
        assert name in shown["openai"]
        assert name not in shown["thinking-machines-lab"]
    assert re.search(r'<li data-seat="ceo">CEO <strong>Mira Murati</strong> \(since 2025-02-18\)</li>', dom)
    assert "Head of Enterprise" in shown["openai"] and "(?)" in shown["openai"]  # a possible role, marked
    # Each fact with its sources, a relay shown as such.
    assert "Sources" in shown["openai"] and "techcrunch.com" in dom
    assert any("(via " in s["label"] for e in json_element(page, "site-data")["events"].values() for s in e["sources"])
    # TimelineJS rendered its slides, from the served copy.
    assert dom.count('class="tl-slide') >= len(tl.known_events())

    # Nothing was requested from a host other than the served one...
    asked = requested(netlog, base)
    assert f"{timelinejs}js/timeline.js" in asked and f"{base}/roster.svg" in asked
    assert {urlsplit(u).netloc for u in asked} == {urlsplit(base).netloc}
    # ...and nothing in the page could: outside the JSON, every URL is TimelineJS's; inside, a source link.
    outside = without_json(page)
    assert set(re.findall(r"https?://[^\s\"'<>;]+", outside)) == {
        f"{timelinejs}css/timeline.css",
        f"{timelinejs}js/timeline.js",
        timelinejs,  # in the Content-Security-Policy
    }
    for tag in re.findall(r"<(?:img|iframe|link|script|object|embed|source|video|audio)\b[^>]*>", outside):
        target = re.search(r'\b(?:src|href|data)="([^"]*)"', tag)
        assert target is None or target.group(1) in {
            "roster.svg",
            "data:,",  # no favicon to fetch
            f"{timelinejs}css/timeline.css",
            f"{timelinejs}js/timeline.js",
        }, tag
    sources = {s.url for e in tl.known_events() for s in e.sources}
    for element in ("site-data", "timelinejs-data"):
        for found in urls_in(json_element(page, element)):
            assert found in sources or found == timelinejs, found

    phone, desktop = tmp_path / "phone.png", tmp_path / "desktop.png"
    chromium("--window-size=390,844", f"--screenshot={phone}", url, profile=profile)
    chromium("--window-size=1280,900", f"--screenshot={desktop}", url, profile=profile)
    assert phone.stat().st_size > 10_000 and desktop.stat().st_size > 10_000
    keep = os.environ.get("TIMELINE_SITE_SCREENSHOT")
    if keep:
        shutil.copyfile(desktop, keep)
        shutil.copyfile(phone, Path(keep).with_name(Path(keep).stem + "-phone.png"))


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")
def test_a_hostile_page_opens_from_the_file_system(hostile_events: Path, tmp_path: Path) -> None:
    # From file://, with no TimelineJS where the page looks for it: the roster still works, the name stays text.
    index = build_site(timeline.load(hostile_events), tmp_path / "site", "timelinejs/")
    dom = chromium("--dump-dom", index.as_uri() + "?date=2025-03-01", profile=tmp_path / "profile")
    shown = sections(dom)
    assert shown["globex"].startswith(HOSTILE)
    assert "</script><script>window.pwned = 1</script>" in shown["globex"] and "CTO" in shown["globex"]
    assert not re.search(r"<img[^>]*src=\"x\"", dom) and "<script>window.pwned" not in dom
    assert "TimelineJS could not be loaded from timelinejs/" in dom
    assert "Cy" in shown["acme"] and "Ada" in shown["acme"]
