"""The roster as swimlanes over time, drawn with matplotlib (``pip install 'timeline[plot]'``).

A row per person, a bar per stint coloured by company. Where a start or an
end is known only as a range, that stretch is drawn hatched and pale: the
person may or may not have been there yet (or still). Triangles mark
announcements the people or companies made themselves (primary sources),
and a dashed line marks ``--date``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Event
    from .records import StintRecord

__all__ = ["draw"]

PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]


def draw(
    stints: tuple[StintRecord, ...],
    events: tuple[Event, ...],
    out: Path,
    *,
    marker: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Path:
    """Write the chart to ``out`` (``.png`` or ``.svg``) and return its path."""
    # Typed as Any: matplotlib is an optional extra with partial annotations.
    matplotlib: Any = importlib.import_module("matplotlib")
    matplotlib.use("Agg")  # no screen: write files only
    mdates: Any = importlib.import_module("matplotlib.dates")
    plt: Any = importlib.import_module("matplotlib.pyplot")
    patches: Any = importlib.import_module("matplotlib.patches")
    lines: Any = importlib.import_module("matplotlib.lines")

    known = [d for s in stints for d in (s.start_lower, s.start_upper, s.end_lower, s.end_upper) if d]
    first = start or min(known)
    last = end or max([*known, marker or min(known)]) + dt.timedelta(days=60)
    people: dict[str, list[StintRecord]] = {}
    for stint in sorted(stints, key=lambda s: (s.start_lower or s.start_upper or first, s.person)):
        people.setdefault(stint.person, []).append(stint)
    companies = list(dict.fromkeys(s.company for s in sorted(stints, key=lambda s: s.company_name)))
    colour = {cid: PALETTE[i % len(PALETTE)] for i, cid in enumerate(companies)}
    names = {s.company: s.company_name for s in stints}

    fig, ax = plt.subplots(figsize=(12, 0.45 * len(people) + 2.2), dpi=150)
    rows = {pid: len(people) - 1 - i for i, pid in enumerate(people)}

    def bar(row: int, left: dt.date, right: dt.date, cid: str, sure: bool) -> None:
        if right <= left:
            right = left + dt.timedelta(days=3)
        width = mdates.date2num(right) - mdates.date2num(left)
        style: dict[str, Any] = {"color": colour[cid], "edgecolor": colour[cid]}
        if not sure:
            style.update(alpha=0.35, hatch="////", linewidth=0)
        ax.barh(row, width, left=mdates.date2num(left), height=0.6, **style)

    for pid, records in people.items():
        row = rows[pid]
        for s in records:
            begin_low = max(s.start_lower or first, first)
            begin_high = max(s.start_upper or begin_low, first)
            finish_low = min(s.end_lower or last, last) if s.end else last
            finish_high = min(s.end_upper or last, last) if s.end else last
            if begin_high > begin_low:
                bar(row, begin_low, begin_high, s.company, sure=False)
            bar(row, begin_high, finish_low, s.company, sure=True)
            if finish_high > finish_low:
                bar(row, finish_low, finish_high, s.company, sure=False)
            if s.end is None:
                ax.annotate(
                    "",
                    xy=(mdates.date2num(last), row),
                    xytext=(mdates.date2num(last) - 25, row),
                    arrowprops={"arrowstyle": "->", "color": colour[s.company]},
                )
    for event in events:
        if not any(src.kind == "primary" for src in event.sources):
            continue
        person = getattr(event, "person", None)
        if person in rows and event.date.lower is not None and first <= event.date.lower <= last:
            ax.plot(
                mdates.date2num(event.date.lower),
                rows[person] + 0.42,
                marker="v",
                color="black",
                markersize=6,
                zorder=5,
            )
    if marker is not None:
        ax.axvline(mdates.date2num(marker), color="#333333", linestyle="--", linewidth=1)
        ax.text(mdates.date2num(marker), len(people) - 0.3, f" {marker.isoformat()}", fontsize=8, va="bottom")

    ax.set_yticks(list(rows.values()), [people[p][0].name for p in rows])
    ax.set_ylim(-0.7, len(people) - 0.2)
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", which="major", color="#dddddd")
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [patches.Patch(color=colour[c], label=names[c]) for c in companies]
    handles.append(
        patches.Patch(facecolor="#999999", alpha=0.35, hatch="////", label="date known only as a range")
    )
    handles.append(lines.Line2D([], [], marker="v", color="black", linestyle="", label="own announcement"))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06),
        fontsize=8,
        frameon=False,
        ncol=len(handles),
    )
    fig.text(
        0.01,
        0.01,
        "A bar reaching the right edge has no known end: there as far as the last source says.",
        fontsize=7,
        color="#555555",
    )
    ax.set_title("Who was where: Thinking Machines Lab, OpenAI and Meta", loc="left", fontsize=12)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
