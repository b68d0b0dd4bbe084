"""Synthetic, valid event logs of any size, for the benchmark and the property tests.

`generate(n, seed)` walks a small simulated industry forward in time and
writes what happens as schema-3 event tables: companies are founded, people
join and leave, take and give up roles (never two CEOs at once), rounds close
with disputed valuations, reporters make claims, and some facts are later
corrected or retracted. Dates are days, times with offsets, ranges and open
starts; sources are published some days after the fact, so knowledge time
matters. The same ``(n, seed)`` always gives the same log.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline.check.identities import _close
from timeline.model.events import event_classes
from timeline.read.writing import event_toml

TYPE_RANK: dict[str, int] = {cls.TYPE: cls.RANK for cls in event_classes()}

FIRST = [
    "Ada",
    "Ben",
    "Chen",
    "Dana",
    "Eli",
    "Fatima",
    "Goran",
    "Hana",
    "Ivan",
    "Jun",
    "Kemi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Uma",
    "Victor",
    "Wei",
    "Yara",
]
LAST = [
    "Abe",
    "Brandt",
    "Costa",
    "Dube",
    "Eriksen",
    "Fox",
    "Gupta",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Mensah",
    "Novak",
    "Okafor",
    "Park",
    "Quist",
    "Rossi",
    "Singh",
    "Tanaka",
    "Ueda",
    "Vance",
]
COMPANY_WORDS = [
    "Applied",
    "Bright",
    "Cortex",
    "Deep",
    "Ember",
    "Frontier",
    "Gradient",
    "Helix",
    "Index",
    "Juniper",
    "Kernel",
    "Lattice",
    "Meridian",
    "Neural",
    "Orbit",
    "Prism",
    "Quanta",
    "Relay",
]
PUBLISHERS = [
    "TechCrunch",
    "Wired",
    "The Information",
    "Bloomberg",
    "Reuters",
    "The Verge",
    "Financial Times",
    "The New York Times",
    "The Wall Street Journal",
    "Axios",
    "Fortune",
]
ROLES = ["ceo", "cto", "chief-scientist", "researcher", "member-of-technical-staff"]
EXCLUSIVE = {"ceo", "cto", "chief-scientist"}
ROUNDS = ["seed", "series-a", "series-b", "series-c", "series-d", "series-e"]

Table = dict[str, Any]


def _variants(key: str) -> set[str]:
    return {key, key.replace("-", ""), *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def _kebab(text: str) -> str:
    return "-".join(text.lower().replace("'", "").split())


class _World:
    def __init__(self, seed: int, start: dt.date) -> None:
        self.rng = random.Random(seed)
        self.day = start
        self.count = 0
        self.people: dict[str, str] = {}
        self.companies: dict[str, str] = {}
        self.founded: list[str] = []
        self.at: dict[tuple[str, str], set[str]] = {}  # (person, company) -> roles held
        self.members: dict[str, list[str]] = {}  # company -> people there, in joining order
        self.holders: dict[tuple[str, str], str] = {}  # (company, exclusive role) -> person
        self.rounds: dict[str, int] = {}
        self.left_events: list[str] = []
        self.claim_events: list[str] = []
        self.events: list[str] = []
        self.facts: set[tuple[str, ...]] = set()
        self.last_day = start - dt.timedelta(days=1)
        self.last_rank = -1
        self.near: dict[str, set[str]] = {}  # one-letter-deleted forms of every id made -> those ids

    def fresh(self, *fact: str) -> bool:
        """True the first time a fact is seen on this day: the checker refuses copies."""
        key = (*fact, self.day.isoformat())
        if key in self.facts:
            return False
        self.facts.add(key)
        return True

    def _alike(self, new: str) -> bool:
        """Whether ``new`` is a typo away from an id already made: the check would take it for a fork."""
        return any(other != new and _close(other, new) for v in _variants(new) for other in self.near.get(v, ()))

    def _keep(self, new: str) -> None:
        for variant in _variants(new):
            self.near.setdefault(variant, set()).add(new)

    def person(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            pid = _kebab(name)
            if pid in self.people:
                if self.rng.random() < 0.7:
                    return pid
                continue
            if not self._alike(pid):
                self.people[pid] = name
                self._keep(pid)
                return pid

    def company(self) -> str:
        while True:
            name = f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(COMPANY_WORDS)} Labs"
            if _kebab(name) in self.companies:  # the word pairs run out after a few hundred
                name = f"{name} {self.rng.randrange(10**6)}"
            cid = _kebab(name)
            if cid not in self.companies and not self._alike(cid):
                self.companies[cid] = name
                self._keep(cid)
                return cid

    def date(self, kind: str, allow_range: bool = True) -> str:
        """A date for the next event that sorts after every event so far.

        The fold orders a day's events by time, then kind (endings first),
        then id; a world that did things in another order would contradict
        itself, so a kind that would sort too early moves to the next day.
        """
        rank = TYPE_RANK[kind]
        if self.day == self.last_day and rank < self.last_rank:
            self.day += dt.timedelta(days=1)
        first_today = self.day != self.last_day
        self.last_day, self.last_rank = self.day, rank
        roll = self.rng.random()
        day = self.day.isoformat()
        if first_today and roll < 0.15:
            self.last_rank = -1  # untimed events of any kind sort after a timed one
            hour, minute = self.rng.randrange(24), self.rng.randrange(60)
            return f"{day}T{hour:02d}:{minute:02d}:00-08:00"
        if allow_range and roll < 0.25:
            return f"{day}/{(self.day + dt.timedelta(days=self.rng.randrange(1, 40))).isoformat()}"
        return day

    def sources(self, keys: list[str] | None = None) -> list[Table]:
        out = []
        for index in range(len(keys) if keys else self.rng.randrange(1, 4)):
            publisher = self.rng.choice(PUBLISHERS)
            self.count += 1
            source: Table = {
                "publisher": publisher,
                "url": f"https://news.example.com/{_kebab(publisher)}/{self.count}",
                "published": (self.day + dt.timedelta(days=self.rng.randrange(0, 20))).isoformat(),
                "kind": "primary" if self.rng.random() < 0.2 else "report",
            }
            if keys:
                source["key"] = keys[index]
            out.append(source)
        return out

    def event(
        self,
        kind: str,
        slug: str,
        date: str,
        body: Table,
        people: list[str],
        companies: list[str],
        sources: list[Table] | None = None,
    ) -> Table:
        self.count += 1
        prefix = date.split("/")[0][:10] if not date.startswith("../") else date[3:13]
        event_id = f"{prefix}-{slug}-{self.count}"
        table: Table = {
            "schema": 3,
            "date_basis": "occurred",
            "id": event_id,
            "type": kind,
            "date": date,
            "summary": f"{kind.replace('-', ' ').capitalize()}: {slug.replace('-', ' ')}.",
            **body,
            "people": {p: self.people[p] for p in dict.fromkeys(people)},
            "companies": {c: self.companies[c] for c in dict.fromkeys(companies)},
            "sources": sources or self.sources(),
        }
        self.events.append(event_id)
        return table


# The logs end before this day, whatever their size: the check refuses a date (or a source) in the future.
END = dt.date(2026, 1, 1)


def generate(n: int, seed: int = 0, start: dt.date | None = None) -> list[Table]:
    """``n`` valid event tables, in order; they start early enough (by default) to end before `END`.

    The clock moves about 0.85 days per event on average; sources follow their events
    by up to 20 days.
    """
    begin = start or min(dt.date(2020, 1, 1), END - dt.timedelta(days=n * 9 // 10 + 60))
    world = _World(seed, begin)
    out: list[Table] = []
    while len(out) < n:
        out.extend(_step(world))
        if world.rng.random() < 0.6:
            world.day += dt.timedelta(days=world.rng.randrange(0, 3))
    return out[:n]


def _step(w: _World) -> Iterator[Table]:
    """One thing happens. Each branch picks its date first (which may move to the
    next day), then checks that the fact is new, and only then changes the world."""
    rng = w.rng
    roll = rng.random()
    if not w.founded or (roll < 0.03 and len(w.founded) < 400):
        date = w.date("company-founded", allow_range=False)
        cid = w.company()
        founder = w.person()
        w.founded.append(cid)
        w.at[(founder, cid)] = {"ceo"}
        w.members.setdefault(cid, []).append(founder)
        w.holders[(cid, "ceo")] = founder
        body: Table = {"company": cid, "founders": [founder], "roles": {founder: ["ceo"]}}
        yield w.event("company-founded", f"{cid}-founded", date, body, [founder], [cid])
        return
    cid = rng.choice(w.founded)
    members = w.members.get(cid, [])
    if roll < 0.40 or not members:
        pid = w.person()
        date = w.date("person-joined")
        if rng.random() < 0.1 and "T" not in date and "/" not in date:
            date = f"../{date}"
        if (pid, cid) in w.at or not w.fresh("join", pid, cid):
            return
        role = rng.choice(["researcher", "member-of-technical-staff", ""])
        w.at[(pid, cid)] = {role} if role else set()
        w.members.setdefault(cid, []).append(pid)
        body = {"person": pid, "company": cid, "roles": [role] if role else []}
        yield w.event("person-joined", f"{pid}-joins-{cid}", date, body, [pid], [cid])
    elif roll < 0.62:
        pid = rng.choice(members)
        date = w.date("person-left")
        if not w.fresh("leave", pid, cid):
            return
        w.members[cid].remove(pid)
        for role in w.at.pop((pid, cid)):
            if w.holders.get((cid, role)) == pid:
                del w.holders[(cid, role)]
        body = {"person": pid, "company": cid, "how": rng.choice(["resigned", "dismissed", "unknown"])}
        yield w.event("person-left", f"{pid}-leaves-{cid}", date, body, [pid], [cid])
        w.left_events.append(w.events[-1])
    elif roll < 0.75:
        pid = rng.choice(members)
        role = rng.choice(ROLES)
        if role in w.at[(pid, cid)] or (role in EXCLUSIVE and (cid, role) in w.holders):
            return
        date = w.date("role-started", allow_range=False)
        if not w.fresh("role-started", pid, cid, role):
            return
        w.at[(pid, cid)].add(role)
        if role in EXCLUSIVE:
            w.holders[(cid, role)] = pid
        body = {"person": pid, "company": cid, "role": role}
        yield w.event("role-started", f"{pid}-becomes-{role}-at-{cid}", date, body, [pid], [cid])
    elif roll < 0.82:
        pid = rng.choice(members)
        if not w.at[(pid, cid)]:
            return
        role = rng.choice(sorted(w.at[(pid, cid)]))
        date = w.date("role-ended", allow_range=False)
        if not w.fresh("role-ended", pid, cid, role):
            return
        w.at[(pid, cid)].discard(role)
        if w.holders.get((cid, role)) == pid:
            del w.holders[(cid, role)]
        body = {"person": pid, "company": cid, "role": role}
        yield w.event("role-ended", f"{pid}-ends-{role}-at-{cid}", date, body, [pid], [cid])
    elif roll < 0.88:
        date = w.date("funding-round", allow_range=False)
        number = w.rounds.get(cid, 0)
        w.rounds[cid] = number + 1
        name = ROUNDS[number] if number < len(ROUNDS) else f"round-{number + 1}"
        amount = rng.randrange(1, 500) * 1_000_000
        post = amount * rng.randrange(3, 12)
        sources = w.sources(["first-report", "announcement"])
        sources[0]["kind"], sources[1]["kind"] = "report", "primary"
        valuation = {"amount": post, "currency": "USD", "basis": "post-money"}
        claims = [
            {
                "field": "valuation",
                "value": {"amount": post - amount, "currency": "USD", "basis": "unspecified"},
                "sources": ["first-report"],
            },
            {"field": "valuation", "value": valuation, "sources": ["announcement"]},
        ]
        body = {
            "company": cid,
            "round": name,
            "amount": amount,
            "currency": "USD",
            "investors": [{"id": "fund-a", "name": "Fund A", "lead": True}],
            "valuation": valuation,
            "claims": claims,
        }
        yield w.event("funding-round", f"{cid}-{name}", date, body, [], [cid], sources)
    elif roll < 0.95 and w.left_events:
        about = rng.choice(w.left_events[-20:])
        date = w.date("claim", allow_range=False)
        body = {
            "about": about,
            "claimant": rng.choice(PUBLISHERS),
            "claimant_kind": "publication",
            "stance": rng.choice(["allegation", "characterisation"]),
        }
        if not w.fresh("claim", about, body["claimant"], body["stance"]):
            return
        yield w.event("claim", f"claim-about-{_short(about)}", date, body, [], [])
        w.claim_events.append(w.events[-1])
    elif w.claim_events:
        target = w.claim_events.pop(rng.randrange(len(w.claim_events)))
        if rng.random() < 0.5:
            date = w.date("retraction", allow_range=False)
            body = {"retracts": target, "reason": "The outlet withdrew the report."}
            yield w.event("retraction", f"retract-{_short(target)}", date, body, [], [], _later(w))
        else:
            date = w.date("correction", allow_range=False)
            body = {
                "corrects": target,
                "reason": "The outlet rephrased its report.",
                "changes": {"stance": "characterisation"},
            }
            yield w.event("correction", f"correct-{_short(target)}", date, body, [], [], _later(w))


def _short(event_id: str) -> str:
    return event_id[11:40].strip("-")


def _later(w: _World) -> list[Table]:
    # A fix is public after what it fixes: published at least 20 days on.
    sources = w.sources()
    for source in sources:
        source["published"] = (w.day + dt.timedelta(days=20 + w.rng.randrange(0, 10))).isoformat()
    return sources


# --- Writing TOML (the few shapes events use) --------------------------------------


to_toml = event_toml


def write(tables: list[Table], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table in tables:
        (folder / f"{table['id']}.toml").write_text(to_toml(table), encoding="utf-8")
    return folder
