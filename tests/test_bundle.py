"""The compiled bundle never answers for other data than the folder holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WriteEvents, founded, joined

import timeline
from timeline import bundle


def test_a_bundle_is_reused_for_the_same_content(
    write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    first = timeline.load(folder)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    again = timeline.load(folder)
    assert again.events == first.events


def test_any_change_gives_a_new_answer(
    write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_events(founded(), joined("bob", "2025-02-01"))
    assert "bob" in timeline.load(folder).state("2025-03-01").people
    path = folder / "2025-02-01-bob-joins-acme.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Bob"', '"Robert"'), encoding="utf-8")
    assert timeline.load(folder).state("2025-03-01").people["bob"].name == "Robert"
    path.write_text("broken = ", encoding="utf-8")
    with pytest.raises(timeline.DataError):
        timeline.load(folder)


def test_a_corrupt_bundle_is_rebuilt(
    write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_events(founded())
    timeline.load(folder)
    (stored,) = (tmp_path / "cache").glob("*.pickle")
    stored.write_bytes(b"not a pickle")
    assert "acme" in timeline.load(folder).state("2025-03-01").companies


def test_no_cache_when_turned_off(write_events: WriteEvents, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    assert bundle.cache_dir() is None
    assert "acme" in timeline.load(write_events(founded())).state("2025-03-01").companies
