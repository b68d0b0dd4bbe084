"""The SQLite export: its saved queries answer as the command line does, on every day something changes,
and the real Datasette serves them with the metadata beside the file."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cli
from timeline.ask.api import Timeline
from timeline.ask.diff import changes
from timeline.fold.intervals import flip_days


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("sqlite")
    result = CliRunner().invoke(cli.main, ["export", "sqlite", str(folder / "timeline.db")])
    assert result.exit_code == 0, result.output
    return folder / "timeline.db", folder / "timeline.metadata.json"


@pytest.fixture(scope="module")
def db(exported: tuple[Path, Path]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(exported[0])
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def queries(exported: tuple[Path, Path]) -> dict[str, str]:
    meta = json.loads(exported[1].read_text(encoding="utf-8"))
    return {name: q["sql"] for name, q in meta["databases"]["timeline"]["queries"].items()}


def _days(tl: Timeline) -> list[dt.date]:
    return [dt.date.fromordinal(d) for d in sorted(flip_days(tl.intervals()))]


def test_roster_on_answers_as_timeline_state_on_every_day_something_changes(
    tl: Timeline, db: sqlite3.Connection, queries: dict[str, str]
) -> None:
    days = _days(tl)
    assert len(days) > 100
    for day in days:
        state = tl.state(day)
        expected = {
            (c.id, m.person, m.status, m.certain, tuple(sorted(r.title for r in m.roles)))
            for c in state.companies.values()
            for m in c.members
        }
        found = {
            (r["company"], r["person"], r["status"], bool(r["certain"]), tuple(sorted(json.loads(r["roles"]))))
            for r in db.execute(queries["roster_on"], {"date": day.isoformat()})
        }
        assert found == expected, (day, found ^ expected)


def test_leaders_on_answers_as_timeline_leaders_on_every_day_something_changes(
    tl: Timeline, db: sqlite3.Connection, queries: dict[str, str]
) -> None:
    for day in _days(tl):
        expected = {
            (c.id, s.role_title or s.title, s.status, s.person, s.certain)
            for c in tl.state(day).companies.values()
            for s in c.seats
        }
        found = {
            (r["company"], r["seat"], _status(r["held_by"]), r["person"], bool(r["certain"]))
            for r in db.execute(queries["leaders_on"], {"date": day.isoformat()})
        }
        assert found == expected, (day, found ^ expected)
    # A date not written as YYYY-MM-DD answers nothing rather than another day's leaders.
    for wrong in ("2025-9-1", "2025-13-01", "Dec 1 2025", "2025-02-30", ""):
        assert db.execute(queries["leaders_on"], {"date": wrong}).fetchall() == [], wrong
        assert db.execute(queries["roster_on"], {"date": wrong}).fetchall() == [], wrong
        assert db.execute(queries["moves_between"], {"from": wrong, "to": "2026-12-04"}).fetchall() == [], wrong
    # The day before anything is known, and long after the latest fact.
    assert db.execute(queries["leaders_on"], {"date": "1900-01-01"}).fetchall() == []
    far = {r["held_by"] for r in db.execute(queries["leaders_on"], {"date": "2030-01-01"}) if r["company"] == "openai"}
    assert "Sam Altman" in far


def _status(held_by: str) -> str:
    return {"vacant": "vacant", "not recorded": "not-recorded"}.get(held_by, "held")


def test_moves_between_lists_the_joins_and_departures_of_timeline_diff(
    tl: Timeline, db: sqlite3.Connection, queries: dict[str, str]
) -> None:
    days = _days(tl)
    windows = [
        *itertools.pairwise(days),
        (dt.date(2025, 12, 31), dt.date(2026, 12, 4)),
        (dt.date(2023, 11, 1), dt.date(2023, 12, 1)),
        (days[0], days[-1]),
    ]
    for start, end in windows:
        expected = {
            (c.kind, c.company, c.person, c.event, c.certain)
            for c in changes(tl, start, end)
            if c.kind in ("joined", "left")
        }
        found = {
            (r["kind"], r["company"], r["person"], r["event"], bool(r["certain"]))
            for r in db.execute(queries["moves_between"], {"from": start.isoformat(), "to": end.isoformat()})
        }
        assert found == expected, (start, end, found ^ expected)


def test_keys_nulls_lists_and_search(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    stint = db.execute("SELECT * FROM stints WHERE person = 'barret-zoph' AND company = 'openai'").fetchone()
    assert stint["end_event"] is not None
    current = db.execute("SELECT * FROM stints WHERE person = 'sam-altman' AND \"end\" IS NULL").fetchone()
    assert current["end_upper"] is None  # a real NULL, not ''
    # The obvious query finds the CTO of Thinking Machines Lab on 15 January 2026.
    cto = db.execute(
        "SELECT p.name FROM roles r JOIN people p ON p.id = r.person WHERE r.company = 'thinking-machines-lab' "
        "AND r.seat = 'cto' AND r.start_upper <= '2026-01-15' AND (r.end_lower IS NULL OR r.end_lower > '2026-01-15')"
    ).fetchall()
    assert [row["name"] for row in cto] == ["Soumith Chintala"]
    urls = db.execute("SELECT urls FROM events WHERE id = '2026-01-14-barret-zoph-leaves-thinking-machines-lab'")
    assert "https://twitter.com/miramurati/status/2011577319295692801" in json.loads(urls.fetchone()["urls"])
    found = db.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'zoph AND openai'").fetchall()
    assert found
    parent = db.execute("SELECT parent FROM units WHERE company = 'google-deepmind'").fetchone()
    assert parent["parent"] == "google"


def _datasette(database: Path, metadata: Path, *paths: str) -> list[Any]:
    datasette_app = pytest.importorskip("datasette.app")

    async def ask() -> list[Any]:
        ds = datasette_app.Datasette([str(database)], metadata=json.loads(metadata.read_text(encoding="utf-8")))
        await ds.invoke_startup()
        answers = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            answers.append(response.json())
        return answers

    return asyncio.run(ask())


def test_datasette_serves_the_saved_queries_with_the_metadata(
    tl: Timeline, exported: tuple[Path, Path], db: sqlite3.Connection, queries: dict[str, str]
) -> None:
    database, metadata = exported
    leaders, roster, moves, search, info = _datasette(
        database,
        metadata,
        "/timeline/leaders_on.json?date=2025-12-01&_shape=array",
        "/timeline/roster_on.json?date=2026-01-15&_shape=array",
        "/timeline/moves_between.json?from=2025-12-31&to=2026-12-04&_shape=array",
        "/timeline/people.json?_search=zoph&_shape=array",
        "/-/metadata.json",
    )
    openai = {row["seat"]: row["held_by"] for row in leaders if row["company"] == "openai"}
    assert openai["CEO"] == "Sam Altman" and openai["CTO"] == "vacant"
    direct = [dict(r) for r in db.execute(queries["leaders_on"], {"date": "2025-12-01"})]
    assert leaders == direct
    assert any(r["person"] == "soumith-chintala" and r["company"] == "thinking-machines-lab" for r in roster)
    assert any(r["person"] == "barret-zoph" and r["kind"] == "left" for r in moves)
    assert [r["name"] for r in search] == ["Barret Zoph"]
    assert info["license"] == "MIT" and info["title"] == tl.title
    assert "roster_on" in info["databases"]["timeline"]["queries"]
