"""What changed between two dates: who joined, who left (and for where), role and funding changes.

A difference of two states: someone who joined and left again between the
two dates does not show; `timeline.records.stints` has every stint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from .vocabulary import title

if TYPE_CHECKING:
    from .api import DateLike, Timeline
    from .state import State

__all__ = ["Change", "diff"]


@frozen(kw_only=True)
class Change:
    """One difference between the two states, with the event behind it."""

    kind: str  # joined, left, role-started, role-ended, funding, valuation, company-appeared
    company: str
    person: str | None
    detail: str
    event: str | None
    certain: bool


def diff(tl: Timeline, start: DateLike, end: DateLike, as_of: DateLike | None = None) -> tuple[Change, ...]:
    """Differences between the state on ``start`` and the state on ``end``."""
    before, after = tl.state(start, as_of), tl.state(end, as_of)
    known = tl.roster(as_of)
    ends = {(s.person, s.company, s.start_event): s for s in known.stints}
    changes: list[Change] = []
    for cid, company in after.companies.items():
        if cid not in before.companies:
            changes.append(
                Change(
                    kind="company-appeared",
                    company=cid,
                    person=None,
                    detail=f"{company.name} appears"
                    + (f" (founded {company.founded})" if company.founded else ""),
                    event=None,
                    certain=True,
                )
            )
    for cid in sorted(set(before.companies) | set(after.companies)):
        old = {m.person: m for m in before.companies[cid].members} if cid in before.companies else {}
        new = {m.person: m for m in after.companies[cid].members} if cid in after.companies else {}
        for pid in sorted(new.keys() - old.keys()):
            member = new[pid]
            changes.append(
                Change(
                    kind="joined",
                    company=cid,
                    person=pid,
                    detail=f"{member.name} joins",
                    event=member.events[0] if member.events else None,
                    certain=member.certain,
                )
            )
        for pid in sorted(old.keys() - new.keys()):
            member = old[pid]
            stint = ends.get((pid, cid, member.events[0])) if member.events else None
            where = ""
            if stint and stint.destination:
                where = f" for {_name(after, stint.destination)}"
            how = f" ({stint.how})" if stint and stint.how else ""
            changes.append(
                Change(
                    kind="left",
                    company=cid,
                    person=pid,
                    detail=f"{member.name} leaves{how}{where}",
                    event=stint.end_event if stint else None,
                    certain=True,
                )
            )
        for pid in sorted(old.keys() & new.keys()):
            was = {r.role: r for r in old[pid].roles}
            now = {r.role: r for r in new[pid].roles}
            for role in sorted(now.keys() - was.keys()):
                changes.append(
                    Change(
                        kind="role-started",
                        company=cid,
                        person=pid,
                        detail=f"{new[pid].name} becomes {title(role)}",
                        event=now[role].events[0],
                        certain=now[role].certain,
                    )
                )
            for role in sorted(was.keys() - now.keys()):
                stint = ends.get((pid, cid, old[pid].events[0]))
                span = next((s for s in stint.roles if s.role == role), None) if stint else None
                changes.append(
                    Change(
                        kind="role-ended",
                        company=cid,
                        person=pid,
                        detail=f"{old[pid].name} is no longer {title(role)}",
                        event=span.end_event if span else None,
                        certain=True,
                    )
                )
        changes.extend(_funding(before, after, cid))
    return tuple(changes)


def _name(state: State, company: str) -> str:
    found = state.companies.get(company)
    return found.name if found else company


def _funding(before: State, after: State, cid: str) -> list[Change]:
    if cid not in after.companies:
        return []
    new = after.companies[cid].funding
    old_rounds = {r.event for r in before.companies[cid].funding.rounds} if cid in before.companies else set()
    out = [
        Change(
            kind="funding",
            company=cid,
            person=None,
            detail=f"{r.round} round: {r.amount:,} {r.currency}"
            + (f" at {r.valuation:,} ({r.valuation_basis})" if r.valuation else ""),
            event=r.event,
            certain=r.certain,
        )
        for r in new.rounds
        if r.event not in old_rounds
    ]
    old_valuation = before.companies[cid].funding.valuation_usd if cid in before.companies else None
    if new.valuation_usd != old_valuation and not out:
        latest = next((r for r in reversed(new.rounds) if r.valuation is not None), None)
        out.append(
            Change(
                kind="valuation",
                company=cid,
                person=None,
                detail=f"valuation {old_valuation} -> {new.valuation_usd}",
                event=latest.event if latest else None,
                certain=new.certain,
            )
        )
    return out
