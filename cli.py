"""The ``timeline`` command: a thin Click layer over the `timeline` library.

Each command loads the events, asks the library one question and renders the
answer (`timeline.render`). Failures are Click's exceptions with Click's exit
codes: 2 for what the user typed (an unknown id, a bad date), 1 for data that
fails the check. Libraries are imported inside the commands, so ``timeline
--help`` costs little more than importing Click, and ``timeline state`` reads
the compiled store without importing attrs or cattrs.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from timeline.show.formats import FORMATS, terminal_width

if TYPE_CHECKING:
    from pathlib import Path

    from timeline.ask.api import Timeline
    from timeline.fold.state import State
    from timeline.model.problems import Problem
    from timeline.show.formats import Format
    from timeline.show.render import Output

F = TypeVar("F", bound=Callable[..., Any])
DISTRIBUTION = "tml-talent-timeline"  # the name on the package index; `import timeline` stays


class DateParam(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            if not (isinstance(value, str) and value.isascii()):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            shaped = isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"
            if shaped and value.replace("-", "").isdigit():
                self.fail(f"{value!r} is not a real calendar date ({exc})", param, ctx)
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


DATE = DateParam()
# One instance each: click translates a Path type's words once per instance, and a lookup
# that finds no catalogue searches the file system every time (a millisecond per command).
FOLDER = click.Path(file_okay=False)
FILE = click.Path(dir_okay=False)


class EventsFailCheck(click.ClickException):
    """The events fail ``timeline check``: nothing is answered (exit status 1)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        from timeline.model.text import visible

        errors = [p for p in problems if p.severity == "error"]
        lines = [
            visible(f"{path}:{line}: {message}" if line else f"{path}: {message}") for path, line, message, _ in errors
        ]
        lines.append(f"{len(errors)} error(s): the events fail 'timeline check'; nothing was answered.")
        super().__init__("\n".join(lines))

    def format_message(self) -> str:
        return self.message


class SealRefused(EventsFailCheck):
    """The check, as CI runs it, refuses the folder: nothing is sealed (exit status 1)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        from timeline.model.text import visible

        lines = [visible(str(p)) for p in problems]
        errors = sum(1 for p in problems if p.severity == "error")
        lines.append(
            f"{errors} error(s), {len(problems) - errors} warning(s): nothing was sealed "
            "(a warning fails CI's 'timeline check --strict'; --allow-warnings seals anyway)."
        )
        click.ClickException.__init__(self, "\n".join(lines))


class CheckFailed(click.ClickException):
    """The check found errors (or, with ``--strict``, warnings): exit status 1 after the report."""

    def __init__(self, count: int, strict: bool) -> None:
        what = "error(s) or warning(s)" if strict else "error(s)"
        super().__init__(f"the check failed: {count} {what}, listed above")


def events_option(func: F) -> F:
    return click.option(
        "--events",
        "events_dir",
        type=FOLDER,
        help="Read this folder of event files instead of the ones shipped in the package.",
    )(func)


def format_option(func: F) -> F:
    func = click.option(
        "--wide", is_flag=True, help="Tables: each row on one line, however wide (cells are never cut either way)."
    )(func)
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


def _release() -> str | None:
    value: str | None = click.get_current_context().meta.get("timeline.release")
    return value


def _load(events_dir: str | None) -> Timeline:
    """The events of ``events_dir`` (the shipped ones by default), at the release named, if one was."""
    from timeline.ask.api import load
    from timeline.model.problems import DataError, UnknownRelease

    try:
        return load(events_dir, _release())
    except DataError as exc:
        raise EventsFailCheck(exc.problems) from None
    except UnknownRelease as exc:
        raise click.BadParameter(str(exc), param_hint="--release") from None


def _emit(output: Output, fmt: Format, wide: bool = False) -> None:
    from timeline.show.render import render

    click.echo(render(output, fmt, wide=wide), nl=False)


def _unknown(param: str, exc: KeyError) -> NoReturn:
    raise click.BadParameter(str(exc.args[0]), param_hint=param) from None


HELP_WIDTH = 100


class Commands(click.Group):
    """The command group; it fits help to the terminal as click would, without importing shutil."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        if parent is None and "terminal_width" not in extra:
            # click's own rule for help width (formatting.HelpFormatter), given the width up front.
            extra["terminal_width"] = max(min(terminal_width(fallback=80), HELP_WIDTH) - 2, 50)
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RuntimeError as exc:
            from timeline.store.compiled import StaleStore

            if isinstance(exc, StaleStore):
                raise click.ClickException(f"{exc}; run the command again") from None
            raise
        except OSError as exc:
            # A full disk, a file-size limit, a read-only folder, a link loop: one line that names the file.
            from timeline.read.output import OutputError, explain

            raise click.ClickException(str(exc) if isinstance(exc, OutputError) else explain(exc)) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": HELP_WIDTH})
@click.version_option(package_name=DISTRIBUTION, prog_name="timeline")
def main() -> None:
    """Who led the AI labs, and who moved between them, on any date: folded from
    source-cited events.

    \b
    Examples:
      timeline leaders --date 2025-12-01
      timeline state --date 2026-01-15 --company openai
      timeline why barret-zoph --date 2026-01-15
      timeline people
      timeline check
    """
    # A command is a short process that builds many small objects and no
    # cycles: the cyclic collector only costs time (measured in BENCHMARKS.md).
    gc.disable()


def company_option(func: F) -> F:
    return click.option(
        "--company",
        "companies",
        multiple=True,
        metavar="ID",
        help="Only this company, with its units (repeatable; 'timeline companies' lists the ids).",
    )(func)


def _state(events_dir: str | None, day: dt.date | None, as_of: dt.date | None, companies: tuple[str, ...]) -> State:
    try:
        return _load(events_dir).state(day, as_of, companies)
    except KeyError as exc:
        _unknown("--company", exc)


@main.command()
@click.option("--date", "day", type=DATE, default=None, help="The day to describe (default: --as-of, else today).")
@company_option
@as_of_option
@format_option
@events_option
def state(
    day: dt.date | None,
    companies: tuple[str, ...],
    as_of: dt.date | None,
    fmt: Format,
    wide: bool,
    events_dir: str | None,
) -> None:
    """Companies and people on a date: leaders, named members, roles, reporting lines, funding.

    \b
    Examples:
      timeline state --date 2026-01-15
      timeline state --date 2026-01-15 --company openai --company thinking-machines-lab
      timeline state --as-of 2026-01-13          # the 13th, as known on the 13th
      timeline state --date 2025-12-01 --format json | jq '.companies["thinking-machines-lab"].leadership'
    """
    from timeline.show import present

    _emit(present.state(_state(events_dir, day, as_of, companies)), fmt, wide)


@main.command()
@click.option("--date", "day", type=DATE, default=None, help="The day to ask about (default: --as-of, else today).")
@company_option
@as_of_option
@format_option
@events_option
def leaders(
    day: dt.date | None,
    companies: tuple[str, ...],
    as_of: dt.date | None,
    fmt: Format,
    wide: bool,
    events_dir: str | None,
) -> None:
    """Who led each lab on a date: every seat the data tracks (held, vacant, or not recorded), and
    the seats the sources fill elsewhere.

    \b
    Examples:
      timeline leaders --date 2025-12-01
      timeline leaders --date 2023-11-20 --company openai
    """
    from timeline.show import present

    _emit(present.leaders(_state(events_dir, day, as_of, companies)), fmt, wide)


@main.command()
@click.argument("subject")
@click.option("--date", "day", type=DATE, default=None, help="The day to explain (default: --as-of, else today).")
@click.option(
    "--evidence",
    is_flag=True,
    help="Each event in full (summary, every source), the disputes, corrections and claims about them.",
)
@as_of_option
@format_option
@events_option
def why(
    subject: str,
    day: dt.date | None,
    evidence: bool,
    as_of: dt.date | None,
    fmt: Format,
    wide: bool,
    events_dir: str | None,
) -> None:
    """Each fact about a person or company on a date, with the events and sources behind it.

    The answer comes first (what holds on the day, then what had ended), then each event with its
    first source; --evidence adds every source, the disputes, corrections and claims.
    SUBJECT is a person or company id, such as barret-zoph or thinking-machines-lab
    ('timeline people' and 'timeline companies' list them).

    \b
    Examples:
      timeline why barret-zoph --date 2026-01-15
      timeline why openai --date 2025-12-01 --evidence
      timeline why thinking-machines-lab --as-of 2025-07-01 --format json
    """
    from timeline.ask.api import default_day
    from timeline.ask.why import explain
    from timeline.show import answers

    tl = _load(events_dir)
    try:
        answer = explain(tl, subject, default_day(day, as_of), as_of)
    except KeyError as exc:
        _unknown("SUBJECT", exc)
    _emit(answers.why(answer, evidence), fmt, wide)


@main.command()
@as_of_option
@format_option
@events_option
def conflicts(as_of: dt.date | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """Every field on which sources disagree, and which claim the fold takes.

    \b
    Examples:
      timeline conflicts
      timeline conflicts --as-of 2025-07-01 --format csv
    """
    from timeline.ask.why import conflicts as find
    from timeline.show import answers

    tl = _load(events_dir)
    _emit(answers.conflict_list(find(tl, as_of), as_of), fmt, wide)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (CI does).")
@click.option(
    "--pin",
    metavar="CHAIN",
    multiple=True,
    help="Fail unless the ledger still holds this release (a prefix of a chain hash): catches a rewritten ledger.",
)
@format_option
@events_option
def check(strict: bool, pin: tuple[str, ...], fmt: Format, wide: bool, events_dir: str | None) -> None:
    """Validate every event file and report every problem, as path:line: message.

    Exit status 1 on any error (or any warning with --strict).

    \b
    Examples:
      timeline check
      timeline check --events my-events/ --strict
      timeline check --pin 3f9a1c2e     # the release the README cites
    """
    from timeline.show import answers
    from timeline.store.compiled import open_store

    store = open_store(events_dir)
    problems = store.problems()
    if pin:
        from timeline.check.manifest import check_pin

        for chain in pin:
            problems.extend(check_pin(store.folder, chain))
    output, failing = answers.check_report(problems, store.meta["checked"], strict)
    _emit(output, fmt, wide)
    if failing:
        raise CheckFailed(failing, strict)


@main.command()
@click.option(
    "--allow-warnings", is_flag=True, help="Seal despite warnings (CI's 'timeline check --strict' will still fail)."
)
@events_option
def seal(allow_warnings: bool, events_dir: str | None) -> None:
    """Append new event files to the folder's ledger, once they pass the check as CI runs it (--strict).

    Sealed files are immutable: later edits or removals make `timeline check` fail. Until the
    new ledger file is committed, 'timeline unseal' takes it back. Sealing the shipped events
    also rebuilds the compiled store and the JSON Schema that ship with them.

    \b
    Example:
      timeline seal --events events/
    """
    from timeline.store.seal import UnsealableError, seal_folder

    try:
        added = seal_folder(None if events_dir is None else _path(events_dir), allow_warnings)
    except UnsealableError as exc:
        raise SealRefused(exc.problems) from None
    for name in added:
        click.echo(f"sealed {name}")
    click.echo(f"{len(added)} file(s) sealed.")


@main.command()
@events_option
def unseal(events_dir: str | None) -> None:
    """Take back the newest ledger file, if it has not landed (git's HEAD does not hold it).

    For a seal made by mistake, before it is committed: the files it sealed become unsealed
    again, and can be edited. A ledger file that has landed is never touched.

    \b
    Example:
      timeline unseal --events events/
    """
    from timeline.store.seal import LandedError, unseal_folder

    try:
        removed, names = unseal_folder(None if events_dir is None else _path(events_dir))
    except LandedError as exc:
        raise click.ClickException(str(exc)) from None
    for name in names:
        click.echo(f"unsealed {name}")
    click.echo(f"removed {removed}: {len(names)} file(s) unsealed.")


@main.command(name="new")
@click.argument("kind", metavar="TYPE")
@click.option("--date", "date_text", help="When it happened (EDTF: 2026-01-14, 2025-11, ../2026-06-18).")
@click.option("--date-basis", help="occurred, announced, reported or scheduled: what the date is.")
@click.option("--summary", help="One line, in your own words (left as TODO otherwise).")
@click.option("--person", help="The person id (a known one, or a new one with --name).")
@click.option("--company", help="The company id (a known one, or a new one with --name).")
@click.option("--role", help="The role id (dataset.toml's [roles]).")
@click.option(
    "--set", "settings", multiple=True, metavar="FIELD=VALUE", help="Any other field of the type (repeatable)."
)
@click.option("--name", "names", multiple=True, metavar="ID=NAME", help="The display name of a new id (repeatable).")
@click.option("--url", help="The source's URL.")
@click.option("--publisher", help="The outlet that originated the report (its own site, or say --via).")
@click.option("--published", help="When the source was published (EDTF).")
@click.option("--source-kind", type=click.Choice(("report", "primary")), default="report", show_default=True)
@click.option("--via", type=click.Choice(("copy", "rewrite", "relay")), help="The URL is another site's copy of it.")
@click.option("--print", "dry", is_flag=True, help="Print the file instead of writing it.")
@events_option
def new(
    kind: str,
    date_text: str | None,
    date_basis: str | None,
    summary: str | None,
    person: str | None,
    company: str | None,
    role: str | None,
    settings: tuple[str, ...],
    names: tuple[str, ...],
    url: str | None,
    publisher: str | None,
    published: str | None,
    source_kind: str,
    via: str | None,
    dry: bool,
    events_dir: str | None,
) -> None:
    """Write a new event file of TYPE, checked as written; only the summary is left to your own words.

    Display names come from the events; an id close to a known one gets a did-you-mean. At a
    terminal, what is missing is asked for; otherwise it is named, all at once.

    \b
    Examples:
      timeline new person-left --date 2026-06-18 --date-basis reported --person barret-zoph \\
        --company openai --url https://www.theverge.com/... --publisher "The Verge" --published 2026-06-18
      timeline new role-started --person mark-chen --company openai --role chief-research-officer
    """
    import sys

    from timeline.model.events import EVENT_TYPES
    from timeline.store.compiled import shipped_events
    from timeline.store.draft import DraftError, draft, fields_of, known_names

    if kind not in EVENT_TYPES:
        import difflib

        close = difflib.get_close_matches(kind, EVENT_TYPES, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise click.BadParameter(
            f"{kind!r} is no event type{hint} (types: {', '.join(EVENT_TYPES)})", param_hint="TYPE"
        )
    folder = _path(events_dir) if events_dir else shipped_events()
    values = {"date": date_text, "date_basis": date_basis, "summary": summary, "person": person}
    values |= {"company": company, "role": role}
    for item in settings:
        field, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        values[field.strip()] = value.strip()
    given = {}
    for item in names:
        key, sep, name = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not ID=NAME", param_hint="--name")
        given[key.strip()] = name.strip()
    source = {"url": url, "publisher": publisher, "published": published, "kind": source_kind, "via": via}
    known = known_names(folder)
    if sys.stdin.isatty():
        _ask(kind, values, source, given, known, fields_of(kind))
    clean = {k: v for k, v in values.items() if v is not None}
    try:
        written = draft(
            folder, kind, clean, {k: v for k, v in source.items() if v}, given, known, None if dry else _create
        )
    except DraftError as exc:
        raise click.UsageError(str(exc)) from None
    if dry:
        click.echo(written.text, nl=False)
        return
    click.echo(f"wrote {written.path}")
    for problem in written.problems:
        click.echo(str(problem))
    if any(p.severity == "error" for p in written.problems):
        raise click.ClickException(f"{written.path} does not pass the check yet: fix what is listed above")
    todo = str(clean.get("summary", "")).startswith("TODO") or not clean.get("summary")
    first = "Write its summary in your own words, check" if todo else "Check"
    click.echo(f"{first} the sources, then: timeline check && timeline seal")


def _ask(
    kind: str,
    values: dict[str, str | None],
    source: dict[str, str | None],
    names: dict[str, str],
    known: Any,
    fields: Any,
) -> None:
    """At a terminal: ask for what is missing, and for the name of each new id."""
    if not values.get("date"):
        values["date"] = click.prompt("Date (EDTF, e.g. 2026-01-14)")
    if not values.get("date_basis"):
        values["date_basis"] = click.prompt(
            "What is the date", type=click.Choice(("occurred", "announced", "reported", "scheduled"))
        )
    for field in fields:
        if field.required and not values.get(field.name):
            values[field.name] = click.prompt(field.name, type=click.Choice(field.choices) if field.choices else str)
        value = values.get(field.name)
        if field.ref in ("person", "company") and value:
            table = known.people if field.ref == "person" else known.companies
            for item in [v.strip() for v in value.split(",")] if field.many else [value]:
                if item in table or item in names:
                    continue
                import difflib

                close = difflib.get_close_matches(item, list(table), n=1, cutoff=0.8)
                if close and click.confirm(f"{item!r} is not known: did you mean {close[0]!r} ({table[close[0]]})?"):
                    values[field.name] = value.replace(item, close[0])
                    continue
                names[item] = click.prompt(f"The display name of the new {field.ref} {item!r}")
    for key, prompt in (("url", "Source URL"), ("publisher", "Publisher (the outlet)"), ("published", "Published")):
        if not source.get(key):
            source[key] = click.prompt(prompt)
    if not values.get("summary"):
        values["summary"] = click.prompt("Summary, in your own words", default="", show_default=False) or None


def _create(path: Path, text: str) -> None:
    """Write a new file, never over an existing one or through a link planted at its name."""
    from timeline.read import output

    output.create(path, text)


@main.command()
@click.option("--person", multiple=True, help="Only events concerning this person id (repeatable).")
@click.option("--company", multiple=True, help="Only events concerning this company id (repeatable).")
@click.option("--type", "types", multiple=True, help="Only events of this type (repeatable).")
@click.option("--since", type=DATE, help="Only events that may have happened on or after this day.")
@click.option("--until", type=DATE, help="Only events that may have happened on or before this day.")
@click.option("--source", multiple=True, help="Only events citing this publisher (repeatable; case-insensitive).")
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
    fmt: Format,
    wide: bool,
    events_dir: str | None,
) -> None:
    """The events in order, optionally filtered.

    \b
    Examples:
      timeline events --person barret-zoph
      timeline events --company thinking-machines-lab --since 2026-01-01 --format csv
      timeline events --type claim --source wired
    """
    from timeline.ask.filters import EventFilter, UnknownFilter
    from timeline.show import answers

    tl = _load(events_dir)
    try:
        chosen = EventFilter.checked(
            tl, people=person, companies=company, types=types, since=since, until=until, publishers=source
        ).apply(tl.known_events(as_of, include_fixes=bool({"correction", "retraction"} & set(types))))
    except UnknownFilter as exc:
        raise click.BadParameter(exc.message, param_hint=exc.option) from None
    _emit(answers.event_list(chosen, as_of, tl.roles), fmt, wide)


@main.command()
@click.option("--date", "day", type=DATE, default=None, help="Where each is on this day (default: today).")
@as_of_option
@format_option
@events_option
def people(day: dt.date | None, as_of: dt.date | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """Every person in the events: id, name, where and what on a date, first and last fact.

    \b
    Examples:
      timeline people
      timeline people --date 2026-01-15 --format csv
    """
    from timeline.ask import directory
    from timeline.ask.api import default_day
    from timeline.show import answers

    tl = _load(events_dir)
    when = default_day(day, as_of)
    _emit(answers.people(directory.people(tl, when, as_of), when, as_of), fmt, wide)


@main.command()
@click.option("--date", "day", type=DATE, default=None, help="Each company on this day (default: today).")
@as_of_option
@format_option
@events_option
def companies(day: dt.date | None, as_of: dt.date | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """Every company in the events: id, name, founding, named people on a date, first and last fact.

    \b
    Examples:
      timeline companies
      timeline companies --date 2025-07-15 --format json
    """
    from timeline.ask import directory
    from timeline.ask.api import default_day
    from timeline.show import answers

    tl = _load(events_dir)
    when = default_day(day, as_of)
    _emit(answers.companies(directory.companies(tl, when, as_of), when, as_of), fmt, wide)


@main.command()
@click.option("--from", "start", type=DATE, required=True, help="The earlier day.")
@click.option("--to", "end", type=DATE, required=True, help="The later day.")
@as_of_option
@format_option
@events_option
def diff(start: dt.date, end: dt.date, as_of: dt.date | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """What changed after one date up to another: joins, departures, roles, reporting lines, money, deals.

    \b
    Examples:
      timeline diff --from 2026-01-01 --to 2026-07-01
      timeline diff --from 2025-01-01 --to 2025-12-31 --format csv
    """
    from timeline.ask.diff import changes
    from timeline.show import answers

    if start > end:
        raise click.UsageError(f"--from {start} is after --to {end}: give the earlier day first")
    tl = _load(events_dir)
    _emit(answers.changes(changes(tl, start, end, as_of), start, end, as_of, tl.release), fmt, wide)


@main.command()
@click.option(
    "--against",
    metavar="CHAIN",
    default=None,
    help="Compare with this release (a prefix of a ledger chain hash) instead of the last seal.",
)
@format_option
@events_option
def impact(against: str | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """What the new or changed event files do to the answers, for a reviewer: the changes of the
    story that appear or go, the seats whose holder reads differently and on which days, and the
    disputes between sources that appear or go.

    \b
    Examples:
      timeline impact                      # the files not sealed yet
      timeline impact --against fb9827f9   # everything since that release
    """
    from timeline.ask.impact import against_last_seal, impact
    from timeline.model.problems import DataError, UnknownRelease
    from timeline.show import answers

    try:
        tl, base = against_last_seal(events_dir, against)
    except DataError as exc:
        raise EventsFailCheck(exc.problems) from None
    except (UnknownRelease, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="--against") from None
    label = f"release {base.chain[:12]}" if base.chain else "the last seal"
    _emit(answers.impact_list(impact(tl, base), label), fmt, wide)


@main.command()
@click.argument("subject")
@as_of_option
@format_option
@events_option
def history(subject: str, as_of: dt.date | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """A person's stints and roles (each with its own dates, how it ended, where they went),
    or everyone a company's sources name over time.

    SUBJECT is a person or company id.

    \b
    Examples:
      timeline history barret-zoph
      timeline history thinking-machines-lab --format csv
    """
    from timeline.ask.history import history_of
    from timeline.show import answers

    tl = _load(events_dir)
    try:
        found = history_of(tl, subject, as_of)
    except KeyError as exc:
        _unknown("SUBJECT", exc)
    _emit(answers.history(found), fmt, wide)


@main.command()
@click.option("--publisher", help="Only this publisher (case-insensitive substring).")
@format_option
@events_option
def sources(publisher: str | None, fmt: Format, wide: bool, events_dir: str | None) -> None:
    """Every source the events cite: who published it, where it was read (copies shown as such), by whom cited.

    \b
    Examples:
      timeline sources
      timeline sources --publisher wired --format json
    """
    from timeline.ask.catalogue import citations
    from timeline.show import answers

    tl = _load(events_dir)
    _emit(answers.citations(citations(tl.known_events(include_fixes=True), publisher)), fmt, wide)


@main.command()
def schema() -> None:
    """The JSON Schema of an event file, for editors that check TOML as you type.

    The package ships it as timeline/event.schema.json; a file can point at it with a first
    line such as `#:schema ../timeline/event.schema.json` (taplo and the editors built on it).

    \b
    Example:
      timeline schema > event.schema.json
    """
    from importlib import resources

    click.echo(resources.files("timeline").joinpath("event.schema.json").read_text(encoding="utf-8"), nl=False)


@main.group()
def export() -> None:
    """Export the events for other tools.

    \b
    Examples:
      timeline export timelinejs --out timeline.json
      timeline export datapackage data/
    """


@export.command()
@click.option("--out", type=FILE, help="Write here instead of stdout.")
@as_of_option
@events_option
def timelinejs(out: str | None, as_of: dt.date | None, events_dir: str | None) -> None:
    """Knight Lab TimelineJS 3 JSON: a slide per event, grouped by company, every text HTML-escaped.

    \b
    Examples:
      timeline export timelinejs --out timeline.json
      timeline export timelinejs --as-of 2026-01-13 | jq '.events | length'
    """
    import json

    from timeline.export.timelinejs import document

    tl = _load(events_dir)
    text = json.dumps(document(tl, as_of), indent=2, ensure_ascii=False)
    _write(out, text + "\n")


@export.command()
@click.argument("directory", type=FOLDER)
@events_option
def datapackage(directory: str, events_dir: str | None) -> None:
    """A Frictionless Data Package: datapackage.json and one CSV per table, each with a Table Schema.

    The tables are people, companies, units, events, stints, roles, reporting lines, seats on every
    day, funding rounds, sources, citations and claims, keyed and linked; the package's version is
    the ledger's head.

    \b
    Example:
      timeline export datapackage data/ && frictionless validate data/datapackage.json
    """
    from timeline.export.datapackage import export_datapackage

    tl = _load(events_dir)
    click.echo(f"wrote {export_datapackage(tl, _path(directory))}", err=True)


@export.command()
@click.argument("file", type=FILE)
@events_option
def sqlite(file: str, events_dir: str | None) -> None:
    """One SQLite file of the data package's tables, and FILE's stem + .metadata.json for Datasette.

    Real NULLs, primary and foreign keys, full-text search on names and summaries, and saved
    queries that answer as the command line does: roster_on and leaders_on (:date), moves_between
    (:from, :to).

    \b
    Example:
      timeline export sqlite timeline.db && datasette timeline.db --metadata timeline.metadata.json
    """
    from timeline.export.sqlite import export_sqlite

    tl = _load(events_dir)
    written, meta = export_sqlite(tl, _path(file))
    click.echo(f"wrote {written} and {meta}", err=True)


def _path(text: str) -> Path:
    from pathlib import Path  # not at the top: `timeline state` never needs it

    return Path(text)


def _write(out: str | None, text: str) -> None:
    if out is None:
        click.echo(text, nl=False)
    else:
        from timeline.read import output

        output.replace(out, text)
        click.echo(f"wrote {out}", err=True)


@main.command()
@click.option("--out", type=FILE, help="The file to write: PNG or SVG, or the Mermaid text (printed without --out).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("png", "svg", "mermaid")),
    default=None,
    help="png or svg (default: from --out), or mermaid to print a Mermaid gantt.",
)
@click.option("--date", "day", type=DATE, default=None, help="Draw a vertical line on this day.")
@click.option("--since", type=DATE, default=None, help="Start the time axis here.")
@click.option("--until", type=DATE, default=None, help="End the time axis here (default: the latest fact).")
@click.option(
    "--company",
    "companies",
    multiple=True,
    metavar="ID",
    help="Only the people who were at this company or its units in the window (repeatable).",
)
@as_of_option
@events_option
def chart(
    out: str | None,
    fmt: str | None,
    day: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    companies: tuple[str, ...],
    as_of: dt.date | None,
    events_dir: str | None,
) -> None:
    """The roster as swimlanes over time: a row per person, a bar per role and stint.

    PNG and SVG need matplotlib (pip install 'tml-talent-timeline[plot]'); Mermaid needs nothing.

    \b
    Examples:
      timeline chart --out roster.png --date 2026-01-14 --since 2024-01-01
      timeline chart --format mermaid > roster.mmd
    """
    from timeline.show.chart import ChartError, make_chart

    tl = _load(events_dir)
    try:
        written = make_chart(
            tl,
            fmt,
            _path(out) if out else None,
            marker=day,
            since=since,
            until=until,
            as_of=as_of,
            companies=companies,
        )
    except ChartError as exc:
        raise click.UsageError(str(exc)) from None
    except ModuleNotFoundError as exc:
        raise click.UsageError(
            f"PNG and SVG charts need matplotlib ({exc}): pip install '{DISTRIBUTION}[plot]'"
        ) from None
    if isinstance(written, str):
        _write(out, written)
        return
    click.echo(f"wrote {written}", err=True)


PAGE_HELP = "Where the page will be published (its full http(s) address): the feed's entries then link to it."


def _page(page: str | None) -> str | None:
    from timeline.model.text import URL

    if page is not None and not URL.match(page):
        raise click.BadParameter(f"{page!r} is not an http(s) address", param_hint="--url")
    return page


@main.command()
@click.argument("directory", metavar="DIR", type=FOLDER)
@click.option(
    "--timelinejs-url",
    metavar="URL",
    default=None,
    help="The TimelineJS folder (holding js/timeline.js and css/timeline.css) the page loads "
    "(default: release 3.9.11 from jsDelivr, checked against its hashes).",
)
@click.option("--url", "page", metavar="URL", default=None, help=PAGE_HELP)
@events_option
def site(directory: str, timelinejs_url: str | None, page: str | None, events_dir: str | None) -> None:
    """A static site in DIR: the roster on any date, each fact's sources, the TimelineJS slides, the
    swimlane chart and an Atom feed (feed.xml). It opens from the file system or any static host,
    with no server and no tracking; the chart needs matplotlib (pip install 'tml-talent-timeline[plot]').

    \b
    Example:
      timeline site public/
      timeline site public/ --timelinejs-url timelinejs/    # a copy of TimelineJS next to the page
      timeline site public/ --url https://example.org/ai-labs/index.html
    """
    from timeline.export.site import TIMELINEJS_URL, build_site

    tl = _load(events_dir)
    try:
        written = build_site(tl, _path(directory), timelinejs_url or TIMELINEJS_URL, _page(page))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--timelinejs-url") from None
    click.echo(f"wrote {written} and {written.with_name('feed.xml')}", err=True)


@main.command()
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="Entries (0: every event).")
@click.option("--url", "page", metavar="URL", default=None, help=PAGE_HELP)
@click.option("--out", type=FILE, help="The file to write (printed without --out).")
@events_option
def feed(limit: int, page: str | None, out: str | None, events_dir: str | None) -> None:
    """An Atom feed of the facts, newest first by the day each became known, each with its sources.

    A reader subscribes to it to follow the data; 'timeline site' writes it beside the page.

    \b
    Examples:
      timeline feed --limit 20
      timeline feed --out feed.xml --url https://example.org/ai-labs/index.html
    """
    from timeline.export.feed import feed as atom

    _write(out, atom(_load(events_dir), limit or None, _page(page)))


if __name__ == "__main__":
    main()
