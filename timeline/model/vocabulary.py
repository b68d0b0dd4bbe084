"""Role ids: the known ones, how each reads, and which are one-holder seats.

A role id is lowercase kebab-case, like every id. An event may use an id this
table does not know (the check warns and names the known ones); a case
variant of a known id (``CTO`` for ``cto``) is an error, because it would
read as a second, different role.

This module imports nothing: the command line's fast path reads it.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["LEADERSHIP", "ROLES", "KnownRole", "Role", "seat", "title"]

KnownRole = Literal[
    "ceo",
    "interim-ceo",
    "cto",
    "chief-scientist",
    "chief-research-officer",
    "ceo-of-applications",
    "vp-research",
    "head-of-enterprise",
    "member-of-technical-staff",
    "researcher",
]


class Role:
    """How a role id reads, and the seat it occupies if only one person can hold it."""

    __slots__ = ("id", "seat", "title")

    def __init__(self, id: str, title: str, seat: str | None = None) -> None:
        self.id = id
        self.title = title
        self.seat = seat


ROLES: Final[dict[str, Role]] = {
    r.id: r
    for r in (
        Role("ceo", "CEO", seat="ceo"),
        # An interim CEO sits in the CEO's seat: the two are never held at once.
        Role("interim-ceo", "Interim CEO", seat="ceo"),
        Role("cto", "CTO", seat="cto"),
        Role("chief-scientist", "Chief Scientist", seat="chief-scientist"),
        Role("chief-research-officer", "Chief Research Officer", seat="chief-research-officer"),
        Role("ceo-of-applications", "CEO of Applications", seat="ceo-of-applications"),
        Role("vp-research", "VP of Research"),
        Role("head-of-enterprise", "Head of Enterprise"),
        Role("member-of-technical-staff", "Member of Technical Staff"),
        Role("researcher", "Researcher"),
    )
}

# Seats in the order a company's leadership line lists them.
LEADERSHIP: Final[tuple[str, ...]] = (
    "ceo",
    "cto",
    "chief-scientist",
    "chief-research-officer",
    "ceo-of-applications",
)


def title(role: str) -> str:
    """``cto`` -> ``CTO``; an unknown id reads as its words, capitalised."""
    known = ROLES.get(role)
    return known.title if known else role.replace("-", " ").capitalize()


def seat(role: str) -> str | None:
    """The one-holder seat ``role`` occupies, or ``None`` if many can hold it at once."""
    known = ROLES.get(role)
    return known.seat if known else None
