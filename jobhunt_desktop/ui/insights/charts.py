"""The Insights charts, drawn with matplotlib (its Qt backend; Qt Charts is GPL-only).

Imported only when the view opens: matplotlib is large, and its first import builds a
font cache. Each chart follows the window's colours and the stages' own colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from matplotlib.figure import Figure

from jobhunt_desktop.domain.insights import Insights


@dataclass(frozen=True, slots=True)
class Colours:
    text: str
    base: str
    grid: str
    accent: str
    goal: str


def _style(figure: Figure, colours: Colours) -> None:
    figure.set_facecolor(colours.base)
    for axes in figure.axes:
        axes.set_facecolor(colours.base)
        axes.tick_params(colors=colours.text, labelsize=9)
        for spine in axes.spines.values():
            spine.set_color(colours.grid)
        axes.title.set_color(colours.text)
        axes.xaxis.label.set_color(colours.text)
        axes.yaxis.label.set_color(colours.text)


def funnel_figure(figures: Insights, colours: Colours) -> Figure:
    """The path as horizontal bars, top to bottom in board order, and the exits."""
    figure = Figure(figsize=(7.5, 3.2), layout="constrained")
    funnel, exits = figure.subplots(1, 2, width_ratios=[3, 1.3])
    names = [s.name for s, _ in figures.funnel]
    counts = [n for _, n in figures.funnel]
    bars = funnel.barh(names, counts, color=[s.colour for s, _ in figures.funnel])
    funnel.invert_yaxis()
    funnel.bar_label(bars, padding=3, color=colours.text, fontsize=9)
    funnel.set_title("How far applications got", fontsize=10, loc="left")
    funnel.set_xlim(0, max(counts, default=0) * 1.15 + 1)
    funnel.xaxis.set_visible(False)
    out = exits.barh(
        [s.name for s, _ in figures.exits],
        [n for _, n in figures.exits],
        color=[s.colour for s, _ in figures.exits],
    )
    exits.invert_yaxis()
    exits.bar_label(out, padding=3, color=colours.text, fontsize=9)
    exits.set_title("Ended", fontsize=10, loc="left")
    exits.set_xlim(0, max((n for _, n in figures.exits), default=0) * 1.3 + 1)
    exits.xaxis.set_visible(False)
    _style(figure, colours)
    return figure


def activity_figure(figures: Insights, colours: Colours) -> Figure:
    """Applications sent each week, against the weekly goal; the part of each week's
    applications that has been answered, darker."""
    figure = Figure(figsize=(7.5, 2.6), layout="constrained")
    axes = figure.subplots()
    weeks = [datetime.combine(w, time()) for w, _ in figures.activity]
    counts = [n for _, n in figures.activity]
    answered = {week: n for week, _, n in figures.weekly}
    heard = [answered.get(w, 0) for w, _ in figures.activity]
    axes.bar(weeks, counts, width=5, color=colours.accent, alpha=0.45, label="Sent")  # type: ignore[arg-type]
    axes.bar(weeks, heard, width=5, color=colours.accent, label="Answered since")  # type: ignore[arg-type]
    if weeks:
        axes.legend(loc="upper left", fontsize=8, frameon=False, labelcolor=colours.text)
    axes.axhline(figures.weekly_goal, color=colours.goal, linestyle="--", linewidth=1.2)
    axes.text(
        1.0,
        figures.weekly_goal,
        f" goal {figures.weekly_goal}",
        color=colours.goal,
        fontsize=8,
        va="bottom",
        ha="right",
        transform=axes.get_yaxis_transform(),
    )
    axes.set_title("Applications a week", fontsize=10, loc="left")
    axes.grid(axis="y", color=colours.grid, linewidth=0.5)
    axes.set_axisbelow(True)
    figure.autofmt_xdate()
    _style(figure, colours)
    return figure
