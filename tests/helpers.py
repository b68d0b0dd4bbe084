"""Helpers for the tests: small hand-made event files and folders."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

SOURCE = """
[[sources]]
publisher = "Example News"
url = "https://news.example.com/{slug}"
published = "{published}"
kind = "report"
"""


def event_text(
    event_id: str,
    body: str,
    *,
    published: str | None = None,
    people: dict[str, str] | None = None,
    companies: dict[str, str] | None = None,
    sources: bool = True,
) -> str:
    """A schema-2 event file: ``body`` holds type, date and the type's fields."""
    date_prefix = "-".join(event_id.split("-")[:3])
    text = f'schema = 2\nid = "{event_id}"\n'
    if "summary" not in body:
        text += f'summary = "Test event {event_id}."\n'
    text += textwrap.dedent(body).strip() + "\n"
    if people:
        text += "\n[people]\n" + "".join(f'{k} = "{v}"\n' for k, v in people.items())
    if companies:
        text += "\n[companies]\n" + "".join(f'{k} = "{v}"\n' for k, v in companies.items())
    if sources:
        text += SOURCE.format(slug=event_id, published=published or date_prefix)
    return text


PEOPLE = {"ada": "Ada", "bob": "Bob", "cy": "Cy"}
COMPANIES = {"acme": "Acme", "globex": "Globex"}


def founded(day: str = "2025-01-01", founders: str = '["ada"]', roles: str = 'ada = ["ceo"]') -> str:
    return event_text(
        f"{day}-acme-founded",
        f"""
        type = "company-founded"
        date = "{day}"
        company = "acme"
        founders = {founders}

        [roles]
        {roles}
        """,
        people={"ada": "Ada"},
        companies={"acme": "Acme"},
    )


def _stint_event(kind: str, verb: str, person: str, day: str, company: str, extra: str, event_id: str | None) -> str:
    return event_text(
        event_id or f"{day}-{person}-{verb}-{company}",
        f"""
        type = "{kind}"
        date = "{day}"
        person = "{person}"
        company = "{company}"
        {extra}
        """,
        people={person: PEOPLE[person]},
        companies={company: COMPANIES[company]},
    )


def joined(person: str, day: str, company: str = "acme", extra: str = "", event_id: str | None = None) -> str:
    return _stint_event("person-joined", "joins", person, day, company, extra, event_id)


def left(person: str, day: str, company: str = "acme", extra: str = "", event_id: str | None = None) -> str:
    return _stint_event("person-left", "leaves", person, day, company, extra, event_id)


WriteEvents = Callable[..., Path]


def _good_files() -> list[str]:
    """A few valid event files of different types, to mutate in the fuzz test."""
    return [
        founded(),
        joined("bob", "2025-02-01", extra='roles = ["cto"]\nreports_to = "ada"'),
        left("bob", "2025-03-01", extra='how = "resigned"'),
        event_text(
            "2025-04-01-acme-seed",
            """
            type = "funding-round"
            date = "2025-04-01"
            company = "acme"
            round = "seed"
            amount = 1000
            currency = "USD"
            investors = [{ id = "fund", name = "Fund", lead = true }]
            valuation = { amount = 5000, currency = "USD", basis = "post-money" }
            """,
            companies={"acme": "Acme"},
        ),
    ]


GOOD_FILES = _good_files()
