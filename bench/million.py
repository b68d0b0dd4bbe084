"""A prototype, measured: the state on a day from a SQLite store of intervals at a million-event scale.

    python -m bench.million          # about two minutes; prints its figures (BENCHMARKS.md quotes them)

Checking and compiling a million generated events would take longer than the
rest of the benchmark together, so this builds the intervals of a 10,000-event
log and repeats them 100 times under renamed companies and people (the same
dates, a denser industry). The intervals go into one SQLite file, one table per
kind, each row's JSON text beside the bounds that `timeline.store.packed.unpack`
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
from timeline.fold.intervals import ENTITIES, KINDS, TABLES, Intervals, build
from timeline.fold.state import State
from timeline.model.plain import plain
from timeline.store.codec import decoder
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
    out: dict[str, Any] = {"first": base["first"], "latest": base["latest"], "issues": [], "tables": {}}
    for table in TABLES:
        columns: dict[str, list[Any]] = {name: [] for name in base["tables"][table]}
        for copy in range(copies):
            rename = _renamer(intervals, copy)
            for name, values in base["tables"][table].items():
                if name == "rows":
                    columns[name].extend(rename(v) for v in values)
                elif name == "ids":
                    columns[name].extend(json.loads(rename(json.dumps(v))) for v in values)
                else:
                    columns[name].extend(values)
        out["tables"][table] = columns
    return out


# One SQLite table per declared table of intervals (timeline.fold.intervals.KINDS), each row's
# JSON text beside the two bounds the day filter reads; people also by id.
SCHEMA = (
    "create table meta (first int, latest int);\n"
    + "".join(
        f"create table {t} ({'id text, ' if t == 'people' else ''}since int, until int, row text not null);\n"
        f"create index {t}_since on {t} (since);\ncreate index {t}_until on {t} (until);\n"
        for t in TABLES
    )
    + "create index people_id on people (id);\ncreate index companies_id on companies (id);\n"
)


def _insert(db: sqlite3.Connection, table: str, *columns: list[Any]) -> None:
    marks = ", ".join("?" * len(columns))
    db.executemany(f"insert into {table} values ({marks})", zip(*columns, strict=True))


def write_sqlite(path: Path, packed: dict[str, Any]) -> None:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("insert into meta values (?, ?)", (packed["first"], packed["latest"]))
    for table in TABLES:
        columns = packed["tables"][table]
        ids = [columns["ids"]] if table in ENTITIES else []
        _insert(db, table, *ids, columns["since"], columns["until"], columns["rows"])
    db.commit()
    db.close()


def day_from_sqlite(path: Path, day: int) -> dict[str, Any]:
    """The packed form of the rows a state on ``day`` may read, selected by SQL (the rule of packed.unpack).

    People and companies not seen by then are selected too when another kept row names them;
    `unpack` then applies its own rule to what it is given, so the answer is the same.
    """
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    wanted = "(since is null or since <= :d) and (until is null or until > :d)"
    try:
        first, latest = db.execute("select first, latest from meta").fetchone()
        tables: dict[str, Any] = {}
        named: set[tuple[str, str]] = set()
        kinds = {kind.table: kind for kind in KINDS}
        for table in TABLES:
            if table in ENTITIES:
                continue
            found = db.execute(f"select since, until, row from {table} where {wanted}", {"d": day}).fetchall()
            tables[table] = {
                "since": [r[0] for r in found],
                "until": [r[1] for r in found],
                "rows": [r[2] for r in found],
            }
            decode = decoder(kinds[table].row)
            for text in tables[table]["rows"]:
                named.update(kinds[table].named(decode(json.loads(text))))
        for table in ENTITIES:
            rows = db.execute(f"select id, since, until, row from {table} where {wanted}", {"d": day}).fetchall()
            seen = {r[0] for r in rows}
            more = sorted(key for kind, key in named if kind == table and key not in seen)
            for chunk in range(0, len(more), 500):
                part = more[chunk : chunk + 500]
                marks = ",".join("?" * len(part))
                rows += db.execute(f"select id, since, until, row from {table} where id in ({marks})", part).fetchall()
            tables[table] = {
                "ids": [r[0] for r in rows],
                "since": [r[1] for r in rows],
                "until": [r[2] for r in rows],
                "rows": [r[3] for r in rows],
            }
    finally:
        db.close()
    return {"first": first, "latest": latest, "issues": [], "tables": tables}


def _order(state: State) -> str:
    return json.dumps(plain(state), sort_keys=True)


def main() -> None:
    gc.disable()
    work = Path(tempfile.mkdtemp(prefix="timeline-million-"))
    folder = corpus.write(corpus.generate(10_000, seed=10), work / "10k")
    report = check_folder(folder)
    assert report.compiled is not None
    packed = _scaled(build(list(report.compiled.latest)), COPIES)
    stints, companies = len(packed["tables"]["stints"]["rows"]), len(packed["tables"]["companies"]["rows"])
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
    print(f"  {len(from_sql.companies)} companies and {len(from_sql.people)} people on the day; same answer")


if __name__ == "__main__":
    main()
