"""diff, history, sources, records, DataFrames and charts, on the shipped events."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cli
from timeline.ask import records
from timeline.ask.api import Timeline
from timeline.ask.catalogue import citations
from timeline.ask.diff import changes
from timeline.ask.history import history_of
from timeline.show.lanes import lanes
from timeline.show.mermaid import gantt

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> str:
    result = CliRunner().invoke(cli.main, list(args), env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.output


def test_diff_across_the_january_departures(tl: Timeline) -> None:
    found = {(c.kind, c.company, c.person): c for c in changes(tl, "2025-12-01", "2026-01-31")}
    left = found[("left", "thinking-machines-lab", "barret-zoph")]
    assert left.detail == "Barret Zoph leaves Thinking Machines Lab (dismissed) for OpenAI"
    assert left.event == "2026-01-14-barret-zoph-leaves-thinking-machines-lab"
    assert left.date.startswith("2026-01-14") and left.name == "Barret Zoph"
    assert found[("joined", "openai", "luke-metz")].event == "2026-01-14-luke-metz-rejoins-openai"
    assert found[("role-started", "thinking-machines-lab", "soumith-chintala")].detail.endswith("becomes CTO")
    assert ("joined", "openai", "mira-murati") not in found


def test_diff_shows_the_funding(tl: Timeline) -> None:
    funding = [c for c in changes(tl, "2025-01-01", "2025-07-31") if c.kind == "funding"]
    tml = [c.detail for c in funding if c.company == "thinking-machines-lab"]
    assert tml == ["seed round: $2B, valued $12B post-money"]
    assert "Series E round: $3.5B, valued $61.5B post-money" in [c.detail for c in funding if c.company == "anthropic"]


def test_history_of_a_person_has_each_role_with_its_own_dates(tl: Timeline) -> None:
    zoph = history_of(tl, "barret-zoph")
    assert [(s.company, s.end_lower.isoformat() if s.end_lower else None, s.how) for s in zoph.stints][:2] == [
        ("openai", "2024-09-25", "resigned"),
        ("thinking-machines-lab", "2026-01-14", "dismissed"),
    ]
    cto = next(r for r in zoph.roles if r.role == "cto")
    assert (cto.start, cto.end_lower.isoformat() if cto.end_lower else None) == ("2025-02-18", "2026-01-14")
    out = run("history", "barret-zoph")
    assert "as CTO" in out and "dismissed" in out


def test_history_of_a_company_lists_founders_first() -> None:
    rows = list(csv.DictReader(io.StringIO(run("history", "thinking-machines-lab", "--format", "csv"))))
    founders = [r["founder"] for r in rows]
    assert founders == sorted(founders, key=lambda f: f != "true")
    assert {r["person"] for r in rows if r["founder"] == "true"} >= {
        "mira-murati",
        "barret-zoph",
        "john-schulman",
    }


def test_sources_list_every_citation_with_relays_shown(tl: Timeline) -> None:
    found = citations(tl.events)
    urls = {s.url for e in tl.events for s in e.sources}
    assert {c.url for c in found} == urls
    murati = next(c for c in found if c.url.endswith("2011577319295692801"))
    assert murati.kind == "primary" and "2026-01-14-barret-zoph-leaves-thinking-machines-lab" in murati.events
    data = json.loads(run("sources", "--publisher", "wired", "--format", "json"))
    assert data and all("Wired" in c["publisher"] for c in data)
    assert all(c["label"] == f"Wired (via {c['host']})" for c in data if c["via"])


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["diff", "--from", "2025-12-01", "--to", "2026-01-31"],
        ["history", "barret-zoph"],
        ["sources"],
        ["state", "--date", "2026-01-15"],
        ["why", "barret-zoph", "--date", "2026-01-15"],
        ["conflicts"],
        ["people"],
        ["companies"],
    ],
)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "jsonl"])
def test_every_command_in_every_format(command: list[str], fmt: str) -> None:
    out = run(*command, "--format", fmt)
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(out)))) > 1
    else:
        assert out.strip()


def test_records_frames_and_csv_share_columns(tl: Timeline) -> None:
    pd = pytest.importorskip("pandas")
    from timeline.ask import frames

    stints = frames.stints(tl)
    assert str(stints.dtypes["start_lower"]).startswith("datetime64")
    assert str(stints.dtypes["founder"]) == "boolean"
    roster = frames.roster(tl, "2026-01-15")
    assert set(roster[roster.company == "openai"].person) >= {"barret-zoph", "luke-metz", "sam-schoenholz"}
    csv_columns = next(csv.reader(io.StringIO(run("state", "--date", "2026-01-15", "--format", "csv"))))
    assert csv_columns == list(roster.columns)
    events = frames.events(tl)
    assert len(events) == len(tl.events) and isinstance(events, pd.DataFrame)
    assert len(frames.roles(tl)) == len(records.roles(tl)) and len(frames.lines(tl)) == len(records.lines(tl))


def test_diff_lists_changes_that_may_fall_outside_the_window_apart() -> None:
    out = run("diff", "--from", "2025-12-31", "--to", "2026-12-04")
    sure, heading, unsure = out.partition("Changes that may fall in this window")
    assert heading, "no uncertain changes listed apart"
    assert "Barret Zoph leaves Thinking Machines Lab" in sure and "Barret Zoph leaves" not in unsure
    # Joins dated only "between the founding and January 2026" most likely came in 2025.
    assert "Lia Guy joins Thinking Machines Lab" in unsure and "Lia Guy joins Thinking Machines Lab" not in sure
    assert "(?)" not in sure


def test_a_reported_valuation_that_repeats_a_rounds_reads_as_a_repeat(tl: Timeline) -> None:
    found = {c.event: c for c in changes(tl, "2026-03-01", "2026-03-31")}
    repeat = found["2026-03-11-thinking-machines-lab-valuation-reported"]
    assert repeat.detail.endswith(
        ": the valuation of its seed round (between 14 May 2025 and 20 Jun 2025) again, not a new one"
    )
    assert "again" not in found["2026-03-31-openai-closes-122-billion-round"].detail


def test_values_read_as_words_never_as_python() -> None:
    for args in (["conflicts"], ["why", "thinking-machines-lab", "--date", "2026-05-01", "--evidence"]):
        out = run(*args)
        assert not re.search(r"(^|\s)[=x~] (True|False|None)\b", out), args
    assert "  = no  (TechCrunch: non-exclusive" in run("conflicts")


def test_readme_analysis_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- analysis -->\s*```python\n(.*?)```", readme, re.S)
    printed = re.search(r"<!-- analysis output -->\s*```\n(.*?)```", readme, re.S)
    assert block is not None and printed is not None, "the README lost its analysis example"
    scope: dict[str, Any] = {}
    exec(compile(block.group(1), "README.md", "exec"), scope)
    left = scope["left"]
    assert {"Andrew Tulloch", "Barret Zoph", "Luke Metz", "Sam Schoenholz"} <= set(left["name"])
    assert capsys.readouterr().out == printed.group(1), "regenerate the README's analysis output"


def test_readme_samples_are_what_the_commands_print() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    samples = re.findall(r"<!-- sample( \(its start\))?: timeline (.*?) -->\s*```\w*\n(.*?)```", readme, re.S)
    assert len(samples) >= 3, "the README lost its samples"
    for start, command, shown in samples:
        printed = run(*command.split())
        assert printed.startswith(shown) if start else printed == shown, f"regenerate the README sample of {command}"


def test_mermaid_gantt_has_a_bar_per_role(tl: Timeline) -> None:
    import datetime as dt

    text = gantt(lanes(tl), dt.date(2026, 1, 14))
    assert text.startswith("gantt\n")
    assert "    CTO at Thinking Machines Lab :2025-02-18, 2026-01-14\n" in text
    # Two holders of one seat never overlap: Chintala's CTO bar starts the day Zoph's ends.
    assert re.search(r"    CTO at Thinking Machines Lab( ~)? :(active, )?2026-01-14, ", text)
    assert "2026-01-14 :milestone, 2026-01-14, 0d" in text
    # Mermaid's own line for today would sit after every bar and make current jobs look ended.
    assert "    todayMarker off\n" in text and f"open bars run to {lanes(tl).last.isoformat()} :milestone" in text
    assert run("chart", "--format", "mermaid").startswith("gantt\n")


def test_chart_png_and_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "roster.png"
    run("chart", "--out", str(png), "--date", "2026-01-14")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "roster.svg"
    run("chart", "--out", str(svg), "--since", "2024-01-01")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text[:500] and "sources cited" in text
