"""Every command, in every output format, on random valid folders whose text is hostile but allowed.

`tests/test_hostile.py` fuzzes the check with broken bytes; this fuzzes what the commands print
once the check has passed: random logs from `bench.corpus`, with names, summaries and publishers
carrying markup, formulas, Mermaid and TOML syntax, other scripts and very long words. No command
may raise; every table is free of raw control characters, every JSON and JSON Lines output parses,
every CSV has one width; the page and the slides hold no markup from the data. A few examples run
by default; ``TIMELINE_FUZZ_EXAMPLES`` (say, 200) runs more, as the long run in SECURITY.md does.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from bench.corpus import generate, write

HOSTILE = (
    "<script>alert(1)</script>",
    '=HYPERLINK("https://evil.example","x")',
    "+1 @cmd -2",
    "a: b # c; d",
    "$x^2$ \\alpha",
    '"quoted" and \\"escaped\\"',
    "{{title}} %s {0}",
    "[[sources]] key = 1",
    "' OR 1=1 --",
    "Ünïcödé Ærøskøbing",
    "محمد",
    "李雷",
    "🚀" * 3,
    "w" * 120,
    "\\n not a line break",
)
EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "4"))
FORMATS = ("table", "json", "csv", "jsonl")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def _spice(tables: list[dict[str, Any]], words: list[str]) -> list[dict[str, Any]]:
    """The same log with hostile text in every name, summary and publisher (ids stay as they are)."""
    out = []
    for number, table in enumerate(tables):
        word = words[number % len(words)]
        table = dict(table)
        table["summary"] = f"{table['summary']} {word}"
        table["people"] = {k: f"{v} {words[hash(k) % len(words)]}" for k, v in table["people"].items()}
        table["companies"] = {k: f"{v} {words[hash(k) % len(words)]}" for k, v in table["companies"].items()}
        table["sources"] = [{**s, "publisher": f"{s['publisher']} {word}"} for s in table["sources"]]
        out.append(table)
    return out


def _commands(folder: Path, out: Path, person: str, company: str) -> list[list[str]]:
    asked = [
        ["state", "--date", "2021-01-01"],
        ["state", "--date", "2021-01-01", "--as-of", "2020-10-01"],
        ["leaders", "--date", "2021-01-01"],
        ["why", person],
        ["why", company, "--date", "2021-01-01"],
        ["history", person],
        ["history", company],
        ["diff", "--from", "2020-01-01", "--to", "2021-06-01"],
        ["people"],
        ["companies"],
        ["events"],
        ["sources"],
        ["conflicts"],
        ["check"],
    ]
    commands = [[*a, "--format", f] for a in asked for f in FORMATS]
    commands += [
        ["chart", "--format", "mermaid"],
        ["export", "timelinejs", "--out", str(out / "slides.json")],
        ["export", "datapackage", str(out / "data")],
        ["site", str(out / "site")],
        ["feed", "--limit", "0"],
        ["schema"],
    ]
    return [[*c, "--events", str(folder)] if c[0] != "schema" else c for c in commands]


def _safe(args: list[str], text: str) -> None:
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    if fmt == "json":
        json.loads(text)
    elif fmt == "jsonl":
        for line in text.splitlines():
            json.loads(line)
    elif fmt == "csv":
        widths = {len(row) for row in csv.reader(io.StringIO(text))}
        assert len(widths) <= 1, (args, widths)
    assert not _RAW_CONTROL.search(text), (args, _RAW_CONTROL.search(text))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    size=st.integers(8, 60),
    words=st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4),
)
def test_every_command_and_format_on_hostile_but_valid_text(
    tmp_path_factory: Any, seed: int, size: int, words: list[str]
) -> None:
    base = tmp_path_factory.mktemp("fuzz")
    tables = _spice(generate(size, seed, start=__import__("datetime").date(2020, 1, 1)), words)
    folder = write(tables, base / "events")
    person = next(iter(next(t for t in tables if t["people"])["people"]))
    company = next(iter(next(t for t in tables if t["companies"])["companies"]))
    runner = CliRunner()
    checked = runner.invoke(cli.main, ["check", "--events", str(folder)])
    assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.exception
    for args in _commands(folder, base, person, company):
        result = runner.invoke(cli.main, args, env={"COLUMNS": "100"})
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        if checked.exit_code != 0:
            # A log the check refuses (a hostile word can make two names look alike) is refused by name.
            assert result.exit_code in (0, 1) and "Traceback" not in result.output, (args, result.output)
            continue
        assert result.exit_code == 0, (args, result.output)
        _safe(args, result.output)
    if checked.exit_code == 0:
        # The page and the slides carry every hostile word as text, never as markup.
        for written in (base / "site" / "index.html", base / "slides.json", base / "site" / "feed.xml"):
            assert "<script>alert" not in written.read_text(encoding="utf-8"), written
        feedparser = __import__("feedparser")
        parsed = feedparser.parse((base / "site" / "feed.xml").read_bytes())
        assert not parsed.bozo and 0 < len(parsed.entries) <= len(tables), parsed.get("bozo_exception")
