"""Knowledge time (--as-of), imprecise dates, conflicting sources and corrections."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

import cli
import timeline
from tests.helpers import WriteEvents, event_text, founded, joined, left
from timeline.ask.api import Timeline
from timeline.ask.why import conflicts, explain

# --- The three probes of issue 3 -------------------------------------------------


def test_as_of_before_the_posts_still_has_zoph_as_cto(tl: Timeline) -> None:
    state = tl.state("2026-01-15", as_of="2026-01-13")
    assert state.companies["thinking-machines-lab"].leadership["cto"] == "barret-zoph"
    assert state.people["barret-zoph"].company == "thinking-machines-lab"


def test_as_of_mid_2025_does_not_know_the_12b_valuation(tl: Timeline) -> None:
    funding = tl.state("2025-07-15", as_of="2025-07-01").companies["thinking-machines-lab"].funding
    assert funding is not None
    assert funding.valuation == (10_000_000_000, "USD")  # the FT's June figure is all that was public
    assert funding.valuation_basis == "unspecified"
    assert "Nvidia" not in funding.investors
    # On 15 July our sources hold one report of the $12B figure against the FT's earlier one:
    # equal support, so the rule keeps the one public first, until a second report on 18 July.
    same_day = tl.state("2025-07-15", as_of="2025-07-15").companies["thinking-machines-lab"].funding
    assert same_day is not None
    assert same_day.valuation == (10_000_000_000, "USD")
    later = tl.state("2025-07-15", as_of="2025-07-18").companies["thinking-machines-lab"].funding
    assert later is not None
    assert (later.valuation, later.valuation_basis) == ((12_000_000_000, "USD"), "post-money")


def test_as_of_answers_are_reproducible(tl: Timeline) -> None:
    again = timeline.load()
    day, known = dt.date(2025, 12, 1), dt.date(2025, 11, 1)
    assert timeline.converter.unstructure(tl.state(day, known)) == timeline.converter.unstructure(
        again.state(day, known)
    )


def test_public_day_is_the_earliest_source(tl: Timeline) -> None:
    event = tl.event("2025-06-20-thinking-machines-lab-closes-seed-round")
    assert event.public_day == dt.date(2025, 6, 20)


def test_known_overrides_the_sources(write_events: WriteEvents) -> None:
    text = founded().replace('company = "acme"', 'company = "acme"\nknown = "2025-03-01"', 1)
    tl = timeline.load(write_events(text))
    assert "acme" not in tl.state("2025-02-01", as_of="2025-02-28").companies
    assert "acme" in tl.state("2025-02-01", as_of="2025-03-01").companies


# --- Imprecise dates ---------------------------------------------------------------


def test_a_day_inside_a_range_gives_possible_facts(tl: Timeline) -> None:
    meta = tl.state("2025-10-20").companies["meta"]
    tulloch = next(m for m in meta.members if m.person == "andrew-tulloch")
    assert (tulloch.status, tulloch.certain) == ("possibly-joined", False)
    assert (tulloch.since_lower, tulloch.since_upper) == (dt.date(2025, 10, 10), dt.date(2025, 11, 30))
    later = tl.state("2025-12-01").companies["meta"]
    assert next(m for m in later.members if m.person == "andrew-tulloch").certain


def test_left_date_unknown_differs_from_still_there(write_events: WriteEvents) -> None:
    folder = write_events(
        founded(),
        joined("bob", "2025-02-01"),
        joined("cy", "2025-02-01"),
        # Bob is reported gone by 1 June, with no date for his departure.
        left("bob", "/2025-06-01", event_id="2025-06-01-bob-leaves-acme"),
    )
    tl = timeline.load(folder)
    members = {m.person: m for m in tl.state("2025-05-01").companies["acme"].members}
    assert (members["bob"].status, members["bob"].until, members["bob"].certain) == (
        "possibly-left",
        "/2025-06-01",
        False,
    )
    # Cy has no departure at all: there as far as the last source says.
    assert (members["cy"].status, members["cy"].until, members["cy"].certain) == ("current", None, True)
    after = {m.person for m in tl.state("2025-06-02").companies["acme"].members}
    assert after == {"ada", "cy"}


# --- Conflicting sources -------------------------------------------------------------


def test_tulloch_month_conflict_is_kept_and_listed(tl: Timeline) -> None:
    found = {(c.event, c.field): c for c in conflicts(tl)}
    tulloch = found[("2025-10-10-andrew-tulloch-leaves-thinking-machines-lab", "date")]
    assert tulloch.chosen.value == "2025-10-10"
    assert [o.value for o in tulloch.others] == ["2025-11"]
    assert [s.publisher for s in tulloch.others[0].sources] == ["Wired"]
    valuation = found[("2025-06-20-thinking-machines-lab-closes-seed-round", "valuation")]
    assert valuation.chosen.value == {"amount": 12_000_000_000, "currency": "USD", "basis": "post-money"}
    assert len(valuation.others) == 2


def test_an_as_of_answer_cites_nothing_published_later(tl: Timeline) -> None:
    # Wired's November date came out in January 2026: in December 2025 there was no dispute.
    found = {(c.event, c.field) for c in conflicts(tl, as_of="2025-12-01")}
    assert ("2025-10-10-andrew-tulloch-leaves-thinking-machines-lab", "date") not in found
    seed = tl.view("2025-07-01").events
    (round_,) = [e for e in seed if e.id == "2025-06-20-thinking-machines-lab-closes-seed-round"]
    assert [s.publisher for s in round_.sources] == ["Financial Times"]
    answer = explain(tl, "thinking-machines-lab", "2025-07-15", as_of="2025-07-01")
    urls = {s.url for e in answer.evidence for s in e.sources}
    assert urls and not any("doitong" in u or "naveegator" in u for u in urls)


def test_primary_source_beats_more_reports(write_events: WriteEvents) -> None:
    text = event_text(
        "2025-03-01-bob-joins-acme",
        """
        type = "person-joined"
        date = "2025-03-01"
        person = "bob"
        company = "acme"

        [[claims]]
        field = "date"
        value = "2025-03-01"
        sources = ["own-post"]

        [[claims]]
        field = "date"
        value = "2025-04"
        sources = ["paper-a", "paper-b"]

        [[sources]]
        key = "own-post"
        publisher = "Bob's blog"
        url = "https://bob.example.com/new-job"
        published = "2025-03-20"
        kind = "primary"

        [[sources]]
        key = "paper-a"
        publisher = "Paper A"
        url = "https://a.example.com/bob"
        published = "2025-03-10"
        kind = "report"

        [[sources]]
        key = "paper-b"
        publisher = "Paper B"
        url = "https://b.example.com/bob"
        published = "2025-03-11"
        kind = "report"
        """,
        people={"bob": "Bob"},
        companies={"acme": "Acme"},
        sources=False,
    )
    tl = timeline.load(write_events(founded(), text))
    # Before Bob's own post, the two reports' April date is all that is known.
    assert tl.state("2025-03-15", as_of="2025-03-15").companies["acme"].members[-1].person == "ada"
    assert {m.person for m in tl.state("2025-04-30", as_of="2025-03-15").companies["acme"].members} == {
        "ada",
        "bob",
    }
    assert "bob" in {m.person for m in tl.state("2025-03-15", as_of="2025-03-20").companies["acme"].members}


# --- Corrections, never edits ----------------------------------------------------------


def _corrected(write_events: WriteEvents) -> Timeline:
    correction = event_text(
        "2025-05-01-correct-bob-join-date",
        """
        type = "correction"
        date = "2025-05-01"
        corrects = "2025-02-01-bob-joins-acme"
        reason = "Acme's filing shows Bob started in March, not February."
        changes = { date = "2025-03-01" }
        """,
    )
    retraction = event_text(
        "2025-05-02-retract-cy-join",
        """
        type = "retraction"
        date = "2025-05-02"
        retracts = "2025-02-01-cy-joins-acme"
        reason = "The report confused Cy with another person."
        """,
    )
    return timeline.load(
        write_events(founded(), joined("bob", "2025-02-01"), joined("cy", "2025-02-01"), correction, retraction)
    )


def test_before_a_correction_is_public_the_old_answer_stands(write_events: WriteEvents) -> None:
    tl = _corrected(write_events)
    members = {m.person for m in tl.state("2025-02-15", as_of="2025-04-30").companies["acme"].members}
    assert members == {"ada", "bob", "cy"}


def test_after_a_correction_is_public_the_new_answer_holds(write_events: WriteEvents) -> None:
    tl = _corrected(write_events)
    assert {m.person for m in tl.state("2025-02-15", as_of="2025-05-01").companies["acme"].members} == {
        "ada",
        "cy",
    }
    assert {m.person for m in tl.state("2025-02-15").companies["acme"].members} == {"ada"}
    assert {m.person for m in tl.state("2025-03-15").companies["acme"].members} == {"ada", "bob"}


def test_why_shows_the_correction(write_events: WriteEvents) -> None:
    tl = _corrected(write_events)
    answer = explain(tl, "bob", "2025-03-15")
    (membership,) = answer.facts
    assert [c.event for c in answer.corrections] == ["2025-05-01-correct-bob-join-date"]
    (evidence,) = [e for e in answer.evidence if e.event in membership.events]
    assert evidence.corrected_by == ("2025-05-01-correct-bob-join-date",)


# --- Attributed claims --------------------------------------------------------------


def test_claims_are_notes_not_roster_facts(tl: Timeline) -> None:
    state = tl.state("2026-01-25")
    notes = state.people["barret-zoph"].notes
    kinds = {(n.claimant_kind, n.stance) for n in notes}
    assert ("subject", "denial") in kinds and ("journalist", "allegation") in kinds
    denial = next(n for n in notes if n.stance == "denial")
    # One denial answers every allegation it rebuts (a correction listed them all).
    assert set(denial.responds_to) == {
        "2026-01-14-kylie-robison-reports-unethical-conduct-claim",
        "2026-01-14-wired-source-alleges-leak-to-competitors",
        "2026-01-14-murati-cites-performance-to-staff",
    }
    assert {n.about for n in notes} >= {"2026-01-14-barret-zoph-leaves-thinking-machines-lab"}
    assert all(n.subject == "barret-zoph" for n in notes)
    assert state.people["barret-zoph"].company == "openai"


def test_why_zoph_shows_the_departure_claims_and_urls(tl: Timeline) -> None:
    answer = explain(tl, "barret-zoph", "2026-01-15")
    departure = next(f for f in answer.facts if f.fact.startswith("left Thinking Machines Lab"))
    assert "2026-01-14-barret-zoph-leaves-thinking-machines-lab" in departure.events
    evidence = {e.event: e for e in answer.evidence}
    left = evidence["2026-01-14-barret-zoph-leaves-thinking-machines-lab"]
    assert any("twitter.com/miramurati" in s.url for s in left.sources)
    notes = [n for n in answer.notes if n.about == left.event]
    assert {n.claimant for n in notes} >= {"Wired", "Kylie Robison (journalist, on X)"}
    assert all(s.url.startswith("https://") for n in notes for s in n.sources)
    # Everything known: the denial published on 20-21 January shows on the 15th too.
    assert any(n.stance == "denial" and n.claimant.startswith("Barret Zoph") for n in notes)
    # ...but not as known on the 15th.
    early = explain(tl, "barret-zoph", "2026-01-15", as_of="2026-01-15")
    assert not any(n.stance == "denial" for n in early.notes)


# --- Releases: reproducing an earlier release's answer ----------------------------------


def test_a_release_replays_what_it_held(write_events: WriteEvents, runner: CliRunner) -> None:
    from timeline.check.folder import check_folder
    from timeline.check.manifest import release, seal

    folder = write_events(founded(), joined("bob", "2025-02-01"))
    seal(folder, {f.name: f.raw for f in check_folder(folder).files})
    first = release(folder)
    # A later release learns of an earlier departure, public long ago.
    write_events(left("bob", "2025-03-01"))
    seal(folder, {f.name: f.raw for f in check_folder(folder).files})
    assert "bob" not in {
        m.person for m in timeline.load(folder).state("2025-04-01", "2025-04-01").companies["acme"].members
    }
    old = timeline.load(folder, release=first.chain[:12])
    assert old.release is not None and old.release.entries == 2
    assert "bob" in {m.person for m in old.state("2025-04-01", "2025-04-01").companies["acme"].members}
    result = runner.invoke(
        cli.main,
        [
            "state",
            "--date",
            "2025-04-01",
            "--events",
            str(folder),
            "--release",
            first.chain[:12],
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "bob" in json.loads(result.output)["people"]
    wrong = runner.invoke(cli.main, ["state", "--events", str(folder), "--release", "ffffffffffff"])
    assert wrong.exit_code == 2 and "no entry of" in wrong.output
