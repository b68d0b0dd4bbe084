"""Measure timeline against its floors, in one run, and write BENCHMARKS.md.

    pip install -e '.[bench]'       # adds eventsourcing, for the replay comparison only
    python -m bench.run             # about a minute; --quick for a smoke run

This machine is shared and noisy: every figure is a median of several runs,
and the verdicts use ratios measured in the same run, never absolute times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpus

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


# The day the queries ask about: two years into each corpus, where the corpora of earlier runs (which
# all began in 2020 and were asked about 2022-01-01) were asked, so that the figures compare.
DAYS: dict[str, dt.date] = {}


def _query_day(tables: list[dict[str, Any]]) -> dt.date:
    first = dt.date.fromisoformat(str(tables[0]["date"])[:10])
    return first + dt.timedelta(days=731)


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    # In process, as the command line runs: without the cyclic garbage collector, which a short
    # process that builds no cycles only pays for (timeline's main() turns it off too).
    times = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return statistics.median(times)


def run_process(*args: str, env: dict[str, str] | None = None) -> Callable[[], object]:
    def action() -> object:
        return subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)

    return action


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(
        self,
        what: str,
        ours: float,
        floor_name: str,
        floor: float,
        target: str,
        ok: bool | None,
        show: Callable[[float], str] | None = None,
        ratio: float | None = None,
    ) -> None:
        shown = show or _ms
        verdict = "" if ok is None else ("met" if ok else "NOT met")
        target = target or "(for reference)"
        if ratio is None:
            ratio = ours / floor if floor else float("nan")
        judged = f"{target} {verdict}".strip()
        self.rows.append((what, shown(ours), f"{floor_name}: {shown(floor)}", f"{ratio:.2f}x", judged))
        print(
            f"{what}: {shown(ours)} vs {floor_name} {shown(floor)} = {ratio:.2f}x ({judged})",
            flush=True,
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Medians of A, of B and of the ratio A/B, run in turn (A B A B ...) so that drift hits both."""
    times_a, times_b, ratios = [], [], []
    a()
    b()
    for _ in range(repeat):
        start = time.perf_counter()
        a()
        middle = time.perf_counter()
        b()
        end = time.perf_counter()
        times_a.append(middle - start)
        times_b.append(end - middle)
        ratios.append((middle - start) / (end - middle))
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def _startup_rows(report: Report, where: str, timeline: list[str], floor: list[str], repeat: int, **run: Any) -> None:
    def process(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **run)

    rows = [
        ("state", [*timeline, "state", "--date", "2026-01-15"], "<= 0.7x", 0.7),
        ("--help", [*timeline, "--help"], "<= 0.6x", 0.6),
    ]
    for name, command, target, bound in rows:
        ours, base, ratio = paired(process(*command), process(*floor), repeat)
        report.add(f"`timeline {name}` ({where})", ours, "import floor", base, target, ratio <= bound, ratio=ratio)


def startup(report: Report, repeat: int) -> None:
    python = sys.executable
    # As an install would have it (pip compiles bytecode; PYTHONDONTWRITEBYTECODE may be set here).
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "timeline"), str(ROOT / "cli.py")], check=True)
    floor = [python, "-c", "import click, attrs, cattrs, tomllib"]
    click_only, base, ratio = paired(run_process(python, "-c", "import click"), run_process(*floor), repeat)
    report.add("Python and `import click` alone", click_only, "import floor", base, "", None, ratio=ratio)
    # A query on the shipped events writes nothing, so no cache folder is needed.
    _startup_rows(report, "source checkout", [str(BIN / "timeline")], floor, repeat)
    installed = _install_wheel()
    if installed is None:
        print("could not build the wheel (python -m build needs hatchling): installed start-up not measured")
        return
    launcher = [python, "-c", "import sys; from timeline.__main__ import main; sys.exit(main())"]
    env = {**os.environ, "PYTHONPATH": str(installed)}
    try:
        _startup_rows(report, "installed wheel", launcher, floor, repeat, env=env, cwd=installed.parent)
    finally:
        shutil.rmtree(installed.parent, ignore_errors=True)


def _install_wheel() -> Path | None:
    """The package as a wheel installs it (compiled bytecode, trusted shipped store), in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="timeline-bench-wheel-"))
    try:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(folder / "dist"), str(ROOT)],
            check=True,
            capture_output=True,
        )
        (wheel,) = (folder / "dist").glob("*.whl")
        target = folder / "site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--compile",
                "--target",
                str(target),
                str(wheel),
            ],
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, ValueError, OSError):
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return target


def ten_thousand(report: Report, folder: Path, n: int, repeat: int) -> Any:
    from timeline.check.folder import check_folder

    files = sorted(folder.glob("*.toml"))

    def parse_only() -> None:
        for path in files:
            tomllib.loads(path.read_bytes().decode("utf-8"))

    def check_and_fold() -> Any:
        found = check_folder(folder)
        assert found.compiled is not None, found.errors[:3]
        from timeline.fold.evaluate import evaluate
        from timeline.fold.intervals import build

        evaluate(build(found.compiled.latest), DAYS["10k"])
        return found

    parse = median_seconds(parse_only, repeat)
    full = median_seconds(check_and_fold, max(3, repeat // 2))
    report.add(
        f"cold read, check and fold of {n:,} event files",
        full,
        "tomllib parse only",
        parse,
        "<= 1.6x",
        full <= 1.6 * parse,
    )
    return check_and_fold()


def fold_cost(report: Report, checked: Any, repeat: int) -> None:
    import json

    from timeline.fold.evaluate import Index, evaluate
    from timeline.fold.intervals import build
    from timeline.store.packed import pack, unpack

    records = list(checked.compiled.latest)
    events = checked.events
    day = DAYS["10k"]
    building = median_seconds(lambda: build(records), repeat)
    intervals = build(records)
    everything = median_seconds(lambda: evaluate(Index(intervals), day), repeat)
    packed = json.loads(json.dumps(pack(intervals)))  # as a query holds it once the store's file is parsed
    stored = median_seconds(lambda: evaluate(Index(unpack(packed, day.toordinal())), day), repeat)
    try:
        replay, _ = _eventsourcing_replay(events)
    except ImportError:
        print("eventsourcing is not installed: pip install -e '.[bench]' for the replay comparison")
        return
    seconds = median_seconds(replay, repeat)
    report.add(
        f"build intervals from {len(records):,} compiled events ({building / len(records) * 1e6:.2f} us/event)",
        building,
        "eventsourcing replay (mutate only)",
        seconds,
        "<= 1.0x",
        building <= seconds,
    )
    report.add(
        "the state on a day from the compiled intervals (the day's rows decoded, then evaluated)",
        stored,
        "eventsourcing replay (mutate only)",
        seconds,
        "<= 0.1x",
        stored <= 0.1 * seconds,
    )
    report.add(
        "the state on a day from all the built intervals (what the library does, from its own index)",
        everything,
        "eventsourcing replay (mutate only)",
        seconds,
        "",
        None,
    )


def _eventsourcing_replay(events: Any) -> tuple[Callable[[], object], Callable[[], object]]:
    """The same log as an eventsourcing aggregate; replay is what its repository does after decoding."""
    # Imported by name, typed as Any: eventsourcing is an optional bench-only extra.
    domain: Any = importlib.import_module("eventsourcing.domain")
    Aggregate: Any = domain.Aggregate
    event: Any = domain.event

    from timeline.model.events import FundingRound, PersonJoined, PersonLeft, RoleEnded, RoleStarted

    class Industry(Aggregate):
        @event("Started")
        def __init__(self) -> None:
            self.at: dict[tuple[str, str], set[str]] = {}
            self.raised: dict[str, int] = {}

        @event("Joined")
        def join(self, person: str, company: str) -> None:
            self.at[(person, company)] = set()

        @event("Left")
        def leave(self, person: str, company: str) -> None:
            self.at.pop((person, company), None)

        @event("RoleStarted")
        def start_role(self, person: str, company: str, role: str) -> None:
            self.at.setdefault((person, company), set()).add(role)

        @event("RoleEnded")
        def end_role(self, person: str, company: str, role: str) -> None:
            self.at.get((person, company), set()).discard(role)

        @event("Funded")
        def fund(self, company: str, amount: int) -> None:
            self.raised[company] = self.raised.get(company, 0) + amount

    industry = Industry()
    for e in events:
        if isinstance(e, PersonJoined):
            industry.join(e.person, e.company)
        elif isinstance(e, PersonLeft):
            industry.leave(e.person, e.company)
        elif isinstance(e, RoleStarted):
            industry.start_role(e.person, e.company, e.role)
        elif isinstance(e, RoleEnded):
            industry.end_role(e.person, e.company, e.role)
        elif isinstance(e, FundingRound):
            industry.fund(e.company, e.amount)
    # The library's own store (in memory, "POPO"): get() decodes every stored
    # event and replays it, which is what an application pays to load state.
    application: Any = importlib.import_module("eventsourcing.application").Application()
    application.save(industry)
    recorded = list(application.repository.event_store.get(industry.id))
    assert len(recorded) > len(events) // 2, "the aggregate did not record the log"

    def replay() -> object:
        aggregate = None
        for domain_event in recorded:
            aggregate = domain_event.mutate(aggregate)
        return aggregate

    def from_store() -> object:
        return application.repository.get(industry.id)

    return replay, from_store


def _peak_mib(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run of a command, in MiB.

    Measured by a fresh Python process whose only child is the command: this
    process's own children's figure is the largest of all it ever ran (the
    compile behind the first query included).
    """
    measure = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", measure, *command], env=env, capture_output=True, check=True)
    return int(done.stdout) / 1024


def check_and_load(report: Report, ten_k: Path, hundred_k: Path | None, repeat: int) -> None:
    timeline = str(BIN / "timeline")
    cache = tempfile.mkdtemp(prefix="timeline-bench-cache-")
    os.chmod(cache, 0o700)
    env = {**os.environ, "TIMELINE_CACHE_DIR": cache}

    def check(folder: Path) -> Callable[[], object]:
        def action() -> object:
            return subprocess.run(
                [timeline, "check", "--events", str(folder)], env=env, stdout=subprocess.DEVNULL, check=False
            )

        return action

    check(ten_k)()
    victim = sorted(ten_k.glob("*.toml"))[len(list(ten_k.glob("*.toml"))) // 2]
    original = victim.read_bytes()
    times = []
    for round_ in range(max(3, repeat // 2)):
        victim.write_bytes(original + f"# edit {round_}\n".encode())
        times.append(median_seconds(check(ten_k), 1))
    victim.write_bytes(original)
    changed = statistics.median(times)
    report.add(
        "`timeline check` on 10,000 events after one file changed",
        changed,
        "0.25 s",
        0.25,
        "<= 0.25 s",
        changed <= 0.25,
    )
    if hundred_k is not None:
        query = [timeline, "state", "--date", DAYS["100k"].isoformat(), "--format", "json", "--events", str(hundred_k)]
        subprocess.run(query, env=env, stdout=subprocess.DEVNULL, check=True)
        hot = median_seconds(run_process(*query, env=env), max(3, repeat // 3))
        report.add(
            "`timeline state` on 100,000 events, warm (with freshness check)", hot, "1 s", 1.0, "<= 1.0 s", hot <= 1.0
        )
        peak = _peak_mib(query, env)
        report.add(
            "peak memory of that query", peak, "300 MiB", 300, "<= 300 MiB", peak <= 300, lambda m: f"{m:.0f} MiB"
        )
        from timeline.ask.api import Timeline
        from timeline.store.compiled import open_store

        os.environ["TIMELINE_CACHE_DIR"] = cache
        store = open_store(hundred_k)

        def freshness() -> object:
            return open_store(hundred_k)  # the stat index, the folder's key, meta.json

        def query_part() -> object:
            store._loaded.clear()  # read the intervals again, as a new process would
            return Timeline(store).state(DAYS["100k"])

        report.add(
            "the freshness check of it (stat index, key, meta), in process",
            median_seconds(freshness, 3),
            "the whole warm query",
            hot,
            "",
            None,
        )
        inner = median_seconds(query_part, 3)
        report.add(
            "the query part of it (read the intervals, decode the day's rows, state)",
            inner,
            "0.25 s",
            0.25,
            "<= 0.25 s",
            inner <= 0.25,
        )
    shutil.rmtree(cache, ignore_errors=True)


def write_markdown(report: Report, started: float, sizes: dict[str, int]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m bench.run` (see `bench/run.py`); every time is a median of several runs",
        "taken in one run of the script, and every verdict compares two figures from that same run.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}",
        "- synthetic corpora from `bench/corpus.py`: "
        + ", ".join(f"{name}: {count:,} events" for name, count in sizes.items()),
        f"- run took {time.perf_counter() - started:.0f} s on {dt.date.today().isoformat()}",
        "",
        "| measurement | ours | against | ratio | target |",
        "|---|---|---|---|---|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in report.rows)
    lines.append("")
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + NOTES, encoding="utf-8")


NOTES = (ROOT / "bench" / "NOTES.md").read_text(encoding="utf-8") if (ROOT / "bench" / "NOTES.md").exists() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpora and few repeats (a smoke run)")
    parser.add_argument("--skip-100k", action="store_true", help="leave out the 100,000-event corpus")
    args = parser.parse_args()
    started = time.perf_counter()
    repeat = 3 if args.quick else 11
    big, huge = (1_000, 5_000) if args.quick else (10_000, 100_000)
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    report = Report()
    try:
        startup(report, repeat)
        tables = corpus.generate(big, seed=10)
        DAYS["10k"] = _query_day(tables)
        ten_k = corpus.write(tables, work / "10k")
        sizes = {"10k": big}
        events = ten_thousand(report, ten_k, big, max(3, repeat // 2))
        fold_cost(report, events, max(3, repeat // 2))
        hundred_k = None
        if not args.skip_100k:
            tables = corpus.generate(huge, seed=100)
            DAYS["100k"] = _query_day(tables)
            hundred_k = corpus.write(tables, work / "100k")
            sizes["100k"] = huge
        check_and_load(report, ten_k, hundred_k, repeat)
        write_markdown(report, started, sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
