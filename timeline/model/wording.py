"""How values read to people: dates, money, valuations, lists. One formatter for every command.

Tables show days (``2026-01-14``), never timestamps; `Dates` remembers which
notations it used (about, uncertain, by, or later, a range) so that a table
prints a legend for those alone. `long_date` writes a date in words, with
the time where the sources give one (``14 Jan 2026, 15:13 UTC-08:00``), for
`timeline why`. JSON and CSV keep EDTF and ISO bounds instead.

Imports only the standard library: the command line's fast path uses it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

__all__ = ["Dates", "listing", "long_date", "money", "valuation"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUALIFIERS = {"~": "about", "?": "perhaps", "%": "perhaps about"}
LEGEND = {
    "~": "~ about (the sources give an approximate date)",
    "?": "? uncertain (the sources are unsure of the date)",
    "%": "% both approximate and uncertain",
    "by": "by D: on or before D, when the first report came",
    "later": "D or later: on or after D, end not known",
    "to": "A to B: some day between A and B",
}


class Dates:
    """Writes dates for a table, and remembers which notations need a legend."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def show(self, text: str | None, lo: str | dt.date | None = None, hi: str | dt.date | None = None) -> str:
        """``text`` (EDTF) as a table shows it; ``lo``/``hi`` are its bounds after any founding bound."""
        if not text:
            return ""
        if "/" not in text:
            return self._side(text[:10] if "T" in text else text)
        first, _, last = text.partition("/")
        low = _iso(lo)
        high = _iso(hi)
        start = self._side(first) if first not in ("", "..") else low
        end = self._side(last) if last not in ("", "..") else None
        if start and end:
            if start == end:
                return start  # an open side bounded to the other's day: one day
            self.used.add("to")
            return f"{start} to {end}"
        if end:
            self.used.add("by")
            return f"by {end}"
        self.used.add("later")
        return f"{start} or later" if start else (high or "")

    def _side(self, text: str) -> str:
        core = text.rstrip("~?%")
        mark = text[len(core) :]
        if mark:
            self.used.add(mark)
            return f"{mark}{core}" if mark == "~" else f"{core}{mark}"
        return core

    def legend(self) -> tuple[str, ...]:
        return tuple(LEGEND[key] for key in ("~", "?", "%", "by", "later", "to") if key in self.used)


def _iso(value: str | dt.date | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def _words(text: str) -> str:
    core = text.rstrip("~?%")
    mark = text[len(core) :]
    parts = core.split("-")
    if len(parts) == 3:
        out = f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    elif len(parts) == 2:
        out = f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    else:
        out = parts[0]
    return f"{_QUALIFIERS[mark]} {out}" if mark else out


def long_date(text: str) -> str:
    """An EDTF value in words: ``14 Jan 2026, 15:13 UTC-08:00``, ``between 10 Oct 2025 and Nov 2025``."""
    if "T" in text and "/" not in text:
        day, _, clock = text.partition("T")
        hours, minutes = clock[0:2], clock[3:5]
        zone = clock[8:]
        offset = "UTC" if zone in ("Z", "+00:00") else f"UTC{zone}" if zone else ""
        return f"{_words(day)}, {hours}:{minutes}" + (f" {offset}" if offset else "")
    if "/" not in text:
        return _words(text)
    first, _, last = text.partition("/")
    if first in ("", ".."):
        return f"by {_words(last)}"
    if last in ("", ".."):
        return f"{_words(first)} or later"
    return f"between {_words(first)} and {_words(last)}"


SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(amount: int | None, currency: str = "USD", unknown: str = "undisclosed") -> str:
    """``$2.0B``; ``unknown`` (by default "undisclosed") when there is no amount."""
    if amount is None:
        return unknown
    sign = SIGNS.get(currency, f"{currency} ")
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M")):
        if amount >= size:
            value = f"{amount / size:.1f}".removesuffix(".0") if amount % (size // 10) == 0 else f"{amount / size:.2f}"
            return f"{sign}{value}{unit}"
    return f"{sign}{amount:,}"


def valuation(amount: int | None, basis: str | None, currency: str = "USD") -> str:
    """``$12B post-money``; the basis is said outright when the sources did not give it."""
    if amount is None:
        return "unknown"
    if basis in (None, "unspecified"):
        return f"{money(amount, currency)} (pre- or post-money not said)"
    return f"{money(amount, currency)} {basis}"


def round_name(name: str) -> str:
    """``seed`` -> ``seed round``; a name that says it is a round (``2026 round``, ``... round (unnamed)``)
    or a kind of money of its own (``debt financing``) stays as it is."""
    series = re.fullmatch(r"series[- ]([a-z])", name.strip(), re.IGNORECASE)
    if series:
        name = f"Series {series.group(1).upper()}"  # "series-c", as some files write it, reads "Series C"
    if "round" in name.lower() or "financing" in name.lower():
        return name
    return f"{name} round"


def article(phrase: str) -> str:
    """``a`` or ``an`` before ``phrase``, by its first sound as far as its letters tell."""
    return "an" if phrase[:1].lower() in "aeio" or phrase[:2] in ("8 ", "11", "18") else "a"


def listing(items: Iterable[str]) -> str:
    """``A, B and C``."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
