"""The ledger only ever grows: every version of it in git (events/MANIFEST and the ledger files that
continue it, MANIFEST.2, MANIFEST.3 ...) lists a prefix of today's entries.

`timeline check` catches an edited, removed or reordered file against the
ledger; this catches the ledger itself being rewritten to match.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from timeline.check.manifest import ledger_files
from timeline.read.files import is_ledger

ROOT = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _is_checkout() -> bool:
    if shutil.which("git") is None:
        return False
    done = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True, check=False)
    return done.returncode == 0


def _entries(texts: list[str]) -> list[str]:
    return [line for text in texts for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _ledger_at(commit: str) -> list[str]:
    names = [n for n in _git("ls-tree", "--name-only", commit, "events/").split() if is_ledger(n.split("/")[-1])]
    names.sort(key=lambda n: int(n.rpartition("MANIFEST")[2].lstrip(".") or 1))
    return _entries([_git("show", f"{commit}:{name}") for name in names])


@pytest.mark.skipif(not _is_checkout(), reason="needs a git checkout")
def test_manifest_history_is_append_only() -> None:
    folder = ROOT / "events"
    current = _entries([(folder / name).read_text(encoding="utf-8") for name in ledger_files(folder)])
    commits = _git("log", "--format=%H", "--", "events/MANIFEST*").split()
    assert commits, "events/MANIFEST was never committed"
    for commit in commits:
        old = _ledger_at(commit)
        assert current[: len(old)] == old, f"the ledger as of {commit[:10]} is not a prefix of today's"


@pytest.mark.skipif(not _is_checkout(), reason="needs a git checkout")
def test_landed_event_files_are_unchanged_since_they_landed() -> None:
    changed = _git("log", "--diff-filter=MDR", "--name-only", "--format=", "--", "events/*.toml").split()
    # events/dataset.toml describes the folder (title, publishers' hosts): it is not an event and may change.
    changed = [name for name in changed if name != "events/dataset.toml"]
    assert changed == [], f"landed event files were edited, removed or renamed: {sorted(set(changed))}"
