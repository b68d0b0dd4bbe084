"""The roster as swimlanes over time, drawn with matplotlib (``pip install 'tml-talent-timeline[plot]'``).

A row per person: a thick bar per stint coloured by company, a thin labelled
bar under it per role, each with its own dates. Where a start or an end is
known only as a range, that stretch is pale and hatched: the person may or
may not have been there yet (or still). Triangles mark the people's own
announcements; a dashed line marks ``--date``; a footer says where the data
comes from. Text is never read as matplotlib's mathtext.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.model.text import visible
from timeline.read import output
from timeline.show.lanes import Lanes, WindowError, lanes

if TYPE_CHECKING:
    from timeline.ask.api import Timeline

__all__ = ["ChartError", "draw", "make_chart"]

PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]


def _plain(text: str) -> str:
    # matplotlib reads text between two '$' as mathtext; escaped, it is shown as written.
    return visible(text).replace("$", r"\$")


def draw(drawn: Lanes, out: Path, *, marker: dt.date | None = None) -> Path:
    """Write the chart to ``out`` (``.png`` or ``.svg``) and return its path."""
    matplotlib: Any = importlib.import_module("matplotlib")
    matplotlib.use("Agg")  # no screen: write files only
    mdates: Any = importlib.import_module("matplotlib.dates")
    plt: Any = importlib.import_module("matplotlib.pyplot")
    patches: Any = importlib.import_module("matplotlib.patches")
    lines: Any = importlib.import_module("matplotlib.lines")

    first, last = drawn.first, drawn.last + dt.timedelta(days=30)
    companies = sorted({b.company for _, _, bars in drawn.people for b in bars}, key=lambda c: c)
    colour = {cid: PALETTE[i % len(PALETTE)] for i, cid in enumerate(companies)}
    names = {b.company: b.company_name for _, _, bars in drawn.people for b in bars}
    rows = {pid: len(drawn.people) - 1 - i for i, (pid, _, _) in enumerate(drawn.people)}

    fig, ax = plt.subplots(figsize=(13, 0.6 * len(drawn.people) + 2.4), dpi=150)

    def span(row: float, left: dt.date, right: dt.date, cid: str, sure: bool, height: float) -> None:
        if right <= left:
            right = left + dt.timedelta(days=3)
        width = mdates.date2num(right) - mdates.date2num(left)
        style: dict[str, Any] = {"color": colour[cid], "edgecolor": colour[cid]}
        if not sure:
            style.update(alpha=0.35, hatch="////", linewidth=0)
        ax.barh(row, width, left=mdates.date2num(left), height=height, **style)

    for pid, _, bars in drawn.people:
        base = rows[pid]
        for bar in bars:
            row = base + (0.12 if bar.role is None else -0.22)
            height = 0.42 if bar.role is None else 0.2
            if bar.start_upper > bar.start_lower:
                span(row, bar.start_lower, bar.start_upper, bar.company, False, height)
            span(row, bar.start_upper, bar.end_lower, bar.company, True, height)
            if bar.end_upper > bar.end_lower:
                span(row, bar.end_lower, bar.end_upper, bar.company, False, height)
            if bar.role is not None:
                label = ax.text(
                    mdates.date2num(bar.start_upper) + 3,
                    row,
                    _plain(bar.label.split(" at ", 1)[0]),
                    fontsize=6.5,
                    va="center",
                    color="white" if (bar.end_lower - bar.start_upper).days > 120 else "#333333",
                )
                # A role's name stays within its own bar, so it never runs into the next role's.
                left = mdates.date2num(bar.start_upper)
                box = patches.Rectangle(
                    (left, row - 0.3), mdates.date2num(bar.end_upper) - left, 0.6, transform=ax.transData
                )
                label.set_clip_path(box)
                label.set_clip_on(True)
            elif bar.open_end:
                ax.annotate(
                    "",
                    xy=(mdates.date2num(last), row),
                    xytext=(mdates.date2num(last) - 20, row),
                    arrowprops={"arrowstyle": "->", "color": colour[bar.company]},
                )
    for person, day in drawn.announcements:
        ax.plot(mdates.date2num(day), rows[person] + 0.42, marker="v", color="black", markersize=5, zorder=5)
    if marker is not None:
        ax.axvline(mdates.date2num(marker), color="#333333", linestyle="--", linewidth=1)
        ax.text(
            mdates.date2num(marker),
            len(drawn.people) - 0.3,
            f" {marker.isoformat()}",
            fontsize=8,
            va="bottom",
        )

    ax.set_yticks(list(rows.values()), [_plain(name) for _, name, _ in drawn.people])
    ax.set_ylim(-0.7, len(drawn.people) - 0.2)
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last))
    if (last - first).days < 3 * 365:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        ax.xaxis.set_minor_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    else:
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", which="major", color="#dddddd")
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [patches.Patch(color=colour[c], label=_plain(names[c])) for c in companies]
    handles.append(patches.Patch(facecolor="#999999", alpha=0.35, hatch="////", label="date known only as a range"))
    handles.append(lines.Line2D([], [], marker="v", color="black", linestyle="", label="own announcement"))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        fontsize=8,
        frameon=False,
        ncol=min(len(handles), 6),
    )
    fig.text(
        0.01,
        0.01,
        f"Data: timeline, {drawn.events} events, sources cited (timeline why ID). Thick bars: at the company; "
        "thin labelled bars: a role. An arrow: no end known, there as far as the last source says.",
        fontsize=7,
        color="#555555",
    )
    ax.set_title(_plain(drawn.title), loc="left", fontsize=12)
    picture = io.BytesIO()
    with warnings.catch_warnings():
        # A glyph the font lacks is drawn as a box, and a very long name keeps its margin: neither
        # is the reader's to fix, so neither is printed on every run.
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        fig.savefig(picture, format=out.suffix.lstrip(".").lower())
    plt.close(fig)
    output.folder(out.parent)
    return output.replace(out, picture.getvalue())


class ChartError(ValueError):
    """What the chart's options ask for cannot be drawn; the message says why, in words."""


def make_chart(
    tl: Timeline,
    fmt: str | None,
    out: Path | None,
    *,
    marker: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    as_of: dt.date | None = None,
    companies: tuple[str, ...] = (),
) -> str | Path:
    """The chart the options ask for: a Mermaid gantt as text, or the path of the PNG or SVG written.

    The format comes from ``fmt``, else from ``out``'s suffix; the time axis is kept within the
    data's span.
    """
    try:
        drawn = lanes(tl, as_of, since=since, until=until, companies=companies)
    except WindowError as exc:
        raise ChartError(str(exc)) from None
    if fmt == "mermaid":
        from timeline.show.mermaid import gantt

        return gantt(drawn, marker=marker)
    if out is None:
        raise ChartError("give --out FILE.png or FILE.svg (or --format mermaid)")
    target = out if fmt is None or out.suffix.lower() == f".{fmt}" else out.with_suffix(f".{fmt}")
    if target.suffix.lower() not in (".png", ".svg"):
        raise ChartError(f"{target.name}: a chart is written as .png or .svg")
    return draw(drawn, target, marker=marker)
