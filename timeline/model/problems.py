"""What is wrong with the data, said so that a person can find and fix it."""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["DataError", "Findings", "Problem", "UnknownRelease"]

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing wrong with one file, as ``path:line: message``; problems sort by file, line, message."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        label = "" if self.severity == "error" else "warning: "
        return f"{where}: {label}{self.message}"


class Findings:
    """Splits a ``problems`` tuple into errors and warnings (a mixin for results of a check)."""

    __slots__ = ()
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


class DataError(Exception):
    """The events fail the check; ``problems`` holds every error found in one pass."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the events:\n" + "\n".join(str(p) for p in errors))


class UnknownRelease(ValueError):
    """No single ledger entry matches the release asked for (`timeline.check.manifest.release`)."""
