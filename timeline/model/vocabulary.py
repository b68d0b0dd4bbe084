"""Role ids: how each reads and which are one-holder seats. The dataset declares them; this reads them.

The roles are data. ``events/dataset.toml`` lists them in its ``[roles]`` table
(``cto = { title = "CTO", seat = "cto" }``; a role many can hold at once is just
its title), in the order a company's leadership line lists its seats, so that a
contributor adds a role without touching code. A folder with no ``[roles]`` gets
`DEFAULT`, the roles this package started with. The check reads them from the
dataset, the fold carries them in its intervals (`timeline.fold.intervals.Intervals.roles`),
and every answer reads titles from there.

A role id is lowercase kebab-case, like every id. An event may use an id the table
does not know (the check warns and names the known ones); a case variant of a known
id (``CTO`` for ``cto``) is an error, because it would read as a second, different role.

This module imports nothing heavy: the command line's fast path reads it.
"""

from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["DEFAULT", "Role", "Roles", "Tracked"]


class Role(NamedTuple):
    """A role id, how it reads, and the seat it occupies if only one person can hold it at a time."""

    id: str
    title: str
    seat: str | None = None


class Tracked(NamedTuple):
    """The dataset tracks ``company``'s ``seat`` from day ``since`` (an ordinal) on: a day without a holder
    or a recorded vacancy is a gap the check reports (``[tracked]`` in ``dataset.toml``)."""

    company: str
    seat: str
    since: int


class Roles:
    """A dataset's roles, looked up by id; ``seats`` lists the seats in the order a leadership line reads."""

    __slots__ = ("_by_id", "rows", "seats")

    def __init__(self, rows: Iterable[Role]) -> None:
        self.rows: tuple[Role, ...] = tuple(rows)
        self._by_id = {role.id: role for role in self.rows}
        self.seats: tuple[str, ...] = tuple(dict.fromkeys(r.seat for r in self.rows if r.seat is not None))

    def __contains__(self, role: object) -> bool:
        return role in self._by_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Roles) and self.rows == other.rows

    def __hash__(self) -> int:
        return hash(self.rows)

    def __repr__(self) -> str:
        return f"Roles({', '.join(self._by_id)})"

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def title(self, role: str) -> str:
        """``cto`` -> ``CTO``; an unknown id reads as its words, capitalised."""
        known = self._by_id.get(role)
        return known.title if known else role.replace("-", " ").capitalize()

    def seat(self, role: str) -> str | None:
        """The one-holder seat ``role`` occupies, or ``None`` if many can hold it at once."""
        known = self._by_id.get(role)
        return known.seat if known else None

    def seat_title(self, seat: str) -> str:
        """How a seat reads: the title of the role that is the seat itself (``ceo`` -> ``CEO``)."""
        return self.title(seat)


DEFAULT = Roles(
    (
        Role("ceo", "CEO", "ceo"),
        # An interim CEO sits in the CEO's seat: the two are never held at once.
        Role("interim-ceo", "Interim CEO", "ceo"),
        Role("president", "President", "president"),
        Role("cto", "CTO", "cto"),
        Role("chief-scientist", "Chief Scientist", "chief-scientist"),
        Role("chief-research-officer", "Chief Research Officer", "chief-research-officer"),
        Role("ceo-of-applications", "CEO of Applications", "ceo-of-applications"),
        Role("vp-research", "VP of Research"),
        Role("head-of-enterprise", "Head of Enterprise"),
        Role("member-of-technical-staff", "Member of Technical Staff"),
        Role("researcher", "Researcher"),
    )
)
