"""Every fact the seed article states is an event; its questions and insinuations are not.

The article (TechCrunch, in French) is ``shared/seed/article.fr.txt``. Each
row below quotes the article's claim in a few words, then names the event
that records it and what that event must say. A row whose event is missing
or says something else fails. Left out on purpose, because they are
questions or suspicions rather than facts: whether the departures signal a
crisis, a long-prepared recruitment, "un désaccord stratégique", a "fracture",
or the limits of the sector's growth.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from timeline.ask.api import Timeline
from timeline.model.events import (
    ClaimMade,
    CompanyFounded,
    Event,
    FundingRound,
    PersonJoined,
    PersonLeft,
    RoleStarted,
)

Check = Callable[[Event], bool]


def _left(person: str, company: str, how: str | None = None) -> Check:
    return lambda e: isinstance(e, PersonLeft) and (e.person, e.company) == (person, company) and how in (None, e.how)


def _joined(person: str, company: str) -> Check:
    return lambda e: isinstance(e, PersonJoined) and (e.person, e.company) == (person, company)


ARTICLE_FACTS: list[tuple[str, str, Check]] = [
    (
        "Thinking Machines Lab, founded by OpenAI's former CTO",
        "2025-02-18-thinking-machines-lab-founded",
        lambda e: isinstance(e, CompanyFounded) and "mira-murati" in e.founders,
    ),
    (
        "Murati, former CTO of OpenAI",
        "2022-05-mira-murati-becomes-openai-cto",
        lambda e: isinstance(e, RoleStarted) and e.role == "cto" and e.company == "openai",
    ),
    (
        "Murati, former CTO of OpenAI (she left)",
        "2024-09-25-mira-murati-leaves-openai",
        _left("mira-murati", "openai"),
    ),
    (
        "Murati, current CEO of Thinking Machines Lab",
        "2025-02-18-thinking-machines-lab-founded",
        lambda e: isinstance(e, CompanyFounded) and e.roles.get("mira-murati") == ("ceo",),
    ),
    (
        "Zoph, co-founder and CTO of the start-up",
        "2025-02-18-thinking-machines-lab-founded",
        lambda e: (
            isinstance(e, CompanyFounded) and "barret-zoph" in e.founders and e.roles.get("barret-zoph") == ("cto",)
        ),
    ),
    (
        "this Wednesday Murati announced on X the departure of Zoph",
        "2026-01-14-barret-zoph-leaves-thinking-machines-lab",
        lambda e: (
            _left("barret-zoph", "thinking-machines-lab")(e)
            and e.date.text.startswith("2026-01-14T")
            and any(s.kind == "primary" and "miramurati" in s.url for s in e.sources)
        ),
    ),
    (
        "no explanation of the departure, no mention of the others",
        "2026-01-14-barret-zoph-leaves-thinking-machines-lab",
        lambda e: "no reason" in e.summary and "other departures" in e.summary,
    ),
    (
        "less than an hour later OpenAI announces Zoph's return",
        "2026-01-14-barret-zoph-rejoins-openai",
        lambda e: _joined("barret-zoph", "openai")(e) and e.date.text == "2026-01-14T16:11:00-08:00",
    ),
    ("... and Luke Metz's", "2026-01-14-luke-metz-rejoins-openai", _joined("luke-metz", "openai")),
    (
        "... and Sam Schoenholz's",
        "2026-01-14-sam-schoenholz-rejoins-openai",
        _joined("sam-schoenholz", "openai"),
    ),
    (
        "Metz, another co-founder of Thinking Machines",
        "2025-02-18-thinking-machines-lab-founded",
        lambda e: isinstance(e, CompanyFounded) and "luke-metz" in e.founders,
    ),
    (
        "all former OpenAI staff (Zoph)",
        "2024-09-25-barret-zoph-leaves-openai",
        _left("barret-zoph", "openai"),
    ),
    ("all former OpenAI staff (Metz)", "2024-10-luke-metz-leaves-openai", _left("luke-metz", "openai")),
    (
        "all former OpenAI staff (Schoenholz)",
        "2026-01-14-sam-schoenholz-rejoins-openai",
        lambda e: "returning" in e.summary,
    ),
    (
        "several departures at once: Metz leaves the start-up",
        "2026-01-14-luke-metz-leaves-thinking-machines-lab",
        _left("luke-metz", "thinking-machines-lab"),
    ),
    (
        "several departures at once: Schoenholz leaves the start-up",
        "2026-01-14-sam-schoenholz-leaves-thinking-machines-lab",
        _left("sam-schoenholz", "thinking-machines-lab"),
    ),
    (
        "a record $2 billion round",
        "2025-06-20-thinking-machines-lab-closes-seed-round",
        lambda e: isinstance(e, FundingRound) and e.amount == 2_000_000_000 and e.currency == "USD",
    ),
    (
        "backed by Andreessen Horowitz, Nvidia, AMD...",
        "2025-06-20-thinking-machines-lab-closes-seed-round",
        lambda e: (
            isinstance(e, FundingRound) and {"andreessen-horowitz", "nvidia", "amd"} <= {i.id for i in e.investors}
        ),
    ),
    (
        "valued at $12 billion after the seed round",
        "2025-06-20-thinking-machines-lab-closes-seed-round",
        lambda e: (
            isinstance(e, FundingRound)
            and e.round == "seed"
            and e.valuation is not None
            and e.valuation.amount == 12_000_000_000
        ),
    ),
    (
        "Andrew Tulloch left for Meta a few weeks earlier",
        "2025-10-10-andrew-tulloch-leaves-thinking-machines-lab",
        lambda e: _left("andrew-tulloch", "thinking-machines-lab")(e) and getattr(e, "destination", "") == "meta",
    ),
    ("Tulloch joins Meta", "2025-10-10-andrew-tulloch-joins-meta", _joined("andrew-tulloch", "meta")),
    (
        "Wired reports a contentious separation",
        "2026-01-14-wired-describes-contentious-split",
        lambda e: isinstance(e, ClaimMade) and e.claimant == "Wired" and e.stance == "characterisation",
    ),
]


@pytest.mark.parametrize(("fact", "event_id", "check"), ARTICLE_FACTS, ids=[f[0] for f in ARTICLE_FACTS])
def test_article_fact_has_an_event(tl: Timeline, fact: str, event_id: str, check: Check) -> None:
    event = tl.event(event_id)
    assert check(event), f"{event_id} does not record: {fact}"


def test_every_event_cites_a_url(tl: Timeline) -> None:
    for event in tl.events:
        assert event.sources and all(s.url.startswith(("https://", "http://")) for s in event.sources), event.id


def test_relative_dates_resolve_to_the_research_dates(tl: Timeline) -> None:
    # "ce mercredi" is Wednesday 14 January 2026 in US Pacific time, though it
    # was already Thursday in Paris when Murati posted.
    zoph = tl.event("2026-01-14-barret-zoph-leaves-thinking-machines-lab")
    assert zoph.date.time is not None and zoph.date.time.strftime("%A %H:%M %z") == "Wednesday 15:13 -0800"
    # "moins d'une heure après": Simo's post came 58 minutes later.
    simo = tl.event("2026-01-14-barret-zoph-rejoins-openai")
    assert simo.date.time is not None
    assert (simo.date.time - zoph.date.time).total_seconds() == 58 * 60
    # "quelques semaines plus tôt": Tulloch left on 10 October 2025, some three months before.
    tulloch = tl.event("2025-10-10-andrew-tulloch-leaves-thinking-machines-lab")
    assert str(tulloch.date) == "2025-10-10"
