"""The check cache: after an edit only the changed files are read, and the answer is the full check's."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import corpus
from timeline.read import files
from timeline.store.checksummed import dump
from timeline.store.compiled import Store, open_store

LONG_AGO = 10**18  # ns: a stat this old is settled, so the stat index trusts it


def _settle(folder: Path) -> None:
    for path in folder.iterdir():
        os.utime(path, ns=(LONG_AGO, LONG_AGO))


def _everything(store: Store) -> tuple[object, ...]:
    return (
        store.key,
        store.meta["errors"],
        store.meta["warnings"],
        store.problems(),
        store.latest() if not store.errors else None,
        store.versions() if not store.errors else None,
        store.events() if not store.errors else None,
        store.intervals() if not store.errors else None,
    )


def _full(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    with monkeypatch.context() as patch:
        patch.setenv("TIMELINE_NO_CACHE", "1")
        return _everything(open_store(folder))


EDITS = ("comment", "summary", "broken", "removed", "copied", "dataset", "wrong-type")


def _edit(folder: Path, kind: str, rnd: random.Random) -> None:
    events = sorted(p for p in folder.glob("*.toml") if p.name != "dataset.toml")
    victim = rnd.choice(events)
    text = victim.read_text(encoding="utf-8")
    if kind == "comment":
        victim.write_text(text + "# a comment\n", encoding="utf-8")
    elif kind == "summary":
        victim.write_text(text.replace('summary = "', 'summary = "Edited: ', 1), encoding="utf-8")
    elif kind == "broken":
        victim.write_text(text + "this is = = not toml\n", encoding="utf-8")
    elif kind == "removed":
        victim.unlink()
    elif kind == "copied":
        (folder / ("zz-" + victim.name)).write_text(text, encoding="utf-8")  # a duplicate id and fact
    elif kind == "dataset":
        dataset = folder / "dataset.toml"
        before = dataset.read_text(encoding="utf-8") if dataset.exists() else ""
        dataset.write_text(before + "\n# edited\n", encoding="utf-8")
    else:
        victim.write_text(text.replace('type = "', 'type = "x', 1), encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(8, 60), st.integers(0, 2**32 - 1), st.lists(st.sampled_from(EDITS), min_size=1, max_size=3))
def test_a_check_from_the_cache_answers_as_a_full_one(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    n: int,
    seed: int,
    edits: list[str],
) -> None:
    base = tmp_path_factory.mktemp("cached")
    cache = base / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(cache))
    folder = corpus.write(corpus.generate(n, seed), base / "events")
    _settle(folder)
    assert _everything(open_store(folder)) == _full(folder, monkeypatch)  # fills the cache
    rnd = random.Random(seed)
    for kind in edits:
        _edit(folder, kind, rnd)
        assert _everything(open_store(folder)) == _full(folder, monkeypatch), kind
        _settle(folder)
        assert _everything(open_store(folder)) == _full(folder, monkeypatch), kind
    shutil.rmtree(base)


def test_after_one_edit_only_that_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(cache))
    folder = corpus.write(corpus.generate(80, 7), tmp_path / "events")
    _settle(folder)
    open_store(folder)
    victim = sorted(folder.glob("*.toml"))[40]
    victim.write_text(victim.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    read: list[str] = []
    real = files.read_regular

    def counting(path: str, shown: str, limit: int, root: str | None = None) -> object:
        read.append(os.path.basename(path))
        return real(path, shown, limit, root)

    monkeypatch.setattr(files, "read_regular", counting)
    store = open_store(folder)
    assert store.errors == 0
    assert [name for name in read if name.endswith(".toml") and name != "dataset.toml"] == [victim.name]


def _primed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int = 30, seed: int = 3) -> tuple[Path, Path]:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(cache))
    folder = corpus.write(corpus.generate(n, seed), tmp_path / "events")
    _settle(folder)
    open_store(folder)
    return folder, cache


def test_a_toml_date_in_a_claim_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = _primed(tmp_path, monkeypatch)
    victim = next(p for p in sorted(folder.glob("*.toml")) if 'type = "funding-round"' in p.read_text("utf-8"))
    claim = '\n[[claims]]\nfield = "date"\nvalue = 2020-01-01\nsources = []\n'
    victim.write_text(victim.read_text("utf-8") + claim, encoding="utf-8")
    for _ in range(2):
        assert _everything(open_store(folder)) == _full(folder, monkeypatch)
        _settle(folder)


@pytest.mark.parametrize(
    "own",
    [
        [["x", "m", "error"]],
        ["abc"],
        [[1, ["m"], "error"]],
        [[1, "m", "fatal"]],
        [[1, None, "error"]],
        [[1.5, "m", "x"]],
    ],
)
def test_a_check_cache_entry_of_the_wrong_shape_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: list[object]
) -> None:
    folder, cache = _primed(tmp_path, monkeypatch)
    (entry,) = [p for p in cache.iterdir() if p.name.startswith("folder-")]
    units_path = entry / "units.json"
    head, _, data = units_path.read_bytes().partition(b"\n")
    units = json.loads(data)
    for unit in units.values():
        unit["own"] = own
    units_path.write_bytes(dump(units, json.loads(head)["key"]))
    victim = sorted(folder.glob("*.toml"))[5]
    victim.write_text(victim.read_text("utf-8") + "# edited\n", encoding="utf-8")  # a miss: the cache is consulted
    assert _everything(open_store(folder)) == _full(folder, monkeypatch)


def test_a_file_edited_during_a_cached_check_is_checked_as_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = _primed(tmp_path, monkeypatch)
    first, second = sorted(folder.glob("*.toml"))[3:5]
    first.write_text(first.read_text("utf-8") + "# a miss\n", encoding="utf-8")
    from timeline.store import build

    real = build.check_folder  # type: ignore[attr-defined]

    def editing(where: Path, known: object = None) -> object:
        if known:  # the stat index vouched for `second` a moment ago; now it breaks
            second.write_text(second.read_text("utf-8") + "not = = toml\n", encoding="utf-8")
        return real(where, known)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "check_folder", editing)
    cached = open_store(folder)
    monkeypatch.setattr(build, "check_folder", real)
    assert cached.errors > 0 and _everything(cached) == _full(folder, monkeypatch)
