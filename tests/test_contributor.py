"""A contributor's usual mistakes are refused by name before they land, and a seal can be taken back until it lands."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from tests.helpers import WriteEvents, event_text, founded, joined
from timeline.check.folder import check_folder


def messages(folder: Path) -> list[str]:
    return [str(p).replace(str(folder) + os.sep, "") for p in check_folder(folder).problems]


def test_a_new_id_with_a_known_name_or_a_typo_of_a_known_id_is_refused(write_events: WriteEvents) -> None:
    fork = event_text(
        "2025-03-01-bob-zof-joins-acme",
        'type = "person-joined"\ndate = "2025-03-01"\ndate_basis = "occurred"\nperson = "ada-x"\ncompany = "acme-"',
        people={"ada-x": "Ada"},
        companies={"acme-": "Acme"},
    )
    typo = event_text(
        "2025-03-02-bobby-joins-globex",
        'type = "person-joined"\ndate = "2025-03-02"\ndate_basis = "occurred"\nperson = "bobbby"\ncompany = "globex"',
        people={"bobbby": "Bobby Tables"},
        companies={"globex": "Globex"},
    )
    known = event_text(
        "2025-02-01-bobby-joins-globex",
        'type = "person-joined"\ndate = "2025-02-01"\ndate_basis = "occurred"\nperson = "bobby"\ncompany = "globex"',
        people={"bobby": "Robert Tables"},
        companies={"globex": "Globex"},
    )
    folder = write_events(founded(), known, fork, typo)
    found = messages(folder)
    assert any(
        m.startswith("2025-03-01-bob-zof-joins-acme.toml:")
        and "person id 'ada-x' is named 'Ada', like the known id 'ada'" in m
        for m in found
    ), found
    assert any("company id 'acme-'" not in m or "like the known id 'acme'" in m for m in found)
    assert any("person id 'bobbby' is a typo away from the known id 'bobby'" in m for m in found), found
    # Told apart in dataset.toml, the look-alike pair passes.
    (folder / "dataset.toml").write_text('title = "t"\ndistinct = [["bobby", "bobbby"]]\n', encoding="utf-8")
    assert not any("typo away" in m for m in messages(folder))


def test_impossible_dates_are_errors_and_other_notations_get_a_hint(write_events: WriteEvents) -> None:
    future = joined("bob", "2027-03-01", extra='date_basis = "announced"')
    early = event_text(
        "2025-06-01-cy-joins-acme",
        'type = "person-joined"\ndate = "2025-06-01"\ndate_basis = "occurred"\nperson = "cy"\ncompany = "acme"',
        people={"cy": "Cy"},
        companies={"acme": "Acme"},
        published="2025-05-02",
    )
    us = joined("bob", "2025-02-01", extra='date_basis = "occurred"').replace(
        'date = "2025-02-01"', 'date = "12/02/2025"'
    )
    folder = write_events(founded(), future, early, us)
    found = messages(folder)
    assert any("'2027-03-01' is after today" in m for m in found)
    assert any("'2025-06-01' (occurred) is after every source that reports it" in m for m in found), found
    assert any("write dates as YYYY-MM-DD (EDTF), here 2025-02-12 or 2025-12-02" in m for m in found), found


def test_a_new_role_is_a_line_of_the_dataset_not_code(write_events: WriteEvents) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01", extra='roles = ["head-of-vibes"]'))
    assert any("unknown role 'head-of-vibes'" in m and "dataset.toml" in m for m in messages(folder))
    (folder / "dataset.toml").write_text(
        'title = "t"\n[roles]\nceo = { title = "CEO", seat = "ceo" }\nhead-of-vibes = "Head of Vibes"\n',
        encoding="utf-8",
    )
    assert not any("head-of-vibes" in m for m in messages(folder))


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_seal_refuses_what_ci_refuses_and_unseal_takes_back_only_what_has_not_landed(
    write_events: WriteEvents, runner: CliRunner
) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01", extra='roles = ["head-of-vibes"]'))
    refused = runner.invoke(cli.main, ["seal", "--events", str(folder)])
    assert refused.exit_code == 1 and "unknown role 'head-of-vibes'" in refused.output
    assert "nothing was sealed" in refused.output and not (folder / "MANIFEST").exists()
    assert runner.invoke(cli.main, ["seal", "--allow-warnings", "--events", str(folder)]).exit_code == 0
    # Outside git, nobody can tell whether it landed: it stays.
    kept = runner.invoke(cli.main, ["unseal", "--events", str(folder)])
    assert kept.exit_code == 1 and "not in a git checkout" in kept.output and (folder / "MANIFEST").exists()
    _git(folder, "init", "-q")
    undone = runner.invoke(cli.main, ["unseal", "--events", str(folder)])
    assert undone.exit_code == 0, undone.output
    assert "unsealed 2025-02-01-bob-joins-acme.toml" in undone.output and not (folder / "MANIFEST").exists()
    # Sealed and committed: landed, never removed.
    assert runner.invoke(cli.main, ["seal", "--allow-warnings", "--events", str(folder)]).exit_code == 0
    _git(folder, "add", ".")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "land")
    landed = runner.invoke(cli.main, ["unseal", "--events", str(folder)])
    assert landed.exit_code == 1 and "has landed" in landed.output and (folder / "MANIFEST").exists()


@pytest.mark.parametrize("basis", ["occurred", "announced"])
def test_a_date_on_the_day_of_its_report_passes(write_events: WriteEvents, basis: str) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01", extra=f'date_basis = "{basis}"'))
    assert not [m for m in messages(folder) if "warning" not in m]


def test_new_writes_an_event_that_passes_the_check_as_written(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded())
    args = ["new", "person-joined", "--events", str(folder), "--date", "2025-03-01", "--date-basis", "announced"]
    args += ["--person", "dee", "--name", "dee=Dee Ray", "--company", "acme", "--set", "roles=cto"]
    args += ["--url", "https://news.example.com/dee", "--publisher", "Example News", "--published", "2025-03-01"]
    done = runner.invoke(cli.main, [*args, "--summary", "Acme hires Dee Ray as its CTO."])
    assert done.exit_code == 0, done.output
    path = folder / "2025-03-01-dee-ray-joins-acme-as-cto.toml"
    assert f"wrote {path}" in done.output and path.exists()
    assert not [p for p in check_folder(folder).problems if p.path == str(path) and p.severity == "error"]
    assert 'dee = "Dee Ray"' in path.read_text() and 'acme = "Acme"' in path.read_text()


def test_new_names_everything_missing_and_offers_the_known_id(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded())
    done = runner.invoke(cli.main, ["new", "person-left", "--events", str(folder), "--person", "adda"])
    assert done.exit_code == 2
    for missing in ("the date is missing", "the date basis is missing", "company is missing", "source's url"):
        assert missing in done.output, done.output
    assert "did you mean 'ada' (Ada)?" in done.output
    typo = runner.invoke(cli.main, ["new", "person-lefts", "--events", str(folder)])
    assert typo.exit_code == 2 and "did you mean 'person-left'?" in typo.output


def test_a_summary_left_to_write_keeps_the_file_from_the_seal(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded())
    args = ["new", "person-joined", "--events", str(folder), "--date", "2025-03-01", "--date-basis", "occurred"]
    args += ["--person", "cy", "--name", "cy=Cy", "--company", "acme"]
    args += ["--url", "https://news.example.com/a", "--publisher", "Example News", "--published", "2025-03-01"]
    assert runner.invoke(cli.main, args).exit_code == 0
    refused = runner.invoke(cli.main, ["seal", "--events", str(folder)])
    assert refused.exit_code == 1 and "the summary is still to be written" in refused.output


def test_impact_lists_what_the_fields_events_did_to_the_answers(runner: CliRunner) -> None:
    # The release before the field's leadership landed (the last entry of MANIFEST.2), against today.
    from timeline.check import manifest
    from timeline.store.compiled import shipped_events

    entries, _ = manifest.read(shipped_events())
    before = next(e for e in reversed(entries) if e.file.endswith("MANIFEST.2"))
    done = runner.invoke(cli.main, ["impact", "--against", before.chain[:16], "--format", "csv"])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert any("Sam Altman joins OpenAI" in line and "2023-11-29-sam-altman-rejoins-openai" in line for line in lines)
    assert any(",seat," in line and "OpenAI" in line and "CTO: not recorded -> vacant" in line for line in lines)
    assert any(",seat," in line and "xAI" in line and "CEO: none named -> Elon Musk" in line for line in lines)
    assert any("dispute" in line for line in lines)


def test_impact_of_nothing_new_is_said_in_words(runner: CliRunner) -> None:
    done = runner.invoke(cli.main, ["impact"])
    assert done.exit_code == 0 and "no difference: the change does not alter any answer" in done.output


def test_an_undeclared_id_a_typo_away_from_a_declared_one_gets_a_suggestion(write_events: WriteEvents) -> None:
    text = joined("bob", "2025-02-01").replace('person = "bob"', 'person = "bobb"')
    folder = write_events(founded(), text)
    found = [p.message for p in check_folder(folder).problems]
    assert "person 'bobb' is not declared in [people]; did you mean 'bob'?" in found, found


def test_a_thousand_identical_warnings_read_as_a_count(tmp_path: Path) -> None:
    import json

    from bench.corpus import generate, write

    folder = write(generate(40, 1), tmp_path / "events")
    table = CliRunner().invoke(cli.main, ["check", "--events", str(folder)]).output
    assert table.count("not sealed yet") == 5 and "... and 36 more file(s) with the same warning: not sealed" in table
    data = json.loads(CliRunner().invoke(cli.main, ["check", "--events", str(folder), "--format", "json"]).output)
    assert len(data["problems"]) == 40  # the JSON keeps every one
