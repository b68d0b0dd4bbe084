"""The EDTF subset, against the examples the Library of Congress specification gives for it."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.model.edtf import EDTFError, parse

D = dt.date


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        # Level 0, from the specification's examples.
        ("1985-04-12", D(1985, 4, 12), D(1985, 4, 12), "day"),
        ("1985-04", D(1985, 4, 1), D(1985, 4, 30), "month"),
        ("1985", D(1985, 1, 1), D(1985, 12, 31), "year"),
        ("1964/2008", D(1964, 1, 1), D(2008, 12, 31), "interval"),
        ("2004-06/2006-08", D(2004, 6, 1), D(2006, 8, 31), "interval"),
        ("2004-02-01/2005-02-08", D(2004, 2, 1), D(2005, 2, 8), "interval"),
        ("2004-02-01/2005-02", D(2004, 2, 1), D(2005, 2, 28), "interval"),
        ("2004-02-01/2005", D(2004, 2, 1), D(2005, 12, 31), "interval"),
        ("2005/2006-02", D(2005, 1, 1), D(2006, 2, 28), "interval"),
        ("1985-04-12T23:20:30", D(1985, 4, 12), D(1985, 4, 12), "time"),
        ("1985-04-12T23:20:30Z", D(1985, 4, 12), D(1985, 4, 12), "time"),
        ("1985-04-12T23:20:30-04", D(1985, 4, 12), D(1985, 4, 12), "time"),
        ("1985-04-12T23:20:30+04:30", D(1985, 4, 12), D(1985, 4, 12), "time"),
        # Level 1 qualifiers: widened by one unit of their precision.
        ("1984?", D(1983, 1, 1), D(1985, 12, 31), "year"),
        ("2004-06~", D(2004, 5, 1), D(2004, 7, 31), "month"),
        ("2004-06-11%", D(2004, 6, 10), D(2004, 6, 12), "day"),
        # Level 1 open and unknown interval ends.
        ("1985-04-12/..", D(1985, 4, 12), None, "interval"),
        ("../1985-04-12", None, D(1985, 4, 12), "interval"),
        ("1985-04-12/", D(1985, 4, 12), None, "interval"),
        ("/1985-04-12", None, D(1985, 4, 12), "interval"),
        ("1985-04/..", D(1985, 4, 1), None, "interval"),
        ("../1985", None, D(1985, 12, 31), "interval"),
    ],
)
def test_spec_examples(text: str, lower: dt.date | None, upper: dt.date | None, precision: str) -> None:
    value = parse(text)
    assert (value.lower, value.upper, value.precision) == (lower, upper, precision)
    assert str(value) == text


def test_time_keeps_its_offset() -> None:
    value = parse("2026-01-14T15:13:00-08:00")
    assert value.time is not None
    assert value.time.utcoffset() == dt.timedelta(hours=-8)
    # The calendar day is where it happened, not UTC (where it was already the 15th).
    assert value.lower == D(2026, 1, 14)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "is not a real calendar date"),
        ("2025-13", "is not a real calendar date"),
        ("2025/2024", "ends before it starts"),
        ("../..", "has no bound at all"),
        ("14 January 2026", "is not an EDTF date"),
        ("2026-01-14T25:00:00", "is not a real date and time"),
        ("2026-01-14T15:13", "is not an EDTF date and time"),
        ("2026-01-14T15:13:00+25:00", "is not a real date and time"),
        ("2020/2021/2022", "more than one '/'"),
    ],
)
def test_rejects(text: str, message: str) -> None:
    with pytest.raises(EDTFError, match=message):
        parse(text)


def test_certainty_against_a_day() -> None:
    month = parse("2025-11")
    assert not month.possibly_by(D(2025, 10, 31))
    assert month.possibly_by(D(2025, 11, 1)) and not month.certainly_by(D(2025, 11, 29))
    assert month.certainly_by(D(2025, 11, 30))
    open_start = parse("../2026-01-12")
    assert open_start.possibly_by(D(1900, 1, 1)) and not open_start.certainly_by(D(2026, 1, 11))
