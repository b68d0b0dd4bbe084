"""The compiled store and the user cache: nothing read back runs code or changes an answer."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cli
import timeline
from tests.helpers import WriteEvents, founded, joined
from timeline.fold.intervals import build
from timeline.read.dataset import read_dataset
from timeline.read.files import Known
from timeline.store import cachedir, checksummed, freshness
from timeline.store import compiled as store
from timeline.store.cachedir import cache_root
from timeline.store.checksummed import checksum
from timeline.store.compiled import open_store
from timeline.store.freshness import content_key


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    return folder


def _entry(cache: Path) -> Path:
    (entry,) = [p for p in cache.iterdir() if p.name.startswith("folder-")]
    return entry


def _ceo(folder: Path) -> str:
    return timeline.load(folder).state("2025-03-01").companies["acme"].leadership["ceo"]


class Boom:
    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, ("touch /tmp/timeline-pwned",))


def test_a_query_on_the_shipped_events_writes_nothing(cache: Path) -> None:
    before = sorted(cache.rglob("*"))
    timeline.load().state("2026-01-15")
    assert sorted(cache.rglob("*")) == before
    assert (store.compiled_dir() / "meta.json").exists()


def test_the_shipped_store_is_what_compiling_the_events_gives() -> None:
    from timeline.store.build import build_store

    built = build_store(store.shipped_events())
    written = json.loads((store.compiled_dir() / "meta.json").read_bytes().partition(b"\n")[2])
    # Compared with what is written, not with open_store's answer, which compiles anew when stale.
    assert written["key"] == built.key, "run 'timeline seal' to rebuild timeline/compiled/"
    assert written["inputs"] == freshness.fingerprint(str(store.shipped_events()))
    shipped = open_store(None)
    assert shipped.key == built.key
    assert shipped.latest() == built.latest and list(shipped.versions()) == list(built.versions)
    dataset, _ = read_dataset(store.shipped_events())
    assert shipped.intervals() == build(built.latest, dataset.roles, dataset.tracked)


def test_a_folder_is_compiled_once_and_reused(write_events: WriteEvents, cache: Path) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    assert _ceo(folder) == "ada"
    entry = _entry(cache)
    assert {p.name for p in entry.iterdir()} == {
        "index.json",
        "meta.json",
        "latest.json",
        "versions.json",
        "events.json",
        "problems.json",
        "intervals.json",
        "units.json",
    }
    assert oct(entry.stat().st_mode & 0o777) == "0o700"
    assert not [p for p in entry.iterdir() if p.name.endswith(".tmp")]
    # The next queries read the entry: nothing is compiled again (counted, not inferred from answers).
    import timeline.store.build as build_module

    compiles = []
    real = build_module.build_store

    def counting(*args: object, **kwargs: object) -> object:
        compiles.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    build_module.build_store = counting  # type: ignore[assignment]
    try:
        again = open_store(folder)
        assert again.latest() == open_store(folder).latest()
        assert _ceo(folder) == "ada"
    finally:
        build_module.build_store = real
    assert compiles == []


@pytest.mark.parametrize(
    "payload",
    [
        pickle.dumps(Boom()),
        os.urandom(512),
        b'{"format": "timeline-store-1", "key": "x", "sha256": "y"}\n[',
    ],
)
def test_planted_files_neither_run_code_nor_change_answers(
    write_events: WriteEvents, cache: Path, payload: bytes
) -> None:
    folder = write_events(founded())
    assert _ceo(folder) == "ada"
    for item in _entry(cache).iterdir():
        item.write_bytes(payload)
    assert _ceo(folder) == "ada"
    assert not Path("/tmp/timeline-pwned").exists()


def test_an_entry_edited_to_forge_a_fact_is_ignored(write_events: WriteEvents, cache: Path) -> None:
    folder = write_events(founded())
    timeline.load(folder)
    entry = _entry(cache)
    compiled = [p for p in entry.iterdir() if p.name not in ("index.json", "meta.json")]
    originals = {p: p.read_bytes() for p in compiled}
    for path, raw in originals.items():
        head, _, body = raw.partition(b"\n")
        if b'"ada"' in body:
            path.write_bytes(head + b"\n" + body.replace(b'"ada"', b'"mallory"'))  # the checksum no longer matches
    assert _ceo(folder) == "ada"
    # Even with a recomputed checksum the key must match the folder's content.
    for path, raw in originals.items():
        head, _, body = raw.partition(b"\n")
        forged = body.replace(b'"ada"', b'"mallory"')
        header = json.loads(head)
        header.update(checksum(forged), key="0" * 64)
        path.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    assert _ceo(folder) == "ada"
    assert {p.name for p in compiled} >= {"latest.json", "intervals.json"}


@pytest.mark.parametrize("mode", [0o777, 0o755, 0o770])
def test_a_cache_others_can_reach_is_ignored(
    write_events: WriteEvents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(shared))
    assert cache_root() is None
    folder = write_events(founded())
    assert _ceo(folder) == "ada"
    assert list(shared.iterdir()) == []


def test_a_cache_that_cannot_be_written_is_not_an_error(
    write_events: WriteEvents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "file-not-folder"))
    (tmp_path / "file-not-folder").write_text("x", encoding="utf-8")
    assert _ceo(write_events(founded())) == "ada"
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    assert cache_root() is None
    assert _ceo(write_events(founded(), folder="other")) == "ada"


def test_any_change_gives_a_new_answer(write_events: WriteEvents, cache: Path) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    assert timeline.load(folder).state("2025-03-01").people["bob"].name == "Bob"
    path = folder / "2025-02-01-bob-joins-acme.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Bob"', '"Robert"'), encoding="utf-8")
    assert timeline.load(folder).state("2025-03-01").people["bob"].name == "Robert"
    path.write_text("broken = ", encoding="utf-8")
    with pytest.raises(timeline.DataError):
        timeline.load(folder)


def test_a_file_swapped_during_the_check_leaves_no_entry_that_passes_later(
    write_events: WriteEvents, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    path = folder / "2025-02-01-bob-joins-acme.toml"
    from timeline.store import build

    real = build.check_folder  # type: ignore[attr-defined]

    def swapping(where: Path, known: Mapping[str, Known] | None = None) -> object:
        # The folder was hashed before this; now a file changes before it is read.
        path.write_text("broken = ", encoding="utf-8")
        return real(where, known)

    monkeypatch.setattr(build, "check_folder", swapping)
    with pytest.raises(timeline.DataError):
        timeline.load(folder)
    monkeypatch.setattr(build, "check_folder", real)
    assert not any(p.name == "meta.json" for p in _entry(cache).iterdir()) if list(cache.iterdir()) else True
    with pytest.raises(timeline.DataError):  # the broken file is never answered from an old entry
        timeline.load(folder)


def test_the_stat_index_rehashes_only_changed_files(write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"), joined("cy", "2025-02-02"))
    for path in folder.iterdir():  # written long ago: a fresh file's stat is not trusted ("racy")
        os.utime(path, ns=(10**18, 10**18))
    first = content_key(folder)
    assert first is not None
    _, index = first
    assert len(index) == 3
    hashed: list[str] = []
    real = freshness._hash_file

    def counting(path: str) -> object:
        hashed.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(freshness, "_hash_file", counting)
    content_key(folder, index)
    assert hashed == []
    (folder / "2025-02-02-cy-joins-acme.toml").write_text(
        (folder / "2025-02-02-cy-joins-acme.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    content_key(folder, index)
    assert hashed == ["2025-02-02-cy-joins-acme.toml"]


def test_old_entries_are_evicted(write_events: WriteEvents, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachedir, "CACHE_BYTES", 1)
    for name in ("a", "b", "c"):
        timeline.load(write_events(founded(), folder=name))
    assert len([p for p in cache.iterdir() if p.name.startswith("folder-")]) == 1


def test_a_checkout_edited_since_the_seal_is_compiled_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    events, compiled = tmp_path / "events", tmp_path / "compiled"
    shutil.copytree(store.shipped_events(), events)
    shutil.copytree(store.compiled_dir(), compiled)
    monkeypatch.setattr(store, "_shipped", lambda: str(events))
    monkeypatch.setattr(store, "_compiled", lambda: str(compiled))
    written = open_store(None)
    assert written.latest() and "inputs" in written.meta  # read as it was sealed
    before = sorted(tmp_path.rglob("*"))
    edited = sorted(events.glob("2026-*.toml"))[0]
    edited.write_bytes(edited.read_bytes() + b"# an edit not yet sealed\n")
    fresh = open_store(None)
    assert fresh.key != written.key and "inputs" not in fresh.meta  # compiled from the files, in memory
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("name", ["latest.json", "versions.json", "intervals.json", "problems.json"])
@pytest.mark.parametrize("body", [{}, [], [["x"]], {"stints": {"rows": ["[1"]}}, [[1, 2, 3, 4]]])
def test_a_sound_file_of_the_wrong_shape_is_compiled_anew(
    write_events: WriteEvents, cache: Path, name: str, body: object
) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    assert _ceo(folder) == "ada"
    path = _entry(cache) / name
    header = json.loads(path.read_bytes().partition(b"\n")[0])  # the right format and key
    data = json.dumps(body).encode()
    header.update(checksum(data))
    path.write_bytes(json.dumps(header).encode() + b"\n" + data)
    assert _ceo(folder) == "ada"
    assert open_store(folder).errors == 0
    result = CliRunner().invoke(
        cli.main, ["state", "--events", str(folder), "--date", "2025-03-01", "--format", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.output)["companies"]["acme"]["leadership"]["ceo"] == "ada"


def test_a_store_that_changes_under_a_query_is_a_clean_error(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = store.Store("/nowhere", "key", {"errors": 0}, {"problems": list, "intervals": lambda: None})
    monkeypatch.setattr("timeline.ask.api.open_store", lambda folder=None: gone)
    result = CliRunner().invoke(cli.main, ["state", "--date", "2026-01-15"])
    assert result.exit_code == 1 and result.exception is not None and not isinstance(result.exception, RuntimeError)
    assert "changed while in use; run the command again" in result.output


def test_the_default_cache_an_older_release_left_open_is_closed_and_tidied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIMELINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    old = tmp_path / "timeline"
    old.mkdir(mode=0o755)
    old.chmod(0o755)
    (old / "0123abcd.pickle").write_bytes(pickle.dumps(Boom()))
    assert cache_root() == str(old)
    assert oct(old.stat().st_mode & 0o777) == "0o700" and list(old.iterdir()) == []
    old.chmod(0o775)  # others could have written in it: never trusted
    assert cache_root() is None


@pytest.mark.parametrize(("value", "on"), [("1", False), ("yes", False), ("0", True), ("", True), ("false", True)])
def test_timeline_no_cache_reads_as_a_switch(
    cache: Path, monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    monkeypatch.setenv("TIMELINE_NO_CACHE", value)
    assert (cache_root() is not None) is on


def test_every_module_a_store_is_built_with_is_in_its_key() -> None:
    code = (
        "import sys; from timeline.store.build import build_store; from timeline.store.compiled import shipped_events; "
        "build_store(shipped_events()); print(' '.join(m for m in sys.modules if m.startswith('timeline.')))"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    used = {
        name.removeprefix("timeline.").replace(".", "/") + ".py" for name in done.stdout.split() if name.count(".") == 2
    }
    assert used, "the build imported no module of the package"
    assert used - set(freshness.engine_files()) == set()


def test_an_edit_that_restores_the_modification_time_is_still_seen(write_events: WriteEvents) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    path = folder / "2025-02-01-bob-joins-acme.toml"
    os.utime(path, ns=(10**18, 10**18))
    first = content_key(folder)
    assert first is not None
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"bob", b"bo_"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as touch -r or cp -p would
    again = content_key(folder, first[1])
    assert again is not None and again[0] != first[0]


def test_a_flipped_byte_in_a_store_file_is_refused(tmp_path: Path) -> None:
    path, key = tmp_path / "rows.json", "k" * 64
    payload = checksummed.dump({"ceo": "ada"}, key)
    checksummed.write(str(path), payload)
    assert checksummed.load(str(path), key, True) == {"ceo": "ada"}
    path.write_bytes(payload.replace(b'"ada"', b'"adb"'))  # same size, still JSON: only the CRC tells
    assert checksummed.load(str(path), key, True) is None


def test_a_store_file_built_from_other_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    checksummed.write(str(path), checksummed.dump({"ceo": "ada"}, "a" * 64))
    assert checksummed.load(str(path), "a" * 64, True) == {"ceo": "ada"}
    assert checksummed.load(str(path), "b" * 64, True) is None  # sound, but not of this content


def test_a_damaged_cache_file_is_repaired_by_the_next_query(write_events: WriteEvents, cache: Path) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    assert _ceo(folder) == "ada"
    intervals = _entry(cache) / "intervals.json"
    intervals.write_bytes(intervals.read_bytes()[:-10])
    assert _ceo(folder) == "ada"
    key = open_store(folder).key
    assert checksummed.load(str(intervals), key, True) is not None


@pytest.mark.parametrize("forge", ["first", "person-row", "stint-dates"])
def test_rows_forged_with_their_key_and_checksum_do_not_break_the_state(
    write_events: WriteEvents, cache: Path, forge: str
) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    timeline.load(folder)
    path = _entry(cache) / "intervals.json"
    head, _, data = path.read_bytes().partition(b"\n")
    body = json.loads(data)
    if forge == "first":
        body["first"] = "x"
    elif forge == "person-row":
        body["tables"]["people"]["rows"][0] = "[1, 2, 3]"
    else:
        row = json.loads(body["tables"]["stints"]["rows"][0])
        row[2] = ["2025", "a", "b"]
        body["tables"]["stints"]["rows"][0] = json.dumps(row)
    forged = json.dumps(body).encode()
    header = json.loads(head)
    header.update(checksum(forged))
    path.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    args = ["state", "--events", str(folder), "--date", "2025-03-01", "--format", "json"]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["companies"]["acme"]["leadership"]["ceo"] == "ada"


def _spoil(value: Any, how: str) -> Any:
    if isinstance(value, dict):
        return {k: _spoil(v, how) for k, v in value.items()} if how != "drop" else dict(list(value.items())[1:])
    if isinstance(value, list):
        return {"0": value} if how == "dict" else [_spoil(v, how) for v in value]
    if isinstance(value, str) and how == "int":
        return 7
    if isinstance(value, int) and how == "str":
        return "7"
    return value


@pytest.mark.parametrize("how", ["int", "str", "dict", "drop"])
@pytest.mark.parametrize("name", ["events.json", "versions.json", "latest.json", "intervals.json", "problems.json"])
def test_every_command_survives_a_cache_file_forged_with_its_key_and_checksum(
    write_events: WriteEvents, cache: Path, name: str, how: str
) -> None:
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    timeline.load(folder)
    path = _entry(cache) / name
    head, _, data = path.read_bytes().partition(b"\n")
    forged = json.dumps(_spoil(json.loads(data), how)).encode()
    header = json.loads(head)
    header.update(checksum(forged))
    path.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    for args in (
        ["why", "bob"],
        ["events"],
        ["diff", "--from", "2025-01-01", "--to", "2025-03-01"],
        ["state", "--date", "2025-03-01"],
        ["leaders", "--date", "2025-03-01"],
        ["history", "bob"],
        ["people"],
        ["conflicts"],
        ["sources"],
        ["check"],
    ):
        result = CliRunner().invoke(cli.main, [*args, "--events", str(folder)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_cache_folder_or_file_owned_by_someone_else_is_not_trusted(
    write_events: WriteEvents, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_events(founded())
    timeline.load(folder)
    intervals = _entry(cache) / "intervals.json"
    head, _, data = intervals.read_bytes().partition(b"\n")
    forged = data.replace(b'\\"ada\\"', b'\\"mallory\\"')
    assert forged != data
    header = json.loads(head)
    header.update(checksum(forged))  # the right key and checksum: only its owner gives it away
    intervals.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    os.chown(intervals, 65534, 65534)
    assert _ceo(folder) == "ada"
    other = tmp_path / "theirs"
    other.mkdir(mode=0o700)
    os.chown(other, 65534, 65534)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(other))
    assert cache_root() is None
