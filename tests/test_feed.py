"""The Atom feed: every fact by the day it became known, with its sources, read by a real feed parser."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

import cli
from timeline.ask.api import Timeline

feedparser = pytest.importorskip("feedparser")


def _parse(*args: str) -> object:
    result = CliRunner().invoke(cli.main, ["feed", *args])
    assert result.exit_code == 0, result.output
    return feedparser.parse(result.output)


def test_the_feed_is_valid_and_holds_every_fact_newest_known_first(tl: Timeline) -> None:
    parsed = _parse("--limit", "0")
    assert not parsed.bozo, parsed.get("bozo_exception")  # type: ignore[attr-defined]
    entries = parsed.entries  # type: ignore[attr-defined]
    assert len(entries) == len(tl.known_events(include_fixes=True))
    days = [time.strftime("%Y-%m-%d", e.published_parsed) for e in entries]
    assert days == sorted(days, reverse=True)
    assert len({e.id for e in entries}) == len(entries) and all(e.id.startswith("urn:uuid:") for e in entries)
    zoph = next(e for e in entries if e.title == "Barret Zoph leaves Thinking Machines Lab for OpenAI")
    assert time.strftime("%Y-%m-%d", zoph.published_parsed) == "2026-01-14"  # the day it became known
    related = {link.href for link in zoph.links if link.rel == "related"}
    assert "https://twitter.com/miramurati/status/2011577319295692801" in related
    assert "Sources:" in zoph.content[0].value and "miramurati" in zoph.content[0].value
    assert zoph.summary.startswith("14 Jan 2026")
    assert any(t.term == "thinking-machines-lab" and t.label == "Thinking Machines Lab" for t in zoph.tags)
    corrections = [e for e in entries if e.title.startswith("Correction: ")]
    assert corrections and not any(e.title.startswith("Correction of ") for e in entries)
    # A correction is news on the day it was made, even when its sources are months older.
    tulloch = next(e for e in corrections if e.title == "Correction: Andrew Tulloch leaves Meta for Anthropic")
    assert time.strftime("%Y-%m-%d", tulloch.published_parsed) == "2026-12-04"


def test_the_feed_links_to_the_page_when_it_has_an_address() -> None:
    parsed = _parse("--limit", "5", "--url", "https://example.org/labs/index.html")
    assert not parsed.bozo  # type: ignore[attr-defined]
    feed = parsed.feed  # type: ignore[attr-defined]
    assert any(link.rel == "self" and link.href == "https://example.org/labs/feed.xml" for link in feed.links)
    for entry in parsed.entries:  # type: ignore[attr-defined]
        assert entry.link.startswith("https://example.org/labs/index.html?date=")
    assert len(parsed.entries) == 5  # type: ignore[attr-defined]
    bad = CliRunner().invoke(cli.main, ["feed", "--url", "javascript:alert(1)"])
    assert bad.exit_code == 2 and "--url" in bad.output
