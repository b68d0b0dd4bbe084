"""A prototype, measured: the state on a day from a SQLite store of intervals at a million-event scale.

    python -m bench.million          # about two minutes; prints its figures (BENCHMARKS.md quotes them)

Checking and compiling a million generated events would take longer than the
rest of the benchmark together, so this builds the intervals of a 10,000-event
log and repeats them 100 times under renamed companies and people (the same
dates, a denser industry). The intervals go into one SQLite file, one table per
kind, each row's JSON text beside the bounds that `timeline.packed.unpack`
filters on, with indexes on them; a query selects the day's rows in SQL,
decodes them and evaluates, and is compared with the same day from the JSON
store's packed form (parsed, then unpacked) and with what it answers.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpus
from timeline.check.folder import check_folder
from timeline.fold.evaluate import Index, evaluate
from timeline.fold.intervals import Intervals, build
from timeline.store.packed import pack, unpack

COPIES = 100
DAY = dt.date(2022, 1, 1)


def _renamer(intervals: Intervals, copy: int) -> Callable[[str], str]:
    """Renames, in a row's JSON text, every company, person and event id (a quoted string) for one copy."""
    ids = {c.id for c in intervals.companies} | {p.id for p in intervals.people}
    quoted = re.compile(r'"([^"\\]*)"')

    def rename(text: str) -> str:
        def one(found: re.Match[str]) -> str:
            value = found.group(1)
            if value in ids or EVENT_ID.match(value):
                return f'"{value}~{copy}"'
            return found.group(0)

        return quoted.sub(one, text)

    return rename


EVENT_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z]")


def _scaled(intervals: Intervals, copies: int) -> dict[str, Any]:
    """The packed form of ``copies`` renamed copies of ``intervals``."""
    base = pack(intervals)
    out: dict[str, Any] = {"first": base["first"], "latest": base["latest"], "issues": []}
    for table in ("companies", "people", "stints", "lines", "raised", "notes"):
        columns: dict[str, list[Any]] = {name: [] for name in base[table]}
        for copy in range(copies):
            rename = _renamer(intervals, copy)
            for name, values in base[table].items():
                if name in ("rows", "ids"):
                    columns[name].extend(rename(json.dumps(v)) if name == "ids" else rename(v) for v in values)
                else:
                    columns[name].extend(values)
        if "ids" in columns:
            columns["ids"] = [json.loads(v) for v in columns["ids"]]
        out[table] = columns
    return out


SCHEMA = """
create table meta (first int, latest int);
create table companies (seen int not null, row text not null);
create table people (id text not null, seen int not null, row text not null);
create table stints (person text not null, start int, until int, seated int not null, row text not null);
create table lines (manager text not null, start int, until int, row text not null);
create table raised (start int, row text not null);
create table notes (start int, row text not null);
create index companies_seen on companies (seen);
create index people_seen on people (seen);
create index stints_until on stints (until);
create index stints_seated on stints (seated, until);
create index lines_until on lines (until);
create index raised_start on raised (start);
create index notes_start on notes (start);
"""


def _insert(db: sqlite3.Connection, table: str, *columns: list[Any]) -> None:
    marks = ", ".join("?" * len(columns))
    db.executemany(f"insert into {table} values ({marks})", zip(*columns, strict=True))


def write_sqlite(path: Path, packed: dict[str, Any]) -> None:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("insert into meta values (?, ?)", (packed["first"], packed["latest"]))
    companies, people, stints, lines = packed["companies"], packed["people"], packed["stints"], packed["lines"]
    _insert(db, "companies", companies["seen"], companies["rows"])
    _insert(db, "people", people["ids"], people["seen"], people["rows"])
    persons = [json.loads(row)[0] for row in stints["rows"]]
    _insert(db, "stints", persons, stints["from"], stints["until"], stints["seated"], stints["rows"])
    managers = [json.loads(row)[1] for row in lines["rows"]]
    _insert(db, "lines", managers, lines["from"], lines["until"], lines["rows"])
    _insert(db, "raised", packed["raised"]["from"], packed["raised"]["rows"])
    _insert(db, "notes", packed["notes"]["from"], packed["notes"]["rows"])
    db.commit()
    db.close()


def day_from_sqlite(path: Path, day: int) -> dict[str, Any]:
    """The packed form of only the rows a state on ``day`` reads, selected by SQL (the rules of packed.unpack)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        first, latest = db.execute("select first, latest from meta").fetchone()
        started = "(start is null or start <= :d)"
        stints = db.execute(
            f"select person, start, until, seated, row from stints where {started} and "
            "(until is null or until > :d or seated)",
            {"d": day},
        ).fetchall()
        lines = db.execute(
            f"select manager, start, until, row from lines where {started} and (until is null or until > :d)",
            {"d": day},
        ).fetchall()
        named = sorted({s[0] for s in stints} | {line[0] for line in lines})
        companies = db.execute("select seen, row from companies where seen <= :d", {"d": day}).fetchall()
        people = db.execute("select id, seen, row from people where seen <= :d", {"d": day}).fetchall()
        seen = {p[0] for p in people}
        for chunk in range(0, len(named), 500):
            wanted = [pid for pid in named[chunk : chunk + 500] if pid not in seen]
            if wanted:
                marks = ",".join("?" * len(wanted))
                people += db.execute(f"select id, seen, row from people where id in ({marks})", wanted).fetchall()
        raised = db.execute(f"select start, row from raised where {started}", {"d": day}).fetchall()
        notes = db.execute(f"select start, row from notes where {started}", {"d": day}).fetchall()
    finally:
        db.close()
    return {
        "first": first,
        "latest": latest,
        "companies": {"seen": [c[0] for c in companies], "rows": [c[1] for c in companies]},
        "people": {"ids": [p[0] for p in people], "seen": [day] * len(people), "rows": [p[2] for p in people]},
        "issues": [],
        "stints": {
            "from": [s[1] for s in stints],
            "until": [s[2] for s in stints],
            "seated": [bool(s[3]) for s in stints],
            "rows": [s[4] for s in stints],
        },
        "lines": {"from": [x[1] for x in lines], "until": [x[2] for x in lines], "rows": [x[3] for x in lines]},
        "raised": {"from": [r[0] for r in raised], "rows": [r[1] for r in raised]},
        "notes": {"from": [n[0] for n in notes], "rows": [n[1] for n in notes]},
    }


def _order(state: dict[str, Any]) -> str:
    return json.dumps(state, sort_keys=True)


def main() -> None:
    gc.disable()
    work = Path(tempfile.mkdtemp(prefix="timeline-million-"))
    folder = corpus.write(corpus.generate(10_000, seed=10), work / "10k")
    report = check_folder(folder)
    assert report.compiled is not None
    packed = _scaled(build(list(report.compiled.latest)), COPIES)
    stints, companies = len(packed["stints"]["rows"]), len(packed["companies"]["rows"])
    json_path = work / "intervals.json"
    json_path.write_text(json.dumps(packed), encoding="utf-8")
    db_path = work / "intervals.sqlite"
    started = time.perf_counter()
    write_sqlite(db_path, packed)
    written = time.perf_counter() - started
    del packed
    n = DAY.toordinal()

    started = time.perf_counter()
    from_json = evaluate(Index(unpack(json.loads(json_path.read_text(encoding="utf-8")), n)), DAY)
    json_seconds = time.perf_counter() - started
    after_json = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    timings = []
    for _ in range(5):
        started = time.perf_counter()
        from_sql = evaluate(Index(unpack(day_from_sqlite(db_path, n), n)), DAY)
        timings.append(time.perf_counter() - started)
    assert _order(from_sql) == _order(from_json), "the SQLite prototype answers differently"
    print(f"intervals of {10_000 * COPIES:,} events: {stints:,} stints, {companies:,} companies")
    print(f"SQLite file {os.path.getsize(db_path) / 2**20:.0f} MiB, written in {written:.1f} s")
    print(f"JSON store's intervals {os.path.getsize(json_path) / 2**20:.0f} MiB")
    print(f"state on {DAY} from the JSON store (parse, unpack the day, evaluate): {json_seconds:.2f} s")
    print(f"  peak memory of this process so far: {after_json:.0f} MiB")
    print(f"state on {DAY} from SQLite (select the day's rows, decode, evaluate): {sorted(timings)[2] * 1000:.0f} ms")
    print(f"  {len(from_sql['companies'])} companies and {len(from_sql['people'])} people on the day; same answer")


if __name__ == "__main__":
    main()
