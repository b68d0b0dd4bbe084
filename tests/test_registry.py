"""One place per event type: every projection handles every type, and mypy names a forgotten one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import WriteEvents, founded, joined
from timeline.ask import diff, why
from timeline.check import rules
from timeline.check.folder import check_folder
from timeline.export import timelinejs
from timeline.fold import effects
from timeline.model import describe
from timeline.model.convert import structure_event, unstructure_event
from timeline.model.events import EVENT_TYPES, Event, event_classes
from timeline.read.dataset import Dataset
from timeline.read.files import EventFile

ROOT = Path(__file__).resolve().parent.parent
SOURCE = [{"publisher": "Example", "url": "https://example.com/a", "published": "2025-01-02", "kind": "report"}]
COMMON = {"schema": 3, "date": "2025-01-02", "date_basis": "occurred", "summary": "A sample.", "sources": SOURCE}
PEOPLE = {"people": {"ada": "Ada"}, "companies": {"acme": "Acme", "globex": "Globex"}}
FIELDS: dict[str, dict[str, Any]] = {
    "company-founded": {"company": "acme", "founders": ["ada"]},
    "person-joined": {"person": "ada", "company": "acme", "roles": ["cto"]},
    "person-left": {"person": "ada", "company": "acme", "how": "resigned", "destination": "globex"},
    "role-started": {"person": "ada", "company": "acme", "role": "cto"},
    "role-ended": {"person": "ada", "company": "acme", "role": "cto"},
    "funding-round": {"company": "acme", "round": "seed", "amount": "undisclosed", "currency": "USD"},
    "investment": {"company": "acme", "investors": [{"id": "globex", "name": "Globex"}], "amount": "undisclosed"},
    "agreement": {"parties": ["acme", "globex"], "kind": "compute", "terms": "Chips for years.", "exclusive": False},
    "funding-report": {"company": "acme", "status": "in-talks", "amount": 5},
    "count-report": {"company": "acme", "counts": "departures", "count": 9, "destination": "globex"},
    "claim": {"about": "x", "claimant": "A paper", "claimant_kind": "publication", "stance": "allegation"},
    "correction": {"corrects": "x", "reason": "A typo.", "changes": {"summary": "Fixed."}},
    "retraction": {"retracts": "x", "reason": "Wrong."},
}


def sample(kind: str) -> Event:
    return structure_event({"type": kind, "id": f"2025-01-02-{kind}", **COMMON, **PEOPLE, **FIELDS[kind]})


def test_every_type_has_a_sample_and_a_distinct_rank() -> None:
    assert set(FIELDS) == set(EVENT_TYPES)
    assert len({cls.RANK for cls in event_classes()}) == len(EVENT_TYPES)


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_every_projection_handles_every_type(kind: str) -> None:
    event = sample(kind)
    assert structure_event(unstructure_event(event)) == event and hash(event)
    effects.record(event)
    rules.fact_key(event)
    file = EventFile(f"{event.id}.toml", f"{event.id}.toml", "", b"", "", event)
    list(rules.check_event(file, Dataset(title="t")))
    assert describe.headline(event) != event.id
    describe.main_company(event)
    assert timelinejs.slide(event)["text"]["headline"]
    why._other_fact(event)
    diff._non_roster(event)


def test_role_ids_are_checked(write_events: WriteEvents) -> None:
    folder = write_events(founded(roles='ada = ["CEO"]'), joined("bob", "2025-02-01", extra='roles = ["chief-vibes"]'))
    found = [str(p).replace(str(folder) + "/", "") for p in check_folder(folder).problems]
    assert any("role 'CEO' is a variant of the known role 'ceo'" in p and "warning" not in p for p in found)
    assert any("warning: unknown role 'chief-vibes' (known roles: ceo, interim-ceo, cto" in p for p in found)


NEW_TYPE = '''

@frozen(kw_only=True)
class Acquisition(BaseEvent):
    """A company buys another (added in a test: no projection knows it)."""

    TYPE: ClassVar[Literal["acquisition"]] = "acquisition"
    RANK: ClassVar[int] = 13
    buyer: str = field(metadata=_ref("company"))
    target: str = field(metadata=_ref("company"))
'''


@pytest.mark.slow
def test_a_type_without_its_projections_fails_mypy_naming_each(tmp_path: Path) -> None:
    copy = tmp_path / "timeline"
    shutil.copytree(ROOT / "timeline", copy, ignore=shutil.ignore_patterns("__pycache__", "compiled", "events"))
    model = copy / "model" / "events.py"
    text = model.read_text(encoding="utf-8")
    anchor = "\n\n# The one list of event types."
    text = text.replace(anchor, NEW_TYPE + anchor).replace(
        "    | Retraction\n)", "    | Retraction\n    | Acquisition\n)"
    )
    model.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11", "timeline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    named = {
        line.split(":")[0].replace("timeline/", "")
        for line in done.stdout.splitlines()
        if "assert_never" in line or "Acquisition" in line
    }
    assert done.returncode != 0
    assert {"fold/effects.py", "check/rules.py", "model/describe.py", "ask/why.py", "ask/diff.py"} <= named, done.stdout
