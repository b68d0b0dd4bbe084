"""The rows `timeline.packed.unpack` keeps for a day answer as all of them (the cases a random log rarely makes)."""

from __future__ import annotations

import datetime as dt
import json

from timeline.fold.evaluate import Index, evaluate
from timeline.fold.intervals import Company, Intervals, Line, Person, Raised, RoleSpan, Stint, When
from timeline.model.vocabulary import DEFAULT
from timeline.store.packed import pack, unpack


def _day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def _on(text: str) -> When:
    return When(text, _day(text), _day(text))


def _within(text: str, lo: str | None, hi: str | None) -> When:
    return When(text, None if lo is None else _day(lo), None if hi is None else _day(hi))


def _stint(person: str, start: When, end: When | None, role: str, order: int) -> Stint:
    seat = DEFAULT.seat(role)
    span = RoleSpan(role, None, start, end, f"{person}-in", f"{person}-out" if end else None, order, seat)
    return Stint(person, "acme", start, end, (span,), False, None, None, None, f"{person}-in", None, ())


ACME = Company("acme", "Acme", _day("2020-01-01"), _on("2020-01-01"), "acme-founded", (), None, None, None, 0)
PEOPLE = tuple(Person(p, p.title(), _day("2020-01-01")) for p in ("ann", "bea", "cy"))


def _intervals(**tables: tuple[object, ...]) -> Intervals:
    empty: dict[str, tuple[object, ...]] = {
        "stints": (),
        "lines": (),
        "raised": (),
        "notes": (),
        "units": (),
        "vacancies": (),
        "tracked": (),
    }
    return Intervals((ACME,), PEOPLE, **{**empty, **tables}, roles=DEFAULT.rows, issues=(), first=None, latest=None)  # type: ignore[arg-type]


def _same(intervals: Intervals, *days: str) -> None:
    packed = json.loads(json.dumps(pack(intervals)))
    assert unpack(packed) == intervals
    for text in days:
        day = dt.date.fromisoformat(text)
        whole = evaluate(Index(intervals), day)
        assert evaluate(Index(unpack(packed, day.toordinal())), day) == whole, text


def test_an_ended_seat_holder_still_rules_out_an_earlier_one() -> None:
    # Ann was CEO until some day of 2021; Bea was CEO in February 2021 and left in March:
    # by June, Ann is surely no longer CEO, though her own end date alone would allow it.
    ann = _stint("ann", _on("2020-01-01"), _within("2021", "2021-01-01", "2021-12-31"), "ceo", 0)
    bea = _stint("bea", _on("2021-02-01"), _on("2021-03-01"), "ceo", 1)
    intervals = _intervals(stints=(ann, bea))
    june = evaluate(Index(intervals), dt.date(2021, 6, 1))
    assert [m.roles for m in june.companies["acme"].members] == [()]
    _same(intervals, "2021-06-01", "2021-02-15", "2022-01-01")


def test_open_starts_are_kept_until_they_surely_ended() -> None:
    line = Line("cy", "ann", "acme", _within("../2020-06-01", None, "2020-06-01"), None, "cy-line", None, None)
    by_may = _within("../2021-05-01", None, "2021-05-01")
    money = Raised("seed", "acme", "round", "seed", by_may, 5, "USD", (), None, None, None)
    ann = _stint("ann", _on("2020-01-01"), None, "ceo", 0)
    cy = _stint("cy", _within("../2020-06-01", None, "2020-06-01"), _within("2022", "2022-01-01", "2022-12-31"), "x", 1)
    intervals = _intervals(stints=(ann, cy), lines=(line,), raised=(money,))
    early = evaluate(Index(intervals), dt.date(2020, 3, 1))
    funding = early.companies["acme"].funding
    assert funding is not None and funding.raised == ((5, "USD"),)
    _same(intervals, "2020-03-01", "2022-06-01", "2023-01-01")


def test_every_table_of_the_intervals_is_declared_once() -> None:
    from timeline.fold.intervals import TABLES, WHOLE

    fields = set(Intervals._fields) - {"first", "latest"}
    assert set(TABLES) | set(WHOLE) == fields and not set(TABLES) & set(WHOLE)


def test_a_unit_and_a_vacancy_read_the_same_from_the_days_rows() -> None:
    from timeline.fold.intervals import Unit, Vacancy

    labs = Company("labs", "Labs", _day("2021-01-01"), None, None, (), None, None, None, 0)
    unit = Unit("labs", "acme", _within("2021-03", "2021-03-01", "2021-03-31"), None, "labs-in", None)
    vacancy = Vacancy("acme", "cto", _on("2021-02-01"), _on("2021-05-01"), "cto-gone", "cto-taken")
    intervals = _intervals(units=(unit,), vacancies=(vacancy,))._replace(companies=(ACME, labs))
    _same(intervals, "2021-01-15", "2021-02-01", "2021-03-15", "2021-04-15", "2021-05-01", "2022-01-01")
    march = evaluate(Index(intervals), dt.date(2021, 3, 15))
    assert march.companies["labs"].unit_of is not None and not march.companies["labs"].unit_of.certain
    assert march.companies["acme"].units[0].company == "labs"
