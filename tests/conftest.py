"""Shared fixtures: the shipped timeline, a Click runner, and small hand-made event folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline
from tests.browser import install_timelinejs, serve
from tests.helpers import WriteEvents
from timeline.ask.api import Timeline


@pytest.fixture
def write_events(tmp_path: Path) -> WriteEvents:
    """Write event texts into a fresh folder named after their ids; return the folder."""

    def write(*texts: str, folder: str = "events") -> Path:
        path = tmp_path / folder
        path.mkdir(exist_ok=True)
        for text in texts:
            event_id = text.split('id = "', 1)[1].split('"', 1)[0]
            (path / f"{event_id}.toml").write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Entries are keyed by content, so sharing one is safe, but tests must
    # not write into the user's own cache. pytest makes the folder with mode 0700.
    os.environ["TIMELINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def tl() -> Timeline:
    return timeline.load()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def timelinejs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install_timelinejs(tmp_path_factory.mktemp("timelinejs"))


@pytest.fixture
def served(tmp_path: Path, timelinejs_dir: Path) -> Iterator[tuple[str, Path]]:
    """A folder served on localhost with TimelineJS beside it: (base URL, folder)."""
    site = tmp_path / "site"
    site.mkdir()
    with serve(site, timelinejs_dir) as base:
        yield base, site
