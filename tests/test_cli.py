"""The command line, through Click's runner: formats, options, widths, ids and help."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

import cli
import timeline
from tests.helpers import GOOD_FILES, WriteEvents, event_text, founded
from timeline.model.text import width


def run(runner: CliRunner, *args: str, columns: int = 100) -> str:
    result = runner.invoke(cli.main, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def test_state_table_reads_without_timestamps_or_stray_legends(runner: CliRunner) -> None:
    out = run(runner, "state", "--date", "2026-01-15", columns=160)
    assert out.startswith("State on 2026-01-15, everything known\n")
    assert "T16:11" not in out and "T15:13" not in out  # days, not timestamps
    assert "Leadership: CEO Mira Murati (since 2025-02-18), CTO Soumith Chintala (since 2026-01-14)" in out
    openai = out.split("\nOpenAI\n", 1)[1].split("\n\n", 1)[0]
    assert all(name in openai for name in ("Barret Zoph", "Luke Metz", "Sam Schoenholz"))
    metz = next(line for line in openai.splitlines() if line.strip().startswith("Luke Metz"))
    assert "reports to Barret Zoph" in metz and "(?)" not in metz
    # A legend line is printed for a notation only when a table used it.
    body, _, legend = out.rpartition("\n\n")
    assert ("(?):" in legend) == ("(?)" in body)
    assert ("~ about" in legend) == ("~" in body)
    assert ("by D:" in legend) == (" by 20" in body)


def test_role_dates_are_the_roles_own(runner: CliRunner) -> None:
    def rows(out: str, name: str) -> list[str]:
        lines = out.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(f"  {name}"))
        return [lines[start], *[line for line in lines[start + 1 : start + 3] if line.startswith("    ")]]

    (murati,) = rows(run(runner, "state", "--date", "2024-01-01"), "Mira Murati")
    assert "CTO" in murati and "2022-05" in murati  # she became CTO in May 2022; she joined in 2018
    chintala = rows(run(runner, "state", "--date", "2026-01-15"), "Soumith Chintala")
    assert any("CTO" in line and "2026-01-14" in line for line in chintala)


def test_unknown_funding_is_a_word_and_null(runner: CliRunner, write_events: WriteEvents) -> None:
    folder = str(write_events(founded(), GOOD_FILES[3]))
    before = run(runner, "state", "--events", folder, "--date", "2025-03-01")
    assert "Funding: none recorded (unknown, not zero)" in before
    data = json.loads(run(runner, "state", "--events", folder, "--date", "2025-03-01", "--format", "json"))
    assert data["companies"]["acme"]["funding"] is None
    after = json.loads(run(runner, "state", "--events", folder, "--date", "2025-05-01", "--format", "json"))
    assert after["companies"]["acme"]["funding"]["raised"] == [{"amount": 1000, "currency": "USD"}]
    data = json.loads(run(runner, "state", "--date", "2026-01-15", "--format", "json"))
    assert data["companies"]["thinking-machines-lab"]["funding"]["raised"] == [
        {"amount": 2_000_000_000, "currency": "USD"}
    ]


def test_rosters_say_they_are_partial(runner: CliRunner) -> None:
    out = run(runner, "state", "--date", "2026-01-15")
    assert "named people on this date (the sources' names, not a staff list)" in out
    data = json.loads(run(runner, "state", "--date", "2026-01-15", "--format", "json"))
    tml = data["companies"]["thinking-machines-lab"]
    assert tml["named_people"] == len(tml["members"])


def test_state_json_is_the_converter_output(runner: CliRunner) -> None:
    expected = timeline.converter.unstructure(timeline.load().state("2025-12-01", "2025-12-01"))
    out = run(runner, "state", "--date", "2025-12-01", "--as-of", "2025-12-01", "--format", "json")
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_state_csv_and_jsonl_have_a_row_per_member(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(run(runner, "state", "--date", "2026-01-15", "--format", "csv"))))
    lines = run(runner, "state", "--date", "2026-01-15", "--format", "jsonl").splitlines()
    assert len(rows) == len(lines) >= 10
    chintala = next(r for r in rows if r["person"] == "soumith-chintala")
    assert chintala["company"] == "thinking-machines-lab" and "cto" in chintala["roles"].split(";")
    assert set(rows[0]) == set(json.loads(lines[0]))


def test_as_of_alone_answers_about_that_day(runner: CliRunner) -> None:
    out = run(runner, "state", "--as-of", "2026-01-13")
    assert out.startswith("State on 2026-01-13, as known on 2026-01-13\n")
    assert "CTO Barret Zoph" in out


def test_a_release_shows_in_the_header_and_json(runner: CliRunner) -> None:
    from timeline.check import manifest
    from timeline.store.compiled import shipped_events

    chain = manifest.release(shipped_events()).chain
    out = run(runner, "state", "--date", "2026-01-15", "--release", chain[:12])
    assert f"release {chain[:12]}" in out.splitlines()[0]
    data = json.loads(run(runner, "state", "--date", "2026-01-15", "--release", chain[:12], "--format", "json"))
    assert data["release"] == chain


def test_past_the_data_says_so(runner: CliRunner) -> None:
    out = run(runner, "state", "--date", "2030-01-01")
    assert "is after the latest fact" in out
    assert "is before the first fact" in run(runner, "state", "--date", "1980-01-01")


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize(
    "command",
    [
        ["state", "--date", "2026-01-15"],
        ["events"],
        ["sources"],
        ["people"],
        ["companies"],
        ["diff", "--from", "2025-12-01", "--to", "2026-07-01"],
        ["history", "barret-zoph"],
    ],
)
def test_tables_fit_the_width_they_are_given(runner: CliRunner, command: list[str], columns: int) -> None:
    out = run(runner, *command, columns=columns)
    # An id or a URL longer than the line is never broken (it must stay whole to be copied).
    table_lines = [line for line in out.splitlines() if "  " in line and "http" not in line and " " in line.strip()]
    assert table_lines and max(width(line) for line in table_lines) <= columns


def test_wide_keeps_each_row_on_one_line(runner: CliRunner) -> None:
    narrow = run(runner, "events", columns=100)
    wide = run(runner, "events", "--wide", columns=100)
    assert "…" not in narrow and "…" not in wide  # nothing is ever cut: a narrow table wraps its cells
    assert len(wide.splitlines()) < len(narrow.splitlines())
    assert "2026-01-14-barret-zoph-leaves-thinking-machines-lab" in wide


def test_a_table_too_narrow_to_fit_prints_each_row_whole_and_keeps_its_marks(runner: CliRunner) -> None:
    fitted = run(runner, "leaders", "--date", "2025-12-01", columns=100)
    assert "Yann LeCun (?)" in fitted and "2025-11-19 to 2025-12-18" in fitted  # dates are never cut
    narrow = run(runner, "leaders", "--date", "2025-12-01", columns=60)
    assert "…" not in narrow
    assert "  - company: Anthropic; seat: President; held by: Daniela" in narrow  # the company said again
    assert "Yann LeCun (?)" in narrow.replace("\n    ", " ")
    wrapped = run(runner, "state", "--date", "2026-01-15", "--company", "thinking-machines-lab", columns=100)
    assert "…" not in wrapped and max(width(line) for line in wrapped.splitlines()) <= 100
    noah = wrapped[wrapped.index("Noah Shpak (?)") :].splitlines()[:4]
    assert "may have left (2026-01 to 2026-02-27)" in " ".join(" ".join(x.split()) for x in noah)  # wrapped, whole


def test_why_answers_first_and_gives_the_evidence_on_request(runner: CliRunner) -> None:
    short = run(runner, "why", "barret-zoph", "--date", "2026-01-15")
    answer, _, ended = short.partition("Ended before 2026-01-15")
    assert "On 2026-01-15\n- at OpenAI since 14 Jan 2026" in answer and "reports to Fidji Simo" in answer
    assert "- left Thinking Machines Lab 14 Jan 2026, 15:13 UTC-08:00 (dismissed; went to OpenAI)" in ended
    assert "(sources disagree)" in ended  # the dispute is flagged where the fact is, not only at the end
    assert "https://twitter.com/miramurati/status/2011577319295692801" in short  # each event's first source
    assert "allegation by Kylie Robison" not in short and "--evidence' gives" in short
    assert len(short.splitlines()) < 50  # wrapped at 100 columns; the evidence runs to hundreds
    out = run(runner, "why", "barret-zoph", "--date", "2026-01-15", "--evidence")
    assert out.startswith(short.split("\nEvents (the best source of each")[0])
    assert out.count("id 2026-01-14-barret-zoph-leaves-thinking-machines-lab") == 1
    assert "allegation by Kylie Robison (journalist, on X)" in out
    assert "denial by Barret Zoph" in out  # everything known, whenever published
    assert "https://twitter.com/miramurati/status/2011577319295692801" in out
    data = json.loads(run(runner, "why", "thinking-machines-lab", "--date", "2025-07-15", "--format", "json"))
    assert any(c["field"] == "valuation" for c in data["conflicts"])


def test_why_reads_values_as_values(runner: CliRunner) -> None:
    out = run(runner, "why", "thinking-machines-lab", "--date", "2025-07-15")
    assert "seed round: $2B, valued $12B post-money" in out
    assert "{'amount'" not in out and "2,000,000,000 USD" not in out
    assert "{'amount'" not in run(runner, "conflicts")


def test_unknown_ids_suggest_the_nearest(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["why", "barret-zof"])
    assert result.exit_code == 2 and "did you mean 'barret-zoph'?" in result.output
    result = runner.invoke(cli.main, ["events", "--person", "barret-zof"])
    assert result.exit_code == 2 and "did you mean 'barret-zoph'?" in result.output
    result = runner.invoke(cli.main, ["events", "--type", "person-jouned"])
    assert result.exit_code == 2 and "did you mean 'person-joined'?" in result.output
    result = runner.invoke(cli.main, ["history", "thinking-machine-lab"])
    assert result.exit_code == 2 and "'thinking-machines-lab'" in result.output


def test_people_and_companies_list_the_ids(runner: CliRunner) -> None:
    people = list(csv.DictReader(io.StringIO(run(runner, "people", "--date", "2026-01-15", "--format", "csv"))))
    zoph = next(p for p in people if p["id"] == "barret-zoph")
    assert zoph["company"] == "openai" and zoph["first_fact"]
    companies = json.loads(run(runner, "companies", "--format", "json"))
    assert {c["id"] for c in companies} >= {"thinking-machines-lab", "openai", "meta"}
    assert run(runner, "events", "--person", "luke-metz").splitlines()[0].split()[1] == "events,"


def test_diff_refuses_a_reversed_window_and_dates_its_rows(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["diff", "--from", "2026-02-01", "--to", "2026-01-01"])
    assert result.exit_code == 2 and "is after --to" in result.output
    rows = list(
        csv.DictReader(
            io.StringIO(run(runner, "diff", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "csv"))
        )
    )
    assert rows and all(r["date"] and r["company_name"] for r in rows)
    assert not any(r["event"].startswith("2026-06") for r in rows)
    left = next(r for r in rows if r["kind"] == "left" and r["person"] == "barret-zoph")
    assert left["name"] == "Barret Zoph" and left["detail"].endswith("for OpenAI")
    # In story order: by the latest day each change may have happened, as the legend says.
    latest = [r["date_upper"] or r["date_lower"] for r in rows]
    assert latest == sorted(latest)
    assert "ordered by the latest day each change may have happened" in run(
        runner, "diff", "--from", "2026-01-01", "--to", "2026-02-01"
    )


def test_why_does_not_read_a_range_for_a_start_as_the_whole_stay(runner: CliRunner) -> None:
    out = run(runner, "why", "soumith-chintala", "--date", "2026-02-01", columns=200)
    assert "- at Thinking Machines Lab (started between 18 Nov 2025 and 19 Nov 2025)" in out
    assert "ended 14 Jan 2026" in out  # promoted to CTO from member of technical staff


def test_reporting_lines_end_with_the_manager(runner: CliRunner) -> None:
    out = run(runner, "state", "--date", "2026-11-29")
    assert "reports to Barret Zoph" not in out
    rows = list(
        csv.DictReader(
            io.StringIO(run(runner, "diff", "--from", "2026-05-01", "--to", "2026-07-01", "--format", "csv"))
        )
    )
    ended = {r["person"] for r in rows if r["kind"] == "reporting-ended"}
    assert ended >= {"luke-metz", "sam-schoenholz"}


def test_csv_neutralises_formulas_and_line_breaks(write_events: WriteEvents, runner: CliRunner) -> None:
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
            io.StringIO(run(runner, "state", "--events", str(folder), "--date", "2025-03-01", "--format", "csv"))
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
    assert len(commands) >= 14
    for command in commands:
        out = run(runner, *command, "--help")
        assert "Example" in out and f"timeline {' '.join(command)}" in out, command


def test_install_hints_name_this_distribution(runner: CliRunner) -> None:
    assert "pip install 'tml-talent-timeline[plot]'" in run(runner, "chart", "--help")
    assert "'timeline[" not in run(runner, "chart", "--help")


def test_bad_date_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["state", "--date", "15/01/2026"])
    assert result.exit_code == 2 and "'15/01/2026' is not a date in the form YYYY-MM-DD" in result.output
    fullwidth = "\uff12\uff10\uff12\uff16-01-15"  # digits int() accepts, which a date must not
    result = runner.invoke(cli.main, ["state", "--date", fullwidth])
    assert result.exit_code == 2


def test_events_that_fail_the_check_answer_nothing(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded())
    (folder / "2025-02-01-broken.toml").write_text("schema = ", encoding="utf-8")
    result = runner.invoke(cli.main, ["state", "--events", str(folder), "--date", "2025-03-01"])
    assert result.exit_code == 1 and "nothing was answered" in result.output
    assert "Traceback" not in result.output


def test_wide_characters_are_measured_by_display_width() -> None:
    from timeline.show.render import Output, Table, render

    table = Table(columns=("name", "note"), rows=[("山田太郎", "x" * 80), ("Zoë e\u0301", "y")])
    out = render(Output({}, [], [table]), "table", width=40)
    assert max(width(line) for line in out.splitlines()) <= 40
    assert width("山田") == 4 and width("e\u0301") == 1


def test_the_command_line_and_the_library_agree_on_every_day_something_changes(runner: CliRunner) -> None:
    from timeline.fold.intervals import flip_days

    tl = timeline.load()
    days = sorted(flip_days(tl.intervals()))
    import datetime as dt

    for ordinal in days[:: max(1, len(days) // 15)]:
        day = dt.date.fromordinal(ordinal).isoformat()
        for as_of in (None, day):
            args = ["state", "--date", day, "--format", "json"] + (["--as-of", as_of] if as_of else [])
            expected = timeline.converter.unstructure(tl.state(day, as_of))
            assert json.loads(run(runner, *args)) == json.loads(json.dumps(expected)), (day, as_of)


def test_the_fast_path_equals_the_library_on_every_day_something_changes() -> None:
    import datetime as dt

    from timeline.fold.evaluate import Index, evaluate
    from timeline.fold.intervals import flip_days

    tl = timeline.load()
    whole = Index(tl.intervals())
    for ordinal in sorted(flip_days(tl.intervals())):
        day = dt.date.fromordinal(ordinal)
        fresh = timeline.load()  # a state first asked of a new Timeline reads only its day's rows
        assert fresh.state(day) == evaluate(whole, day), day
        assert tl.state(day, day) == evaluate(Index(timeline.load().intervals(day)), day, day), day


def test_a_date_in_the_right_form_that_is_not_a_day_is_named_as_such(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["state", "--date", "2026-02-30"])
    assert result.exit_code == 2 and "'2026-02-30' is not a real calendar date" in result.output
    result = runner.invoke(cli.main, ["state", "--date", "2026-2-3"])
    assert result.exit_code == 2 and "is not a date in the form YYYY-MM-DD" in result.output


def test_a_terminal_that_reports_no_columns_gets_the_fallback_width(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from timeline.show.formats import terminal_width

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((0, 0)))
    assert terminal_width() == 100 and terminal_width(fallback=80) == 80


def test_a_table_piped_to_a_file_loses_nothing(runner: CliRunner) -> None:
    # No COLUMNS and no terminal: every cell whole, however long (the co-founders' notes here).
    piped = runner.invoke(cli.main, ["state", "--date", "2026-01-15", "--company", "thinking-machines-lab"])
    assert piped.exit_code == 0 and "…" not in piped.output
    assert "may have left (2026-01 to 2026-02-27)" in piped.output
    fitted = runner.invoke(cli.main, ["state", "--date", "2026-01-15"], env={"COLUMNS": "80"})
    assert max(len(line) for line in fitted.output.splitlines()) <= 80 < max(map(len, piped.output.splitlines()))


def test_problems_name_files_under_the_folder_as_typed_but_normalised(
    write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_events(founded())
    (folder / "zz-broken.toml").write_text("schema = 3\nid = [\n", encoding="utf-8")
    monkeypatch.chdir(folder.parent)
    result = CliRunner().invoke(cli.main, ["check", "--events", f"./{folder.name}//"])
    assert result.exit_code == 1
    assert f"\n{folder.name}/zz-broken.toml:" in "\n" + result.output, result.output


def test_leaders_answers_who_led_each_lab(runner: CliRunner) -> None:
    out = run(runner, "leaders", "--date", "2025-12-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    held = {(r["company"], r["seat"]): r["name"] or r["status"] for r in rows}
    assert held[("openai", "ceo")] == "Sam Altman" and held[("openai", "cto")] == "vacant"
    assert held[("anthropic", "ceo")] == "Dario Amodei" and held[("xai", "ceo")] == "Elon Musk"
    november = run(runner, "leaders", "--date", "2023-11-18", "--company", "openai")
    assert "Interim CEO" in november and "Mira Murati" in november and "Sam Altman" not in november


def test_state_of_one_company_keeps_its_units(runner: CliRunner) -> None:
    data = json.loads(run(runner, "state", "--date", "2025-12-01", "--company", "meta", "--format", "json"))
    assert {"meta", "meta-superintelligence-labs", "meta-fair"} <= set(data["companies"])
    assert "openai" not in data["companies"]
    wrong = runner.invoke(cli.main, ["state", "--company", "open-ai"])
    assert wrong.exit_code == 2 and "did you mean 'openai'" in wrong.output
