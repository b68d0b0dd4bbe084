"""Hostile input: every bad file is a named problem, never executed, never hung, never a traceback.

The fuzz test runs a few dozen mutations by default (a few seconds); set
``TIMELINE_FUZZ_EXAMPLES`` (say, 2000) to run it longer.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from tests.helpers import GOOD_FILES, WriteEvents, event_text, founded, joined
from timeline.check import manifest
from timeline.check.folder import check_folder
from timeline.model.edtf import EDTFError, parse
from timeline.model.problems import Problem
from timeline.read.files import EventFile, parse_event, read_regular
from timeline.show.render import Output, Table, render


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a blocking open or read would otherwise stop the suite."""

    def stop(*_: object) -> None:
        raise TimeoutError(f"took more than {seconds} s (blocked?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def messages(folder: Path) -> list[str]:
    return [str(p).replace(str(folder) + os.sep, "") for p in check_folder(folder).problems]


# -- files that are not files -------------------------------------------------------------


def test_a_named_pipe_is_named_and_never_read(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    os.mkfifo(folder / "2025-02-01-pipe.toml")
    with deadline(10):
        found = messages(folder)
    assert any(m.startswith("2025-02-01-pipe.toml: not a regular file (a named pipe)") for m in found)


def test_a_pipe_or_folder_in_place_of_the_manifest(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    os.mkfifo(folder / "MANIFEST")
    with deadline(10):
        assert any("MANIFEST: not a regular file (a named pipe)" in m for m in messages(folder))
    (folder / "MANIFEST").unlink()
    (folder / "MANIFEST").mkdir()
    assert any("MANIFEST: not a regular file (a folder)" in m for m in messages(folder))
    (folder / "MANIFEST").rmdir()
    (folder / "MANIFEST").write_bytes(b"\xff\xfe not utf-8\n")
    assert any("MANIFEST:1: not UTF-8" in m for m in messages(folder))


def test_dangling_and_looping_symlinks(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    (folder / "2025-02-01-dangling.toml").symlink_to(folder / "nowhere.toml")
    (folder / "2025-02-02-loop.toml").symlink_to(folder / "2025-02-02-loop.toml")
    found = messages(folder)
    assert "2025-02-01-dangling.toml: dangling symlink: its target does not exist" in found
    assert "2025-02-02-loop.toml: symlink loop: it leads back to itself" in found


def test_a_device_behind_a_symlink_is_not_read(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    (folder / "2025-02-01-zero.toml").symlink_to("/dev/zero")
    with deadline(10):
        found = messages(folder)
    assert any(m.startswith("2025-02-01-zero.toml: symlink to /dev/zero, outside the events folder") for m in found)


# -- files that parse badly or expensively -------------------------------------------------


def _timed(text: str, tmp_path: Path) -> tuple[list[str], float, int]:
    path = tmp_path / "2025-02-01-x.toml"
    path.write_text(text, encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    read = read_regular(str(path), path.name, 1 << 16)
    assert not isinstance(read, Problem)
    loaded = parse_event(read)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert not isinstance(loaded, EventFile)
    return [str(p) for p in loaded], seconds, peak


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" + ".a" * 20000 + " = 1\n", "a key with more than 16 dotted parts"),
        ("a = " + "[" * 3000 + "]" * 3000 + "\n", "nested more than 8 levels deep"),
        ("a = " + "{b = " * 300 + "1" + "}" * 300 + "\n", "levels deep"),
        ("a = [[[[[[[[[[1]]]]]]]]]]\n", "nested 11 levels deep"),
        ("amount = " + "9" * 5000 + "\n", "invalid TOML"),
        ("\n".join(f"k{i} = {i}" for i in range(4500)), "keys and array items"),
    ],
)
def test_expensive_files_are_refused_quickly(tmp_path: Path, text: str, expected: str) -> None:
    found, seconds, peak = _timed(text[: 64 * 1024], tmp_path)
    assert any(expected in m for m in found), found
    assert seconds < 1.0 and peak < 200 * 1024 * 1024


def test_a_claim_with_no_sources_is_a_problem_not_a_crash(write_events: WriteEvents) -> None:
    text = (
        joined("bob", "2025-02-01").replace('kind = "report"', 'kind = "report"\nkey = "k"')
        + '\n[[claims]]\nfield = "date"\nvalue = "2025-02-01"\nsources = []\n'
    )
    folder = write_events(founded(), text)
    assert any("a claim names at least one source key" in m for m in messages(folder))


@pytest.mark.parametrize("text", ["0001~", "9999-12-31~", "0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_dates_at_the_calendars_edges_are_date_errors(text: str) -> None:
    with pytest.raises(EDTFError):
        parse(text)


@pytest.mark.parametrize("text", ["\u0662\u0660\u0662\u0666", "\uff12\uff10\uff12\uff16-01-15", "2026-\u0661\u0662"])
def test_only_ascii_digits_make_a_date(text: str) -> None:
    with pytest.raises(EDTFError):
        parse(text)


# -- text that reaches terminals, spreadsheets and pages -------------------------------------

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\u202eevil"


def test_control_and_bidi_characters_are_refused_in_names_and_ids(write_events: WriteEvents) -> None:
    text = event_text(
        "2025-02-01-bob-joins-acme",
        """
        type = "person-joined"
        date = "2025-02-01"
        person = "bob"
        company = "acme"
        """,
        # TOML escapes: the parser accepts them, so the check itself must refuse them.
        people={"bob": "Bob\\u001b[2J\\u0007\\u202eevil"},
        companies={"acme": "Acme"},
    )
    folder = write_events(founded(), text)
    found = messages(folder)
    assert any("holds control, invisible or bidi characters (U+0007, U+001B, U+202E)" in m for m in found), found


def test_tables_and_text_escape_what_they_print() -> None:
    table = Table(columns=("name",), rows=[("Bob" + ESCAPES,)], title="T\x1b[31m")
    out = render(Output({}, [], [table, "line\x1bx\nnext"]), "table", width=200)
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out


def test_a_newline_cannot_forge_a_table_line() -> None:
    table = Table(columns=("name", "note"), rows=[("Bob\n  Mallory  CEO", "x")])
    out = render(Output({}, [], [table]), "table", width=200)
    assert len(out.strip().splitlines()) == 3


def test_csv_quotes_line_breaks_so_no_value_starts_a_row() -> None:
    out = render(Output({}, [{"a": "x\r=1+1", "b": "y\n@SUM(A1)"}], []), "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 2 and rows[1][0].startswith("x") and "=1+1" in rows[1][0]


def test_json_escapes_c1_and_bidi() -> None:
    out = render(Output({"name": "a\u0085b\u202ec"}, [], []), "json")
    assert "\u0085" not in out and "\u202e" not in out and "\\u202e" in out


def test_mermaid_and_chart_escape_for_their_own_syntax(tmp_path: Path) -> None:
    import datetime as dt

    from timeline.show.lanes import Bar, Lanes
    from timeline.show.mermaid import gantt

    day = dt.date(2025, 1, 1)
    bar = Bar("p", "Eve\nsection x", "c", "C:#1;y", None, "C:#1;y", day, day, day, day, True, False)
    drawn = Lanes("T\ntitle y", (("p", "Eve\nsection x", (bar,)),), day, day + dt.timedelta(days=30), (), 1)
    text = gantt(drawn)
    lines = text.splitlines()
    assert lines[1] == "    title T\\ntitle y"  # the newline is shown, and starts no line of its own
    assert not any(line.strip().startswith(("section x", "title y")) for line in lines[2:])
    tasks = [line.split(" :", 1)[0] for line in lines if line.startswith("    C")]
    assert tasks and not any(mark in task for task in tasks for mark in ":#;")
    pytest.importorskip("matplotlib")
    from timeline.show.chart import draw

    dollars = Lanes("$\\alpha$ title", (("p", "$x^2$ Eve", (bar._replace(name="$x^2$"),)),), day, day, (), 1)
    assert draw(dollars, tmp_path / "c.png").exists()


# -- the ledger ------------------------------------------------------------------------------


def _seal(folder: str) -> None:
    report = check_folder(Path(folder))
    manifest.seal(Path(folder), {r.name: r.raw for r in report.reads})


def test_concurrent_seals_serialise(write_events: WriteEvents) -> None:
    folder = write_events(
        founded(), *(joined("bob", f"2025-02-{d:02d}", event_id=f"2025-02-{d:02d}-bob-{d}") for d in (1,))
    )
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_seal, args=(str(folder),)) for _ in range(8)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(30)
    entries, problems = manifest.read(folder)
    assert not problems and len(entries) == 2
    assert not manifest.verify(folder, {r.name: r.digest for r in check_folder(folder).reads})
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def _seal_and_say(folder: str, go: Any, done: Any) -> None:
    go.wait(30)
    _seal(folder)
    done.set()


def test_a_seal_waits_while_another_holds_the_lock(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    context = multiprocessing.get_context("fork")
    go, done = context.Event(), context.Event()
    # Started before the lock is taken: a child forked while it is held would hold it too.
    process = context.Process(target=_seal_and_say, args=(str(folder), go, done))
    process.start()
    with manifest._locked(folder):
        go.set()
        assert not done.wait(1.0), "a seal went ahead while another held the lock"
        assert not (folder / "MANIFEST").exists()
    assert done.wait(30)
    process.join(30)
    assert [e.name for e in manifest.read(folder)[0]] == ["2025-01-01-acme-founded.toml"]


def test_a_failed_seal_leaves_the_old_ledger(write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_events(founded())
    _seal(str(folder))
    before = (folder / "MANIFEST").read_bytes()
    (folder / "2025-02-01-bob-joins-acme.toml").write_text(joined("bob", "2025-02-01"), encoding="utf-8")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match=r"MANIFEST\.2': the disk is full"):
        _seal(str(folder))
    assert (folder / "MANIFEST").read_bytes() == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_pinned_release_catches_a_consistently_rewritten_ledger(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded())
    _seal(str(folder))
    pin = manifest.release(folder).chain[:12]
    assert runner.invoke(cli.main, ["check", "--events", str(folder), "--pin", pin]).exit_code == 0
    # Edit the landed file and recompute the whole chain: the ledger is consistent again...
    landed = folder / "2025-01-01-acme-founded.toml"
    landed.write_text(landed.read_text(encoding="utf-8").replace('"Ada"', '"Eve"'), encoding="utf-8")
    (folder / "MANIFEST").unlink()
    _seal(str(folder))
    assert runner.invoke(cli.main, ["check", "--events", str(folder)]).exit_code == 0
    # ...but not with the pin kept elsewhere.
    result = runner.invoke(cli.main, ["check", "--events", str(folder), "--pin", pin])
    assert result.exit_code == 1 and "the ledger was rewritten" in result.output


# -- fuzz: any bytes give named problems, within bounds --------------------------------------

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "60"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.sampled_from(GOOD_FILES),
    st.lists(st.tuples(st.integers(0, 4000), st.binary(min_size=0, max_size=8)), max_size=6),
    st.sampled_from(["", "[", "]]", "\n[[claims]]\n", "=", '"', "\\u0000", "{", ".", "\n[people.x.y]\n", "\xff"]),
)
def test_mutated_files_give_problems_never_errors(
    tmp_path_factory: pytest.TempPathFactory, base: str, edits: list[tuple[int, bytes]], splice: str
) -> None:
    data = bytearray(base.encode("utf-8"))
    for position, chunk in edits:
        at = position % (len(data) + 1)
        data[at : at + len(chunk)] = chunk
    data[len(data) // 2 : len(data) // 2] = splice.encode("utf-8", "surrogatepass")
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "2025-01-01-acme-founded.toml").write_bytes(bytes(data))
    started = time.perf_counter()
    report = check_folder(folder)
    assert time.perf_counter() - started < 1.0
    assert all(isinstance(p, Problem) for p in report.problems)


def test_the_command_line_never_shows_a_traceback_for_bad_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "2025-01-01-x.toml").write_bytes(b"\x00\xff[[[\n")
    (folder / "MANIFEST").write_bytes(b"\xff")
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "state", "--events", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr and "not UTF-8" in done.stderr


@pytest.mark.parametrize(
    "text",
    [
        'summary = """Line one\nline two"""',  # a raw line break, in a multi-line string
        "summary = '''Line one\nline two'''",
        'summary = "Zero\u200bwidth"',
        'summary = "Line\u2028separator"',
        'summary = "Para\u2029graph"',
        'summary = "Soft\u00adhyphen"',
    ],
)
def test_every_unsafe_character_is_refused_however_toml_spells_it(write_events: WriteEvents, text: str) -> None:
    body = joined("bob", "2025-02-01").replace('summary = "Test event 2025-02-01-bob-joins-acme."', text)
    folder = write_events(founded(), body)
    found = [str(p) for p in check_folder(folder).problems if p.severity == "error"]
    assert any("holds control, invisible or bidi characters" in p for p in found), found


def test_a_name_that_mixes_look_alike_scripts_is_refused(write_events: WriteEvents) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01").replace('bob = "Bob"', 'bob = "B\u043eb"'))
    assert any("mixes Latin and Cyrillic letters" in str(p) for p in check_folder(folder).problems)


def test_a_line_break_in_a_file_name_is_shown_escaped(write_events: WriteEvents, runner: CliRunner) -> None:
    folder = write_events(founded())
    (folder / "2025-02-01-x\nforged: ok.toml").write_text(joined("bob", "2025-02-01"), encoding="utf-8")
    result = runner.invoke(cli.main, ["check", "--events", str(folder)])
    assert "2025-02-01-x\\nforged: ok.toml" in result.output
    assert not any(line.startswith("forged: ok") for line in result.output.splitlines())
