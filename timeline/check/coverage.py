"""Gaps in the tracked seats: days on which a seat the dataset tracks has no holder and no recorded vacancy.

``dataset.toml``'s ``[tracked]`` table says which seats of which company the
data vouches for, and from when. On any day from then to the latest fact, each
such seat must be held (certainly or possibly), or a ``seat-vacant`` event must
say it was left unfilled; otherwise the state would print "not recorded", and a
reader could not tell a gap in the data from a fact. The check reports every
such gap as a warning at the seat's line of ``dataset.toml`` (``--strict``, and
so CI and ``timeline seal``, refuse it).

A seat's status can only change on a day on which something about its company
changes (`timeline.fold.intervals.flip_days`), so the company is read once per
such day, not once per day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from timeline.fold.evaluate import Index
from timeline.fold.intervals import Intervals, flip_days
from timeline.model.problems import Problem
from timeline.read.dataset import Dataset

__all__ = ["gap_problems", "gaps"]


def gaps(intervals: Intervals) -> Iterator[tuple[str, str, int, int]]:
    """Every ``(company, seat, first day, last day)`` a tracked seat is neither held nor vacant."""
    latest = intervals.latest
    if latest is None or not intervals.tracked:
        return
    index = Index(intervals)
    days: dict[str, set[int]] = {}
    for day, subjects in flip_days(intervals).items():
        for kind, key in subjects:
            if kind == "company":
                days.setdefault(key, set()).add(day)
    for company in sorted({t.company for t in intervals.tracked}):
        tracked = [t for t in intervals.tracked if t.company == company]
        start = min(t.since for t in tracked)
        changes = sorted(d for d in days.get(company, set()) | {t.since for t in tracked} if start <= d <= latest)
        for position, day in enumerate(changes):
            state = index.company(company, day) if company in index.companies else None
            shown = {s.seat: s.status for s in state.seats} if state is not None else {}
            until = changes[position + 1] - 1 if position + 1 < len(changes) else latest
            for seat in tracked:
                if seat.since <= day and shown.get(seat.seat, "not-recorded") == "not-recorded":
                    yield company, seat.seat, day, until


def gap_problems(intervals: Intervals, dataset: Dataset) -> list[Problem]:
    """One warning per gap (consecutive days joined), at the seat's line of ``dataset.toml``."""
    runs: dict[tuple[str, str], list[list[int]]] = {}
    for company, seat, first, last in gaps(intervals):
        spans = runs.setdefault((company, seat), [])
        if spans and spans[-1][1] + 1 >= first:
            spans[-1][1] = max(spans[-1][1], last)
        else:
            spans.append([first, last])
    problems = []
    where = dataset.path or "dataset.toml"
    for (company, seat), spans in runs.items():
        line = _seat_line(dataset.text, company, seat)
        for first, last in spans:
            a, b = dt.date.fromordinal(first), dt.date.fromordinal(last)
            span = f"on {a}" if a == b else f"from {a} to {b}"
            problems.append(
                Problem(
                    where,
                    line,
                    f"{company}'s {seat} seat is tracked but has no recorded holder and no recorded vacancy {span}: "
                    "add the event that names who held it, a seat-vacant event if a source says it was unfilled, "
                    "or track it from a later day",
                    "warning",
                )
            )
    return problems


def _seat_line(text: str, company: str, seat: str) -> int | None:
    """The line of ``seat = ...`` under ``[tracked.COMPANY]`` (or of the header), 1-based."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.strip().replace(" ", "") == f"[tracked.{company}]":
            for below in range(number + 1, len(lines)):
                if lines[below].lstrip().startswith("["):
                    break
                if lines[below].split("=", 1)[0].strip().strip('"') == seat:
                    return below + 1
            return number + 1
    return None
