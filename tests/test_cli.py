"""The command line, through Click's runner: formats, options and help."""

from __future__ import annotations

import csv
import io
import json

import click
from click.testing import CliRunner
from conftest import WriteEvents, event_text, founded

import cli


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli.main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_state_table(runner: CliRunner) -> None:
    out = run(runner, "state", "--date", "2026-01-15")
    assert out.startswith("State on 2026-01-15, everything known\n")
    assert "Leadership: CEO Mira Murati, CTO Soumith Chintala, Chief Scientist John Schulman" in out
    openai = out.split("\nOpenAI\n", 1)[1].split("\n\n", 1)[0]
    assert all(name in openai for name in ("Barret Zoph", "Luke Metz", "Sam Schoenholz"))


def test_state_json_shape(runner: CliRunner) -> None:
    data = json.loads(run(runner, "state", "--date", "2026-01-15", "--format", "json"))
    assert data["date"] == "2026-01-15"
    tml = data["companies"]["thinking-machines-lab"]
    assert tml["name"] == "Thinking Machines Lab" and tml["founded"] == "2025-02-18"
    murati = next(m for m in tml["members"] if m["person"] == "mira-murati")
    assert {"person", "roles", "since"} <= set(murati) and murati["roles"][0]["role"] == "ceo"
    assert tml["funding"]["total_usd"] == 2_000_000_000 and tml["funding"]["valuation_usd"] == 12_000_000_000
    assert "Nvidia" in tml["funding"]["investors"]
    assert data["people"]["barret-zoph"]["company"] == "openai"
    assert data["people"]["fidji-simo"]["company"] is None


def test_state_json_is_the_converter_output(runner: CliRunner) -> None:
    import timeline

    expected = timeline.converter.unstructure(timeline.load().state("2025-12-01", "2025-12-01"))
    out = run(runner, "state", "--date", "2025-12-01", "--as-of", "2025-12-01", "--format", "json")
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_state_csv_and_jsonl_have_a_row_per_member(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(run(runner, "state", "--date", "2026-01-15", "--format", "csv"))))
    lines = run(runner, "state", "--date", "2026-01-15", "--format", "jsonl").splitlines()
    assert len(rows) == len(lines) == 10
    chintala = next(r for r in rows if r["person"] == "soumith-chintala")
    assert (chintala["company"], chintala["roles"], chintala["certain"]) == (
        "thinking-machines-lab",
        "cto",
        "True",
    )


def test_possible_facts_are_marked_with_a_legend(runner: CliRunner) -> None:
    out = run(runner, "state", "--date", "2025-10-20")
    assert "Andrew Tulloch ?" in out and "may not have joined yet" in out
    assert "? possible: a date range covers this day" in out


def test_why_table_and_json(runner: CliRunner) -> None:
    out = run(runner, "why", "barret-zoph", "--date", "2026-01-15")
    assert "- left Thinking Machines Lab on 2026-01-14T15:13:00-08:00 (dismissed) for OpenAI" in out
    assert "claim (allegation) by Kylie Robison (journalist, on X)" in out
    assert "https://twitter.com/miramurati/status/2011577319295692801" in out
    data = json.loads(run(runner, "why", "thinking-machines-lab", "--date", "2025-07-15", "--format", "json"))
    funding = next(f for f in data["facts"] if f["fact"].startswith("seed round"))
    assert funding["conflicts"][0]["field"] == "valuation"


def test_why_unknown_subject(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["why", "nobody", "--date", "2026-01-15"])
    assert result.exit_code == 2 and "'nobody' is no person or company known on that date" in result.output


def test_conflicts(runner: CliRunner) -> None:
    out = run(runner, "conflicts")
    assert "sources disagree on date (2025-10-10-andrew-tulloch-leaves-thinking-machines-lab)" in out
    rows = list(csv.DictReader(io.StringIO(run(runner, "conflicts", "--format", "csv"))))
    assert {r["event"] for r in rows} >= {"2025-06-20-thinking-machines-lab-closes-seed-round"}


def test_events_filters(runner: CliRunner) -> None:
    rows = [
        json.loads(x)
        for x in run(runner, "events", "--person", "luke-metz", "--format", "jsonl").splitlines()
    ]
    assert [r["id"] for r in rows][:2] == ["2022-luke-metz-joins-openai", "2024-10-luke-metz-leaves-openai"]
    claims = run(
        runner, "events", "--type", "claim", "--source", "bloomberg", "--format", "jsonl"
    ).splitlines()
    assert [json.loads(x)["id"] for x in claims] == ["2026-01-14-openai-does-not-share-concerns"]
    window = run(runner, "events", "--since", "2026-01-15", "--until", "2026-01-31", "--format", "jsonl")
    assert [json.loads(x)["id"] for x in window.splitlines()] == [
        "2026-01-20-barret-zoph-denies-misconduct-claims"
    ]


def test_csv_neutralises_formulas(write_events: WriteEvents, runner: CliRunner) -> None:
    hostile = event_text(
        "2025-02-01-bob-joins-acme",
        """
        summary = "=HYPERLINK(\\"https://evil.example.com\\",\\"click\\")"
        type = "person-joined"
        date = "2025-02-01"
        person = "bob"
        company = "acme"
        """,
        people={"bob": "@Bob"},
        companies={"acme": "Acme"},
    )
    folder = write_events(founded(), hostile)
    out = run(runner, "events", "--events", str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[1]["summary"] == '\'=HYPERLINK("https://evil.example.com","click")'
    state = list(
        csv.DictReader(
            io.StringIO(
                run(runner, "state", "--events", str(folder), "--date", "2025-03-01", "--format", "csv")
            )
        )
    )
    assert next(r for r in state if r["person"] == "bob")["name"] == "'@Bob"


def test_every_help_shows_an_example(runner: CliRunner) -> None:
    def walk(group: click.Group, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = []
        for name, command in group.commands.items():
            found.append((*path, name))
            if isinstance(command, click.Group):
                found.extend(walk(command, (*path, name)))
        return found

    commands = walk(cli.main, ())
    assert len(commands) >= 12
    for command in commands:
        out = run(runner, *command, "--help")
        assert "Example" in out and f"timeline {' '.join(command)}" in out, command


def test_top_level_help(runner: CliRunner) -> None:
    assert "timeline state --date 2026-01-15" in run(runner, "--help")


def test_bad_date_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["state", "--date", "15/01/2026"])
    assert result.exit_code == 2 and "'15/01/2026' is not a date in the form YYYY-MM-DD" in result.output
