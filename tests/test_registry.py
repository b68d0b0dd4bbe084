"""One place per event type: every projection handles every type, and mypy names each one a new type forgets.

No test here lists the types: samples come from the registry itself (`tests.strategies`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import WriteEvents, founded, joined
from tests.strategies import event_tables
from timeline.ask import diff, why
from timeline.check import rules
from timeline.check.folder import check_folder
from timeline.export import timelinejs
from timeline.fold import effects
from timeline.model import describe
from timeline.model.convert import structure_event, unstructure_event
from timeline.model.events import EVENT_TYPES, Event, Inert, event_classes
from timeline.model.vocabulary import DEFAULT
from timeline.read.dataset import Dataset
from timeline.read.files import EventFile

ROOT = Path(__file__).resolve().parent.parent


def test_every_type_has_a_distinct_rank_and_a_row_in_the_format_doc() -> None:
    assert len({cls.RANK for cls in event_classes()}) == len(EVENT_TYPES)
    doc = (ROOT / "docs" / "event-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", doc, flags=re.M))
    assert set(EVENT_TYPES) <= documented, set(EVENT_TYPES) - documented


@pytest.mark.parametrize("cls", event_classes(), ids=lambda cls: cls.TYPE)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_projection_handles_every_type(cls: type[Event], data: st.DataObject) -> None:
    table = data.draw(event_tables(classes=(cls,), count=1))[0]
    event = structure_event(table)
    assert structure_event(unstructure_event(event)) == event and hash(event)
    record = effects.record(event)
    assert record.type == cls.TYPE and record.id == event.id
    key = rules.fact_key(event)
    assert key is None or key[0] == cls.TYPE
    file = EventFile(f"{event.id}.toml", f"{event.id}.toml", "", b"", "", event)
    list(rules.check_event(file, Dataset(title="t")))
    line = describe.headline(event, DEFAULT)
    assert line and line != event.id
    assert timelinejs.slide(event, DEFAULT)["text"]["headline"]
    company = describe.main_company(event)
    assert company is None or company in event.companies
    # An inert event changes no state: it shows as a fact of its own in `why` and `diff`; any other
    # event shows there through the intervals (or as a claim or correction).
    inert = isinstance(event, Inert)
    assert (why._other_fact(event, DEFAULT) is not None) == inert
    assert diff._non_roster(event) == (event.CHANGE if isinstance(event, Inert) else None)
    assert (record.effects == ()) >= inert


def test_role_ids_are_checked(write_events: WriteEvents) -> None:
    folder = write_events(founded(roles='ada = ["CEO"]'), joined("bob", "2025-02-01", extra='roles = ["chief-vibes"]'))
    found = [str(p).replace(str(folder) + "/", "") for p in check_folder(folder).problems]
    assert any("role 'CEO' is a variant of the known role 'ceo'" in p and "warning" not in p for p in found)
    assert any("warning: unknown role 'chief-vibes'" in p and "add it to [roles] in" in p for p in found)


def _mypy_with(tmp_path: Path, new_type: str) -> set[str]:
    """Add ``new_type`` to the union in a copy of the package; return the files mypy names."""
    copy = tmp_path / "timeline"
    shutil.copytree(ROOT / "timeline", copy, ignore=shutil.ignore_patterns("__pycache__", "compiled", "events"))
    model = copy / "model" / "events.py"
    text = model.read_text(encoding="utf-8")
    anchor = "\n\n# The one list of event types."
    name = re.search(r"class (\w+)\(", new_type)
    assert name is not None
    text = text.replace(anchor, new_type + anchor).replace(
        "    | Retraction\n)", f"    | Retraction\n    | {name.group(1)}\n)"
    )
    model.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11", "timeline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0, done.stdout
    return {
        line.split(":")[0].removeprefix("timeline/")
        for line in done.stdout.splitlines()
        if ": error:" in line and ("assert_never" in line or name.group(1) in line)
    }


CHANGING = '''

@frozen(kw_only=True)
class Spinoff(BaseEvent):
    """A unit becomes a company of its own (added in a test: no projection knows it)."""

    TYPE: ClassVar[Literal["spinoff"]] = "spinoff"
    RANK: ClassVar[int] = 16
    company: str = field(metadata=_ref("company"))
'''

INERT = '''

@frozen(kw_only=True)
class Lawsuit(Inert):
    """A company sues another (added in a test: it changes no state)."""

    TYPE: ClassVar[Literal["lawsuit"]] = "lawsuit"
    RANK: ClassVar[int] = 16
    CHANGE: ClassVar[Literal["agreement", "report"]] = "report"
    plaintiff: str = field(metadata=_ref("company"))
    defendant: str = field(metadata=_ref("company"))
'''


@pytest.mark.slow
def test_a_state_changing_type_without_its_projections_fails_mypy_naming_each(tmp_path: Path) -> None:
    named = _mypy_with(tmp_path, CHANGING)
    assert named == {"fold/effects.py", "check/rules.py", "model/describe.py", "ask/why.py", "ask/diff.py"}, named


@pytest.mark.slow
def test_an_inert_type_needs_only_its_headline(tmp_path: Path) -> None:
    # The model (its class and the union) and the doc's row, plus the one match mypy names.
    assert _mypy_with(tmp_path, INERT) == {"model/describe.py"}
