"""What a change to the events does to the answers: ``timeline impact``, for a reviewer who reads no TOML.

It compares the folder as it is with the folder as last sealed (the files the
ledger holds), or with an earlier release, and lists:

- every change of the story that appears or disappears (`timeline.ask.diff.changes`
  over the whole record: joins, departures, roles, reporting lines, money, units,
  vacancies, deals and reports);
- every seat whose holder reads differently, with the days it differs on;
- every dispute between sources that appears, is settled differently, or goes.

Each line names the event behind it, so the reviewer can read its sources.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from attrs import frozen

from timeline.ask.api import Timeline, load
from timeline.ask.diff import Change, changes
from timeline.ask.why import conflicts
from timeline.fold.intervals import flip_days

__all__ = ["Impact", "impact"]

Sign = Literal["added", "removed"]


@frozen(kw_only=True)
class Impact:
    """One difference a change makes to the answers."""

    sign: Sign
    what: Literal["change", "seat", "dispute"]
    date: str  # EDTF, or the first and last day of a seat's difference
    company: str
    detail: str
    event: str | None


def _story(tl: Timeline) -> set[tuple[str, str, str, str]]:
    intervals = tl.intervals()
    if intervals.first is None or intervals.latest is None:
        return set()
    first = dt.date.fromordinal(intervals.first) - dt.timedelta(days=1)
    found: tuple[Change, ...] = changes(tl, first, dt.date.fromordinal(intervals.latest))
    return {(c.date, c.company_name, c.detail, c.event) for c in found}


def _seats(tl: Timeline, days: list[int]) -> dict[tuple[str, str, int], str]:
    """Who holds (or that nobody holds) each seat of each company, on each of ``days``."""
    out: dict[tuple[str, str, int], str] = {}
    for day in days:
        for company in tl.state(dt.date.fromordinal(day)).companies.values():
            for seat in company.seats:
                holder = seat.name if seat.status == "held" else seat.status.replace("-", " ")
                mark = "" if seat.certain else " (possibly)"
                out[(company.name, f"{seat.title}", day)] = f"{holder}{mark}"
    return out


def _disputes(tl: Timeline) -> set[tuple[str, str, str]]:
    return {(c.event, c.field, c.chosen.shown) for c in conflicts(tl)}


def impact(tl: Timeline, base: Timeline) -> tuple[Impact, ...]:
    """What ``tl`` answers differently from ``base``, in order."""
    found: list[Impact] = []
    now, before = _story(tl), _story(base)
    for sign, rows in (("added", now - before), ("removed", before - now)):
        for date, company, detail, event in rows:
            found.append(Impact(sign=sign, what="change", date=date, company=company, detail=detail, event=event))  # type: ignore[arg-type]
    days = sorted(set(flip_days(tl.intervals())) | set(flip_days(base.intervals())))
    seats_now, seats_before = _seats(tl, days), _seats(base, days)
    differing: dict[tuple[str, str, str, str], list[int]] = {}
    for key in sorted(set(seats_now) | set(seats_before), key=lambda k: (k[0], k[1], k[2])):
        company, seat, day = key
        after, earlier = seats_now.get(key, "none named"), seats_before.get(key, "none named")
        if after != earlier:
            differing.setdefault((company, seat, earlier, after), []).append(day)
    for (company, seat, earlier, after), on in differing.items():
        first, last = dt.date.fromordinal(on[0]), dt.date.fromordinal(on[-1])
        span = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
        detail = f"{seat}: {earlier} -> {after}"
        found.append(Impact(sign="added", what="seat", date=span, company=company, detail=detail, event=None))
    now_d, before_d = _disputes(tl), _disputes(base)
    for sign, items in (("added", now_d - before_d), ("removed", before_d - now_d)):
        for event, field, chosen in items:
            detail = f"sources disagree on {field}; the rule takes {chosen}"
            found.append(Impact(sign=sign, what="dispute", date="", company="", detail=detail, event=event))  # type: ignore[arg-type]
    found.sort(key=lambda i: (i.what != "seat", i.what, i.date, i.company, i.detail))
    return tuple(found)


def against_last_seal(folder: str | None, release: str | None = None) -> tuple[Timeline, Timeline]:
    """The folder as it is, and as last sealed (or at ``release``)."""
    from timeline.check import manifest

    tl = load(folder)
    point = release or manifest.release(tl.folder).chain
    return tl, load(folder, point)
