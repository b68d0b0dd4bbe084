# ruff: noqa: RUF001, E501 - the rows quote the notes, en dashes and all
"""Every dated who-was-where and money fact of the research notes has an event, or a reason it has none.

``FIELD_ROWS`` does the same, row by row and in order, for ``shared/research/field.md``'s leads on
the other labs.

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
FIELD = NOTES.with_name("field.md")
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


FIELD_ROWS: list[tuple[str, tuple[str, ...], str]] = [
    # OpenAI
    (
        "2023-11-17 · Sam Altman · left (fired by board)",
        ("2023-11-17-sam-altman-leaves-openai", "2023-11-17-openai-board-says-altman-not-consistently-candid"),
        "",
    ),
    (
        "2023-11-22 · Sam Altman · title (reinstated)",
        ("2023-11-21-openai-announces-agreement-in-principle-for-altman-return",),
        "",
    ),
    (
        "2023-11-22 (Wed) · Sam Altman · agreement in principle",
        ("2023-11-21-openai-announces-agreement-in-principle-for-altman-return",),
        "",
    ),
    ("2023-11-29 · Sam Altman; Mira Murati · title", ("2023-11-29-sam-altman-rejoins-openai",), ""),
    (
        "2023-11-29 (Wed) · Altman reinstated; Murati CTO again; Brockman returns as president",
        (
            "2023-11-29-sam-altman-rejoins-openai",
            "2023-11-29-greg-brockman-rejoins-openai",
            "2023-11-19-mira-murati-ends-openai-interim-ceo",
        ),
        "",
    ),
    (
        "2024-05 (by 14 May) · Jan Leike · left",
        (),
        "out of scope: a superalignment co-lead, not a seat the dataset tracks",
    ),
    ("2024-05-14 · Jakub Pachocki · title", ("2024-05-14-jakub-pachocki-becomes-openai-chief-scientist",), ""),
    (
        "2024-05-14 · Ilya Sutskever / Jakub Pachocki · left / title",
        ("2024-05-14-ilya-sutskever-leaves-openai", "2024-05-14-jakub-pachocki-becomes-openai-chief-scientist"),
        "",
    ),
    ("2024-05-14 (Tue) · Ilya Sutskever · left", ("2024-05-14-ilya-sutskever-leaves-openai",), ""),
    ("2024-08-05 · Greg Brockman · sabbatical", ("2024-08-05-greg-brockman-says-he-takes-sabbatical",), ""),
    (
        "2024-10-02 (Wed) · OpenAI · funding: $6.6B at $157B post-money, led by Thrive",
        ("2024-10-02-openai-closes-6-6-billion-round",),
        "",
    ),
    ("2024-10-03 · OpenAI · funding details per investor", ("2024-10-02-openai-closes-6-6-billion-round",), ""),
    (
        "2024-11-12 (Tue) · Greg Brockman · returns from sabbatical",
        ("2024-11-12-greg-brockman-returns-from-sabbatical",),
        "",
    ),
    (
        "2025-03-24/25 · Mark Chen; Brad Lightcap; Julia Villagra · title",
        ("2025-03-24-mark-chen-becomes-openai-chief-research-officer", "2025-03-24-mark-chen-svp-research-role-ends"),
        "",
    ),
    (
        "2025-03-31 (Mon) · OpenAI · funding: up to $40B at $300B post-money, led by SoftBank",
        ("2025-03-31-openai-raises-40-billion-round",),
        "",
    ),
    (
        "2025-05-07 (Wed) · Fidji Simo · joined (announced)",
        ("2025-08-18-fidji-simo-joins-openai", "2026-12-04-correct-simo-openai-join-reporting-line"),
        "",
    ),
    ("2025-05-07 (primary) · Fidji Simo · joined (announced)", ("2025-08-18-fidji-simo-joins-openai",), ""),
    ("2025-08-18 · Fidji Simo · joined (start date)", ("2025-08-18-fidji-simo-joins-openai",), ""),
    (
        "2025-10 · OpenAI · recapitalization; OpenAI Foundation",
        (),
        "out of scope: governance, not leadership or money raised",
    ),
    ("2025-10-02 · OpenAI · secondary sale at $500B", ("2025-09-openai-secondary-share-sale-at-500-billion",), ""),
    ("2026-02-27 (Fri) · OpenAI · $110B first close at $730B", ("2026-03-31-openai-closes-122-billion-round",), ""),
    (
        "2026-03 (late) · Simo, Chen, Brockman, Altman · reorganisation, AGI Deployment",
        ("2026-03-fidji-simo-becomes-openai-ceo-of-agi-deployment", "2026-03-fidji-simo-ceo-of-applications-role-ends"),
        "",
    ),
    ("2026-03-31 · OpenAI · $122B committed at $852B post-money", ("2026-03-31-openai-closes-122-billion-round",), ""),
    (
        "2026-04 · Fidji Simo; Greg Brockman · leave (teoram)",
        ("2026-04-fidji-simo-announces-leave-brockman-covers",),
        "",
    ),
    (
        "2026-04-03 · Fidji Simo; Greg Brockman; Kate Rouch · leave; Rouch steps away",
        ("2026-04-fidji-simo-announces-leave-brockman-covers",),
        "",
    ),
    ("2026-05-20 (report) · OpenAI · IPO preparation", (), "out of scope: no event type for an IPO filing yet"),
    ("2026-06 (a Monday) · OpenAI · confidential IPO filing", (), "out of scope: no event type for an IPO filing yet"),
    # Anthropic
    ("2024-05 · Mike Krieger · joined", ("2024-05-15-mike-krieger-joins-anthropic",), ""),
    ("2025-01 (early) · Anthropic · talks: ~$2B at ~$60B", ("2025-01-anthropic-talks-2-billion-at-60-billion",), ""),
    ("2025-03 · Anthropic · Series E $3.5B at $61.5B post-money", ("2025-03-03-anthropic-series-e",), ""),
    ("2025-09 · Anthropic · Series F $13B at ~$183B", ("2025-09-02-anthropic-series-f",), ""),
    (
        "2025-10-02 (Thu) · Rahul Patil; Sam McCandlish · joined / title",
        (
            "2025-10-02-rahul-patil-joins-anthropic",
            "2025-10-02-sam-mccandlish-ends-anthropic-cto",
            "2025-10-02-sam-mccandlish-becomes-anthropic-chief-architect",
        ),
        "",
    ),
    (
        "2025-11-18 (Tue) · Anthropic · Microsoft and Nvidia up to $15B; Azure compute",
        (
            "2025-11-18-microsoft-and-nvidia-invest-in-anthropic",
            "2025-11-18-anthropic-microsoft-nvidia-compute-agreement",
        ),
        "",
    ),
    ("2026 (a Monday) · Anthropic · confidential IPO filing", (), "out of scope: no event type for an IPO filing yet"),
    ("2026 (a Thursday) · Anthropic · $65B at $900B pre-money", ("2026-05-28-anthropic-series-h",), ""),
    ("2026-01 · Anthropic · talks: ≥$25B at ~$350B", ("2026-01-anthropic-talks-25-billion-at-350-billion",), ""),
    (
        "2026-01-14 · Mike Krieger · to Anthropic Labs",
        (
            "2026-01-13-mike-krieger-joins-anthropic-labs",
            "2026-01-13-mike-krieger-ends-anthropic-cpo",
            "2026-01-13-mike-krieger-heads-anthropic-labs",
        ),
        "",
    ),
    ("2026-02 · Anthropic · $30B at $380B, GIC and Coatue", ("2026-02-12-anthropic-series-g",), ""),
    ("2026-05-28 (Thu) · Anthropic · Series H $65B at $965B post-money", ("2026-05-28-anthropic-series-h",), ""),
    ("2026-06 · Mike Krieger · head of Anthropic Labs (status)", ("2026-01-13-mike-krieger-heads-anthropic-labs",), ""),
    (
        "2026-06-01 (Mon) · Anthropic · IPO: confidential draft S-1",
        (),
        "out of scope: no event type for an IPO filing yet",
    ),
    # Google DeepMind
    ("2024-03 · Demis Hassabis · knighthood", (), "out of scope: an honour, not a role or money"),
    (
        "2024-08-23 (report; memo) · Noam Shazeer · joined / Gemini co-lead",
        (
            "2024-08-02-noam-shazeer-joins-google-deepmind",
            "2024-08-02-noam-shazeer-becomes-gemini-co-lead",
            "2024-08-02-google-character-ai-licensing-agreement",
        ),
        "",
    ),
    ("2024-10-09 (Wed) · Demis Hassabis; John Jumper · Nobel Prize", (), "out of scope: an award, not a role or money"),
    (
        "2025-06-11 (Wed) · Koray Kavukcuoglu · Chief AI Architect",
        (
            "2025-06-11-koray-kavukcuoglu-becomes-google-chief-ai-architect",
            "2025-06-11-koray-kavukcuoglu-joins-google",
            "2025-06-11-aiapps-says-kavukcuoglu-reports-to-pichai-and-hassabis",
        ),
        "",
    ),
    (
        "2026-06-18 · Noam Shazeer · left (to OpenAI)",
        ("2026-06-17-noam-shazeer-leaves-google-deepmind", "2026-06-17-noam-shazeer-joins-openai"),
        "",
    ),
    (
        "2026-06-18 (Thu) · Noam Shazeer · left / joined",
        ("2026-06-17-noam-shazeer-leaves-google-deepmind", "2026-06-17-noam-shazeer-joins-openai"),
        "",
    ),
    ("2026-06-19 · John Jumper · left (to Anthropic)", ("2026-06-19-john-jumper-leaves-google-deepmind",), ""),
    # Meta
    (
        "2025-04-01 → 2025-05-30 · Joelle Pineau · left",
        ("2025-04-01-joelle-pineau-meta-fair-head-role-ends", "2025-05-30-joelle-pineau-leaves-meta-fair"),
        "",
    ),
    (
        "2025-06 · Alexandr Wang · joined / Scale AI investment",
        (
            "2025-06-12-alexandr-wang-joins-meta",
            "2025-06-12-meta-invests-in-scale-ai",
            "2025-06-12-alexandr-wang-leaves-scale-ai",
        ),
        "",
    ),
    (
        "2025-06-30 (Mon) · Alexandr Wang; Nat Friedman · MSL",
        (
            "2025-06-30-alexandr-wang-becomes-meta-chief-ai-officer",
            "2025-06-30-alexandr-wang-heads-meta-superintelligence-labs",
            "2025-06-30-nat-friedman-joins-meta-superintelligence-labs",
            "2025-06-30-meta-superintelligence-labs-unit-of-meta",
        ),
        "",
    ),
    (
        "2025-07-25 (Fri) · Shengjia Zhao · MSL chief scientist",
        (
            "2025-07-25-shengjia-zhao-becomes-msl-chief-scientist",
            "2025-06-shengjia-zhao-joins-meta-superintelligence-labs",
        ),
        "",
    ),
    (
        "2025-08 · Alexandr Wang; Nat Friedman · four teams; Friedman reports to Wang",
        (
            "2025-08-19-nat-friedman-msl-co-lead-role-ends",
            "2025-08-19-meta-tbd-lab-unit-of-meta-superintelligence-labs",
            "2025-08-19-meta-msl-infra-unit-of-meta-superintelligence-labs",
        ),
        "",
    ),
    (
        "2025-10-22 (Wed) · Alexandr Wang (memo) · ~600 roles cut",
        ("2025-10-22-meta-superintelligence-labs-cuts-600-roles",),
        "",
    ),
    (
        "2025-11-19 (Wed) · Yann LeCun · leaving at the end of 2025; AMI",
        ("2025-12-yann-lecun-leaves-meta", "2025-11-19-ami-labs-founded"),
        "",
    ),
    (
        "2026-03-04 / 2026-03-09 · Alexandr Wang; Maher Saba; Andrew Bosworth · applied AI engineering",
        ("2026-03-maher-saba-heads-meta-applied-ai-engineering", "2026-03-reports-say-wang-loses-engineering-teams"),
        "",
    ),
    (
        "2026-03-10 · Yann LeCun · AMI Labs seed $1.03B at $3.5B pre-money",
        ("2026-03-10-ami-labs-closes-seed-round",),
        "",
    ),
    # xAI
    ("2024-05-26 (Sun) · xAI · Series B $6B at $24B post-money", ("2024-05-26-xai-closes-series-b",), ""),
    ("2024-11-21 / 2024-12-05 · xAI · Series C $6B", ("2024-12-05-xai-closes-series-c",), ""),
    ("2025-03-28 (Fri) · Elon Musk; Linda Yaccarino · xAI acquires X", ("2025-03-28-xai-acquires-x",), ""),
    ("2025-07 / 2025-08 · Linda Yaccarino; Robert Keele · left", ("2025-07-09-linda-yaccarino-leaves-x-corp",), ""),
    ("2025-08-13 (Wed) · Igor Babuschkin · left", ("2025-08-13-igor-babuschkin-leaves-xai",), ""),
    ("2026-01 · xAI · Series E $20B at ~$230B (in passing)", ("2026-01-06-xai-closes-series-e",), ""),
    (
        "2026-01 · Greg Yang · stepped back",
        ("2026-01-greg-yang-leaves-xai", "2026-01-greg-yang-cites-health-for-stepping-back"),
        "",
    ),
    ("2026-01-06 (Tue) · xAI · Series E $20B", ("2026-01-06-xai-closes-series-e",), ""),
    ("2026-01-31 / 2026-02-02 · Elon Musk · SpaceX acquires xAI", ("2026-02-02-spacex-acquires-xai",), ""),
    ("2026-02-09 (Mon) · Yuhuai (Tony) Wu · left", ("2026-02-09-yuhuai-wu-leaves-xai",), ""),
    ("2026-02-10 (Tue) · Jimmy Ba · left", ("2026-02-10-jimmy-ba-leaves-xai",), ""),
    ("2026-02-11 (all-hands) · Elon Musk; Toby Pohlen · reorganisation", ("2026-02-11-toby-pohlen-leaves-xai",), ""),
    (
        "2026-03 · Zihang Dai; Guodong Zhang; Toby Pohlen · left",
        (
            "2026-03-09-zihang-dai-leaves-xai",
            "2026-03-09-guodong-zhang-leaves-xai",
            "2026-02-11-toby-pohlen-leaves-xai",
        ),
        "",
    ),
    ("2026-04-10 · Michael Nicolls · president", ("2026-04-michael-nicolls-becomes-xai-president",), ""),
    # SSI
    (
        "2024-06-19 (Wed) · Ilya Sutskever; Daniel Gross; Daniel Levy · founded",
        ("2024-06-19-safe-superintelligence-founded",),
        "",
    ),
    ("2024-09-04 (Wed) · SSI · $1B", ("2024-09-04-safe-superintelligence-raises-1-billion",), ""),
    ("2025-04 / 2025-02 · SSI · valued ~$32B", ("2025-02-safe-superintelligence-raises-2-billion-at-32-billion",), ""),
    (
        "2025-04-11 (report) · SSI · Greenoaks round, Alphabet and Nvidia invest",
        ("2025-02-safe-superintelligence-raises-2-billion-at-32-billion",),
        "",
    ),
    (
        "2025-06-29 · Daniel Gross · left (to Meta)",
        (
            "2025-06-29-daniel-gross-leaves-safe-superintelligence",
            "2025-06-19-daniel-gross-joins-meta-superintelligence-labs",
        ),
        "",
    ),
    (
        "2025-07-03 (Thu) · Ilya Sutskever; Daniel Levy · CEO; president",
        (
            "2025-07-03-ilya-sutskever-becomes-safe-superintelligence-ceo",
            "2025-07-03-daniel-levy-becomes-safe-superintelligence-president",
        ),
        "",
    ),
    # Mistral AI
    ("2023-12 (per the FT in Apr 2024) · Mistral AI · ~€400M at ~€2B", ("2023-12-11-mistral-ai-series-a",), ""),
    (
        "2023-12-11 (Mon) · Mensch, Lacroix, Lample · €385M at €2B",
        ("2023-12-11-mistral-ai-series-a", "2023-05-mistral-ai-founded"),
        "",
    ),
    ("2024-06-11 (Tue) · Arthur Mensch · €600M at €5.8B", ("2024-06-11-mistral-ai-series-b",), ""),
    (
        "2025-09-09 (Tue) · Arthur Mensch; Roger Dassen · Series C €1.7B led by ASML",
        ("2025-09-09-mistral-ai-series-c",),
        "",
    ),
    (
        "2026 (rumours) · Mistral AI · $3.5B at $23.15B",
        (),
        "unverified: a single aggregator; the talks Bloomberg reported are recorded as 2026-06-mistral-ai-talks-3-billion-at-20-billion",
    ),
    # Microsoft AI
    (
        "2024-03-19 (Tue) · Mustafa Suleyman; Karén Simonyan · Microsoft AI",
        (
            "2024-03-19-mustafa-suleyman-joins-microsoft-ai",
            "2024-03-19-karen-simonyan-joins-microsoft-ai",
            "2024-03-19-microsoft-ai-becomes-unit-of-microsoft",
            "2024-03-19-microsoft-inflection-ai-agreement",
        ),
        "",
    ),
    (
        "2025-11-06 (Thu) · Mustafa Suleyman; Karén Simonyan · MAI Superintelligence Team",
        (
            "2025-11-06-mustafa-suleyman-heads-mai-superintelligence-team",
            "2025-11-06-karen-simonyan-joins-mai-superintelligence-team",
            "2025-11-06-mai-superintelligence-team-becomes-unit-of-microsoft-ai",
        ),
        "",
    ),
    (
        "2026-03-17 (Tue) · Jacob Andreou; Mustafa Suleyman · Copilot under Andreou",
        ("2026-03-17-jacob-andreou-becomes-microsoft-evp-copilot",),
        "",
    ),
]


def test_every_row_has_events_or_a_reason(tl: Timeline) -> None:
    known = {e.id for e in tl.events}
    for label, ids, reason in ROWS + FIELD_ROWS:
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


def test_every_dated_row_of_the_field_notes_is_listed() -> None:
    if not FIELD.exists():
        pytest.skip("the research notes are not beside the repository")
    section = FIELD.read_text(encoding="utf-8").split("## 3. Rows per lab", 1)[1].split("## 4.", 1)[0]
    rows = [
        line.split("|")[1].strip()
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith(("| Date", "|---"))
    ]
    assert len(rows) == len(FIELD_ROWS), (len(rows), len(FIELD_ROWS))
    for cell, (label, _, _) in zip(rows, FIELD_ROWS, strict=True):
        years = set(re.findall(r"\b(20[0-9][0-9])\b", cell))
        assert years <= set(re.findall(r"\b(20[0-9][0-9])\b", label)), (cell, label)
