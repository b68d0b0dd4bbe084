"""What each question's answer looks like, for every command but ``state`` (see `timeline.present`).

One function per kind of answer, each giving an `Output`: the answer itself
for JSON, the one record shape for CSV and JSON Lines, and tables and text
for people. Nothing here computes a fact: it only arranges them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.model.text import visible
from timeline.model.wording import Dates, long_date
from timeline.show.render import Output, Table

if TYPE_CHECKING:
    from timeline.ask.catalogue import Citation
    from timeline.ask.diff import Change
    from timeline.ask.directory import CompanyEntry, PersonEntry
    from timeline.ask.history import History
    from timeline.ask.impact import Impact
    from timeline.ask.why import Conflict, Why
    from timeline.check.manifest import Release
    from timeline.fold.state import Note, SourceRef
    from timeline.model.events import Event
    from timeline.model.problems import Problem
    from timeline.model.vocabulary import Roles

__all__ = [
    "changes",
    "check_report",
    "citations",
    "companies",
    "conflict_list",
    "event_list",
    "history",
    "people",
    "why",
]

POSSIBLY = "(?)"


def _knowing(as_of: dt.date | None, release: str | None = None) -> str:
    text = "everything known" if as_of is None else f"as known on {as_of.isoformat()}"
    return text + (f", release {release[:12]}" if release else "")


def _sources(sources: Sequence[SourceRef], indent: str) -> list[str]:
    return [f"{indent}{s.label}: {s.url}" for s in sources]


def why(result: Why, evidence: bool = False) -> Output:
    """The answer first: what holds on the day, then what had ended, each fact citing its events by
    number; then each event on one line with its first source. With ``evidence``, each event in full
    (its summary and every source), the disputes, the corrections and the claims about them."""
    numbers = {e.event: f"[{i}]" for i, e in enumerate(result.evidence, start=1)}
    disputed = {c.event for c in result.conflicts}
    day = result.date.isoformat()
    lines = [f"Why: {result.name} ({result.kind}) on {day}, {_knowing(result.as_of, result.release)}"]
    if not result.facts:
        lines.append("")
        lines.append(f"No recorded fact places {result.name} anywhere on {day}.")
        lines.append(f"'timeline history {result.subject}' lists every recorded fact.")
    for heading, ended in ((f"On {day}", False), (f"Ended before {day}", True)):
        chosen = [r for r in result.facts if r.ended == ended]
        if chosen:
            lines += ["", heading]
        for reason in chosen:
            refs = " ".join(numbers[e] for e in reason.events if e in numbers)
            argued = " (sources disagree)" if disputed.intersection(reason.events) else ""
            lines.append(f"- {reason.fact}{'' if reason.certain else ' ' + POSSIBLY}{argued} {refs}".rstrip())
    if result.evidence and not evidence:
        lines += ["", "Events (the best source of each: the outlet's own page where the event has one)"]
        for cited in result.evidence:
            # A copy or relay on another site is listed too, but a reader cites the outlet's own page.
            first = next((s for s in cited.sources if s.via is None), cited.sources[0] if cited.sources else None)
            more = f" (+{len(cited.sources) - 1} more)" if len(cited.sources) > 1 else ""
            where = f" - {first.label}: {first.url}{more}" if first else ""
            lines.append(f"  {numbers[cited.event]} {long_date(cited.date)}: {cited.headline}{where}")
        extra = [
            f"{len(result.conflicts)} dispute(s)" if result.conflicts else "",
            f"{len(result.corrections)} correction(s)" if result.corrections else "",
            f"{len(result.notes)} claim(s)" if result.notes else "",
        ]
        found = ", ".join(e for e in extra if e)
        lines += [
            "",
            f"'timeline why {result.subject} --date {day} --evidence' gives each event's summary and every "
            f"source{', and ' + found if found else ''}.",
        ]
    if POSSIBLY in "\n".join(lines):
        lines.insert(1, f"({POSSIBLY}: a date range covers this day, so it may or may not hold)")
    if evidence:
        lines += _evidence(result, numbers)
    records = tuple(
        {
            "subject": result.subject,
            "date": result.date.isoformat(),
            "as_of": result.as_of.isoformat() if result.as_of else None,
            "fact": reason.fact,
            "certain": reason.certain,
            "ended": reason.ended,
            "disputed": bool(disputed.intersection(reason.events)),
            "events": list(reason.events),
        }
        for reason in result.facts
    )
    return Output(result, records, ("\n".join(lines),))


def _evidence(result: Why, numbers: dict[str, str]) -> list[str]:
    claim_numbers = {n.event: f"[c{i}]" for i, n in enumerate(result.notes, start=1)}
    lines: list[str] = []
    if result.evidence:
        lines += ["", "Events"]
        for evidence in result.evidence:
            basis = f" ({evidence.date_basis})" if evidence.date_basis and evidence.date_basis != "occurred" else ""
            lines.append(f"  {numbers[evidence.event]} {long_date(evidence.date)}{basis}: {evidence.headline}")
            lines.append(f"      {evidence.summary}")
            lines.extend(_sources(evidence.sources, "      - "))
            if evidence.corrected_by:
                lines.append(f"      corrected by {', '.join(evidence.corrected_by)}")
            lines.append(f"      id {evidence.event}")
    if result.conflicts:
        lines += ["", "Where sources disagree (the rule's choice first)"]
        for conflict in result.conflicts:
            lines.extend(_conflict_lines(conflict, "  ", numbers.get(conflict.event, conflict.event)))
    if result.corrections:
        lines += ["", "Corrections applied"]
        for fix in result.corrections:
            lines.append(f"  {fix.event} ({long_date(fix.date)}): {fix.summary}")
    if result.notes:
        lines += ["", "Claims about these events (attributed, not facts)"]
        for note in result.notes:
            lines.extend(_note_lines(note, claim_numbers, numbers))
    return lines


def _note_lines(note: Note, claims: dict[str, str], events: dict[str, str]) -> list[str]:
    answers = [claims.get(r, r) for r in note.responds_to]
    about = events.get(note.about, note.about)
    head = f"  {claims[note.event]} {long_date(note.date)}: {note.stance} by {note.claimant}, about {about}"
    if answers:
        head += f", answering {', '.join(answers)}"
    return [head, f"      {note.summary}", *_sources(note.sources, "      - ")]


def _conflict_lines(conflict: Conflict, indent: str, where: str) -> list[str]:
    lines = [f"{indent}{conflict.field} of {where}:"]
    chosen = conflict.chosen
    lines.append(f"{indent}  = {chosen.shown}" + (f"  ({chosen.note})" if chosen.note else ""))
    lines.extend(_sources(chosen.sources, indent + "      - "))
    for other in conflict.others:
        mark = "~" if other.agrees else "x"
        agreeing = "; agrees: the same valuation on another basis" if other.agrees else ""
        lines.append(
            f"{indent}  {mark} {other.shown}" + (f"  ({other.note}{agreeing})" if other.note or agreeing else "")
        )
        lines.extend(_sources(other.sources, indent + "      - "))
    return lines


def conflict_list(found: tuple[Conflict, ...], as_of: dt.date | None) -> Output:
    lines = [
        f"Conflicts between sources, {_knowing(as_of)}: {len(found)}",
        "(= the value the rule takes; x a value it sets aside; ~ the same value in other terms)",
        "",
    ]
    for conflict in found:
        lines.extend(_conflict_lines(conflict, "", conflict.event))
        lines.append("")
    records = tuple(
        {
            "event": c.event,
            "field": c.field,
            "value": v.shown,
            "taken": v is c.chosen,
            "agrees": v is c.chosen or v.agrees,
            "publishers": [s.label for s in v.sources],
            "urls": [s.url for s in v.sources],
            "note": v.note,
        }
        for c in found
        for v in (c.chosen, *c.others)
    )
    return Output(found, records, ("\n".join(lines).rstrip() + "\n",))


def event_list(events: tuple[Event, ...], as_of: dt.date | None, roles: Roles) -> Output:
    from timeline.ask.records import event_record
    from timeline.model.convert import unstructure_event
    from timeline.model.describe import headline

    dates = Dates()
    rows = [(dates.show(e.date.text, e.date.lower, e.date.upper), e.TYPE, headline(e, roles), e.id) for e in events]
    count = f"{len(events)} event{'' if len(events) == 1 else 's'}, {_knowing(as_of)}"
    table = Table(
        columns=("date", "type", "what", "id"),
        rows=rows,
        title=count,
        legend=dates.legend(),
        flex=("id", "what"),
        empty="no events match",
    )
    records = tuple(event_record(e, roles) for e in events)
    return Output([unstructure_event(e) for e in events], records, (table,))


def people(found: tuple[PersonEntry, ...], day: dt.date, as_of: dt.date | None) -> Output:
    dates = Dates()
    rows = [
        (
            p.id,
            p.name,
            (p.company_name or "-") + ("" if p.certain else f" {POSSIBLY}"),
            ", ".join(p.roles) or "-",
            dates.show(p.first_fact),
            dates.show(p.last_fact),
        )
        for p in found
    ]
    table = Table(
        columns=("id", "name", "at", "role", "first fact", "last fact"),
        rows=rows,
        title=f"{len(found)} people named in the events; where each is on {day.isoformat()}, {_knowing(as_of)}",
        legend=dates.legend(),
        flex=("role", "at"),
    )
    return Output(found, found, (table,))


def companies(found: tuple[CompanyEntry, ...], day: dt.date, as_of: dt.date | None) -> Output:
    dates = Dates()
    rows = [
        (
            c.id,
            c.name,
            dates.show(c.founded) if c.founded else "not recorded",
            str(c.named_people),
            dates.show(c.first_fact),
            dates.show(c.last_fact),
        )
        for c in found
    ]
    table = Table(
        columns=("id", "name", "founded", "named people", "first fact", "last fact"),
        rows=rows,
        title=f"{len(found)} companies named in the events; named people on {day.isoformat()}, {_knowing(as_of)}",
        legend=dates.legend(),
        flex=("name",),
    )
    return Output(found, found, (table,))


def changes(
    found: tuple[Change, ...], start: dt.date, end: dt.date, as_of: dt.date | None, release: Release | None
) -> Output:
    dates = Dates()

    def rows(certain: bool) -> list[tuple[str, ...]]:
        return [
            (dates.show(c.date, c.date_lower, c.date_upper), c.company_name, c.detail, c.event)
            for c in found
            if c.certain == certain
        ]

    # A change whose date range reaches outside the window may belong to it or not: it is listed
    # apart, so that "who moved in 2026?" is not answered with a join that most likely came in 2025.
    sure, unsure = rows(True), rows(False)
    legend = list(dates.legend())
    if any(c.date_lower != c.date_upper for c in found):
        legend.append("rows are ordered by the latest day each change may have happened")
    columns, flex = ("date", "company", "what changed", "event"), ("event", "company")
    first = Table(
        columns=columns,
        rows=sure,
        title=f"Changes after {start.isoformat()} up to {end.isoformat()}, "
        f"{_knowing(as_of, release.chain if release else None)}",
        legend=() if unsure else legend,
        flex=flex,
        empty="no change recorded certainly in this window",
    )
    if not unsure:
        return Output(found, found, (first,))
    apart = Table(
        columns=columns,
        rows=unsure,
        title=f"Changes that may fall in this window ({len(unsure)}): each date range also covers days outside it",
        legend=legend,
        flex=flex,
    )
    return Output(found, found, (first, apart))


def history(found: History) -> Output:
    dates = Dates()
    rows: list[tuple[str, ...]] = []
    legend = set()
    for stint in found.stints:
        first = (stint.company_name if found.kind == "person" else stint.name) + (" *" if stint.founder else "")
        if stint.founder:
            legend.add("founder")
        went = stint.destination_name or ("" if stint.end is None else "not reported")
        how = stint.how if stint.how and stint.how != "unknown" else ("" if stint.end is None else "not reported")
        rows.append(
            (
                first,
                dates.show(stint.start, stint.start_lower, stint.start_upper),
                dates.show(stint.end, stint.end_lower, stint.end_upper) if stint.end else "(no end known)",
                how,
                went,
            )
        )
        for role in found.roles:
            if (role.person, role.company, role.stint_event) != (
                stint.person,
                stint.company,
                stint.start_event,
            ):
                continue
            same = role.named_as is not None and role.named_as.lower() == role.title.lower()
            named = f" ({role.named_as})" if role.named_as and not same else ""
            rows.append(
                (
                    f"  as {role.title}{named}",
                    dates.show(role.start, role.start_lower, role.start_upper),
                    dates.show(role.end, role.end_lower, role.end_upper) if role.end else "(no end known)",
                    "",
                    "",
                )
            )
        for line in found.lines:
            if (line.person, line.company) != (
                stint.person,
                stint.company,
            ) or line.start_event != stint.start_event:
                continue
            ended = " (manager left)" if line.ended_by == "manager-left" else ""
            rows.append(
                (
                    f"  reporting to {line.manager_name}",
                    dates.show(line.start, line.start_lower, line.start_upper),
                    (dates.show(line.end, line.end_lower, line.end_upper) + ended) if line.end else "(no end known)",
                    "",
                    "",
                )
            )
    legend_lines = list(dates.legend())
    if "founder" in legend:
        legend_lines.append("* a co-founder")
    legend_lines.append("(no end known): still there as far as the last source says")
    table = Table(
        columns=("company" if found.kind == "person" else "person", "from", "to", "how it ended", "went to"),
        rows=rows,
        title=f"History of {found.name} ({found.kind}), {_knowing(found.as_of)}",
        legend=legend_lines,
        flex=("company", "person", "to"),
        empty="no recorded stint",
    )
    return Output(found, found.stints, (table,))


def citations(found: tuple[Citation, ...]) -> Output:
    rows = [(c.label, c.kind, c.published, str(len(c.events)), c.url) for c in found]
    publishers = len({c.publisher for c in found})
    relayed = sum(1 for c in found if c.via)
    table = Table(
        columns=("publisher", "kind", "published", "events", "url"),
        rows=rows,
        title=f"{len(found)} sources from {publishers} publishers ({relayed} read through a copy or relay)",
        legend=("Publisher (via site): the outlet's report, read on another site that copied, rewrote or relayed it",),
        flex=("url", "publisher"),
    )
    return Output(found, found, (table,))


_REPEATS = 5  # past this many files with one message, the table shows a count instead


def check_report(problems: Sequence[Problem], checked: int, strict: bool) -> tuple[Output, int]:
    """The check's answer, and how many of its problems fail it."""
    lines = []
    # A thousand files with the same message ("not sealed yet") read as a few lines and a count;
    # the JSON and CSV keep every one.
    same: dict[tuple[str, str], int] = {}
    for _, _, message, severity in problems:
        same[(severity, message)] = same.get((severity, message), 0) + 1
    shown: dict[tuple[str, str], int] = {}
    for path, line, message, severity in problems:
        key = (severity, message)
        shown[key] = shown.get(key, 0) + 1
        kind = "" if severity == "error" else "warning: "
        if same[key] > _REPEATS and shown[key] > _REPEATS - 1:
            if shown[key] == _REPEATS:
                rest = same[key] - _REPEATS + 1
                lines.append(f"... and {rest} more file(s) with the same {kind or 'error: '}{visible(message)}")
            continue
        # A file's name can hold a line break: escaped here, before the lines are joined.
        where = visible(f"{path}:{line}" if line else path)
        lines.append(f"{where}: {kind}{visible(message)}")
    errors = sum(1 for p in problems if p[3] == "error")
    warnings = len(problems) - errors
    failing = errors + (warnings if strict else 0)
    verdict = "ok" if failing == 0 else "FAILED"
    lines.append(f"{checked} event files checked: {errors} error(s), {warnings} warning(s): {verdict}")
    records = tuple(
        {"path": path, "line": line, "severity": severity, "message": message}
        for path, line, message, severity in problems
    )
    data = {
        "files": checked,
        "errors": errors,
        "warnings": warnings,
        "ok": failing == 0,
        "problems": list(records),
    }
    return Output(data, records, ("\n".join(lines),)), failing


def impact_list(found: tuple[Impact, ...], against: str) -> Output:
    """What a change does to the answers, a line per difference: + appears, - goes."""
    dates = Dates()
    rows = [
        (
            "+" if i.sign == "added" else "-",
            i.what,
            dates.show(i.date) if i.date else "",
            i.company,
            i.detail,
            i.event or "",
        )
        for i in found
    ]
    table = Table(
        columns=("", "kind", "date", "company", "what", "event"),
        rows=rows,
        title=f"What the events as they are answer differently from {against}: {len(found)} difference(s)",
        legend=(
            *dates.legend(),
            "+ appears, - goes; a seat line gives the days on which who holds it reads differently",
        ),
        flex=("what", "event", "company"),
        empty="no difference: the change does not alter any answer",
    )
    return Output(found, found, (table,))
