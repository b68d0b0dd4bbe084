"""Properties of the fold over generated valid event logs (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import random
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cli
from bench import corpus
from tests.strategies import event_tables
from timeline import converter
from timeline.ask.api import load
from timeline.check.folder import check_files
from timeline.fold.compile import compile_events
from timeline.fold.effects import record
from timeline.fold.evaluate import Index, evaluate, series
from timeline.fold.intervals import Builder, build, flip_days, records_at
from timeline.fold.knowledge import view
from timeline.fold.state import Coverage, State
from timeline.model.convert import structure_event, unstructure_event
from timeline.model.events import ClaimMade, CompanyFounded, Correction, Event, Retraction
from timeline.model.ordering import sort_events
from timeline.model.plain import plain
from timeline.model.vocabulary import DEFAULT
from timeline.read.dataset import Dataset
from timeline.read.files import EventFile
from timeline.read.writing import event_toml
from timeline.store.packed import pack, unpack

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Valid, realistic logs (the benchmark's generator), and logs of every type in the registry,
# contradictions included (`tests.strategies`): the parity properties run on both.
valid_logs = st.builds(lambda n, seed: _events(n, seed), st.integers(5, 150), st.integers(0, 2**32 - 1))
any_logs = event_tables().map(lambda tables: sort_events([structure_event(t) for t in tables]))
logs = st.one_of(valid_logs, any_logs)
days = st.integers(0, 900).map(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))


def _events(n: int, seed: int) -> tuple[Event, ...]:
    return sort_events([structure_event(table) for table in corpus.generate(n, seed)])


def _consistent(events: tuple[Event, ...]) -> bool:
    """Whether the fold meets no contradiction the check would refuse (on generated logs, often it does)."""
    return not any(i.severity == "error" for i in build([record(e) for e in view(events).events]).issues)


def _state(events: tuple[Event, ...], day: dt.date, as_of: dt.date | None = None) -> State:
    records = [record(e) for e in view(events, as_of).events]
    return evaluate(build(records), day, as_of)


@SETTINGS
@given(valid_logs)
def test_generated_logs_pass_the_check(events: tuple[Event, ...]) -> None:
    files = tuple(EventFile(f"{e.id}.toml", f"{e.id}.toml", "", b"", "", e) for e in events)
    problems, compiled = check_files(files, Dataset(title="generated"))
    assert [str(p) for p in problems if p.severity == "error"] == [] and compiled is not None


@SETTINGS
@given(logs, days, st.randoms(use_true_random=False))
def test_fold_is_deterministic_and_ignores_file_order(
    events: tuple[Event, ...], day: dt.date, rnd: random.Random
) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert _state(sort_events(shuffled), day) == _state(events, day) == _state(events, day)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(logs, days)
def test_state_on_a_day_depends_only_on_events_up_to_it(events: tuple[Event, ...], day: dt.date) -> None:
    # Corrections and retractions act in knowledge time, whatever their own date; a founding is
    # the one later fact the fold reads backwards (nobody joins a company before it exists, so
    # it bounds an open start such as "../2020-02-08").
    # Claims are left out: a claim shows beside the fact it is about, once that fact may have
    # happened, however late the claim was made, so it reaches back by design (test_knowledge).
    events = tuple(e for e in events if not isinstance(e, ClaimMade))
    # Contradictory events (a company made a unit of its own unit, say) are refused by the check, and
    # which of two contradicting events wins depends on their order, not on the day: left out here.
    assume(_consistent(events))
    upto = tuple(
        e for e in events if e.date.possibly_by(day) or isinstance(e, Correction | Retraction | CompanyFounded)
    )
    # The data's range does depend on later events.
    nowhere = Coverage(None, None)
    assert _state(upto, day)._replace(coverage=nowhere) == _state(events, day)._replace(coverage=nowhere)


@SETTINGS
@given(logs, days, days)
def test_compiled_versions_agree_with_the_knowledge_view(
    events: tuple[Event, ...], day: dt.date, as_of: dt.date
) -> None:
    compiled = compile_events(events)
    assert evaluate(build(records_at(compiled.versions, as_of)), day, as_of) == _state(events, day, as_of)
    assert evaluate(build(list(compiled.latest)), day) == _state(events, day)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs, st.lists(days, min_size=1, max_size=6))
def test_the_rows_a_packed_store_decodes_for_a_day_answer_as_the_whole(
    events: tuple[Event, ...], some_days: list[dt.date]
) -> None:
    whole = build([record(e) for e in view(events).events])
    packed = json.loads(json.dumps(pack(whole)))  # as the store writes and reads it
    assert unpack(packed) == whole
    flips = sorted(flip_days(whole))
    for n in [*(d.toordinal() for d in some_days), *flips[:: max(1, len(flips) // 8)]]:
        day = dt.date.fromordinal(n)
        assert evaluate(Index(unpack(packed, n)), day) == evaluate(Index(whole), day), day


@SETTINGS
@given(logs, days, days)
def test_knowing_more_never_removes_a_public_event(events: tuple[Event, ...], first: dt.date, second: dt.date) -> None:
    early, late = sorted((first, second))
    known_early = {e.id for e in view(events, early).events}
    known_late = {e.id for e in view(events, late).events}
    retracted = {e.retracts for e in events if isinstance(e, Retraction) and e.public_day <= late}
    assert known_early - retracted <= known_late


@SETTINGS
@given(logs, st.integers(0, 200), days)
def test_folding_a_prefix_then_the_rest_equals_folding_everything(
    events: tuple[Event, ...], cut: int, day: dt.date
) -> None:
    records = [record(e) for e in view(events).events]
    builder = Builder()
    for item in records[: cut % (len(records) + 1)]:
        builder.apply(item)
    builder.result()  # taking a result midway must not disturb the fold
    for item in records[cut % (len(records) + 1) :]:
        builder.apply(item)
    whole = build(records)
    assert builder.result() == whole
    assert evaluate(builder.result(), day) == evaluate(whole, day)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(logs, days)
def test_no_two_holders_of_a_seat_and_nobody_before_the_founding(events: tuple[Event, ...], day: dt.date) -> None:
    assume(_consistent(events))  # the check refuses a join before the founding; the fold keeps it, and says so
    state = _state(events, day)
    intervals = build([record(e) for e in view(events).events])
    founded = {c.id: c.founded.lo for c in intervals.companies if c.founded and c.founded.lo is not None}
    for cid, company in state.companies.items():
        holders: dict[str, list[str]] = {}
        for member in company.members:
            for role in member.roles:
                place = DEFAULT.seat(role.role)
                if place is not None and role.certain:
                    holders.setdefault(place, []).append(member.person)
            if cid in founded and member.since_lower:
                assert member.since_lower.toordinal() >= founded[cid]
        assert all(len(people) == 1 for people in holders.values()), holders
        assert set(company.leadership) <= {DEFAULT.seat(r.role) for m in company.members for r in m.roles}


@SETTINGS
@given(logs)
def test_structure_then_unstructure_round_trips(events: tuple[Event, ...]) -> None:
    for event in events:
        table = unstructure_event(event)
        assert structure_event(table) == event
        assert unstructure_event(structure_event(table)) == table
        assert hash(event) == hash(structure_event(table))


def test_shipped_events_round_trip() -> None:
    for event in load().events:
        assert structure_event(unstructure_event(event)) == event


@SETTINGS
@given(logs, days, st.lists(st.integers(0, 40), min_size=1, max_size=30))
def test_a_series_equals_a_state_per_day(events: tuple[Event, ...], start: dt.date, steps: list[int]) -> None:
    index = Index(build([record(e) for e in view(events).events]))
    wanted = [start]
    for step in steps:
        wanted.append(wanted[-1] + dt.timedelta(days=step))
    assert list(series(index, wanted)) == [evaluate(index, day) for day in wanted]
    assert all(plain(state) == converter.unstructure(state) for state in series(index, wanted[:3]))


def _write(tables: list[dict[str, object]], folder: Path) -> None:
    folder.mkdir()
    for table in tables:
        (folder / f"{table['id']}.toml").write_text(_toml(table), encoding="utf-8")


def _toml(table: dict[str, object]) -> str:
    text = event_toml(table)
    assert tomllib.loads(text) == json.loads(json.dumps(table))
    return text


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.integers(5, 60), st.integers(0, 2**32 - 1), days, st.one_of(st.none(), days))
@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
def test_the_command_line_and_the_library_agree(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, n: int, seed: int, day: dt.date, as_of: dt.date | None
) -> None:
    folder = tmp_path_factory.mktemp("corpus") / "events"
    _write(corpus.generate(n, seed), folder)
    args = ["state", "--events", str(folder), "--date", day.isoformat(), "--format", fmt]
    if as_of is not None:
        args += ["--as-of", as_of.isoformat()]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0, result.output
    tl = load(folder)
    state = tl.state(day, as_of)
    if fmt == "json":
        assert json.loads(result.output) == json.loads(json.dumps(converter.unstructure(state)))
    else:
        from timeline.ask import records

        rows = [converter.unstructure(r) for r in records.roster(tl, day, as_of)]
        count = len(result.output.strip().splitlines()) - (1 if fmt == "csv" else 0)
        assert count == len(rows) or (not rows and count <= 0)
