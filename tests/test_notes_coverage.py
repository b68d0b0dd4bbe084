# ruff: noqa: RUF001, E501 - the rows quote the notes, en dashes and all
"""Every dated who-was-where and money fact of the research notes has an event, or a reason it has none.

``ROWS`` lists each fact of ``shared/research/facts.md`` (both tables) with the events that record it,
or why it is left out: unverified, not about these companies, private life, out of scope (products and
research, governance), or a duplicate of another row. The test fails when a row has neither, when an
event named here does not exist, and when a dated row of the notes matches no row here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.ask.api import Timeline

NOTES = Path(__file__).resolve().parents[2] / "shared" / "research" / "facts.md"
REASONS = ("unverified", "not about these companies", "private life", "out of scope", "duplicate of")

ROWS: list[tuple[str, tuple[str, ...], str]] = [
    ("2018 · Murati joins OpenAI", ("2018-mira-murati-joins-openai",), ""),
    ("May 2022 · Murati becomes CTO", ("2022-05-mira-murati-becomes-openai-cto",), ""),
    (
        "2022 (Sept per one source) · Zoph joins OpenAI after ~6 years at Google",
        ("2022-barret-zoph-joins-openai", "2022-09-barret-zoph-becomes-openai-vp-research"),
        "",
    ),
    (
        "17–21 Nov 2023 · Murati interim CEO",
        ("2023-11-17-mira-murati-becomes-openai-interim-ceo", "2023-11-19-mira-murati-ends-openai-interim-ceo"),
        "",
    ),
    (
        "5–6 Aug 2024 · Schulman leaves OpenAI for Anthropic",
        (
            "2024-08-05-john-schulman-leaves-openai",
            "2024-08-05-john-schulman-joins-anthropic",
            "2015-12-11-john-schulman-joins-openai",
        ),
        "",
    ),
    (
        "Wed 25 Sep 2024 · Murati announces exit; Altman: McGrew and Zoph also leaving; Murati's stated reason",
        (
            "2024-09-25-mira-murati-leaves-openai",
            "2024-09-25-barret-zoph-leaves-openai",
            "2024-09-25-mira-murati-says-she-leaves-for-own-exploration",
            "2024-09-25-sam-altman-says-exits-were-independent",
            "2024-09-25-bob-mcgrew-leaves-openai",
            "2017-bob-mcgrew-joins-openai",
        ),
        "",
    ),
    ("Wed 25 Sep 2024 · Zoph's OpenAI title variants", ("2022-09-barret-zoph-becomes-openai-vp-research",), ""),
    ("Oct 2024 · Metz leaves OpenAI", ("2024-10-luke-metz-leaves-openai",), ""),
    ("Oct 2024 · Murati raising ~$100M", ("2024-10-thinking-machines-lab-seeks-first-funding",), ""),
    (
        "Nov 2024 · The Information: Murati working with Zoph and Metz",
        ("2024-11-the-information-reports-murati-working-with-zoph-and-metz",),
        "",
    ),
    (
        "Nov 2024 · Mianna Chen leaving OpenAI to join Murati",
        (),
        "unverified (single source, which itself says the hire may not be final; no OpenAI start date)",
    ),
    (
        "Nov 2024 · Jonathan Lachman leaves OpenAI",
        ("2024-11-jonathan-lachman-leaves-openai", "2023-05-jonathan-lachman-joins-openai"),
        "",
    ),
    (
        "late Jan–early Feb 2025 · Schulman leaves Anthropic, joining Murati",
        ("2025-01-27-john-schulman-leaves-anthropic", "2025-02-18-thinking-machines-lab-founded"),
        "",
    ),
    ("Tue 18 Feb 2025 · TML launch, roles, PBC, San Francisco", ("2025-02-18-thinking-machines-lab-founded",), ""),
    (
        "Feb 2025 · Business Insider: raising $1B at $9B",
        ("2025-02-thinking-machines-lab-talks-1-billion-at-9-billion",),
        "",
    ),
    ("spring 2025 · Murati's board vote, 100× founder voting shares", (), "out of scope: governance (board votes)"),
    ("Fri 20 Jun 2025 · FT: $2B at $10B", ("2025-06-20-thinking-machines-lab-closes-seed-round",), ""),
    (
        "Tue 15 Jul 2025 · seed announced: $2B, a16z lead, $12B",
        ("2025-06-20-thinking-machines-lab-closes-seed-round",),
        "",
    ),
    (
        'late Jul–Aug 2025 · WSJ: Meta tried to buy TML, courted Tulloch (up to $1.5B); Meta: "inaccurate and ridiculous"',
        (
            "2025-07-28-wsj-reports-meta-pursued-thinking-machines-and-tulloch",
            "2025-07-28-meta-denies-tulloch-offer-report",
        ),
        "",
    ),
    ("Wed 1 Oct 2025 · Tinker launched", (), "out of scope: product/research, not people or money"),
    (
        "Fri 10 Oct 2025 · Tulloch leaves TML for Meta",
        (
            "2025-10-10-andrew-tulloch-leaves-thinking-machines-lab",
            "2025-10-10-andrew-tulloch-joins-meta",
            "2025-10-10-thinking-machines-lab-cites-personal-reasons-for-tulloch-exit",
        ),
        "",
    ),
    (
        "same row · Tulloch's 11 years at Meta/FAIR, then OpenAI",
        ("2012-andrew-tulloch-joins-meta", "2023-andrew-tulloch-leaves-meta"),
        "",
    ),
    (
        'from ~Oct 2025 · NYT: Zoph talking with Altman since October (vs Simo\'s "several weeks")',
        (
            "2026-01-22-nyt-reports-zoph-talked-with-altman-since-october",
            "2026-01-14-simo-says-return-in-works-for-weeks",
        ),
        "",
    ),
    ("Nov 2025 · seeking funds at ~$50B ($4B+ vs $5B)", ("2025-11-thinking-machines-lab-talks-at-50-billion",), ""),
    (
        "Thu 6 → Mon 17 Nov 2025 · Chintala leaves Meta",
        ("2025-11-17-soumith-chintala-leaves-meta", "2014-soumith-chintala-joins-meta"),
        "",
    ),
    ("~18–19 Nov 2025 · Chintala joins TML as MTS", ("2025-11-18-soumith-chintala-joins-thinking-machines-lab",), ""),
    ("Fri 12 Dec 2025 · Tinker GA", (), "out of scope: product/research, not people or money"),
    (
        "Mon 12 Jan 2026 · the meeting; Zoph told Murati he might leave",
        ("2026-01-12-sam-schoenholz-at-thinking-machines-lab", "2026-01-14-openai-does-not-share-concerns"),
        "",
    ),
    (
        'Wed 14 Jan 2026 · Zoph fired; Metz and Schoenholz resign "over Slack"',
        (
            "2026-01-14-barret-zoph-leaves-thinking-machines-lab",
            "2026-01-14-luke-metz-leaves-thinking-machines-lab",
            "2026-01-14-sam-schoenholz-leaves-thinking-machines-lab",
            "2026-01-14-murati-cites-performance-to-staff",
        ),
        "",
    ),
    (
        "Wed 14 Jan 2026, 15:13 PT · Murati's post; Chintala CTO",
        ("2026-01-14-soumith-chintala-becomes-thinking-machines-lab-cto",),
        "",
    ),
    (
        'Wed 14 Jan 2026 · Robison "unethical conduct"; Wired source alleges leak',
        (
            "2026-01-14-kylie-robison-reports-unethical-conduct-claim",
            "2026-01-14-wired-source-alleges-leak-to-competitors",
            "2026-01-14-wired-describes-contentious-split",
        ),
        "",
    ),
    (
        'Wed 14 Jan 2026, 16:11 PT · Simo\'s post; reporting lines; "several weeks"',
        (
            "2026-01-14-barret-zoph-rejoins-openai",
            "2026-01-14-luke-metz-rejoins-openai",
            "2026-01-14-sam-schoenholz-rejoins-openai",
            "2026-01-14-simo-says-return-in-works-for-weeks",
        ),
        "",
    ),
    ("Wed 14 Jan 2026 · Simo's memo", ("2026-01-14-openai-does-not-share-concerns",), ""),
    (
        "Wed 14 Jan 2026 · TechCrunch article published",
        (),
        "duplicate of `2026-01-14-barret-zoph-leaves-thinking-machines-lab` (a source, cited there)",
    ),
    (
        "Wed 14 Jan 2026 · Wired article published",
        (),
        "duplicate of `2026-01-14-wired-describes-contentious-split` (a source, cited there)",
    ),
    (
        "Thu 15 Jan 2026 · Lia Guy (to OpenAI) and Ian O'Connell leave",
        (
            "2026-01-14-lia-guy-at-thinking-machines-lab",
            "2026-01-15-lia-guy-leaves-thinking-machines-lab",
            "2026-01-15-lia-guy-joins-openai",
            "2026-01-14-ian-oconnell-at-thinking-machines-lab",
            "2026-01-15-ian-oconnell-leaves-thinking-machines-lab",
        ),
        "",
    ),
    ("16 Jan 2026 · Fortune covers the defections", (), "unverified (URL only, content not read)"),
    (
        "~20–21 Jan 2026 · WSJ: Zoph's statement; offers signed within hours",
        ("2026-01-20-barret-zoph-denies-misconduct-claims",),
        "",
    ),
    (
        "Thu 22 Jan 2026 · NYT: ~9 more of ~100 staff gone or offered; Meta offers; Meta discussed buying TML",
        (
            "2026-01-22-thinking-machines-lab-departures-to-openai-reported",
            "2026-01-22-thinking-machines-lab-staff-reported",
            "2026-01-22-nyt-reports-meta-offers-to-thinking-machines-staff",
            "2026-01-22-nyt-reports-meta-discussed-buying-thinking-machines",
        ),
        "",
    ),
    ("same row · ages of Murati (37) and Zoph (32)", (), "private life"),
    (
        "~late Feb 2026 · Gibson and Shpak to Meta; Parish left; Neal Wu hired",
        (
            "2025-02-18-christian-gibson-joins-thinking-machines-lab",
            "2026-01-christian-gibson-leaves-thinking-machines-lab",
            "2026-01-christian-gibson-joins-meta",
            "2025-02-18-noah-shpak-joins-thinking-machines-lab",
            "2026-01-noah-shpak-leaves-thinking-machines-lab",
            "2026-01-noah-shpak-joins-meta",
            "2025-02-18-jolene-parish-joins-thinking-machines-lab",
            "2026-02-27-jolene-parish-leaves-thinking-machines-lab",
            "2026-02-neal-wu-joins-thinking-machines-lab",
        ),
        "",
    ),
    (
        "Tue 10 Mar 2026 · TML–Nvidia partnership and investment",
        (
            "2026-03-10-thinking-machines-lab-nvidia-compute-partnership",
            "2026-03-10-nvidia-invests-in-thinking-machines-lab",
        ),
        "",
    ),
    ("Wed 22 Apr 2026 · Google Cloud deal", ("2026-04-22-thinking-machines-lab-google-cloud-agreement",), ""),
    (
        "Apr 2026 · Meta has hired 5 or 7 TML founding members",
        ("2026-04-thinking-machines-lab-founding-members-to-meta-reported",),
        "",
    ),
    (
        "Apr 2026 · TML hires Weiyao Wang, Piotr Dollár, Andrea Madotto from Meta",
        (
            "2018-weiyao-wang-joins-meta",
            "2026-04-13-weiyao-wang-leaves-meta",
            "2026-04-13-weiyao-wang-joins-thinking-machines-lab",
            "2015-piotr-dollar-joins-meta",
            "2026-04-24-piotr-dollar-leaves-meta",
            "2026-04-24-piotr-dollar-joins-thinking-machines-lab",
            "2025-04-17-andrea-madotto-at-meta",
            "2026-04-24-andrea-madotto-leaves-meta",
            "2026-04-24-andrea-madotto-joins-thinking-machines-lab",
        ),
        "",
    ),
    ("Mon 11 May 2026 · TML-Interaction-Small preview", (), "out of scope: product/research, not people or money"),
    ("same row · follow-on round stalled", ("2026-01-15-thinking-machines-lab-funding-talks-stalled",), ""),
    ("~18–19 Jun 2026 · Zoph leaves OpenAI again", ("2026-06-18-barret-zoph-leaves-openai",), ""),
    ("same row · Zoph headed enterprise AI sales", ("2026-01-14-barret-zoph-heads-openai-enterprise-push",), ""),
    (
        "up to Jun 2026 · Schulman still co-founder and chief scientist",
        (),
        "duplicate of `2025-02-18-thinking-machines-lab-founded` (no change to record)",
    ),
    ('~Jul 2026 · "Inkling" reported', (), "out of scope: product/research, not people or money"),
    (
        "Fri 8 Nov → Fri 15 Nov 2024 · Lilian Weng leaves OpenAI",
        ("2024-11-15-lilian-weng-leaves-openai", "2018-lilian-weng-joins-openai"),
        "",
    ),
    (
        "Thu 22 Jan 2026 · The Information: Zoph to lead enterprise push (TechCrunch relays)",
        ("2026-01-14-barret-zoph-heads-openai-enterprise-push",),
        "",
    ),
    ("Fri 27 Feb 2026 · Gibson, Shpak to Meta; Parish; Neal Wu", (), "duplicate of the late-February row above"),
    (
        'Wed 11 Mar 2026 · 36Kr/QbitAI: "latest valuation" $50B',
        ("2026-03-11-thinking-machines-lab-valuation-reported",),
        "",
    ),
    ("Thu 4 Jun 2026 · Murati at Bloomberg Tech", (), "out of scope: product/research, not people or money"),
    ("Thu 18 Jun 2026, 21:49 PT · The Verge: Zoph out at OpenAI", ("2026-06-18-barret-zoph-leaves-openai",), ""),
    ("Fri 10 Jul 2026 · blog essay", (), "out of scope: product/research, not people or money"),
    ("Wed 15 Jul 2026 · Inkling released", (), "out of scope: product/research, not people or money"),
    ("Thu 30 / Fri 31 Jul 2026 · Inkling-Small, blog post", (), "out of scope: product/research, not people or money"),
    ("by Jul 2026 · Tianle Li at TML (self-published)", ("2026-03-16-tianle-li-joins-thinking-machines-lab",), ""),
    (
        'Thu 27 Aug 2026 · TechCrunch: Zoph at Google ("VP of Research")',
        ("2026-06-barret-zoph-joins-google", "2026-06-barret-zoph-becomes-google-vp-research"),
        "",
    ),
    (
        "Fri 28 / Sat 29 Aug 2026 · WSJ: Zoph joins Google",
        (),
        "duplicate of the 27 August row (the Journal is cited there)",
    ),
    (
        "Tue 8 → Wed 9 Sep 2026 · Tulloch leaving Meta for Anthropic",
        ("2026-09-08-andrew-tulloch-leaves-meta", "2026-09-08-andrew-tulloch-joins-anthropic"),
        "",
    ),
    ('~Sep 2026 · blog: "$6B at $40B"', (), "unverified (no named outlet, internal errors)"),
]


def test_every_row_has_events_or_a_reason(tl: Timeline) -> None:
    known = {e.id for e in tl.events}
    for label, ids, reason in ROWS:
        assert ids or reason.startswith(REASONS), label
        missing = [i for i in ids if i not in known]
        assert not missing, (label, missing)


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _marks(text: str) -> tuple[set[str], set[str]]:
    years = set(re.findall(r"\b(20[0-9][0-9])\b", text))
    months = {m for m in _MONTHS if re.search(rf"\b{m}", text)}
    return years, months


def test_every_dated_row_of_the_notes_is_listed() -> None:
    if not NOTES.exists():
        pytest.skip("the research notes are not beside the repository")
    rows = [
        line.split("|")[1].strip()
        for line in NOTES.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith(("| Date", "|---"))
    ]
    labels = [_marks(label) for label, _, _ in ROWS]
    for cell in rows:
        years, months = _marks(cell)
        assert years, cell
        assert any(years <= ly and (not months or months & lm) for ly, lm in labels), f"no coverage row for {cell!r}"
