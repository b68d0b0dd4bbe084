"""Ids that fork one person or company in two: the same name under two ids, or an id a typo away from another.

A contributor who writes ``barret-zof`` for Barret Zoph, or ``open-ai`` named
"OpenAI", would split one history in two without any other rule noticing: each
id is well-formed and consistently named. So, across the folder:

- two ids of the same kind whose display names are the same (ignoring case,
  accents and spacing) are an error, reported where the newer id first appears
  (a file not sealed yet, else the later one), naming the known id;
- two ids one edit apart (a letter added, dropped, changed or two swapped), or
  one hyphen apart (``open-ai``, ``openai``), are an error too, unless
  ``dataset.toml`` lists the pair as different under ``distinct``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from timeline.model.problems import Problem
from timeline.read import locate
from timeline.read.files import EventFile

__all__ = ["fork_problems", "one_edit_apart"]

KINDS = (("people", "person"), ("companies", "company"))


def _plain_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _close(a: str, b: str) -> bool:
    # Short ids differ by one letter legitimately (``xai``, ``x``): only longer ones are compared.
    if min(len(a), len(b)) < 5:
        return False
    return one_edit_apart(a, b) or a.replace("-", "") == b.replace("-", "")


def _look_alikes(ids: list[str]) -> set[tuple[str, str]]:
    """Every pair of ``ids`` (sorted) that `_close` holds alike, without comparing every pair.

    Two strings one insertion, deletion or substitution apart share a string made by deleting one
    letter from each (or from one); two one hyphen apart share their hyphen-free form. So ids are
    grouped by those keys, and only ids in a group are compared.
    """
    groups: dict[str, set[str]] = {}
    for key in ids:
        if len(key) < 5:
            continue
        variants = {key, key.replace("-", ""), *(key[:i] + key[i + 1 :] for i in range(len(key)))}
        variants |= {key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)}  # swaps
        for variant in variants:
            groups.setdefault(variant, set()).add(key)
    found = set()
    for group in groups.values():
        if len(group) > 1:
            members = sorted(group)
            for position, a in enumerate(members):
                for b in members[position + 1 :]:
                    if _close(a, b):
                        found.add((a, b))
    return found


def fork_problems(
    files: tuple[EventFile, ...], sealed: frozenset[str], distinct: frozenset[frozenset[str]]
) -> Iterator[Problem]:
    """Every id that may fork a person or company the folder already knows under another id."""
    for table, kind in KINDS:
        first: dict[str, tuple[str, EventFile]] = {}  # id -> (name, file it first appears in)
        for file in files:
            for key, name in getattr(file.event, table).items():
                first.setdefault(key, (name, file))
        ids = sorted(first)
        by_name: dict[str, list[str]] = {}
        for key in ids:
            by_name.setdefault(_plain_name(first[key][0]), []).append(key)
        pairs: set[tuple[str, str, str]] = set()
        for group in by_name.values():
            for other in group[1:]:
                pairs.add((group[0], other, "name"))
        named = {(a, b) for a, b, _ in pairs}
        for a, b in _look_alikes(ids):
            if frozenset((a, b)) not in distinct and (a, b) not in named:
                pairs.add((a, b, "typo"))
        for a, b, why in sorted(pairs):
            known, new = _order(a, b, first, sealed)
            name, file = first[new]
            if why == "name":
                message = (
                    f"{kind} id {new!r} is named {name!r}, like the known id {known!r} "
                    f"(first in {first[known][1].name}): use {known!r}, or give each its own name"
                )
            else:
                message = (
                    f"{kind} id {new!r} is a typo away from the known id {known!r} "
                    f"(named {first[known][0]!r} in {first[known][1].name}): use {known!r}, or, if they are "
                    f'different, list them in dataset.toml: distinct = [["{known}", "{new}"]]'
                )
            yield Problem(file.path, locate.line_of(file.source(), (table, new)) or 1, message)


def _order(a: str, b: str, first: Mapping[str, tuple[str, EventFile]], sealed: frozenset[str]) -> tuple[str, str]:
    """``(known, new)``: the id that landed first is the known one; else the one seen first."""
    a_sealed, b_sealed = first[a][1].name in sealed, first[b][1].name in sealed
    if a_sealed != b_sealed:
        return (a, b) if a_sealed else (b, a)
    return (a, b) if first[a][1].name <= first[b][1].name else (b, a)
