"""A small subset of the Library of Congress Extended Date/Time Format (EDTF).

Event files write every date in this notation. The subset, and what each form
means to the fold, is documented in ``docs/event-format.md``:

=========================  =============================================
``2026-01-14``             a day (EDTF level 0)
``2025-11``, ``2018``      a month, a year (level 0)
``2026-01-14T15:13:00-08:00``  a day with a time and UTC offset (level 0)
``2025-11-18~``            approximate; ``?`` uncertain; ``%`` both (level 1)
``2025-02-18/2025-06-20``  an interval between two bounds (level 0)
``../2026-01-12``          an open start; ``2026-01-12/..`` an open end (level 1)
``/2026-01-12``            an unknown start; ``2026-01-12/`` an unknown end (level 1)
=========================  =============================================

Every value has inclusive calendar bounds. A qualified date (``~ ? %``) is
widened by one unit of its own precision on each side, because a source that
says "around mid-November" gives no number to widen by and one unit is the
smallest widening that still admits a neighbouring value.

We parse this ourselves rather than use the ``edtf`` package: measured on this
project's machine, importing it costs 75-120 ms, which alone is more than the
whole start-up budget of ``timeline state``, and it returns ``struct_time``
bounds where the fold wants ``datetime.date``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Literal

from attrs import frozen

__all__ = ["EDTF", "EDTFError", "Precision", "Qualifier", "parse"]

Precision = Literal["day", "month", "year", "time", "interval"]
Qualifier = Literal["~", "?", "%"]


class EDTFError(ValueError):
    """A string that is not in the supported EDTF subset."""


# [0-9], never \d: \d also matches Arabic-Indic, fullwidth and other digits,
# which int() accepts, so "٢٠٢٦" would pass for 2026.
_DATE = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?(?P<q>[~?%])?")
_TIME = re.compile(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
    r"T(?P<H>[0-9]{2}):(?P<M>[0-9]{2}):(?P<S>[0-9]{2})"
    r"(?P<z>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)


@frozen(order=False)
class EDTF:
    """A parsed EDTF value: its text, its precision and its calendar bounds.

    ``lower``/``upper`` are inclusive; ``None`` means unbounded on that side
    (an open or unknown interval end). ``time`` is set only for the
    date-and-time form, and is timezone-aware when the text gives an offset.
    """

    text: str
    precision: Precision
    lower: dt.date | None
    upper: dt.date | None
    qualifier: Qualifier | None = None
    time: dt.datetime | None = None
    # The instant as naive UTC, for ordering same-day events; computed once
    # here because a fold sorts by it many times.
    instant: dt.datetime = dt.datetime.max

    def certainly_by(self, day: dt.date) -> bool:
        """The whole range lies on or before ``day``: it has surely happened."""
        return self.upper is not None and self.upper <= day

    def possibly_by(self, day: dt.date) -> bool:
        """Part of the range lies on or before ``day``: it may have happened."""
        return self.lower is None or self.lower <= day

    @property
    def sort_day(self) -> dt.date:
        """The day a listing sorts this value under: the earliest it can be."""
        if self.lower is not None:
            return self.lower
        assert self.upper is not None  # parse() refuses a value with neither bound
        return self.upper

    @property
    def file_prefix(self) -> str:
        """The date part an event file's name starts with."""
        if self.precision == "time":
            return self.text[:10]
        side = self.text.split("/")[0] if "/" in self.text else self.text
        if side in ("", ".."):
            side = self.text.split("/")[1]
        return side.rstrip("~?%")

    def __str__(self) -> str:
        return self.text


def parse(text: str) -> EDTF:
    """Parse ``text``; raise `EDTFError` with a reason a person can act on."""
    if not isinstance(text, str):
        raise EDTFError(f"expected an EDTF date string, got {type(text).__name__}")
    return _parse(text)


# Values are immutable and a log repeats the same few thousand dates (every
# source's publication day), so parsing each text once is safe and halves
# the cost of building events.
_OTHER_NOTATION = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")


def _hint(text: str) -> str | None:
    """Advice for a date written in another notation (``12/02/2026``, ``2.12.2026``)."""
    found = _OTHER_NOTATION.match(text)
    if found is None:
        return None
    a, b, year = found.groups()
    year = year if len(year) == 4 else "20" + year
    options = {f"{year}-{int(m):02d}-{int(d):02d}" for m, d in ((a, b), (b, a)) if 1 <= int(m) <= 12 and int(d) <= 31}
    if not options:
        return None
    return (
        f"{text!r} is written in another notation: write dates as YYYY-MM-DD (EDTF), "
        f"here {' or '.join(sorted(options))} (month first or day first: only the source can say)"
    )


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> EDTF:
    hint = _hint(text)
    if hint is not None:
        raise EDTFError(hint)
    if "/" in text:
        return _interval(text)
    if "T" in text:
        return _datetime(text)
    return _single(text)


def _single(text: str) -> EDTF:
    match = _DATE.fullmatch(text)
    if match is None:
        raise EDTFError(
            f"{text!r} is not an EDTF date (use YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %)"
        )
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    qualifier: Qualifier | None = match["q"]  # type: ignore[assignment]
    precision: Precision
    try:
        if day is not None:
            assert month is not None
            lower = upper = dt.date(year, month, day)
            precision = "day"
        elif month is not None:
            lower = dt.date(year, month, 1)
            upper = dt.date(year, month, calendar.monthrange(year, month)[1])
            precision = "month"
        else:
            lower, upper = dt.date(year, 1, 1), dt.date(year, 12, 31)
            precision = "year"
    except ValueError as exc:
        raise EDTFError(f"{text!r} is not a real calendar date ({exc})") from None
    if qualifier:
        try:
            lower, upper = _widen(lower, upper, precision)
        except (ValueError, OverflowError):
            raise EDTFError(
                f"{text!r} is too close to the calendar's edge to be approximate "
                "(widening it by one unit leaves the years 1 to 9999)"
            ) from None
    return EDTF(text, precision, lower, upper, qualifier)


def _widen(lower: dt.date, upper: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    if precision == "day":
        return lower - dt.timedelta(days=1), upper + dt.timedelta(days=1)
    if precision == "month":
        before = (lower.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        after_first = upper + dt.timedelta(days=1)
        after_last = after_first.replace(day=calendar.monthrange(after_first.year, after_first.month)[1])
        return before, after_last
    return lower.replace(year=lower.year - 1), upper.replace(year=upper.year + 1)


def _datetime(text: str) -> EDTF:
    match = _TIME.fullmatch(text)
    if match is None:
        raise EDTFError(
            f"{text!r} is not an EDTF date and time "
            "(use YYYY-MM-DDThh:mm:ss, optionally with Z or an offset such as -08:00)"
        )
    zone = match["z"]
    try:
        moment = dt.datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"]),
            int(match["M"]),
            int(match["S"]),
            tzinfo=_offset(zone) if zone else None,
        )
    except ValueError as exc:
        raise EDTFError(f"{text!r} is not a real date and time ({exc})") from None
    day = moment.date()
    try:
        utc = moment if moment.tzinfo is None else moment.astimezone(dt.UTC).replace(tzinfo=None)
    except OverflowError:
        raise EDTFError(f"{text!r} falls outside the years 1 to 9999 in UTC") from None
    return EDTF(text, "time", day, day, None, moment, utc)


def _offset(zone: str) -> dt.tzinfo:
    if zone == "Z":
        return dt.UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"UTC offset {zone} is out of range")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _interval(text: str) -> EDTF:
    start_text, _, end_text = text.partition("/")
    if "/" in end_text:
        raise EDTFError(f"{text!r} has more than one '/'")
    if start_text in ("", "..") and end_text in ("", ".."):
        raise EDTFError(f"{text!r} has no bound at all; give at least one date")
    start = None if start_text in ("", "..") else _single(start_text)
    end = None if end_text in ("", "..") else _single(end_text)
    lower = start.lower if start else None
    upper = end.upper if end else None
    if start and end and start.lower and end.upper and start.lower > end.upper:
        raise EDTFError(f"{text!r} ends before it starts")
    return EDTF(text, "interval", lower, upper)
