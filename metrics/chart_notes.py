"""Notes and bends marked on a chart's week axis: a line at the day, its tag in a box."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from metrics.chart_axes import ALERT

HEADROOM = 0.14  # share of the value range added above the curves for the bends' tags


@dataclass(frozen=True)
class ChartNote:
    on: date
    label: str
    tag: str | None = None  # shown in the box (a note's number, "?"); default: its position
    bend: bool = False  # marks a bend of the curve, drawn stronger than a plain note


def mark(ax, note: ChartNote, number: int, x: float, at: float = 0.03,
         label: str | None = None) -> None:
    """A note's line on the time axis (named `label` in the legend), with its tag (or number) in
    a box at height `at`."""
    ax.axvline(x, color=ALERT if note.bend else "#bbbbbb", linestyle="--" if note.bend else ":",
               linewidth=1.6 if note.bend else 1.2, label=label)
    ax.annotate(note.tag or str(number), (x, at), xycoords=("data", "axes fraction"),
                ha="center", va="bottom", fontsize=12, fontweight="bold", color="#444444",
                parse_math=False, zorder=6,
                bbox={"boxstyle": "round,pad=0.25" if note.bend else "circle,pad=0.25",
                      "fc": "#fde7dc" if note.bend else "#f3f3f3",
                      "ec": ALERT if note.bend else "#999999"})


def mark_bends(ax, bends: Sequence[ChartNote], index: Sequence[date], label: str,
               at: float = 0.92) -> None:
    """The bends that fall on the chart's weeks, tagged in room made above the curves (bars stand
    at the bottom); the first named `label` in the legend."""
    shown = notes_in_range(bends, index)
    if not shown:
        return
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + (high - low) * HEADROOM)
    for number, note in enumerate(shown, start=1):
        mark(ax, note, number, position_of(note.on, index), at=at,
             label=label if number == 1 else None)


def notes_in_range(notes: Sequence[ChartNote], index: Sequence[date]) -> list[ChartNote]:
    """The notes on the chart's weeks, in the order of their days."""
    if not index:
        return []
    first, last = index[0], index[-1] + timedelta(days=6)
    return sorted((n for n in notes if first <= n.on <= last), key=lambda n: n.on)


def position_of(day: date, index: Sequence[date]) -> float:
    """Where a day falls on the week axis (fractional within its week)."""
    for i, start in enumerate(index):
        offset = (day - start).days
        if 0 <= offset < 7:
            return i - 0.5 + (offset + 0.5) / 7
    return float(len(index) - 1)
