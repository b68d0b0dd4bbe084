"""The ``timeline`` command: a thin Click layer over the `timeline` library.

Each command parses its options, asks the library one question and hands the
answer to `timeline.render`. The library is imported inside the commands so
that ``timeline --help`` costs no more than importing Click.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from timeline.api import Timeline
    from timeline.render import Output

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "csv", "jsonl")


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


DATE = DateParam()


def events_option(func: F) -> F:
    return click.option(
        "--events",
        "events_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Read this folder of event files instead of the ones shipped in the package.",
    )(func)


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people; json for scripts; csv for spreadsheets; jsonl, one record a line.",
    )(func)


def _remember_release(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    ctx.meta["timeline.release"] = value


def as_of_option(func: F) -> F:
    """``--as-of`` (knowledge time) and ``--release`` (which landed data), which go together."""
    func = click.option(
        "--release",
        metavar="CHAIN",
        default=None,
        expose_value=False,
        callback=_remember_release,
        help="Use only the files sealed up to this MANIFEST entry (a prefix of its chain hash), "
        "to reproduce an answer an earlier release of the data gave.",
    )(func)
    return click.option(
        "--as-of",
        type=DATE,
        default=None,
        help="Knowledge time: count only what was public by this day (default: everything known).",
    )(func)


def _load(events_dir: Path | None) -> Timeline:
    from timeline import DataError, load
    from timeline.manifest import UnknownRelease

    release = click.get_current_context().meta.get("timeline.release")
    try:
        return load(events_dir, release)
    except UnknownRelease as exc:
        raise click.BadParameter(str(exc), param_hint="--release") from None
    except DataError as exc:
        for problem in exc.problems:
            if problem.severity == "error":
                click.echo(str(problem), err=True)
        errors = sum(p.severity == "error" for p in exc.problems)
        click.echo(f"{errors} error(s): the events fail 'timeline check'; nothing was answered.", err=True)
        sys.exit(1)


def _emit(output: Output, fmt: str) -> None:
    from timeline.render import render

    click.echo(render(output, fmt), nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="timeline")
def main() -> None:
    """Who was where, in which role, when: the AI talent shuffle around
    Thinking Machines Lab, OpenAI and Meta, folded from source-cited events.

    \b
    Examples:
      timeline state --date 2026-01-15
      timeline why barret-zoph --date 2026-01-15
      timeline check
    """


@main.command()
@click.option("--date", "day", type=DATE, default=None, help="The day to describe (default: today).")
@as_of_option
@format_option
@events_option
def state(day: dt.date | None, as_of: dt.date | None, fmt: str, events_dir: Path | None) -> None:
    """Companies and people on a date: members, roles, funding.

    \b
    Examples:
      timeline state --date 2026-01-15
      timeline state --date 2026-01-15 --as-of 2026-01-13
      timeline state --date 2025-12-01 --format json | jq '.companies["thinking-machines-lab"].members'
    """
    from timeline import present

    tl = _load(events_dir)
    _emit(present.state(tl.state(day or dt.date.today(), as_of)), fmt)


@main.command()
@click.argument("subject")
@click.option("--date", "day", type=DATE, default=None, help="The day to explain (default: today).")
@as_of_option
@format_option
@events_option
def why(subject: str, day: dt.date | None, as_of: dt.date | None, fmt: str, events_dir: Path | None) -> None:
    """Each fact about a person or company, with the events and sources behind it.

    SUBJECT is a person or company id, such as barret-zoph or thinking-machines-lab.

    \b
    Examples:
      timeline why barret-zoph --date 2026-01-15
      timeline why thinking-machines-lab --date 2025-07-01 --as-of 2025-07-01 --format json
    """
    from timeline import present
    from timeline.why import explain

    tl = _load(events_dir)
    try:
        answer = explain(tl, subject, day or dt.date.today(), as_of)
    except KeyError:
        raise click.BadParameter(
            f"{subject!r} is no person or company known on that date", param_hint="SUBJECT"
        ) from None
    _emit(present.why(answer), fmt)


@main.command()
@as_of_option
@format_option
@events_option
def conflicts(as_of: dt.date | None, fmt: str, events_dir: Path | None) -> None:
    """Every field on which sources disagree, and which claim the fold takes.

    \b
    Examples:
      timeline conflicts
      timeline conflicts --as-of 2025-07-01 --format csv
    """
    from timeline import present
    from timeline.why import conflicts as find

    tl = _load(events_dir)
    _emit(present.conflict_list(find(tl, as_of), as_of), fmt)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (CI does).")
@format_option
@events_option
def check(strict: bool, fmt: str, events_dir: Path | None) -> None:
    """Validate every event file and report every problem, as path:line: message.

    Exit status 1 on any error (or any warning with --strict).

    \b
    Examples:
      timeline check
      timeline check --events my-events/ --strict
    """
    from timeline import present
    from timeline.bundle import load_checked
    from timeline.resources import shipped_events

    report = load_checked(events_dir or shipped_events())
    _emit(present.check_report(report, strict), fmt)
    if report.errors or (strict and report.warnings):
        sys.exit(1)


@main.command()
@events_option
def seal(events_dir: Path | None) -> None:
    """Append new event files to the folder's MANIFEST ledger, once they pass the check.

    Sealed files are immutable: later edits or removals make `timeline check` fail.

    \b
    Example:
      timeline seal --events events/
    """
    from timeline import manifest
    from timeline.check import check_folder
    from timeline.resources import shipped_events

    folder = events_dir or shipped_events()
    report = check_folder(folder)
    if report.errors:
        for problem in report.errors:
            click.echo(str(problem), err=True)
        click.echo(f"{len(report.errors)} error(s): fix them before sealing.", err=True)
        sys.exit(1)
    added = manifest.seal(folder, {f.name: f.raw for f in report.files})
    for name in added:
        click.echo(f"sealed {name}")
    click.echo(f"{len(added)} file(s) sealed.")


@main.command()
@click.option("--person", multiple=True, help="Only events concerning this person id (repeatable).")
@click.option("--company", multiple=True, help="Only events concerning this company id (repeatable).")
@click.option("--type", "types", multiple=True, help="Only events of this type (repeatable).")
@click.option("--since", type=DATE, help="Only events that may have happened on or after this day.")
@click.option("--until", type=DATE, help="Only events that may have happened on or before this day.")
@click.option(
    "--source", multiple=True, help="Only events citing this publisher (repeatable; case-insensitive)."
)
@as_of_option
@format_option
@events_option
def events(
    person: tuple[str, ...],
    company: tuple[str, ...],
    types: tuple[str, ...],
    since: dt.date | None,
    until: dt.date | None,
    source: tuple[str, ...],
    as_of: dt.date | None,
    fmt: str,
    events_dir: Path | None,
) -> None:
    """The events in order, optionally filtered.

    \b
    Examples:
      timeline events --person barret-zoph
      timeline events --company thinking-machines-lab --since 2026-01-01 --format csv
      timeline events --type claim --source wired
    """
    from timeline import present
    from timeline.query import EventFilter

    tl = _load(events_dir)
    chosen = EventFilter(
        people=frozenset(person),
        companies=frozenset(company),
        types=frozenset(types),
        since=since,
        until=until,
        publishers=frozenset(s.lower() for s in source),
    ).apply(tl.view(as_of).events if as_of else tl.events)
    _emit(present.event_list(chosen), fmt)


@main.command()
@click.option("--from", "start", type=DATE, required=True, help="The earlier day.")
@click.option("--to", "end", type=DATE, required=True, help="The later day.")
@as_of_option
@format_option
@events_option
def diff(start: dt.date, end: dt.date, as_of: dt.date | None, fmt: str, events_dir: Path | None) -> None:
    """What changed between two dates: joins, departures (and for where), roles, funding.

    \b
    Examples:
      timeline diff --from 2026-01-01 --to 2026-01-31
      timeline diff --from 2025-01-01 --to 2025-12-31 --format csv
    """
    from timeline import present
    from timeline.diff import diff as compare

    tl = _load(events_dir)
    _emit(present.changes(compare(tl, start, end, as_of), start, end, as_of), fmt)


@main.command()
@click.argument("subject")
@as_of_option
@format_option
@events_option
def history(subject: str, as_of: dt.date | None, fmt: str, events_dir: Path | None) -> None:
    """A person's stints (company, roles, start, end, how it ended), or a company's roster over time.

    SUBJECT is a person or company id.

    \b
    Examples:
      timeline history barret-zoph
      timeline history thinking-machines-lab --format csv
    """
    from timeline import present, records

    tl = _load(events_dir)
    known = tl.roster(as_of)
    everything = records.stints(tl, as_of)
    if subject in known.companies:
        found = tuple(s for s in everything if s.company == subject)
        _emit(present.history(subject, known.companies[subject].name, "company", found), fmt)
    elif subject in known.people:
        found = tuple(s for s in everything if s.person == subject)
        _emit(present.history(subject, known.people[subject][0], "person", found), fmt)
    else:
        raise click.BadParameter(f"{subject!r} is no person or company in the events", param_hint="SUBJECT")


@main.command()
@click.option("--publisher", help="Only this publisher (case-insensitive substring).")
@format_option
@events_option
def sources(publisher: str | None, fmt: str, events_dir: Path | None) -> None:
    """Every publisher and URL the events cite, with the events that cite it.

    \b
    Examples:
      timeline sources
      timeline sources --publisher wired --format json
    """
    from timeline import present
    from timeline.catalogue import sources as cited

    tl = _load(events_dir)
    found = cited(tl.events)
    if publisher:
        found = tuple(c for c in found if publisher.lower() in c.publisher.lower())
    _emit(present.citations(found), fmt)


@main.group()
def export() -> None:
    """Export the events for other tools.

    \b
    Example:
      timeline export timelinejs --out timeline.json
    """


@export.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@as_of_option
@events_option
def timelinejs(out: Path | None, as_of: dt.date | None, events_dir: Path | None) -> None:
    """Knight Lab TimelineJS 3 JSON: a slide per event, grouped by company.

    \b
    Examples:
      timeline export timelinejs --out timeline.json
      timeline export timelinejs --as-of 2026-01-13 | jq '.events | length'
    """
    import json

    from timeline.timelinejs import export as to_timelinejs

    tl = _load(events_dir)
    text = json.dumps(
        to_timelinejs(tl.view(as_of).events if as_of else tl.events), indent=2, ensure_ascii=False
    )
    if out is None:
        click.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="PNG or SVG file to write.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("png", "svg", "mermaid")),
    default=None,
    help="png or svg (default: from --out), or mermaid to print a Mermaid gantt.",
)
@click.option("--date", "day", type=DATE, default=None, help="Draw a vertical line on this day.")
@click.option("--since", type=DATE, default=None, help="Start the time axis here.")
@as_of_option
@events_option
def chart(
    out: Path | None,
    fmt: str | None,
    day: dt.date | None,
    since: dt.date | None,
    as_of: dt.date | None,
    events_dir: Path | None,
) -> None:
    """The roster as swimlanes over time: a row per person, a bar per stint.

    PNG and SVG need matplotlib (pip install 'timeline[plot]'); Mermaid needs nothing.

    \b
    Examples:
      timeline chart --out roster.png --date 2026-01-14
      timeline chart --format mermaid > roster.mmd
    """
    from timeline import records

    tl = _load(events_dir)
    stints = records.stints(tl, as_of)
    if since is not None:
        stints = tuple(s for s in stints if s.end_upper is None or s.end_upper >= since)
    if fmt == "mermaid":
        from timeline.mermaid import gantt

        click.echo(gantt(stints, dt.date.today(), day), nl=False)
        return
    if out is None:
        raise click.UsageError("give --out FILE.png or FILE.svg (or --format mermaid)")
    if fmt is not None and out.suffix.lower() != f".{fmt}":
        out = out.with_suffix(f".{fmt}")
    try:
        from timeline.chart import draw
    except ImportError:  # pragma: no cover - depends on the environment
        raise click.UsageError("PNG and SVG charts need matplotlib: pip install 'timeline[plot]'") from None
    try:
        written = draw(stints, tl.view(as_of).events, out, marker=day, start=since)
    except ModuleNotFoundError as exc:
        raise click.UsageError(f"charts need matplotlib ({exc}): pip install 'timeline[plot]'") from None
    click.echo(f"wrote {written}", err=True)


if __name__ == "__main__":
    main()
