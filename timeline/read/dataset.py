"""The dataset's own description, from ``dataset.toml`` beside the events: title, licence, publishers.

It is data, not code, so that a folder of other events carries its own title,
and so that adding an outlet is a line of data. It is not an event and not in
the ledger: it names the dataset and tells the checker which hosts are each
publisher's own sites, so that a source whose URL is on another site must say
it is a copy, rewrite or relay (``via``).
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import field, frozen

from timeline.model.frozen import FrozenMap
from timeline.model.problems import Problem
from timeline.read.files import DATASET_NAME, decode, parse_toml, read_regular

__all__ = ["Dataset", "read_dataset"]

MAX_DATASET_BYTES = 256 * 1024


@frozen(kw_only=True)
class Dataset:
    """What a folder says about itself; a folder with no ``dataset.toml`` gets a plain default."""

    title: str
    description: str = ""
    licence: str | None = None
    homepage: str | None = None
    # publisher -> the hosts that are its own sites (a URL elsewhere is a copy or relay)
    publishers: FrozenMap[str, tuple[str, ...]] = field(factory=FrozenMap)
    declared: bool = False  # False when the folder has no dataset.toml

    def own_hosts(self, publisher: str) -> tuple[str, ...] | None:
        return self.publishers.get(publisher)


def read_dataset(folder: Path) -> tuple[Dataset, tuple[Problem, ...]]:
    """The folder's dataset description, and any problem with its file."""
    default = Dataset(title=f"Events in {folder.resolve().name}")
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

    def text_field(key: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(str(path), None, f"{key} must be a non-empty string"))
            return None
        return value

    title = text_field("title", required=True) or default.title
    publishers: dict[str, tuple[str, ...]] = {}
    raw = table.get("publishers", {})
    if not isinstance(raw, dict):
        problems.append(Problem(str(path), None, "[publishers] must be a table of publisher -> [hosts]"))
        raw = {}
    for name, hosts in raw.items():
        if not isinstance(hosts, list) or not hosts or not all(isinstance(h, str) and h for h in hosts):
            problems.append(Problem(str(path), None, f"publishers.{name!r} must be a non-empty array of hosts"))
            continue
        publishers[name] = tuple(h.lower().removeprefix("www.") for h in hosts)
    known = {"title", "description", "licence", "homepage", "publishers"}
    for key in sorted(set(table) - known):
        problems.append(Problem(str(path), None, f"unknown field {key!r} (known: {', '.join(sorted(known))})"))
    dataset = Dataset(
        title=title,
        description=text_field("description") or "",
        licence=text_field("licence"),
        homepage=text_field("homepage"),
        publishers=FrozenMap(publishers),
        declared=True,
    )
    return dataset, tuple(problems)
