"""The wheel installs into a fresh virtual environment and works from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("tml_talent_timeline-*.whl")
    return built


def test_wheel_layout(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "timeline/cli.py" in names and "timeline/events/MANIFEST" in names
    assert "timeline/py.typed" in names and "timeline/compiled/meta.json" in names
    assert not any(n in ("cli.py", "events/MANIFEST") or n.startswith("tests/") for n in names)
    shipped = {n for n in names if n.startswith("timeline/events/") and n.endswith(".toml")}
    assert len(shipped) == len(list((ROOT / "events").glob("*.toml")))


@pytest.mark.slow
def test_fresh_venv_runs_timeline_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(env_dir / "bin" / "timeline"), "state", "--date", "2026-01-15", "--format", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    state = json.loads(result.stdout)
    assert state["people"]["barret-zoph"]["company"] == "openai"
    assert state["companies"]["thinking-machines-lab"]["leadership"]["ceo"] == "mira-murati"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert not (Path(site) / "cli.py").exists()
    check = subprocess.run([str(env_dir / "bin" / "timeline"), "check", "--strict"], cwd=elsewhere, env=env)
    assert check.returncode == 0
