"""Properties of the fold over generated valid event logs (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import corpus
from timeline import converter
from timeline.check import check_files
from timeline.convert import structure_event, unstructure_event
from timeline.files import EventFile
from timeline.fold import evaluate, series, state
from timeline.knowledge import view
from timeline.model import Correction, Event, Retraction
from timeline.ordering import sort_events
from timeline.roster import Builder, build

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
logs = st.builds(lambda n, seed: _events(n, seed), st.integers(5, 150), st.integers(0, 2**32 - 1))
days = st.integers(0, 900).map(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))


def _events(n: int, seed: int) -> tuple[Event, ...]:
    return sort_events([structure_event(table) for table in corpus.generate(n, seed)])


def _plain(events: tuple[Event, ...], day: dt.date, as_of: dt.date | None = None) -> object:
    return converter.unstructure(state(events, day, as_of))


@SETTINGS
@given(logs)
def test_generated_logs_pass_the_check(events: tuple[Event, ...]) -> None:
    files = tuple(EventFile(f"{e.id}.toml", f"{e.id}.toml", "", b"", e) for e in events)
    assert [str(p) for p in check_files(files)] == []


@SETTINGS
@given(logs, days, st.randoms(use_true_random=False))
def test_fold_is_deterministic_and_ignores_file_order(
    events: tuple[Event, ...], day: dt.date, rnd: random.Random
) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert _plain(sort_events(shuffled), day) == _plain(events, day) == _plain(events, day)


@SETTINGS
@given(logs, days)
def test_state_on_a_day_depends_only_on_events_up_to_it(events: tuple[Event, ...], day: dt.date) -> None:
    # Corrections and retractions act in knowledge time, whatever their own date.
    upto = tuple(e for e in events if e.date.possibly_by(day) or isinstance(e, (Correction, Retraction)))
    assert _plain(upto, day) == _plain(events, day)


@SETTINGS
@given(logs, days, days)
def test_knowing_more_never_removes_a_public_event(
    events: tuple[Event, ...], first: dt.date, second: dt.date
) -> None:
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
    seen = view(events).events
    builder = Builder()
    for event in seen[: cut % (len(seen) + 1)]:
        builder.apply(event)
    builder.result()  # taking a result midway must not disturb the fold
    for event in seen[cut % (len(seen) + 1) :]:
        builder.apply(event)
    whole = build(seen)
    assert builder.result() == whole
    assert converter.unstructure(evaluate(builder.result(), day)) == converter.unstructure(
        evaluate(whole, day)
    )


@SETTINGS
@given(logs)
def test_structure_then_unstructure_round_trips(events: tuple[Event, ...]) -> None:
    for event in events:
        table = unstructure_event(event)
        assert structure_event(table) == event
        assert unstructure_event(structure_event(table)) == table


def test_shipped_events_round_trip() -> None:
    import timeline

    for event in timeline.load().events:
        assert structure_event(unstructure_event(event)) == event


@SETTINGS
@given(logs, days, st.lists(st.integers(0, 40), min_size=1, max_size=30))
def test_a_series_equals_a_fold_per_day(events: tuple[Event, ...], start: dt.date, steps: list[int]) -> None:
    roster = build(view(events).events)
    wanted = [start]
    for step in steps:
        wanted.append(wanted[-1] + dt.timedelta(days=step))
    for day, swept in zip(wanted, series(roster, wanted), strict=True):
        assert converter.unstructure(swept) == converter.unstructure(evaluate(roster, day))
