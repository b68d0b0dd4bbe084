"""What the state's answer looks like: tables, and the roster's records for CSV and JSON Lines.

The state is the command line's fast path, so this module reads the state's
values (`timeline.fold.state`) and imports nothing that needs attrs or cattrs.
The records are `timeline.ask.records.members`, the same rows the API and the
DataFrames give. The other commands' answers are arranged in `timeline.show.answers`.
"""

from __future__ import annotations

import datetime as dt

from timeline.ask.records import members
from timeline.fold.state import CompanyState, Funding, Seat, State
from timeline.model.wording import Dates, listing, long_date, money, round_name, valuation
from timeline.show.render import Output, Table

__all__ = ["company_table", "coverage_lines", "header", "leaders", "leadership_line", "legend_lines", "state"]
POSSIBLY = "(?)"


def header(what: str, as_of: dt.date | None, release: str | None) -> str:
    """``State on 2026-01-15, everything known`` and the release it rests on."""
    text = f"{what}, {f'as known on {as_of.isoformat()}' if as_of else 'everything known'}"
    if release:
        text += f", release {release[:12]}"
    return text


def coverage_lines(state: State) -> list[str]:
    """What the data covers, and a warning when the question lies outside it."""
    first, latest, day = state.coverage.first, state.coverage.latest, state.date
    out = [f"The data runs from {first} to {latest} (the latest fact it holds)."] if first and latest else []
    if latest and day > latest:
        out.append(
            f"{day} is after the latest fact ({latest}): this is the state as the last sources left it, "
            "not news of that day."
        )
    if first and day < first:
        out.append(f"{day} is before the first fact ({first}): nothing is recorded that early.")
    return out


def _valued_at(funding: Funding) -> str:
    """Which recorded deal the valuation comes from: it is the last one given, not today's worth."""
    valued = [r for r in funding.rounds if r.valuation is not None]
    if not valued:
        return ""
    last = max(valued, key=lambda r: r.date_upper or r.date_lower or dt.date.min)
    what = round_name(last.round or "") if last.kind == "round" else f"investment by {listing(last.investors)}"
    return f" at its {what} ({long_date(last.date)}), the last valuation recorded"


def _funding_lines(funding: Funding | None) -> list[str]:
    if funding is None:
        return ["Funding: none recorded (unknown, not zero)"]
    parts = []
    rounds = sum(r.kind == "round" for r in funding.rounds)
    others = len(funding.rounds) - rounds
    counted = " and ".join(
        f"{n} {word}{'s' if n > 1 else ''}" for n, word in ((rounds, "round"), (others, "investment")) if n
    )
    if funding.raised:
        total = " and ".join(money(s.amount, s.currency) for s in funding.raised)
        parts.append(f"{total} raised in the {counted} recorded here (not a lifetime total)")
    if funding.undisclosed:
        count = funding.undisclosed
        parts.append(f"{'plus ' if parts else ''}{count} undisclosed amount{'s' if count > 1 else ''}")
    if funding.valuation is not None:
        worth = funding.valuation
        at = _valued_at(funding)
        parts.append(f"valued {valuation(worth.amount, funding.valuation_basis, worth.currency)}{at}")
    line = "Funding: " + ", ".join(parts)
    if not funding.certain:
        line += f" {POSSIBLY}: a round's closing date range covers this day"
    out = [line]
    if funding.investors:
        out.append("Investors: " + ", ".join(funding.investors))
    return out


def _seat(seat: Seat, dates: Dates) -> str:
    mark = "" if seat.certain else f" {POSSIBLY}"
    if seat.status == "held":
        since = dates.show(seat.since, seat.since_lower, seat.since_upper)
        return f"{seat.role_title} {seat.name} (since {since}){mark}"
    if seat.status == "vacant":
        return f"{seat.title} vacant (since {dates.show(seat.since, seat.since_lower, seat.since_upper)}){mark}"
    return f"{seat.title} not recorded"


def leadership_line(company: CompanyState, dates: Dates) -> str:
    """``Leadership: CEO Sam Altman (since ...), CTO vacant (since ...)``, or why there is no such line.

    A seat the dataset tracks is always named: held, vacant where a source says so, or "not
    recorded", a gap in the data. A company whose leadership the dataset does not track says so,
    and names only the seats the sources happen to fill.
    """
    seats = ", ".join(_seat(s, dates) for s in company.seats)
    if company.tracked:
        return f"Leadership: {seats}"
    if company.tracking_since is not None:
        scope = f"tracked from {company.tracking_since.isoformat()}"
    else:
        scope = "not tracked in this dataset"
    return f"Leadership: {scope}" + (f"; the sources name {seats}" if seats else "")


def company_table(company: CompanyState, dates: Dates, legend: set[str]) -> Table:
    head = company.name
    details = []
    if company.founded:
        details.append(f"founded {dates.show(company.founded)}")
    if company.headquarters:
        details.append(company.headquarters)
    if details:
        head += " (" + ", ".join(details) + ")"
    lines = []
    if company.unit_of is not None:
        parent = company.unit_of
        since = dates.show(parent.since, parent.since_lower, parent.since_upper)
        mark = "" if parent.certain else f" {POSSIBLY}"
        lines.append(f"Part of {parent.name} (since {since}){mark}")
    lines.append(leadership_line(company, dates))
    if company.units:
        units = []
        for unit in company.units:
            since = dates.show(unit.since, unit.since_lower, unit.since_upper)
            units.append(f"{unit.name} (since {since})" + ("" if unit.certain else f" {POSSIBLY}"))
        lines.append("Units: " + ", ".join(units) + " (each shown with its own people)")
    if company.founded and company.founders:
        named = len(company.founders)
        count = company.founder_count
        # The count the sources give, where it differs from the names they give one by one.
        counted = f", of {count} counted (see 'timeline why {company.id}')" if count not in (None, named) else ""
        lines.append(f"Co-founders: {named} named{counted}")
    lines.extend(_funding_lines(company.funding))
    count = company.named_people
    if count:
        lines.append(
            f"{count} named {'person' if count == 1 else 'people'} on this date (the sources' names, not a staff list)"
        )
    rows = []
    for member in company.members:
        roles = member.roles
        notes = []
        if member.status == "possibly-joined":
            notes.append("may not have joined yet")
        elif member.status == "possibly-left":
            notes.append(f"may have left ({dates.show(member.until)})")
        line = member.reports_to
        if line is not None:
            notes.append(f"reports to {line.name}" + ("" if line.certain else f" {POSSIBLY}"))
        if not member.certain or any(not r.certain for r in roles):
            legend.add("possibly")
        if member.founder:
            legend.add("founder")
        name = member.name + (" *" if member.founder else "") + ("" if member.certain else f" {POSSIBLY}")
        joined = dates.show(member.since, member.since_lower, member.since_upper)
        # A role per row, each with its own start: a stint's start is not a role's.
        for index, role in enumerate(roles or [None]):
            shown = "-" if role is None else role.title + ("" if role.certain else f" {POSSIBLY}")
            since = "-" if role is None else dates.show(role.since, role.since_lower, role.since_upper)
            first = index == 0
            rows.append(
                (
                    name if first else "",
                    shown,
                    since,
                    joined if first else "",
                    "; ".join(notes) if first else "",
                )
            )
    return Table(
        columns=("person", "role", "role since", "joined", "note"),
        rows=rows,
        title=head,
        lines=lines,
        flex=("role", "note"),
        empty="no named people on this date",
    )


def state(answer: State) -> Output:
    """The state's answer: a block per company, then a legend for what the tables used."""
    dates = Dates()
    legend: set[str] = set()
    blocks: list[Table | str] = [header(f"State on {answer.date.isoformat()}", answer.as_of, answer.release)]
    notes = coverage_lines(answer)
    if notes:
        blocks.append("\n".join(notes))
    blocks.extend(company_table(c, dates, legend) for c in answer.companies.values() if not c.counterparty)
    others = [c.name for c in answer.companies.values() if c.counterparty]
    if others:
        blocks.append(
            "Also named, only as investors or partners in deals (not as employers): "
            + ", ".join(others)
            + " (see 'timeline why ID')"
        )
    lines = legend_lines(dates, legend)
    if lines:
        blocks.append("\n".join(lines))
    return Output(answer, members(answer), blocks)


def legend_lines(dates: Dates, legend: set[str]) -> list[str]:
    """What the notations the tables used mean."""
    lines = list(dates.legend())
    if "founder" in legend:
        lines.append("* a co-founder")
    if "possibly" in legend:
        lines.append(f"{POSSIBLY}: a date range covers this day, so it may or may not hold yet")
    return lines


def leaders(answer: State) -> Output:
    """Who held each seat of each company on the day: the journalist's first question, one row per seat.

    Every tracked seat is a row (held, vacant, or not recorded); an untracked company shows the
    seats its sources fill and says its leadership is not tracked; a unit names its parent.
    """
    dates = Dates()
    rows = []
    records = []
    for company in answer.companies.values():
        if company.counterparty:
            continue
        where = company.name + (f" (part of {company.unit_of.name})" if company.unit_of else "")
        seats = company.seats
        if not seats:
            continue
        note = "" if company.tracked else "not tracked"
        for position, seat in enumerate(seats):
            if seat.status == "held":
                who = (seat.name or "") + ("" if seat.certain else f" {POSSIBLY}")
                title = seat.role_title or seat.title
            else:
                who = "vacant" if seat.status == "vacant" else "not recorded"
                title = seat.title
            since = dates.show(seat.since, seat.since_lower, seat.since_upper) if seat.since else ""
            rows.append((where if position == 0 else "", title, who, since, note if position == 0 else ""))
            records.append(
                {
                    "date": answer.date.isoformat(),
                    "company": company.id,
                    "company_name": company.name,
                    "seat": seat.seat,
                    "title": title,
                    "status": seat.status,
                    "person": seat.person,
                    "name": seat.name,
                    "since": seat.since,
                    "certain": seat.certain,
                    "tracked": seat.tracked,
                    "events": list(seat.events),
                }
            )
    table = Table(
        columns=("company", "seat", "held by", "since", "note"),
        rows=rows,
        title=header(f"Leaders on {answer.date.isoformat()}", answer.as_of, answer.release),
        legend=(
            *dates.legend(),
            f"{POSSIBLY}: a date range covers this day, so it may or may not hold yet",
            "not recorded: the dataset tracks this seat, but no source names its holder on this day",
            "not tracked: the dataset does not vouch for this company's seats; these are the ones its sources name",
            "'timeline why COMPANY --date D' gives the sources of each",
        ),
        flex=("company", "held by", "note"),
        empty="no seat is known on this date",
    )
    notes = coverage_lines(answer)
    return Output(answer, records, (*(["\n".join(notes)] if notes else []), table))
