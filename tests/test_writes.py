"""Every file the tool writes: never through a planted link, and every OS failure a one-line named error.

The outputs (the page, the data package, the chart, TimelineJS, the schema, a new event, the ledger
and the store) all go through `timeline.read.output`; these tests plant links at the outputs' names
and at their temporary names, and make the operating system fail in the ways a newsroom's machine
does: a full disk, a file-size limit, a read-only folder, a link loop.
"""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from tests.helpers import WriteEvents, founded, joined
from timeline.check import manifest
from timeline.check.folder import check_folder
from timeline.read import output

# command -> the file it writes that a link is planted at (relative to the test's folder)
WRITERS = {
    "site": (["site", "out"], "out/index.html"),
    "datapackage": (["export", "datapackage", "out"], "out/events.csv"),
    "timelinejs": (["export", "timelinejs", "--out", "out/slides.json"], "out/slides.json"),
    "mermaid": (["chart", "--format", "mermaid", "--out", "out/roster.mmd"], "out/roster.mmd"),
    "sqlite": (["export", "sqlite", "out/timeline.db"], "out/timeline.db"),
    "sqlite metadata": (["export", "sqlite", "out/timeline.db"], "out/timeline.metadata.json"),
    "feed": (["feed", "--out", "out/feed.xml"], "out/feed.xml"),
    "site feed": (["site", "out"], "out/feed.xml"),
}


def invoke(tmp_path: Path, args: list[str]) -> tuple[int, str]:
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli.main, args)
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_link_planted_at_an_outputs_name_is_refused_and_its_target_untouched(tmp_path: Path, writer: str) -> None:
    args, planted = WRITERS[writer]
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / planted).symlink_to(victim)
    code, said = invoke(tmp_path, args)
    assert code == 1 and f"'{planted}' is a symbolic link" in said, said
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (tmp_path / planted).is_symlink()


def test_a_chart_through_a_planted_link_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"precious")
    (tmp_path / "roster.png").symlink_to(victim)
    code, said = invoke(tmp_path, ["chart", "--out", "roster.png", "--company", "thinking-machines-lab"])
    assert code == 1 and "is a symbolic link" in said and victim.read_bytes() == b"precious"


def test_a_folder_where_the_page_goes_is_named(tmp_path: Path) -> None:
    (tmp_path / "out" / "index.html").mkdir(parents=True)
    code, said = invoke(tmp_path, ["site", "out"])
    assert code == 1 and "'out/index.html' is not a regular file" in said


def test_a_file_where_the_output_folder_goes_is_named(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    code, said = invoke(tmp_path, ["export", "datapackage", "out"])
    assert code == 2 and "Directory 'out' is a file" in said  # click's own check of the argument
    with pytest.raises(output.OutputError, match=r"'.*out' is not a folder"):
        output.folder(tmp_path / "out")
    with pytest.raises(output.OutputError, match="a part of the path is not a folder"):
        output.folder(tmp_path / "out" / "page")


def _fixed_temporary_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "getpid", lambda: 4242)
    monkeypatch.setattr(time, "monotonic_ns", lambda: 7)


def test_a_link_planted_at_the_temporary_name_is_never_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fixed_temporary_name(monkeypatch)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / ".page.html.4242.7.tmp").symlink_to(victim)
    with pytest.raises(output.OutputError, match=r"page\.html': something is already there"):
        output.replace(tmp_path / "page.html", "<p>new</p>")
    assert victim.read_text(encoding="utf-8") == "precious\n" and not (tmp_path / "page.html").exists()


def test_the_seal_writes_no_ledger_through_a_link_at_its_temporary_name(
    write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_events(founded())
    manifest.seal(folder, {r.name: r.raw for r in check_folder(folder).reads})
    (folder / "2025-02-01-bob-joins-acme.toml").write_text(joined("bob", "2025-02-01"), encoding="utf-8")
    _fixed_temporary_name(monkeypatch)
    victim = folder.parent / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (folder / ".MANIFEST.2.4242.7.tmp").symlink_to(victim)
    with pytest.raises(output.OutputError):
        manifest.seal(folder, {r.name: r.raw for r in check_folder(folder).reads})
    assert victim.read_text(encoding="utf-8") == "precious\n" and not (folder / "MANIFEST.2").exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_an_os_failure_while_writing_is_one_named_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    def fail(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    exit_code, said = invoke(tmp_path, ["export", "datapackage", "out"])
    assert exit_code == 1 and said.strip() == f"Error: 'out/people.csv': {words}"  # the first table
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize(
    "args",
    [
        ["export", "datapackage", "out"],
        ["site", "out"],
        ["export", "timelinejs", "--out", "slides.json"],
    ],
)
def test_a_file_size_limit_is_a_named_error(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limited(4096),
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "the file would pass the file-size limit" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_seal_under_a_file_size_limit_keeps_the_old_ledger(write_events: WriteEvents) -> None:
    folder = write_events(founded())
    manifest.seal(folder, {r.name: r.raw for r in check_folder(folder).reads})
    before = (folder / "MANIFEST").read_bytes()
    for person, day in (("bob", "2025-02-01"), ("cy", "2025-03-01")):
        (folder / f"{day}-{person}-joins-acme.toml").write_text(joined(person, day), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "seal", "--events", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limited(200),
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "MANIFEST.2': the file would pass the file-size limit" in done.stderr
    assert (folder / "MANIFEST").read_bytes() == before and not (folder / "MANIFEST.2").exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_real_read_only_folder_is_a_named_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, said = invoke(tmp_path, ["export", "datapackage", "out"])
    finally:
        out.chmod(0o755)
    assert code == 1 and said.strip() == "Error: 'out/people.csv': permission denied"


def test_an_events_folder_that_loops_is_named(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code, said = invoke(tmp_path, ["state", "--events", "loop"])
    assert code == 1 and "loop: cannot read this events folder: a symbolic link loops" in said


def test_a_new_event_is_never_written_through_a_dangling_link(write_events: WriteEvents, tmp_path: Path) -> None:
    folder = write_events(founded())
    victim = tmp_path / "victim.toml"
    (folder / "2025-02-01-bob-joins-acme.toml").symlink_to(victim)
    args = ["new", "person-joined", "--events", str(folder), "--date", "2025-02-01", "--date-basis", "reported"]
    args += ["--person", "bob", "--name", "bob=Bob", "--company", "acme", "--url", "https://news.example.com/bob"]
    args += ["--publisher", "Example News", "--published", "2025-02-01", "--summary", "Bob joins Acme."]
    code, said = invoke(tmp_path, args)
    assert code == 1 and "2025-02-01-bob-joins-acme.toml': something is already there" in said, said
    assert not victim.exists()
