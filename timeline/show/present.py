"""What the state's answer looks like: tables and records from the fold's plain data.

The state is the command line's fast path, so this module works on the plain
data `timeline.fold.evaluate` returns and imports nothing but plain modules.
`rows` gives the one record shape of a roster line: the CSV and JSON Lines
here, `timeline.records.roster` and `timeline.frames.roster` all use it.
The other commands' answers are arranged in `timeline.answers`.
"""

from __future__ import annotations

from typing import Any

from timeline.model.vocabulary import seat, title
from timeline.model.wording import Dates, money, valuation
from timeline.show.render import Output, Table

__all__ = ["coverage_lines", "header", "member_rows", "state"]

Data = dict[str, Any]
POSSIBLY = "(?)"


def header(what: str, data: Data) -> str:
    """``State on 2026-01-15, everything known`` and the release and data range it rests on."""
    as_of = data.get("as_of")
    knowing = f"as known on {as_of}" if as_of else "everything known"
    release = data.get("release")
    text = f"{what}, {knowing}"
    if release:
        text += f", release {release[:12]}"
    return text


def coverage_lines(data: Data) -> list[str]:
    """What the data covers, and a warning when the question lies outside it."""
    first = data["coverage"]["first"]
    latest = data["coverage"]["latest"]
    day = data["date"]
    out = [f"The data runs from {first} to {latest} (the latest fact it holds)."] if first and latest else []
    if latest and day > latest:
        out.append(
            f"{day} is after the latest fact ({latest}): this is the state as the last sources left it, "
            "not news of that day."
        )
    if first and day < first:
        out.append(f"{day} is before the first fact ({first}): nothing is recorded that early.")
    return out


def member_rows(data: Data) -> list[Data]:
    """One flat record per person per company: the columns of `timeline.records.MemberRecord`."""
    rows = []
    for company in data["companies"].values():
        for member in company["members"]:
            line = member["reports_to"]
            rows.append(
                {
                    "date": data["date"],
                    "as_of": data["as_of"],
                    "company": company["id"],
                    "company_name": company["name"],
                    "person": member["person"],
                    "name": member["name"],
                    "roles": ";".join(r["role"] for r in member["roles"]),
                    "titles": ";".join(r["title"] for r in member["roles"]),
                    "roles_since": ";".join(r["since"] for r in member["roles"]),
                    "since": member["since"],
                    "since_lower": member["since_lower"],
                    "since_upper": member["since_upper"],
                    "status": member["status"],
                    "certain": member["certain"],
                    "founder": member["founder"],
                    "standing": member["standing"],
                    "reports_to": line["manager"] if line else None,
                    "events": ";".join(member["events"]),
                }
            )
    return rows


def _funding_lines(funding: Data | None) -> list[str]:
    if funding is None:
        return ["Funding: none recorded (unknown, not zero)"]
    parts = []
    if funding["total_usd"] is not None:
        parts.append(f"{money(funding['total_usd'])} raised")
    if funding["undisclosed"]:
        count = funding["undisclosed"]
        parts.append(f"{'plus ' if parts else ''}{count} undisclosed amount{'s' if count > 1 else ''}")
    if funding["valuation_usd"] is not None:
        parts.append(f"valued {valuation(funding['valuation_usd'], funding['valuation_basis'])}")
    line = "Funding: " + ", ".join(parts)
    if not funding["certain"]:
        line += f" {POSSIBLY}: a round's closing date range covers this day"
    out = [line]
    if funding["investors"]:
        out.append("Investors: " + ", ".join(funding["investors"]))
    return out


def _company(company: Data, dates: Dates, legend: set[str]) -> Table:
    head = company["name"]
    details = []
    if company["founded"]:
        details.append(f"founded {dates.show(company['founded'])}")
    if company["headquarters"]:
        details.append(company["headquarters"])
    if details:
        head += " (" + ", ".join(details) + ")"
    lines = []
    leaders = []
    members = {m["person"]: m for m in company["members"]}
    for place, person in company["leadership"].items():
        member = members.get(person)
        role = (
            next((r for r in member["roles"] if r["role"] == place or seat(r["role"]) == place), None)
            if member
            else None
        )
        name = member["name"] if member else person
        since = f" (since {dates.show(role['since'], role['since_lower'], role['since_upper'])})" if role else ""
        mark = "" if role is None or role["certain"] else f" {POSSIBLY}"
        leaders.append(f"{role['title'] if role else title(place)} {name}{since}{mark}")
    if leaders:
        lines.append("Leadership: " + ", ".join(leaders))
    if company["founded"] and company["founders"]:
        named = len(company["founders"])
        count = company["founder_count"]
        # The count the sources give, where it differs from the names they give one by one.
        counted = f", of {count} counted (see 'timeline why {company['id']}')" if count not in (None, named) else ""
        lines.append(f"Co-founders: {named} named{counted}")
    lines.extend(_funding_lines(company["funding"]))
    count = company["named_people"]
    if count:
        lines.append(
            f"{count} named {'person' if count == 1 else 'people'} on this date (the sources' names, not a staff list)"
        )
    rows = []
    for member in company["members"]:
        roles = member["roles"]
        notes = []
        if member["status"] == "possibly-joined":
            notes.append("may not have joined yet")
        elif member["status"] == "possibly-left":
            notes.append(f"may have left ({dates.show(member['until'])})")
        line = member["reports_to"]
        if line is not None:
            notes.append(f"reports to {line['name']}" + ("" if line["certain"] else f" {POSSIBLY}"))
        if not member["certain"] or any(not r["certain"] for r in roles):
            legend.add("possibly")
        if member["founder"]:
            legend.add("founder")
        name = member["name"] + (" *" if member["founder"] else "") + ("" if member["certain"] else f" {POSSIBLY}")
        joined = dates.show(member["since"], member["since_lower"], member["since_upper"])
        # A role per row, each with its own start: a stint's start is not a role's.
        for index, role in enumerate(roles or [None]):
            shown = "-" if role is None else role["title"] + ("" if role["certain"] else f" {POSSIBLY}")
            since = "-" if role is None else dates.show(role["since"], role["since_lower"], role["since_upper"])
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
        flex=("role", "joined", "role since", "note"),
        empty="no named people on this date",
    )


def state(data: Data) -> Output:
    """The state's answer: a block per company, then a legend for what the tables used."""
    dates = Dates()
    legend: set[str] = set()
    blocks: list[Table | str] = [header(f"State on {data['date']}", data)]
    notes = coverage_lines(data)
    if notes:
        blocks.append("\n".join(notes))
    blocks.extend(_company(c, dates, legend) for c in data["companies"].values())
    lines = list(dates.legend())
    if "founder" in legend:
        lines.append("* a co-founder")
    if "possibly" in legend:
        lines.append(f"{POSSIBLY}: a date range covers this day, so it may or may not hold yet")
    if lines:
        blocks.append("\n".join(lines))
    return Output(data, member_rows(data), blocks)
