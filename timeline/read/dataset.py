"""The dataset's own description, from ``dataset.toml`` beside the events.

It holds the title and licence, each publisher's own sites, the roles (how each
reads, which are one-holder seats) and the seats the dataset tracks per company
and from when. It is data, not code, so that a folder of other events carries its
own, and so that adding an outlet or a role is a line of data. It is not an event
and not in the ledger: it tells the checker which hosts are each publisher's own
sites (a source whose URL is elsewhere must say it is a copy, rewrite or relay),
which role ids exist, and which seats must never be silently empty.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

from attrs import field, frozen

from timeline.model.frozen import FrozenMap
from timeline.model.problems import Problem
from timeline.model.vocabulary import DEFAULT, Role, Roles, Tracked
from timeline.read.files import DATASET_NAME, decode, parse_toml, read_regular
from timeline.read.locate import line_of

__all__ = ["Dataset", "read_dataset"]

Problem_ = Callable[[tuple[str | int, ...], str], None]

MAX_DATASET_BYTES = 256 * 1024
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@frozen(kw_only=True)
class Dataset:
    """What a folder says about itself; a folder with no ``dataset.toml`` gets a plain default."""

    title: str
    description: str = ""
    licence: str | None = None
    homepage: str | None = None
    # publisher -> the hosts that are its own sites (a URL elsewhere is a copy or relay)
    publishers: FrozenMap[str, tuple[str, ...]] = field(factory=FrozenMap)
    roles: Roles = DEFAULT  # the [roles] table, or the package's default when there is none
    tracked: tuple[Tracked, ...] = ()  # the [tracked] seats
    # Pairs of ids that look alike but name different people or companies (the fork check spares them).
    distinct: frozenset[frozenset[str]] = frozenset()
    declared: bool = False  # False when the folder has no dataset.toml
    path: str | None = None  # where it was read from, and its text (to name a line in a problem)
    text: str = field(default="", repr=False)

    def own_hosts(self, publisher: str) -> tuple[str, ...] | None:
        return self.publishers.get(publisher)


def read_dataset(folder: Path) -> tuple[Dataset, tuple[Problem, ...]]:
    """The folder's dataset description, and any problem with its file."""
    # The name as given: resolving links could loop, and a title needs no more.
    default = Dataset(title=f"Events in {Path(os.path.abspath(folder)).name}")
    path = folder / DATASET_NAME
    if not os.path.lexists(path):
        return default, ()
    read = read_regular(str(path), str(path), MAX_DATASET_BYTES)
    if isinstance(read, Problem):
        return default, (read,)
    text = decode(read)
    if isinstance(text, Problem):
        return default, (text,)
    table = parse_toml(text, str(path))
    if isinstance(table, Problem):
        return default, (table,)
    problems: list[Problem] = []

    def problem(where: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(str(path), line_of(text, where), message))

    def text_field(key: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            problem((key,), f"{key} must be a non-empty string")
            return None
        return value

    title = text_field("title", required=True) or default.title
    publishers: dict[str, tuple[str, ...]] = {}
    raw = table.get("publishers", {})
    if not isinstance(raw, dict):
        problem(("publishers",), "[publishers] must be a table of publisher -> [hosts]")
        raw = {}
    for name, hosts in raw.items():
        if not isinstance(hosts, list) or not hosts or not all(isinstance(h, str) and h for h in hosts):
            problem(("publishers", name), f"publishers.{name!r} must be a non-empty array of hosts")
            continue
        publishers[name] = tuple(h.lower().removeprefix("www.") for h in hosts)
    roles = _roles(table.get("roles"), problem)
    tracked = _tracked(table.get("tracked", {}), roles, problem)
    distinct = _distinct(table.get("distinct", []), problem)
    known = {"title", "description", "licence", "homepage", "publishers", "roles", "tracked", "distinct"}
    for key in sorted(set(table) - known):
        problem((key,), f"unknown field {key!r} (known: {', '.join(sorted(known))})")
    dataset = Dataset(
        title=title,
        description=text_field("description") or "",
        licence=text_field("licence"),
        homepage=text_field("homepage"),
        publishers=FrozenMap(publishers),
        roles=roles,
        tracked=tracked,
        distinct=distinct,
        declared=True,
        path=str(path),
        text=text,
    )
    return dataset, tuple(problems)


def _roles(raw: object, problem: Problem_) -> Roles:
    """``[roles]``: ``id = "Title"``, or ``id = { title = "Title", seat = "seat" }`` for a one-holder seat."""
    if raw is None:
        return DEFAULT
    if not isinstance(raw, dict):
        problem(("roles",), "[roles] must be a table of role id -> title (or {title, seat})")
        return DEFAULT
    rows = []
    for key, value in raw.items():
        if not ID.match(key):
            problem(("roles", key), f"role id {key!r} is not lowercase kebab-case")
            continue
        if isinstance(value, str) and value.strip():
            rows.append(Role(key, value))
            continue
        if isinstance(value, dict) and set(value) <= {"title", "seat"} and isinstance(value.get("title"), str):
            seat = value.get("seat")
            if seat is not None and not (isinstance(seat, str) and ID.match(seat)):
                problem(("roles", key), f"roles.{key}: seat must be a kebab-case id")
                continue
            rows.append(Role(key, value["title"], seat))
            continue
        problem(("roles", key), f'roles.{key} must be a title ("CTO") or {{ title = "CTO", seat = "cto" }}')
    return Roles(rows)


def _tracked(raw: object, roles: Roles, problem: Problem_) -> tuple[Tracked, ...]:
    """``[tracked.COMPANY]``: ``seat = "YYYY-MM-DD"``, the day from which the seat is tracked."""
    if not isinstance(raw, dict):
        problem(("tracked",), "[tracked] must be a table of company id -> { seat = YYYY-MM-DD }")
        return ()
    out = []
    for company, seats in raw.items():
        if not ID.match(company) or not isinstance(seats, dict):
            problem(("tracked", company), f"tracked.{company} must be a table of seat -> YYYY-MM-DD")
            continue
        for seat, since in seats.items():
            if seat not in roles.seats:
                known = ", ".join(roles.seats)
                problem(("tracked", company, seat), f"{seat!r} is not a seat of [roles] (seats: {known})")
                continue
            day = since if isinstance(since, dt.date) and not isinstance(since, dt.datetime) else None
            if day is None and isinstance(since, str):
                try:
                    day = dt.date.fromisoformat(since)
                except ValueError:
                    day = None
            if day is None:
                problem(("tracked", company, seat), f"tracked.{company}.{seat} must be a day, YYYY-MM-DD")
                continue
            out.append(Tracked(company, seat, day.toordinal()))
    return tuple(out)


def _distinct(raw: object, problem: Problem_) -> frozenset[frozenset[str]]:
    """``distinct = [["id-a", "id-b"], ...]``: ids that look alike but are different."""
    pairs = []
    if not isinstance(raw, list):
        problem(("distinct",), 'distinct must be an array of pairs of ids, such as [["mark-chen", "mark-shen"]]')
        return frozenset()
    for pair in raw:
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, str) and ID.match(i) for i in pair):
            pairs.append(frozenset(pair))
        else:
            problem(("distinct",), f"distinct: {pair!r} is not a pair of ids")
    return frozenset(pairs)
