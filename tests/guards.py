"""Mutation testing of the guards in SECURITY.md: each guard removed, its test must fail.

A test that still passes with its guard gone proves nothing. For each guard
below, this copies the project into a temporary folder, disables the guard
there (one exact piece of source, replaced), and runs the tests named for it:
they must fail. The tests are first run on the unchanged copy, where they must
pass, so that a failure means the guard, not the setup.

    python -m tests.guards            # every guard; exit 1 if one is not caught
    python -m tests.guards --list     # the table only

CI runs it after the test suite (`.ci/run`); the report lists guard, test and result.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("timeline", "events", "tests", "bench", "cli.py", "pyproject.toml")


class Guard(NamedTuple):
    name: str
    path: str  # the file the guard is in
    source: str  # exactly once in that file
    disabled: str  # what replaces it
    tests: tuple[str, ...]  # pytest node ids that must fail without it


GUARDS = (
    Guard(
        "store: a body must match its CRC-32",
        "timeline/store/checksummed.py",
        'if checksum(data) != {"size": header.get("size"), "crc32": header.get("crc32")}:',
        "if False:",
        ("tests/test_store.py::test_a_flipped_byte_in_a_store_file_is_refused",),
    ),
    Guard(
        "store: a file must carry the key of the content",
        "timeline/store/checksummed.py",
        'if key is not None and header.get("key") != key:',
        "if False:",
        ("tests/test_store.py::test_a_store_file_built_from_other_content_is_refused",),
    ),
    Guard(
        "store: a fresh cache entry is read, not compiled again",
        "timeline/store/compiled.py",
        "        meta = _read_meta(entry, key, True)\n",
        "        meta = None\n",
        ("tests/test_store.py::test_a_folder_is_compiled_once_and_reused",),
    ),
    Guard(
        "cache: a file must be this user's and not writable by others",
        "timeline/store/checksummed.py",
        "if owner_checked and (info.st_uid != os.getuid() or info.st_mode & 0o022):",
        "if False:",
        ("tests/test_store.py::test_a_cache_folder_or_file_owned_by_someone_else_is_not_trusted",),
    ),
    Guard(
        "seal: one seal at a time (flock)",
        "timeline/check/manifest.py",
        "fcntl.flock(fd, fcntl.LOCK_EX)",
        "pass",
        ("tests/test_hostile.py::test_a_seal_waits_while_another_holds_the_lock",),
    ),
    Guard(
        "ledger: a landed file must keep its digest",
        "timeline/check/manifest.py",
        "elif found_digest != entry.digest:",
        "elif False:",
        ("tests/test_check.py::test_editing_a_landed_file_fails",),
    ),
    Guard(
        "ledger: a pinned release must still be in the chain",
        "timeline/check/manifest.py",
        "if entry.chain.startswith(chain_prefix.lower()) and len(chain_prefix) >= 6:",
        "if True:",
        ("tests/test_hostile.py::test_a_pinned_release_catches_a_consistently_rewritten_ledger",),
    ),
    Guard(
        "read: only regular files are read",
        "timeline/read/files.py",
        "if not stat.S_ISREG(before.st_mode):",
        "if False:",
        ("tests/test_hostile.py::test_a_named_pipe_is_named_and_never_read",),
    ),
    Guard(
        "read: a symlink must stay inside the events folder",
        "timeline/read/files.py",
        "if root is not None and os.path.commonpath([root, target]) != root:",
        "if False:",
        ("tests/test_hostile.py::test_a_device_behind_a_symlink_is_not_read",),
    ),
    Guard(
        "read: a file is at most 64 KiB",
        "timeline/read/files.py",
        "MAX_FILE_BYTES = 64 * 1024",
        "MAX_FILE_BYTES = 64 * 1024 * 1024",
        ("tests/test_check.py::test_stray_files_symlinks_and_size",),
    ),
    Guard(
        "check: control, invisible and bidi characters are refused",
        "timeline/model/text.py",
        "        bad = forbidden(text)\n",
        "        bad = ()\n",
        ("tests/test_hostile.py::test_every_unsafe_character_is_refused_however_toml_spells_it",),
    ),
    Guard(
        "check: a name mixing look-alike scripts is refused",
        "timeline/check/rules.py",
        "            scripts = mixed_scripts(name)\n",
        "            scripts = ()\n",
        ("tests/test_hostile.py::test_a_name_that_mixes_look_alike_scripts_is_refused",),
    ),
    Guard(
        "output: text shows unsafe characters as escapes",
        "timeline/model/text.py",
        "    if _UNSAFE.search(text) is None:\n        return text",
        "    return text",
        ("tests/test_hostile.py::test_tables_and_text_escape_what_they_print",),
    ),
    Guard(
        "CSV: a cell that would run as a formula gets an apostrophe",
        "timeline/show/render.py",
        "if value.startswith(_FORMULA_START):",
        "if False:",
        ("tests/test_cli.py::test_csv_neutralises_formulas_and_line_breaks",),
    ),
    Guard(
        "JSON: C1, DEL and bidi characters are escaped",
        "timeline/show/render.py",
        '_JSON_UNSAFE = re.compile("[\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]")',
        '_JSON_UNSAFE = re.compile("(?!)")',
        ("tests/test_hostile.py::test_json_escapes_c1_and_bidi",),
    ),
    Guard(
        "TimelineJS: every text is HTML-escaped",
        "timeline/export/timelinejs.py",
        '"text": f"<p>{html.escape(event.summary)}</p>',
        '"text": f"<p>{event.summary}</p>',
        ("tests/test_timelinejs.py::test_every_text_is_escaped_and_links_are_web_links",),
    ),
    Guard(
        "Mermaid: its own syntax characters are replaced",
        "timeline/show/mermaid.py",
        '_UNSAFE = re.compile(r"[:#;\\n\\r]")',
        '_UNSAFE = re.compile(r"(?!)")',
        ("tests/test_hostile.py::test_mermaid_and_chart_escape_for_their_own_syntax",),
    ),
    Guard(
        "writes: a link or a non-file at an output's name is refused",
        "timeline/read/output.py",
        "    refuse_odd(target)\n",
        "",
        ("tests/test_writes.py::test_a_link_planted_at_an_outputs_name_is_refused_and_its_target_untouched[site]",),
    ),
    Guard(
        "writes: the temporary file is created exclusively, following no link",
        "timeline/read/output.py",
        "fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)",
        "fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)",
        ("tests/test_writes.py::test_a_link_planted_at_the_temporary_name_is_never_written_through",),
    ),
)


def _copy(into: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__", "out"))
        else:
            shutil.copy2(source, into / name)


def _pytest(where: Path, tests: tuple[str, ...]) -> tuple[str, float]:
    """``passed``, ``failed`` (an assertion failed) or ``error`` (anything else), and the seconds taken."""
    started = time.perf_counter()
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(where / ".cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "no:randomly", *tests],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode == 0:
        return "passed", seconds
    # Caught means an assertion of the named test failed, not that the copy could not even run.
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return ("failed" if " failed" in summary and " error" not in summary else "error"), seconds


def run(guards: tuple[Guard, ...]) -> list[tuple[Guard, str]]:
    """Each guard with its result: caught (the test fails without it), or why not."""
    results = []
    with tempfile.TemporaryDirectory(prefix="timeline-guards-") as temporary:
        copy = Path(temporary) / "project"
        _copy(copy)
        for guard in guards:
            target = copy / guard.path
            original = target.read_text(encoding="utf-8")
            if original.count(guard.source) != 1:
                results.append((guard, "STALE: the guarded source is not there exactly once; update tests/guards.py"))
                continue
            outcome, _ = _pytest(copy, guard.tests)
            if outcome != "passed":
                results.append((guard, "BROKEN: its test fails even with the guard in place"))
                continue
            target.write_text(original.replace(guard.source, guard.disabled), encoding="utf-8")
            try:
                outcome, seconds = _pytest(copy, guard.tests)
            finally:
                target.write_text(original, encoding="utf-8")
            results.append((guard, _SAID[outcome].format(seconds=seconds)))
    return results


_SAID = {
    "failed": "caught ({seconds:.1f} s)",
    "passed": "MISSED: the test passes without the guard",
    "error": "ERROR: the test could not run without the guard (not an assertion); look at it by hand",
}


def _table(rows: list[tuple[Guard, str]]) -> str:
    lines = ["| guard | test | result |", "|---|---|---|"]
    for guard, result in rows:
        lines.append(f"| {guard.name} | `{', '.join(guard.tests)}` | {result} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the guards and their tests only")
    parser.add_argument("names", nargs="*", help="only the guards whose name holds one of these words")
    args = parser.parse_args()
    guards = tuple(g for g in GUARDS if not args.names or any(n in g.name for n in args.names))
    if args.list:
        print(_table([(g, "") for g in guards]))
        return 0
    rows = run(guards)
    print(_table(rows))
    failed = [g.name for g, result in rows if not result.startswith("caught")]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} guards caught by their tests.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
