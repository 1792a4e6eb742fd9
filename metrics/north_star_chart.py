"""The north-star chart: the KPI per week with its notes and bends numbered on the time axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from metrics.chart_axes import LINE, empty, no_data_figure, png, titled, unit_axis
from metrics.chart_layout import fit
from metrics.chart_notes import ChartNote, mark, notes_in_range, position_of
from metrics.chart_words import word

MAX_NOTES = 6
NOTE_CHARS = 46
__all__ = ["ChartNote", "build_north_star_figure", "north_star_chart"]


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
    shown = notes_in_range(notes, index)[-MAX_NOTES:]
    for number, note in enumerate(shown, start=1):
        mark(ax, note, number, position_of(note.on, index))
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


def north_star_chart(series: pd.Series, notes: Sequence[ChartNote], *, title: str, unit: str,
                     lang: str, currency: str = "EUR", paused: Sequence[date] = (),
                     partial: Sequence[date] = (), window_weeks: int = 4) -> bytes:
    return png(build_north_star_figure(series, notes, title=title, unit=unit, lang=lang,
                                       currency=currency, paused=paused, partial=partial,
                                       window_weeks=window_weeks))
