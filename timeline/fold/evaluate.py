"""The engine's second half: intervals and a day in, the state on that day out, as plain data.

`evaluate` is a pure function of its arguments and returns exactly what
``timeline.converter.unstructure(State)`` would: the command line prints it
without importing attrs or cattrs, and `timeline.api.Timeline.state`
structures it into the typed `timeline.state.State`. One function, so the
two cannot disagree (and a test proves it on every date something changes).

Every fact carries ``certain`` and the bounds it rests on: with an imprecise
date, a fact may or may not hold yet on the query day, and the state says
"possible" rather than guessing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline.fold.intervals import Intervals, Line, Note, Raised, RoleSpan, Stint, certainly_by, holds, possibly_by
from timeline.model.vocabulary import LEADERSHIP, seat, title

__all__ = ["Index", "evaluate", "iso"]

Data = dict[str, Any]


def iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal).isoformat()


def _ref(source: tuple[str, str, str | None, str, str]) -> Data:
    publisher, url, via, host, label = source
    return {"publisher": publisher, "url": url, "via": via, "host": host, "label": label}


def _note(note: Note) -> Data:
    return {
        "event": note.event,
        "about": note.about,
        "date": note.when.text,
        "claimant": note.claimant,
        "claimant_kind": note.claimant_kind,
        "stance": note.stance,
        "summary": note.summary,
        "subject": note.subject,
        "responds_to": list(note.responds_to),
        "sources": [_ref(s) for s in note.sources],
    }


def _relevant(note: Note, day: int) -> bool:
    # A claim shows beside a fact once the fact may have happened, however
    # late the claim (or the subject's denial) was published.
    return possibly_by(note.about_when or note.when, day)


class Index:
    """Intervals arranged by company and by person, built once and read on many days."""

    def __init__(self, intervals: Intervals) -> None:
        self.intervals = intervals
        self.companies = {c.id: c for c in intervals.companies}
        self.people = {p.id: p for p in intervals.people}
        self.by_company: dict[str, list[Stint]] = {}
        self.by_person: dict[str, list[Stint]] = {}
        for stint in intervals.stints:
            self.by_company.setdefault(stint.company, []).append(stint)
            self.by_person.setdefault(stint.person, []).append(stint)
        self.lines: dict[tuple[str, str], list[Line]] = {}
        for line in intervals.lines:
            self.lines.setdefault((line.person, line.company), []).append(line)
        self.raised: dict[str, list[Raised]] = {}
        for raised in intervals.raised:
            self.raised.setdefault(raised.company, []).append(raised)
        self.company_notes: dict[str, list[Note]] = {}
        self.person_notes: dict[str, list[Note]] = {}
        for note in intervals.notes:
            if note.subject is not None:
                self.person_notes.setdefault(note.subject, []).append(note)
            else:
                for cid in note.companies:
                    self.company_notes.setdefault(cid, []).append(note)

    def names(self, pid: str) -> str:
        person = self.people.get(pid)
        return person.name if person else pid

    # -- one company or person on one day ------------------------------------------------

    def company(self, cid: str, day: int) -> Data | None:
        record = self.companies[cid]
        # A company shows from its first event, but never before its founding when that is known.
        if record.first_seen > day or (record.founded is not None and (record.founded.lo or day) > day):
            return None
        founded = record.founded if record.founded and possibly_by(record.founded, day) else None
        stints = self.by_company.get(cid, [])
        holders = self._seat_holders(stints, day)
        members = []
        for stint in stints:
            member = self._member(stint, day, holders)
            if member is not None:
                members.append(member)
        members.sort(key=_member_order)
        leadership: dict[str, str] = {}
        for place in LEADERSHIP:
            chosen = sorted(
                (not r["certain"], m["person"]) for m in members for r in m["roles"] if seat(r["role"]) == place
            )
            if chosen:
                leadership[place] = chosen[0][1]
        return {
            "id": cid,
            "name": record.name,
            "founded": founded.text if founded else None,
            "founders": list(record.founders) if founded else [],
            "founder_count": record.founder_count if founded else None,
            "headquarters": record.headquarters if founded else None,
            "legal_form": record.legal_form if founded else None,
            "leadership": leadership,
            "named_people": len(members),
            "members": members,
            "funding": self._funding(self.raised.get(cid, []), day),
            "notes": [_note(n) for n in self.company_notes.get(cid, []) if _relevant(n, day)],
        }

    def person(self, pid: str, day: int) -> Data | None:
        record = self.people[pid]
        if record.first_seen > day:
            return None
        here: list[tuple[Stint, Data]] = []
        for stint in self.by_person.get(pid, []):
            member = self._member(stint, day, None)
            if member is not None:
                here.append((stint, member))
        here.sort(key=lambda sm: (sm[1]["certain"], sm[0].start.lo or 0))
        main = here[-1] if here else None
        return {
            "id": pid,
            "name": record.name,
            "company": main[0].company if main else None,
            "roles": main[1]["roles"] if main else [],
            "since": main[1]["since"] if main else None,
            "certain": main[1]["certain"] if main else True,
            "other_companies": [s.company for s, _ in here[:-1]],
            "notes": [_note(n) for n in self.person_notes.get(pid, []) if _relevant(n, day)],
        }

    # -- the parts ---------------------------------------------------------------------------

    def _seat_holders(self, stints: list[Stint], day: int) -> dict[str, RoleSpan]:
        """For each seat, the span that rules out its predecessors on ``day``.

        A seat's holders follow one another in event order, so once a later
        holder has certainly started, an earlier one has certainly left it,
        whatever an imprecise end date allows; and while a holder certainly
        sits, no later one can have started.
        """
        by_seat: dict[str, list[RoleSpan]] = {}
        for stint in stints:
            for span in stint.roles:
                place = seat(span.role)
                if place is not None:
                    by_seat.setdefault(place, []).append(span)
        ruling: dict[str, RoleSpan] = {}
        for place, spans in by_seat.items():
            spans.sort(key=lambda s: s.order)
            for span in spans:
                if holds(span.start, span.end, day)[1]:
                    ruling[place] = span
                    break
                if certainly_by(span.start, day):
                    ruling[place] = span
        return ruling

    def _member(self, stint: Stint, day: int, holders: dict[str, RoleSpan] | None) -> Data | None:
        possibly, certainly = holds(stint.start, stint.end, day)
        if not possibly:
            return None
        if not certainly_by(stint.start, day):
            status = "possibly-joined"
        elif stint.end is not None and possibly_by(stint.end, day):
            status = "possibly-left"
        else:
            status = "current"
        name = self.names(stint.person)
        return {
            "person": stint.person,
            "name": name,
            "roles": self._roles(stint, day, certainly, holders),
            "since": stint.start.text,
            "since_lower": iso(stint.start.lo),
            "since_upper": iso(stint.start.hi),
            "until": stint.end.text if status == "possibly-left" and stint.end else None,
            "status": status,
            "certain": certainly,
            "founder": stint.founder,
            "standing": stint.standing,
            "reports_to": self._line(stint, day, certainly),
            "events": [event for event, when in stint.events if possibly_by(when, day)],
        }

    def _roles(self, stint: Stint, day: int, member_certain: bool, holders: dict[str, RoleSpan] | None) -> list[Data]:
        out = []
        for span in stint.roles:
            possibly, certainly = holds(span.start, span.end, day)
            if not possibly:
                continue
            place = seat(span.role)
            ruling = holders.get(place) if holders is not None and place is not None else None
            ruled_out = ruling is not None and ruling is not span
            if (
                ruled_out
                and ruling is not None
                and (holds(ruling.start, ruling.end, day)[1] or ruling.order > span.order)
            ):
                continue  # ruled out by the seat's order (see _seat_holders)
            ends = span.end is not None and possibly_by(span.end, day)
            out.append(
                {
                    "role": span.role,
                    "title": title(span.role),
                    "named_as": span.title,
                    "since": span.start.text,
                    "since_lower": iso(span.start.lo),
                    "since_upper": iso(span.start.hi),
                    "until": span.end.text if ends and span.end else None,
                    "certain": certainly and member_certain,
                    "events": [span.start_event] + ([span.end_event] if ends and span.end_event else []),
                }
            )
        return out

    def _line(self, stint: Stint, day: int, member_certain: bool) -> Data | None:
        for line in self.lines.get((stint.person, stint.company), []):
            possibly, certainly = holds(line.start, line.end, day)
            if not possibly:
                continue
            ends = line.end is not None and possibly_by(line.end, day)
            return {
                "manager": line.manager,
                "name": self.names(line.manager),
                "since": line.start.text,
                "since_lower": iso(line.start.lo),
                "since_upper": iso(line.start.hi),
                "until": line.end.text if ends and line.end else None,
                "certain": certainly and member_certain,
                "events": [line.start_event] + ([line.end_event] if ends and line.end_event else []),
            }
        return None

    def _funding(self, raised: list[Raised], day: int) -> Data | None:
        held: list[Data] = []
        for item in raised:
            if not possibly_by(item.when, day):
                continue
            held.append(
                {
                    "event": item.event,
                    "kind": item.kind,
                    "round": item.round,
                    "date": item.when.text,
                    "date_lower": iso(item.when.lo),
                    "date_upper": iso(item.when.hi),
                    "amount": item.amount,
                    "currency": item.currency,
                    "valuation": item.valuation,
                    "valuation_basis": item.basis,
                    "investors": [name for _, name, _ in item.investors],
                    "lead_investors": [name for _, name, lead in item.investors if lead],
                    "certain": certainly_by(item.when, day),
                }
            )
        if not held:
            return None  # nothing recorded: unknown, which is not zero
        disclosed = [r["amount"] for r in held if r["amount"] is not None and r["currency"] == "USD"]
        latest = next((r for r in reversed(held) if r["valuation"] is not None), None)
        investors: dict[str, None] = {}
        for r in held:
            investors.update(dict.fromkeys(r["investors"]))
        return {
            "total_usd": sum(disclosed) if disclosed else None,
            "undisclosed": sum(1 for r in held if r["amount"] is None),
            "valuation_usd": latest["valuation"] if latest else None,
            "valuation_basis": latest["valuation_basis"] if latest else None,
            "investors": list(investors),
            "certain": all(r["certain"] for r in held),
            "rounds": held,
        }


def _member_order(member: Data) -> tuple[int, bool, str, str]:
    """Leaders first (CEO, CTO, ...), then founders, then by start date."""
    ranks = [LEADERSHIP.index(s) for r in member["roles"] if (s := seat(r["role"])) in LEADERSHIP]
    return (
        min(ranks, default=len(LEADERSHIP)),
        not member["founder"],
        member["since_lower"] or "",
        member["person"],
    )


def evaluate(
    intervals: Intervals | Index,
    day: dt.date,
    as_of: dt.date | None = None,
    release: str | None = None,
) -> Data:
    """The state on ``day`` as plain data: what ``converter.unstructure(State)`` gives."""
    index = intervals if isinstance(intervals, Index) else Index(intervals)
    n = day.toordinal()
    companies = {}
    for cid in sorted(index.companies):
        company = index.company(cid, n)
        if company is not None:
            companies[cid] = company
    people = {}
    for pid in sorted(index.people):
        person = index.person(pid, n)
        if person is not None:
            people[pid] = person
    return {
        "date": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "release": release,
        "coverage": {"first": iso(index.intervals.first), "latest": iso(index.intervals.latest)},
        "companies": companies,
        "people": people,
    }
