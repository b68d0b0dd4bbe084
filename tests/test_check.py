"""Every kind of bad input is refused with its file (and line) named, all in one run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import timeline
from tests.helpers import WriteEvents, event_text, founded, joined, left
from timeline.check.folder import check_folder
from timeline.check.manifest import seal
from timeline.model.events import EVENT_TYPES


def problems(folder: Path) -> list[str]:
    """Each problem as `name:line: message`, with the folder's path left out."""
    return [str(p).replace(str(folder) + os.sep, "") for p in check_folder(folder).problems]


def only_errors(folder: Path) -> list[str]:
    return [p for p in problems(folder) if "warning:" not in p]


GOOD_JOIN = joined("bob", "2025-02-01")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace('person = "bob"', 'person = "bob'),
            "2025-02-01-bob-joins-acme.toml:6: invalid TOML: Illegal character '\\n'",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace('type = "person-joined"', 'type = "person-hired"'),
            "2025-02-01-bob-joins-acme.toml:4: unknown event type 'person-hired'; did you mean "
            f"'person-joined'? (known types: {', '.join(EVENT_TYPES)})",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace('company = "acme"\n', ""),
            "2025-02-01-bob-joins-acme.toml:1: missing required field 'company'",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace('company = "acme"', 'company = "acme"\nsalary = 3'),
            "2025-02-01-bob-joins-acme.toml:8: salary: unknown field (this table has: schema, id, date, "
            "date_basis, summary, sources, known, people, companies, claims, person, company, roles, "
            "reports_to, came_from, standing)",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace('url = "https://news.example.com/2025-02-01-bob-joins-acme"', "url = 42"),
            "2025-02-01-bob-joins-acme.toml:17: url in sources #1: expected a string, got a number",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace("roles = []", "").replace('company = "acme"', 'company = "acme"\nroles = "cto"'),
            "2025-02-01-bob-joins-acme.toml:8: roles: expected an array, got a string",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace('date = "2025-02-01"', "date = 2025-02-01"),
            "2025-02-01-bob-joins-acme.toml:5: date: expected an EDTF date string, got a TOML date "
            "(write dates as quoted EDTF strings)",
        ),
        (
            "2025-02-30-bob-joins-acme.toml",
            joined("bob", "2025-02-30"),
            "2025-02-30-bob-joins-acme.toml:5: date: '2025-02-30' is not a real calendar date "
            "(day is out of range for month)",
        ),
        (
            "2025-03-01-bob-joins-acme.toml",
            joined("bob", "2025-03-01/2025-02-01", event_id="2025-03-01-bob-joins-acme"),
            "2025-03-01-bob-joins-acme.toml:5: date: '2025-03-01/2025-02-01' ends before it starts",
        ),
        (
            "2025-02-01-bob-joins-acme.toml",
            GOOD_JOIN.replace("schema = 2", "schema = 9"),
            "2025-02-01-bob-joins-acme.toml:1: schema 9 is not one this release reads (1 to 3); "
            "upgrade the timeline package",
        ),
    ],
)
def test_file_level_problems(write_events: WriteEvents, name: str, text: str, expected: str) -> None:
    folder = write_events(founded())
    (folder / name).write_text(text, encoding="utf-8")
    assert expected in only_errors(folder)


def test_not_utf8(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    (folder / "2025-02-01-bob-joins-acme.toml").write_bytes(GOOD_JOIN.encode() + b"\n# caf\xe9\n")
    assert only_errors(folder) == ["2025-02-01-bob-joins-acme.toml:21: not UTF-8 (byte 0xe9 at offset 364)"]


def test_file_name_must_match_id_and_date(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    (folder / "bob.toml").write_text(GOOD_JOIN, encoding="utf-8")
    (folder / "2025-02-02-bob-joins-acme.toml").write_text(
        GOOD_JOIN.replace("2025-02-01-bob-joins-acme", "2025-02-02-bob-joins-acme"), encoding="utf-8"
    )
    errors = only_errors(folder)
    assert (
        "bob.toml:2: file name 'bob.toml' disagrees with id '2025-02-01-bob-joins-acme' "
        "(expected 2025-02-01-bob-joins-acme.toml)"
    ) in errors
    assert (
        "2025-02-02-bob-joins-acme.toml:5: id '2025-02-02-bob-joins-acme' does not start with its date '2025-02-01'"
    ) in errors


def test_duplicate_ids(write_events: WriteEvents) -> None:
    folder = write_events(founded(), GOOD_JOIN)
    (folder / "copy.toml").write_text(GOOD_JOIN, encoding="utf-8")
    errors = only_errors(folder)
    assert (
        "copy.toml:2: duplicate id '2025-02-01-bob-joins-acme', also used by 2025-02-01-bob-joins-acme.toml" in errors
    )


def test_sources_are_required_and_need_urls(write_events: WriteEvents) -> None:
    no_source = event_text(
        "2025-02-01-bob-joins-acme",
        'type = "person-joined"\ndate = "2025-02-01"\nperson = "bob"\ncompany = "acme"\nsources = []',
        people={"bob": "Bob"},
        companies={"acme": "Acme"},
        sources=False,
    )
    no_url = joined("cy", "2025-02-01").replace('url = "https://news.example.com/2025-02-01-cy-joins-acme"\n', "")
    bad_url = joined("bob", "2025-02-02").replace("https://news.example.com/", "news at the corner ")
    folder = write_events(founded(), no_source, no_url, bad_url)
    assert only_errors(folder) == [
        "2025-02-01-bob-joins-acme.toml:8: no source: every event cites at least one [[sources]] with a URL",
        "2025-02-01-cy-joins-acme.toml:15: sources #1: missing required field 'url'",
        "2025-02-02-bob-joins-acme.toml:17: source URL 'news at the corner 2025-02-02-bob-joins-acme' "
        "is not an http(s) URL",
    ]


def test_chronology_contradictions(write_events: WriteEvents) -> None:
    folder = write_events(
        founded(),
        left("bob", "2025-02-01"),  # never joined
        joined("cy", "2025-02-01"),
        joined("cy", "2025-03-01", extra='roles = ["ceo"]'),  # twice, and a second CEO
        joined("bob", "2025-04-01", extra='roles = ["ceo"]'),  # a second CEO while Ada is CEO
    )
    assert only_errors(folder) == [
        "2025-02-01-bob-leaves-acme.toml:5: bob leaves acme, but is not at acme then (no earlier join)",
        "2025-03-01-cy-joins-acme.toml:5: cy joins acme again without leaving (there since 2025-02-01-cy-joins-acme)",
        "2025-04-01-bob-joins-acme.toml:5: bob would hold ceo at acme while ada still holds that seat "
        "(since 2025-01-01-acme-founded); end that role first",
    ]


def test_the_same_fact_twice(write_events: WriteEvents) -> None:
    round_ = """
        type = "funding-round"
        date = "2025-03-01"
        company = "acme"
        round = "seed"
        amount = 1_000_000
        currency = "USD"
    """
    folder = write_events(
        founded(),
        event_text("2025-03-01-acme-seed", round_, companies={"acme": "Acme"}),
        event_text("2025-03-01-acme-raises-seed", round_, companies={"acme": "Acme"}),
    )
    assert only_errors(folder) == [
        "2025-03-01-acme-seed.toml:4: records the same fact as 2025-03-01-acme-raises-seed.toml: "
        "correct that event instead of copying it",
    ]


def test_stray_files_symlinks_and_size(write_events: WriteEvents, tmp_path: Path) -> None:
    folder = write_events(founded())
    (folder / "notes.txt").write_text("todo", encoding="utf-8")
    (folder / "drafts").mkdir()
    outside = tmp_path / "outside.toml"
    outside.write_text(GOOD_JOIN, encoding="utf-8")
    (folder / "2025-02-01-bob-joins-acme.toml").symlink_to(outside)
    (folder / "2025-05-01-huge.toml").write_text("# " + "x" * 70_000, encoding="utf-8")
    assert only_errors(folder) == [
        f"2025-02-01-bob-joins-acme.toml: symlink to {outside}, outside the events folder",
        "2025-05-01-huge.toml: file is 70002 bytes; the limit is 65536",
        "drafts: stray folder: the events folder holds only *.toml files and MANIFEST",
        "notes.txt: stray file: the events folder holds only *.toml files and MANIFEST",
    ]


def test_every_problem_in_one_run_and_nothing_answered(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(
        founded(),
        joined("bob", "2025-02-30"),
        left("cy", "2025-03-01"),
    )
    (folder / "2025-04-01-broken.toml").write_text("schema = 2\nid = ", encoding="utf-8")
    result = runner.invoke(cli.main, ["state", "--date", "2025-06-01", "--events", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "2025-02-30-bob-joins-acme.toml:5:" in result.output
    assert "2025-04-01-broken.toml:2: invalid TOML" in result.output
    assert "nothing was answered" in result.output
    with pytest.raises(timeline.DataError) as caught:
        timeline.load(folder)
    # Chronology (cy leaving without joining) waits until every file is well-formed.
    assert sum(p.severity == "error" for p in caught.value.problems) == 3


def test_check_command_lists_then_counts(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-30"))
    result = runner.invoke(cli.main, ["check", "--events", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 event files checked: 2 error(s), 2 warning(s): FAILED"
    assert result.stderr == "Error: the check failed: 2 error(s), listed above\n"
    ok = write_events(founded(), folder="ok")
    assert runner.invoke(cli.main, ["check", "--events", str(ok)]).exit_code == 0
    assert runner.invoke(cli.main, ["check", "--strict", "--events", str(ok)]).exit_code == 1


# --- The ledger --------------------------------------------------------------------


def _sealed(write_events: WriteEvents) -> Path:
    folder = write_events(founded(), GOOD_JOIN, joined("cy", "2025-02-02"))
    report = check_folder(folder)
    seal(folder, {f.name: f.raw for f in report.files})
    assert problems(folder) == []
    return folder


def test_editing_a_landed_file_fails(write_events: WriteEvents) -> None:
    folder = _sealed(write_events)
    path = folder / "2025-02-01-bob-joins-acme.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Test event", "Edited event"), encoding="utf-8")
    assert only_errors(folder) == [
        "2025-02-01-bob-joins-acme.toml: was edited after it landed (sealed at "
        "MANIFEST:4); restore it and record the fix as a new correction event"
    ]


def test_removing_a_landed_file_fails(write_events: WriteEvents) -> None:
    folder = _sealed(write_events)
    (folder / "2025-02-02-cy-joins-acme.toml").unlink()
    assert only_errors(folder) == [
        "2025-02-02-cy-joins-acme.toml: was removed after it landed (sealed at MANIFEST:5); "
        "landed events are immutable: restore it and retract it with a new event"
    ]


def test_reordering_the_ledger_fails(write_events: WriteEvents) -> None:
    folder = _sealed(write_events)
    ledger = folder / "MANIFEST"
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3], lines[4] = lines[4], lines[3]
    ledger.write_text("".join(lines), encoding="utf-8")
    assert only_errors(folder) == [
        "MANIFEST:4: the chain breaks at 2025-02-02-cy-joins-acme.toml: "
        "manifest lines were reordered, rewritten or removed"
    ]


def test_a_new_file_is_a_warning_until_sealed(write_events: WriteEvents) -> None:
    folder = _sealed(write_events)
    write_events(joined("bob", "2025-03-01", company="globex"))
    assert problems(folder) == [
        "2025-03-01-bob-joins-globex.toml: warning: not sealed yet: run 'timeline seal' once it is ready to land"
    ]


def test_shipped_events_pass_strictly(runner: CliRunner) -> None:
    result = runner.invoke(cli.main, ["check", "--strict"])
    assert result.exit_code == 0, result.output


def test_shipped_copy_edited_is_caught(tmp_path: Path) -> None:
    from timeline.store.compiled import shipped_events

    copy = tmp_path / "events"
    shutil.copytree(shipped_events(), copy)
    target = copy / "2026-01-14-barret-zoph-leaves-thinking-machines-lab.toml"
    target.write_text(target.read_text(encoding="utf-8").replace('"dismissed"', '"resigned"'), encoding="utf-8")
    assert [p.path for p in check_folder(copy).errors] == [str(target)]


def test_a_file_that_is_not_yet_an_event_shows_everything_wrong_in_one_run(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    text = (
        GOOD_JOIN.replace('type = "person-joined"', 'type = "person-joind"')
        .replace('company = "acme"', 'compnay = "acme"')
        .replace('summary = "', 'summary = "\\u001b[31m')
    )
    (folder / "2025-02-01-bob-joins-acme.toml").write_text(text, encoding="utf-8")
    found = only_errors(folder)
    assert any("unknown event type 'person-joind'; did you mean 'person-joined'?" in p for p in found)
    # Read as the type it most likely means: its field mistakes are named too, at their own lines.
    assert any(
        ": compnay: unknown field; did you mean 'company'?" in p and p.endswith("(read as 'person-joined')")
        for p in found
    )
    assert any("missing required field 'company' (read as 'person-joined')" in p for p in found)
    assert any("summary holds control, invisible or bidi characters (U+001B)" in p for p in found)


def test_a_misspelt_vocabulary_word_gets_a_suggestion_in_plain_words(write_events: WriteEvents) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01", extra='date_basis = "occured"'))
    assert (
        "2025-02-01-bob-joins-acme.toml:8: date_basis: 'occured' is not one of 'occurred', 'announced', "
        "'reported', 'scheduled'; did you mean 'occurred'?"
    ) in only_errors(folder)


def test_a_source_must_say_when_its_url_is_not_the_publishers_own(write_events: WriteEvents) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    (folder / "dataset.toml").write_text(
        'title = "t"\n[publishers]\n"Example News" = ["example.com"]\n"Wired" = ["wired.com"]\n', encoding="utf-8"
    )
    assert only_errors(folder) == []  # news.example.com is one of Example News's own sites
    copy = joined("bob", "2025-02-01").replace('publisher = "Example News"', 'publisher = "Wired"')
    (folder / "2025-02-01-bob-joins-acme.toml").write_text(copy, encoding="utf-8")
    assert only_errors(folder) == [
        "2025-02-01-bob-joins-acme.toml:17: the URL is on news.example.com, not one of Wired's own sites "
        '(wired.com): set via = "copy", "rewrite" or "relay" to say it is read elsewhere'
    ]
    marked = copy.replace('kind = "report"', 'kind = "report"\nvia = "copy"')
    (folder / "2025-02-01-bob-joins-acme.toml").write_text(marked, encoding="utf-8")
    assert only_errors(folder) == []
    unknown = copy.replace('publisher = "Wired"', 'publisher = "Wirde"')
    (folder / "2025-02-01-bob-joins-acme.toml").write_text(unknown, encoding="utf-8")
    assert any("publisher 'Wirde' is not in dataset.toml's [publishers]" in p for p in problems(folder))


FOUNDED_WITH_COUNTS = """schema = 3
id = "2025-01-01-acme-founded"
type = "company-founded"
date = "2025-01-01"
date_basis = "announced"
summary = "Acme is founded by Ada and Bob."
company = "acme"
founders = ["ada", "bob"]
founder_count = {chosen}

[people]
ada = "Ada"
bob = "Bob"

[companies]
acme = "Acme"

[[sources]]
key = "own"
publisher = "Acme"
url = "https://acme.example.com/launch"
published = "2025-01-01"
kind = "primary"

[[sources]]
key = "paper"
publisher = "Example News"
url = "https://news.example.com/acme"
published = "2025-01-02"
kind = "report"

[[claims]]
field = "founder_count"
value = 1
sources = ["own"]

[[claims]]
field = "founder_count"
value = 3
sources = ["paper"]
"""


def test_a_count_below_the_names_the_event_gives_is_never_the_rules_choice(write_events: WriteEvents) -> None:
    # The primary source would win on rank alone, but one co-founder cannot be two named ones.
    folder = write_events(FOUNDED_WITH_COUNTS.format(chosen=1))
    assert any(
        "founder_count must be the value the claim rule picks when every claim is known (3)" in p
        for p in only_errors(folder)
    )
    folder = write_events(FOUNDED_WITH_COUNTS.format(chosen=3), folder="fixed")
    assert only_errors(folder) == []
    company = timeline.load(folder).state("2025-02-01").companies["acme"]
    assert (company.founders, company.founder_count) == (("ada", "bob"), 3)


def test_a_later_seal_adds_a_ledger_file_and_changes_no_earlier_one(write_events: WriteEvents) -> None:
    folder = _sealed(write_events)
    first = (folder / "MANIFEST").read_bytes()
    for person, day in (("ada", "2025-02-03"), ("bob", "2025-02-04")):
        (folder / f"{day}-{person}-joins-globex.toml").write_text(joined(person, day, "globex"), encoding="utf-8")
        report = check_folder(folder)
        seal(folder, {f.name: f.raw for f in report.files})
    assert (folder / "MANIFEST").read_bytes() == first
    assert sorted(p.name for p in folder.glob("MANIFEST*")) == ["MANIFEST", "MANIFEST.2", "MANIFEST.3"]
    assert problems(folder) == []
    path = folder / "2025-02-03-ada-joins-globex.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert only_errors(folder) == [
        "2025-02-03-ada-joins-globex.toml: was edited after it landed (sealed at "
        "MANIFEST.2:2); restore it and record the fix as a new correction event"
    ]
    path.write_text(path.read_text(encoding="utf-8").removesuffix("# edited\n"), encoding="utf-8")
    (folder / "MANIFEST.2").unlink()
    errors = only_errors(folder)
    assert "MANIFEST.3: a ledger file is missing before MANIFEST.3" in errors
    assert any("the chain breaks at 2025-02-04-bob-joins-globex.toml" in e for e in errors)


def test_only_the_ledgers_own_names_are_ledger_files(write_events: WriteEvents) -> None:
    folder = _sealed(write_events)
    for stray in ("MANIFEST.1", "MANIFEST.02", "MANIFEST.bak"):
        (folder / stray).write_text("x\n", encoding="utf-8")
    assert [e for e in only_errors(folder) if "stray file" in e] == [
        f"{name}: stray file: the events folder holds only *.toml files and MANIFEST"
        for name in ("MANIFEST.02", "MANIFEST.1", "MANIFEST.bak")
    ]
