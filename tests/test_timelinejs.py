"""The TimelineJS export: its shape, and a real render in headless Chromium.

The render test needs Debian's ``chromium`` and Node's ``npm`` (it installs
``@knight-lab/timelinejs`` from the npm registry into a temporary folder, or
uses the one in ``$TIMELINEJS_DIR``); it is skipped where either is missing.
To run it: ``apt-get install chromium`` and then ``python -m pytest -m browser``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from tests.browser import CHROMIUM, NPM
from tests.browser import FLAGS as BROWSER_FLAGS
from tests.helpers import WriteEvents, event_text, founded
from timeline.ask.api import Timeline
from timeline.export.timelinejs import dates, document, slide
from timeline.model.edtf import parse


def test_one_slide_per_event_grouped_by_company(tl: Timeline) -> None:
    exported = document(tl)
    assert [s["unique_id"] for s in exported["events"]] == [e.id for e in tl.known_events()]
    groups = {s["group"] for s in exported["events"]}
    assert {"Thinking Machines Lab", "OpenAI", "Meta"} <= groups
    assert exported["title"]["text"]["headline"] == tl.title
    zoph = next(s for s in exported["events"] if s["unique_id"].endswith("zoph-leaves-thinking-machines-lab"))
    assert zoph["media"]["credit"] == "X (Mira Murati)"
    assert zoph["media"]["link"] == "https://twitter.com/miramurati/status/2011577319295692801"
    assert "techcrunch.com" in zoph["text"]["text"]
    founding = exported["events"][[e.id for e in tl.known_events()].index("2025-02-18-thinking-machines-lab-founded")]
    assert "media" not in founding and "axios.com" in founding["text"]["text"]


def test_credits_name_relays_as_relays(tl: Timeline) -> None:
    texts = " ".join(s["text"]["text"] for s in document(tl)["events"])
    assert "Wired (via vuink.com)" in texts
    # Every link labelled with an outlet goes to that outlet, or says where it goes instead.
    for url, label in re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', texts):
        if label == "Wired":
            assert "wired.com" in url, url
    assert not any(s["unique_id"].startswith("2026-11-29-correct") for s in document(tl)["events"])


def test_every_text_is_escaped_and_links_are_web_links(write_events: WriteEvents) -> None:
    hostile = event_text(
        "2025-02-01-bob-joins-globex",
        """
        summary = "<script>window.pwned = 1</script>"
        type = "person-joined"
        date = "2025-02-01"
        date_basis = "occurred"
        person = "bob"
        company = "globex"
        """,
        people={"bob": "<b>Bob</b>"},
        companies={"globex": "<img src=x onerror=alert(1)>"},
    )
    from timeline import load

    tl = load(write_events(founded(), hostile))
    raw = json.dumps(document(tl))
    assert "<img" not in raw and "<script>" not in raw and "<b>" not in raw
    one = slide(tl.event("2025-02-01-bob-joins-globex"), tl.roles)
    assert one["group"] == "&lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018", {"start_date": {"year": 2018}}),
        ("2022-05", {"start_date": {"year": 2022, "month": 5}}),
        (
            "2025-11-18~",
            {"start_date": {"year": 2025, "month": 11, "day": 18}, "display_date": "about 18 Nov 2025"},
        ),
        (
            "2025-10-10/2025-11",
            {
                # The wording sits on the slide, which TimelineJS shows once (not on start_date,
                # after which it would append the end date again).
                "start_date": {"year": 2025, "month": 10, "day": 10},
                "end_date": {"year": 2025, "month": 11},
                "display_date": "between 10 Oct 2025 and Nov 2025",
            },
        ),
        (
            "../2026-01-12",
            {"start_date": {"year": 2026, "month": 1, "day": 12}, "display_date": "by 12 Jan 2026"},
        ),
        (
            "2026-01-14T15:13:00-08:00",
            {
                "start_date": {
                    "year": 2026,
                    "month": 1,
                    "day": 14,
                    "hour": 15,
                    "minute": 13,
                },
                "display_date": "14 Jan 2026, 15:13 UTC-08:00",
            },
        ),
    ],
)
def test_dates_keep_their_precision(text: str, expected: dict[str, object]) -> None:
    assert dates(parse(text)) == expected


def test_cli_writes_the_export(tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    result = CliRunner().invoke(cli.main, ["export", "timelinejs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))["events"]) > 20


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def slide_text_of_hostile() -> dict[str, str]:
    return {
        "headline": html_escape("<script>window.pwned = 1</script>"),
        "text": "<p>" + html_escape("<img src=x onerror=alert(1)>") + "</p>",
    }


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="node_modules/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="node_modules/@knight-lab/timelinejs/dist/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline-embed" style="width:1280px;height:760px"></div>
<script>
window.timeline = new TL.Timeline('timeline-embed', DATA, {start_at_slide: START});
</script></body></html>"""

FLAGS = [*BROWSER_FLAGS, "--virtual-time-budget=15000"]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None or NPM is None, reason="needs Debian's chromium and npm")
def test_timelinejs_renders_every_event(tl: Timeline, served: tuple[str, Path], tmp_path: Path) -> None:
    base, site = served
    exported = document(tl)
    start = next(i for i, s in enumerate(exported["events"]) if s["unique_id"].endswith("zoph-rejoins-openai"))
    page = PAGE.replace("DATA", json.dumps(exported)).replace("START", str(start + 1))
    (site / "index.html").write_text(page, encoding="utf-8")
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    assert CHROMIUM is not None
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, *profile, "--dump-dom", f"{base}/index.html"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    slide_ids = set(re.findall(r'<div class="tl-slide[^"]*"[^>]*id="([^"]+)"', dom))
    slide_ids |= set(re.findall(r'id="([^"]+)"[^>]*class="tl-slide[ "]', dom))
    assert {e.id for e in tl.known_events()} <= slide_ids
    # No script ran, and the hostile markup is text, not elements.
    assert "<title>pwned</title>" not in dom and 'onerror="document.title' not in dom
    assert "<script>window.pwned" not in dom
    # An interval's wording shows once, as the slide's date (TimelineJS adds no second end date).
    wording = "between 10 Oct 2025 and Nov 2025"
    assert dom.count(wording) >= 1
    assert f"{wording} —" not in dom and f"{wording} -" not in dom
    shot = tmp_path / "timelinejs.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, *profile, "--window-size=1280,760", f"--screenshot={shot}", f"{base}/index.html"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("TIMELINEJS_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)
