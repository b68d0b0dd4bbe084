"""Export the timeline as one SQLite file, with a Datasette metadata file beside it.

The tables are those of `timeline.export.tables` (the data package's), with real NULLs, primary and
foreign keys (checked as the rows go in), dates as ISO text (so that they compare as dates), lists
as JSON arrays (``json_each`` reads them), and full-text search on names, headlines and summaries.
The metadata file gives Datasette the titles, descriptions, licence and sources, and three saved
queries that answer as the command line does: the roster on a day (`timeline state`), the leaders
on a day (`timeline leaders`) and the moves between two days (the joins and departures of
`timeline diff`). The file is built in memory and written whole, like every output.

    datasette timeline.db --metadata timeline.metadata.json
"""

from __future__ import annotations

import json
import sqlite3
import typing
from pathlib import Path
from typing import Any

from timeline.ask.api import Timeline
from timeline.export.tables import Table, column_type, describe_column, tables
from timeline.model.plain import plain
from timeline.read import output

__all__ = ["QUERIES", "export_sqlite"]

_SQL_TYPES = {"date": "TEXT", "boolean": "INTEGER", "integer": "INTEGER", "list": "TEXT", "string": "TEXT"}
# Full-text search: the table, and the columns its index covers.
_SEARCHED = {"people": ("name",), "companies": ("name",), "events": ("headline", "summary")}

# The bounds of a fact that runs from START to END hold on :date possibly (some day of each range
# allows it) or certainly (every day does), exactly as `timeline.fold.intervals.holds` reads them:
# a start may have happened once its lower bound is reached, surely once its upper bound is; an end
# the same. A missing lower bound is an open start; a missing end, no end known.
_POSSIBLY = (
    "({t}.start_lower IS NULL OR {t}.start_lower <= :date) "
    'AND NOT ({t}."end" IS NOT NULL AND {t}.end_upper IS NOT NULL AND {t}.end_upper <= :date)'
)
_CERTAINLY = (
    "({t}.start_upper IS NOT NULL AND {t}.start_upper <= :date "
    'AND ({t}."end" IS NULL OR ({t}.end_lower IS NOT NULL AND {t}.end_lower > :date)))'
)

# Dates compare as text, so only a real YYYY-MM-DD may: "2025-9-1" or "Dec 1 2025" would compare
# wrongly and answer for another day. SQLite's date() gives back exactly a valid date, else another
# text or NULL, so such a parameter matches no row.
_VALID = "date(:{p}, '+0 days') IS :{p}"  # the modifier makes SQLite carry 30 February into March

ROSTER = f"""
SELECT s.company, c.name AS company_name, s.person, p.name,
  (SELECT json_group_array(r.title) FROM roles r
    WHERE r.person = s.person AND r.company = s.company AND r.stint_event = s.start_event
      AND {_POSSIBLY.format(t="r")}) AS roles,
  s.start AS joined,
  CASE
    WHEN NOT (s.start_upper IS NOT NULL AND s.start_upper <= :date) THEN 'possibly-joined'
    WHEN s."end" IS NOT NULL AND (s.end_lower IS NULL OR s.end_lower <= :date) THEN 'possibly-left'
    ELSE 'current'
  END AS status,
  {_CERTAINLY.format(t="s")} AS certain,
  s.founder, s.start_event
FROM stints s JOIN people p ON p.id = s.person JOIN companies c ON c.id = s.company
WHERE {_VALID.format(p="date")} AND {_POSSIBLY.format(t="s")}
ORDER BY c.name, certain DESC, p.name
""".strip()

LEADERS = """
SELECT company, company_name, COALESCE(role_title, seat_title) AS seat,
  CASE status WHEN 'held' THEN name WHEN 'vacant' THEN 'vacant' ELSE 'not recorded' END AS held_by,
  person, role, since, certain, tracked
FROM seats
WHERE date(:date, '+0 days') IS :date AND from_day <= :date AND (to_day IS NULL OR :date < to_day)
ORDER BY company_name, seat_order
""".strip()

MOVES = """
SELECT m.kind, m.company, c.name AS company_name, m.person, p.name, m.date, m.lower, m.upper,
  (m.lower IS NOT NULL AND m.lower > :from AND m.upper IS NOT NULL AND m.upper <= :to) AS certain,
  m.event
FROM (
  SELECT 'joined' AS kind, company, person, start AS date, start_lower AS lower, start_upper AS upper,
    start_event AS event
  FROM stints
  UNION ALL
  SELECT 'left', company, person, "end", end_lower, end_upper, end_event FROM stints WHERE "end" IS NOT NULL
) m JOIN people p ON p.id = m.person JOIN companies c ON c.id = m.company
WHERE date(:from, '+0 days') IS :from AND date(:to, '+0 days') IS :to AND :from < :to
  AND NOT (m.upper IS NOT NULL AND m.upper <= :from)
  AND NOT (m.lower IS NOT NULL AND m.lower > :to)
ORDER BY certain DESC, COALESCE(m.upper, m.lower), c.name, p.name
""".strip()

QUERIES = {
    "roster_on": {
        "title": "Roster on a date",
        "params": ["date"],
        "description": "Everyone the sources place at each company on :date (YYYY-MM-DD), as timeline state "
        "gives it: certain is 0 where a date range covers the day (a date not written YYYY-MM-DD matches "
        "nothing). A roster names the people the sources "
        "name, never a full staff list. roles lists each role that may hold on the day.",
        "sql": ROSTER,
    },
    "leaders_on": {
        "title": "Leaders on a date",
        "params": ["date"],
        "description": "Who held each seat of each lab on :date (YYYY-MM-DD), as timeline leaders gives it: "
        "held, vacant, or not recorded (a seat the dataset tracks that no source fills on that day).",
        "sql": LEADERS,
    },
    "moves_between": {
        "title": "Joins and departures between two dates",
        "params": ["from", "to"],
        "description": "Every join and departure after :from and up to :to (YYYY-MM-DD), as timeline diff "
        "lists them: certain is 0 where the date range also covers days outside the window.",
        "sql": MOVES,
    },
}


def _create(table: Table) -> str:
    hints = typing.get_type_hints(table.row)
    columns = [f'"{name}" {_SQL_TYPES[column_type(hints[name])]}' for name in table.row._fields]  # type: ignore[attr-defined]
    columns.append(f"PRIMARY KEY ({', '.join(table.key)})")
    for column, target, target_column in table.foreign:
        columns.append(f'FOREIGN KEY ("{column}") REFERENCES {target} ("{target_column}")')
    return f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(columns) + "\n)"


def _value(value: object) -> object:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def database(tl: Timeline) -> tuple[bytes, tuple[Table, ...]]:
    """The SQLite file's bytes, and the tables it holds."""
    built = tables(tl)
    connection = sqlite3.connect(":memory:")
    try:
        with connection:
            for table in built:
                connection.execute(_create(table))
            for table in built:
                names: list[str] = list(table.row._fields)  # type: ignore[attr-defined]
                marks = ", ".join("?" for _ in names)
                rows = ([_value(plain(row)[n]) for n in names] for row in table.rows)
                connection.executemany(f"INSERT INTO {table.name} VALUES ({marks})", rows)
            for name, columns in _SEARCHED.items():
                connection.execute(
                    f'CREATE VIRTUAL TABLE {name}_fts USING fts5({", ".join(columns)}, content="{name}")'
                )
                connection.execute(f"INSERT INTO {name}_fts ({name}_fts) VALUES ('rebuild')")
        # Checked once every table is in (the tables refer to one another both ways): a row that names
        # nothing would be a bug of the export, never written.
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the export broke {len(broken)} foreign key(s), such as {broken[0]}")
        return connection.serialize(), built
    finally:
        connection.close()


def metadata(tl: Timeline, name: str, built: tuple[Table, ...]) -> dict[str, Any]:
    """Datasette's metadata for the file named ``name`` (without .db)."""
    described: dict[str, Any] = {}
    for table in built:
        hints = typing.get_type_hints(table.row)
        columns = {
            column: text
            for column in table.row._fields  # type: ignore[attr-defined]
            if (text := describe_column(column, hints[column]))
        }
        described[table.name] = {"description": table.description, "columns": columns}
        if table.name in _SEARCHED:
            described[table.name]["fts_table"] = f"{table.name}_fts"
    head = str(tl.store.meta.get("head") or "")
    return {
        "title": tl.title,
        "description": str(tl.store.meta.get("dataset", {}).get("description", "")),
        "license": "MIT",
        "license_url": "https://opensource.org/licenses/MIT",
        "source": f"timeline events, ledger {head[:12] or 'unsealed'}; every event cites its sources",
        "databases": {name: {"tables": described, "queries": QUERIES}},
    }


def export_sqlite(tl: Timeline, path: Path) -> tuple[Path, Path]:
    """Write the SQLite file at ``path`` and its Datasette metadata beside it; return both paths."""
    data, built = database(tl)
    beside = path.with_name(f"{path.stem}.metadata.json")
    output.folder(path.parent)
    for target in (path, beside):
        output.refuse_odd(target)  # both, before either is written
    written = output.replace(path, data)
    meta = json.dumps(metadata(tl, path.stem, built), indent=2, ensure_ascii=False) + "\n"
    return written, output.replace(beside, meta)
