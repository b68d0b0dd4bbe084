"""Role ids and how they read. A role id is lowercase kebab-case, like every id."""

from __future__ import annotations

__all__ = ["EXCLUSIVE_ROLES", "LEADERSHIP", "ROLE_TITLES", "title"]

# Roles one person at a time can hold at a company, in the order a
# leadership line lists them.
LEADERSHIP = ("ceo", "cto", "chief-scientist")
EXCLUSIVE_ROLES = frozenset(LEADERSHIP)

ROLE_TITLES = {
    "ceo": "CEO",
    "cto": "CTO",
    "chief-scientist": "Chief Scientist",
    "co-founder": "Co-founder",
    "member-of-technical-staff": "Member of Technical Staff",
    "vp-research": "VP of Research",
    "researcher": "Researcher",
}


def title(role: str) -> str:
    """``cto`` -> ``CTO``; an unlisted id reads as its words capitalised."""
    return ROLE_TITLES.get(role) or role.replace("-", " ").capitalize()
