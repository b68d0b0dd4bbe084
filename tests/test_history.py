"""The ledger only ever grows: every version of events/MANIFEST in git is a prefix of today's.

`timeline check` catches an edited, removed or reordered file against the
ledger; this catches the ledger itself being rewritten to match.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _is_checkout() -> bool:
    if shutil.which("git") is None:
        return False
    done = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.skipif(not _is_checkout(), reason="needs a git checkout")
def test_manifest_history_is_append_only() -> None:
    current = (ROOT / "events" / "MANIFEST").read_text(encoding="utf-8").splitlines()
    commits = _git("log", "--format=%H", "--", "events/MANIFEST").split()
    assert commits, "events/MANIFEST was never committed"
    for commit in commits:
        old = _git("show", f"{commit}:events/MANIFEST").splitlines()
        assert current[: len(old)] == old, f"events/MANIFEST as of {commit[:10]} is not a prefix of today's"


@pytest.mark.skipif(not _is_checkout(), reason="needs a git checkout")
def test_landed_event_files_are_unchanged_since_they_landed() -> None:
    changed = _git("log", "--diff-filter=MDR", "--name-only", "--format=", "--", "events/*.toml").split()
    # events/dataset.toml describes the folder (title, publishers' hosts): it is not an event and may change.
    changed = [name for name in changed if name != "events/dataset.toml"]
    assert changed == [], f"landed event files were edited, removed or renamed: {sorted(set(changed))}"
