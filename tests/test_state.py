"""The state at the dates that matter to the story, as reviewed snapshots and direct answers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_regressions.file_regression import FileRegressionFixture

from timeline import converter
from timeline.ask.api import Timeline
from timeline.fold.intervals import flip_days
from timeline.show import present
from timeline.show.render import render

# A few days a reader asks about, as the table prints them: one new field in the state changes
# these only where a reader would see it. Review a changed snapshot as a journalist would.
STORY_DATES = {
    "murati-interim-ceo": "2023-11-18",
    "field-on-1-december-2025": "2025-12-01",
    "day-after-zoph-leaves": "2026-01-15",
    "today": "2026-12-04",
}


@pytest.mark.parametrize("moment", list(STORY_DATES))
def test_what_a_reader_sees(tl: Timeline, file_regression: FileRegressionFixture, moment: str) -> None:
    text = render(present.state(tl.state(STORY_DATES[moment])), "table", width=120)
    file_regression.check(text, extension=".txt")


def _members(tl: Timeline, day: str, company: str, as_of: str | None = None) -> dict[str, list[str]]:
    state = tl.state(day, as_of)
    return {m.person: [r.role for r in m.roles] for m in state.companies[company].members}


def test_done_when_roster_2026_01_15(tl: Timeline) -> None:
    state = tl.state("2026-01-15")
    for person in ("barret-zoph", "luke-metz", "sam-schoenholz"):
        assert state.people[person].company == "openai"
    assert state.companies["thinking-machines-lab"].leadership["ceo"] == "mira-murati"
    assert state.companies["thinking-machines-lab"].leadership["cto"] == "soumith-chintala"


def test_cto_on_1_december_2025(tl: Timeline) -> None:
    assert tl.state("2025-12-01").companies["thinking-machines-lab"].leadership["cto"] == "barret-zoph"


def test_company_appears_from_its_first_event(tl: Timeline) -> None:
    assert "thinking-machines-lab" not in tl.state("2025-02-17").companies
    assert tl.state("2025-02-18").companies["thinking-machines-lab"].founded == "2025-02-18"
    # xAI first appears with its founding, announced on 12 July 2023; before it, nothing names it.
    assert "xai" not in tl.state("2023-07-11").companies
    assert "xai" in tl.state("2023-07-12").companies
    # An event naming a company before its founding does not make it exist: TML shows from its launch.
    assert "thinking-machines-lab" not in tl.state("2024-12-01").companies


def test_same_day_order_follows_the_clock(tl: Timeline) -> None:
    ids = [e.id for e in tl.events if e.date.text.startswith("2026-01-14T")]
    assert ids.index("2026-01-14-barret-zoph-leaves-thinking-machines-lab") < ids.index(
        "2026-01-14-barret-zoph-rejoins-openai"
    )
    # Endings before beginnings at the same minute: the CTO role is never held twice.
    assert ids.index("2026-01-14-barret-zoph-leaves-thinking-machines-lab") < ids.index(
        "2026-01-14-soumith-chintala-becomes-thinking-machines-lab-cto"
    )


def test_funding_after_the_round(tl: Timeline) -> None:
    funding = tl.state("2025-07-15").companies["thinking-machines-lab"].funding
    assert funding is not None
    assert (funding.raised, funding.valuation, funding.valuation_basis) == (
        ((2_000_000_000, "USD"),),
        (12_000_000_000, "USD"),
        "post-money",
    )
    assert funding.investors[0] == "Andreessen Horowitz" and "AMD" in funding.investors


def test_tulloch_after_leaving(tl: Timeline) -> None:
    state = tl.state("2025-10-11")
    assert "andrew-tulloch" not in _members(tl, "2025-10-11", "thinking-machines-lab")
    # He left on the 10th for Meta, but his start there is only known to fall in Oct-Nov.
    tulloch = state.people["andrew-tulloch"]
    assert (tulloch.company, tulloch.certain) == ("meta", False)


def test_series_matches_state(tl: Timeline) -> None:
    days = list(tl.series("2026-01-10", "2026-01-20"))
    assert [s.date.isoformat() for s in days][:2] == ["2026-01-10", "2026-01-11"]
    assert converter.unstructure(days[5]) == converter.unstructure(tl.state("2026-01-15"))
    assert days[3].people["barret-zoph"].company == "thinking-machines-lab"
    assert days[4].people["barret-zoph"].company == "openai"


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 365 * 4).map(lambda n: dt.date(2023, 1, 1) + dt.timedelta(days=n)))
def test_no_seat_has_two_certain_holders_on_any_day(tl: Timeline, day: dt.date) -> None:
    _one_certain_holder_per_seat(tl, day)


def test_no_seat_has_two_certain_holders_on_any_day_something_changes(tl: Timeline) -> None:
    for ordinal in sorted(flip_days(tl.intervals())):
        _one_certain_holder_per_seat(tl, dt.date.fromordinal(ordinal))


def _one_certain_holder_per_seat(tl: Timeline, day: dt.date) -> None:
    roles = tl.roles
    for company in tl.state(day).companies.values():
        holders: dict[str, set[str]] = {}
        for member in company.members:
            for role in member.roles:
                seat = roles.seat(role.role)
                if seat is not None and role.certain:
                    holders.setdefault(seat, set()).add(member.person)
        assert all(len(people) == 1 for people in holders.values()), (day, company.id, holders)
        # Every seat the dataset tracks on the day is named: held, vacant, or not recorded, never left out.
        tracked = {t.seat for t in tl.intervals().tracked if t.company == company.id and t.since <= day.toordinal()}
        assert tracked <= {s.seat for s in company.seats}, (day, company.id)
        assert not [s for s in company.seats if s.tracked and s.status == "not-recorded"], (day, company.id)


def test_a_journalist_gets_each_labs_leader_on_1_december_2025(tl: Timeline) -> None:
    state = tl.state("2025-12-01")
    ceo = {cid: c.leadership.get("ceo") for cid, c in state.companies.items()}
    assert ceo["openai"] == "sam-altman" and ceo["anthropic"] == "dario-amodei"
    assert ceo["google-deepmind"] == "demis-hassabis" and ceo["meta"] == "mark-zuckerberg"
    assert ceo["xai"] == "elon-musk" and ceo["safe-superintelligence"] == "ilya-sutskever"
    assert ceo["mistral-ai"] == "arthur-mensch" and ceo["microsoft-ai"] == "mustafa-suleyman"
    assert ceo["thinking-machines-lab"] == "mira-murati"
    openai = state.companies["openai"]
    assert {s.seat: s.status for s in openai.seats}["cto"] == "vacant"
    # The unit's parent and the acquirer are facts with dates.
    assert state.companies["google-deepmind"].unit_of is not None
    assert tl.state("2026-03-01").companies["xai"].unit_of.company == "spacex"  # type: ignore[union-attr]
    assert tl.state("2025-12-01").companies["xai"].unit_of is None
