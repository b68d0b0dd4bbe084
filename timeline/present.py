"""What each question's answer looks like: `Output`s built from library results.

One function per kind of answer; `timeline.render` writes them in the
chosen format. Nothing here computes a fact: it only arranges them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .render import Output, Table
from .vocabulary import title

if TYPE_CHECKING:
    # Types only: importing the checker or the converter for every answer
    # would cost a query more than the whole fold.
    from .bundle import Bundle
    from .catalogue import Citation
    from .diff import Change
    from .model import Event
    from .records import StintRecord
    from .state import CompanyState, Member, State
    from .why import Conflict, Reason, Why

__all__ = [
    "changes",
    "check_report",
    "citations",
    "conflict_list",
    "event_list",
    "history",
    "money",
    "state",
    "why",
]

POSSIBLE = "?"
LEGEND = f"{POSSIBLE} possible: a date range covers this day, so it may or may not hold yet  * founder"


def money(amount: int | None, currency: str = "USD") -> str:
    if amount is None:
        return "unknown"
    sign = "$" if currency == "USD" else f"{currency} "
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M")):
        if amount >= size:
            return f"{sign}{amount / size:.1f}{unit}"
    return f"{sign}{amount:,}"


def _knowing(as_of: dt.date | None) -> str:
    return "everything known" if as_of is None else f"as known on {as_of.isoformat()}"


def _mark(certain: bool) -> str:
    return "" if certain else f" {POSSIBLE}"


def _member_row(member: Member, names: dict[str, str]) -> tuple[str, ...]:
    roles = ", ".join(r.title + _mark(r.certain) for r in member.roles)
    name = member.name + (" *" if member.founder else "")
    notes = {
        "current": [],
        "possibly-joined": ["may not have joined yet"],
        "possibly-left": [f"may have left ({member.until})"],
    }[member.status]
    if member.reports_to:
        notes.append(f"reports to {names.get(member.reports_to, member.reports_to)}")
    return (name + _mark(member.certain), roles, member.since, "; ".join(notes))


def _company(company: CompanyState, names: dict[str, str]) -> Table:
    head = company.name
    details = [
        x for x in (f"founded {company.founded}" if company.founded else None, company.headquarters) if x
    ]
    if details:
        head += " - " + ", ".join(details)
    lines = []
    if company.leadership:
        lines.append(
            "Leadership: "
            + ", ".join(
                f"{title(role)} {names.get(person, person)}" for role, person in company.leadership.items()
            )
        )
    funding = company.funding
    if funding.rounds:
        valuation = ""
        if funding.valuation_usd is not None:
            valuation = f", valued {money(funding.valuation_usd)} ({funding.valuation_basis})"
        lines.append(f"Funding: {money(funding.total_usd)} raised{valuation}{_mark(funding.certain)}")
        lines.append("Investors: " + ", ".join(funding.investors))
    return Table(
        columns=("person", "roles", "since", "note"),
        rows=tuple(_member_row(m, names) for m in company.members),
        title=head,
        lines=tuple(lines),
    )


def state(result: State) -> Output:
    names = {pid: p.name for pid, p in result.people.items()}
    blocks: list[Table | str] = [f"State on {result.date.isoformat()}, {_knowing(result.as_of)}"]
    blocks.extend(_company(c, names) for c in result.companies.values())
    blocks.append(LEGEND)
    records = tuple(
        {
            "date": result.date,
            "as_of": result.as_of,
            "company": company.id,
            "company_name": company.name,
            "person": member.person,
            "name": member.name,
            "roles": [r.role for r in member.roles],
            "since": member.since,
            "status": member.status,
            "certain": member.certain,
            "founder": member.founder,
            "reports_to": member.reports_to,
            "events": member.events,
        }
        for company in result.companies.values()
        for member in company.members
    )
    return Output(result, records, tuple(blocks))


def _sources_lines(sources: Iterable[Any], indent: str) -> list[str]:
    return [f"{indent}{s.publisher}: {s.url}" for s in sources]


def _conflict_lines(conflict: Conflict, indent: str) -> list[str]:
    def show(value: object) -> str:
        return value if isinstance(value, str) else repr(value)

    lines = [f"{indent}sources disagree on {conflict.field} ({conflict.event}); the rule takes:"]
    chosen = conflict.chosen
    lines.append(f"{indent}  = {show(chosen.value)}" + (f"  ({chosen.note})" if chosen.note else ""))
    lines.extend(_sources_lines(chosen.sources, indent + "      "))
    for other in conflict.others:
        lines.append(f"{indent}  x {show(other.value)}" + (f"  ({other.note})" if other.note else ""))
        lines.extend(_sources_lines(other.sources, indent + "      "))
    return lines


def _reason_lines(reason: Reason) -> list[str]:
    lines = [f"- {reason.fact}{'' if reason.certain else ' [possible]'}"]
    for evidence in reason.evidence:
        lines.append(f"    {evidence.date}  {evidence.event}")
        lines.append(f"      {evidence.summary}")
        lines.extend(_sources_lines(evidence.sources, "        "))
    for fix in reason.corrections:
        lines.append(f"    corrected by {fix.event} ({fix.date}): {fix.summary}")
    for conflict in reason.conflicts:
        lines.extend(_conflict_lines(conflict, "    "))
    for note in reason.notes:
        lines.append(f"    claim ({note.stance}) by {note.claimant}, {note.date}:")
        lines.append(f"      {note.summary}")
        lines.extend(_sources_lines(note.sources, "        "))
    return lines


def why(result: Why) -> Output:
    head = f"Why: {result.name} ({result.kind}) on {result.date.isoformat()}, {_knowing(result.as_of)}"
    lines = [head, ""]
    for reason in result.facts:
        lines.extend(_reason_lines(reason))
    records = tuple(
        {
            "subject": result.subject,
            "fact": reason.fact,
            "certain": reason.certain,
            "event": evidence.event,
            "event_date": evidence.date,
            "publisher": source.publisher,
            "url": source.url,
        }
        for reason in result.facts
        for evidence in reason.evidence
        for source in evidence.sources
    )
    return Output(result, records, ("\n".join(lines),))


def conflict_list(found: tuple[Conflict, ...], as_of: dt.date | None) -> Output:
    from .convert import converter

    lines = [f"Conflicts between sources, {_knowing(as_of)}: {len(found)}", ""]
    for conflict in found:
        lines.extend(_conflict_lines(conflict, ""))
        lines.append("")
    records = tuple(
        {
            "event": c.event,
            "field": c.field,
            "chosen": converter.unstructure(c.chosen.value),
            "value": converter.unstructure(v.value),
            "taken": v is c.chosen,
            "publishers": [s.publisher for s in v.sources],
            "urls": [s.url for s in v.sources],
            "note": v.note,
        }
        for c in found
        for v in (c.chosen, *c.others)
    )
    return Output(found, records, ("\n".join(lines),))


def event_list(events: tuple[Event, ...]) -> Output:
    from .convert import unstructure_event

    rows = tuple((e.date.text, e.TYPE, e.id, e.summary) for e in events)
    records = tuple(
        {
            "id": e.id,
            "type": e.TYPE,
            "date": e.date.text,
            "public": e.public_day,
            "people": list(e.people),
            "companies": list(e.companies),
            "summary": e.summary,
            "publishers": [s.publisher for s in e.sources],
            "urls": [s.url for s in e.sources],
        }
        for e in events
    )
    table = Table(columns=("date", "type", "id", "summary"), rows=rows, title=f"{len(events)} events")
    return Output([unstructure_event(e) for e in events], records, (table,))


def check_report(report: Bundle, strict: bool) -> Output:
    lines = [str(p) for p in report.problems]
    errors, warnings = len(report.errors), len(report.warnings)
    failing = errors + (warnings if strict else 0)
    verdict = "ok" if failing == 0 else "FAILED"
    lines.append(f"{report.checked} event files checked: {errors} error(s), {warnings} warning(s): {verdict}")
    records = tuple(
        {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message}
        for p in report.problems
    )
    data = {
        "files": report.checked,
        "errors": errors,
        "warnings": warnings,
        "ok": failing == 0,
        "problems": list(records),
    }
    return Output(data, records, ("\n".join(lines),))


def changes(found: tuple[Change, ...], start: dt.date, end: dt.date, as_of: dt.date | None) -> Output:
    rows = tuple((c.company, c.kind, c.detail + _mark(c.certain), c.event or "") for c in found)
    table = Table(
        columns=("company", "change", "what", "event"),
        rows=rows,
        title=f"Changes from {start.isoformat()} to {end.isoformat()}, {_knowing(as_of)}",
        legend=(LEGEND,) if any(not c.certain for c in found) else (),
    )
    return Output(found, found, (table,))


def history(subject: str, name: str, kind: str, found: tuple[StintRecord, ...]) -> Output:
    if kind == "company":
        ordered = sorted(found, key=lambda s: (not s.founder, s.start_lower or dt.date.min, s.person))
        first = ("person", lambda s: s.name + (" *" if s.founder else ""))
    else:
        ordered = list(found)
        first = ("company", lambda s: s.company_name)
    rows = tuple(
        (
            first[1](s),
            ", ".join(title(r) for r in s.roles.split(";") if r),
            s.start,
            s.end or "(no end known)",
            s.how or "",
            s.destination_name or "",
        )
        for s in ordered
    )
    table = Table(
        columns=(first[0], "roles", "start", "end", "how it ended", "went to"),
        rows=rows,
        title=f"History of {name} ({kind})",
        legend=("* founder; '(no end known)': still there as far as the last source says",),
    )
    return Output(tuple(ordered), tuple(ordered), (table,))


def citations(found: tuple[Citation, ...]) -> Output:
    rows = tuple((c.publisher, c.kind, c.published, c.url, ", ".join(c.events)) for c in found)
    table = Table(
        columns=("publisher", "kind", "published", "url", "cited by"),
        rows=rows,
        title=f"{len(found)} sources from {len({c.publisher for c in found})} publishers",
    )
    return Output(found, found, (table,))
