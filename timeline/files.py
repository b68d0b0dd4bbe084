"""Read an events folder: bytes -> TOML tables -> upgraded -> typed events.

Every file is read, and every problem found is kept, so that one run reports
all of them. Nothing here knows about other files; `timeline.check` does the
checks that need the whole log.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from attrs import frozen

from . import locate
from .convert import describe_errors, structure_event
from .model import Event
from .problems import Problem
from .upgrade import UpgradeError, upgrade

__all__ = ["MANIFEST_NAME", "MAX_FILE_BYTES", "EventFile", "Folder", "read_folder"]

MANIFEST_NAME = "MANIFEST"
MAX_FILE_BYTES = 64 * 1024
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_AT_PATH = re.compile(r"^(.*) @ (\$.*)$")


@frozen
class EventFile:
    """One event file: where it is, its text (for line numbers) and its event."""

    path: str
    name: str
    text: str
    raw: bytes
    event: Event


@frozen
class Folder:
    """What reading a folder gave: the events, the problems, every file name looked at."""

    files: tuple[EventFile, ...]
    problems: tuple[Problem, ...]
    raws: dict[str, bytes]  # every regular *.toml file's bytes, readable as events or not


def read_folder(folder: Path) -> Folder:
    """Every event in ``folder`` (by file name) and every problem met reading them."""
    files: list[EventFile] = []
    problems: list[Problem] = []
    raws: dict[str, bytes] = {}
    if not folder.is_dir():
        return Folder((), (Problem(str(folder), None, "no such events folder"),), {})
    root = folder.resolve()
    # os.scandir, not Path.iterdir: at 10,000 files, building Path objects and
    # calling stat() three times each costs a fifth of parsing them.
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        shown = os.path.join(folder, entry.name)
        if entry.name == MANIFEST_NAME or entry.name.startswith("."):
            continue
        if entry.is_symlink():
            target = Path(entry.path).resolve()
            if root not in target.parents:
                problems.append(Problem(shown, None, f"symlink to {target}, outside the events folder"))
                continue
        if entry.is_dir():
            problems.append(
                Problem(shown, None, "stray folder: the events folder holds only *.toml files and MANIFEST")
            )
            continue
        if not entry.name.endswith(".toml"):
            problems.append(Problem(shown, None, "stray file: event files end in .toml"))
            continue
        loaded = read_file(Path(entry.path), shown, entry.stat().st_size)
        if isinstance(loaded, EventFile):
            files.append(loaded)
            raws[entry.name] = loaded.raw
        else:
            problems.extend(loaded)
            if entry.stat().st_size <= MAX_FILE_BYTES:
                raws[entry.name] = Path(entry.path).read_bytes()
    return Folder(tuple(files), tuple(problems), raws)


def read_file(path: Path, shown: str, size: int | None = None) -> EventFile | list[Problem]:
    """One file's event, or the problems that stop it from being one."""
    size = path.stat().st_size if size is None else size
    if size > MAX_FILE_BYTES:
        return [Problem(shown, None, f"file is {size} bytes; an event file is at most {MAX_FILE_BYTES}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [Problem(shown, line, f"not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start})")]
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        where: int | None = int(found.group(1)) if found else None
        if "(at end of document)" in str(exc):
            where = text.count("\n") + 1
        message = _TOML_LINE.sub("", str(exc)).replace("(at end of document)", "at the end of the file")
        return [Problem(shown, where, f"invalid TOML: {message.strip()}")]
    try:
        table = upgrade(table)
    except UpgradeError as exc:
        return [Problem(shown, locate.line_of(text, "$.schema"), str(exc))]
    try:
        event = structure_event(table)
    except Exception as exc:  # noqa: BLE001 - every cattrs failure becomes a Problem
        return [_problem(shown, text, line) for line in describe_errors(exc)]
    return EventFile(shown, path.name, text, raw, event)


def _problem(shown: str, text: str, described: str) -> Problem:
    match = _AT_PATH.match(described)
    if match is None:
        return Problem(shown, None, described)
    message, path = match.groups()
    return Problem(shown, locate.line_of(text, path), f"{message} @ {path}")
