"""The north-star chart: the KPI per week with its notes and bends numbered on the time axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from metrics.chart_axes import ALERT, LINE, empty, no_data_figure, png, titled, unit_axis
from metrics.chart_layout import fit
from metrics.chart_words import word

MAX_NOTES = 6
NOTE_CHARS = 46


@dataclass(frozen=True)
class ChartNote:
    on: date
    label: str
    tag: str | None = None  # shown in the circle (a note's number); default: its position
    bend: bool = False  # marks a bend of the curve, drawn stronger than a plain note


def build_north_star_figure(series: pd.Series, notes: Sequence[ChartNote], *, title: str,
                            unit: str, lang: str, currency: str = "EUR",
                            paused: Sequence[date] = (), partial: Sequence[date] = (),
                            window_weeks: int = 4) -> Figure:
    """The north-star KPI per week; NaN weeks stay gaps, paused weeks are shaded, weeks whose
    window was only partly recorded (`partial`) are hollow markers; notes numbered on the time
    axis."""
    index = list(series.index)
    figure, ax = titled(title, index, lang, paused)
    values = series.to_numpy(dtype=float)
    if empty(values):
        return no_data_figure(figure, ax, lang)
    positions = np.arange(len(index))
    ax.plot(positions, values, color=LINE, linewidth=3, marker="o", markersize=7)
    hollow = set(partial)
    _hollow(ax, positions, values, [day in hollow for day in index], lang, window_weeks)
    unit_axis(ax, unit, lang, currency)
    shown = _notes_in_range(notes, index)[-MAX_NOTES:]
    for number, note in enumerate(shown, start=1):
        _mark(ax, note, number, _position_of(note.on, index))
    if not shown:
        fit(figure)
        return figure
    _note_legend(figure, shown)
    return figure


def _hollow(ax, positions: np.ndarray, values: np.ndarray, partial: list[bool], lang: str,
            window_weeks: int) -> None:
    """White markers over the weeks whose value rests on part of its window, named in a legend."""
    shown = np.array(partial, dtype=bool) & np.isfinite(values)
    if not shown.any():
        return
    ax.plot(positions[shown], values[shown], linestyle="none", marker="o", markersize=9,
            markerfacecolor="white", markeredgecolor=LINE, markeredgewidth=2.5,
            label=word(lang, "partial").format(n=window_weeks))
    ax.legend(loc="best", fontsize=11, facecolor="white", edgecolor="none", framealpha=1)


def _mark(ax, note: ChartNote, number: int, x: float) -> None:
    """A note's line on the time axis, with its number (or tag) in a circle at the bottom."""
    ax.axvline(x, color=ALERT if note.bend else "#bbbbbb", linestyle="--" if note.bend else ":",
               linewidth=1.6 if note.bend else 1.2)
    ax.annotate(note.tag or str(number), (x, 0.03), xycoords=("data", "axes fraction"),
                ha="center", va="bottom", fontsize=12, fontweight="bold", color="#444444",
                parse_math=False,
                bbox={"boxstyle": "round,pad=0.25" if note.tag else "circle,pad=0.25",
                      "fc": "#fde7dc" if note.bend else "#f3f3f3",
                      "ec": ALERT if note.bend else "#999999"})


def _note_legend(figure: Figure, shown: list[ChartNote]) -> None:
    """The notes' texts under the chart, two a row."""
    rows = math.ceil(len(shown) / 2)
    bottom = 0.045 * rows + 0.03
    fit(figure, rect=(0, bottom, 1, 1))
    for number, note in enumerate(shown, start=1):
        column, row = (number - 1) % 2, (number - 1) // 2
        label = note.label if len(note.label) <= NOTE_CHARS else note.label[:NOTE_CHARS - 1] + "…"
        figure.text(0.02 + column * 0.5, bottom - 0.045 * (row + 1), f"{note.tag or number}  {label}",
                    fontsize=12, color="#333333", parse_math=False)  # people's words, as written


def _notes_in_range(notes: Sequence[ChartNote], index: Sequence[date]) -> list[ChartNote]:
    if not index:
        return []
    first, last = index[0], index[-1] + pd.Timedelta(days=6).to_pytimedelta()
    return sorted((n for n in notes if first <= n.on <= last), key=lambda n: n.on)


def _position_of(day: date, index: Sequence[date]) -> float:
    """Where a day falls on the week axis (fractional within its week)."""
    for i, start in enumerate(index):
        offset = (day - start).days
        if 0 <= offset < 7:
            return i - 0.5 + (offset + 0.5) / 7
    return float(len(index) - 1)


def north_star_chart(series: pd.Series, notes: Sequence[ChartNote], *, title: str, unit: str,
                     lang: str, currency: str = "EUR", paused: Sequence[date] = (),
                     partial: Sequence[date] = (), window_weeks: int = 4) -> bytes:
    return png(build_north_star_figure(series, notes, title=title, unit=unit, lang=lang,
                                       currency=currency, paused=paused, partial=partial,
                                       window_weeks=window_weeks))
