"""The cohort chart: a triangle heat map of retention, rows cohorts, columns months since the
first order; big numbers in few cells, so that it reads at Slack's thumbnail size."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from babel.numbers import format_decimal
from matplotlib import colormaps
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from metrics.chart_axes import png
from metrics.chart_output import figure_with_axes
from metrics.chart_words import locale_of
from metrics.cohorts import Cohort

WIDTH_IN, HEIGHT_IN, DPI = 9.0, 6.4, 100
MAX_ROWS, MAX_MONTHS = 9, 9  # the newest cohorts, months 1 to 9 after the first order
COLOURS = colormaps["Blues"]  # one hue, light to dark: readable for colour-blind eyes too


@dataclass(frozen=True)
class CohortPicture:
    """The chart's words, already in the reader's language: title, axis names, row names."""

    title: str
    x_label: str
    y_label: str
    rows: list[str]  # one per cohort, e.g. "Okt 26 · 31"
    lang: str


def retention_grid(cohorts: list[Cohort]) -> np.ndarray:
    """Retention in months 1.. per cohort (NaN where a month is not complete yet)."""
    months = min(MAX_MONTHS, max((len(c.retention_pct) - 1 for c in cohorts), default=1))
    grid = np.full((len(cohorts), max(months, 1)), np.nan)
    for row, cohort in enumerate(cohorts):
        values = cohort.retention_pct[1:months + 1]
        grid[row, :len(values)] = values
    return grid


def build_cohort_figure(cohorts: list[Cohort], picture: CohortPicture) -> Figure:
    """Shown cohorts oldest on top; each cell coloured and labelled with its retention."""
    figure, (ax,) = figure_with_axes((WIDTH_IN, HEIGHT_IN), DPI)
    grid = retention_grid(cohorts)
    rows, months = grid.shape
    known = grid[~np.isnan(grid)]
    top = max(10.0, float(known.max()) if len(known) else 10.0)
    norm = Normalize(-0.1 * top, top)  # 0 % is a pale cell, not the blank of a month to come
    ax.pcolormesh(np.arange(months + 1) + 0.5, np.arange(rows + 1) - 0.5,
                  np.ma.masked_invalid(grid), cmap=COLOURS, norm=norm, edgecolors="white",
                  linewidth=2)
    locale = locale_of(picture.lang)
    size = 16 if rows <= 6 else 14
    for row, month in zip(*np.nonzero(~np.isnan(grid)), strict=True):
        value = grid[row, month]
        ax.text(month + 1, row, format_decimal(round(value), locale=locale), ha="center",
                va="center", fontsize=size, fontweight="bold",
                color="white" if norm(value) > 0.7 else "#1a1a1a")
    ax.set_xlim(0.5, months + 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xticks(np.arange(1, months + 1), [str(m) for m in range(1, months + 1)])
    ax.set_yticks(np.arange(rows), picture.rows)
    ax.tick_params(labelsize=14, length=0)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    ax.set_xlabel(picture.x_label, fontsize=13, labelpad=8)
    ax.set_ylabel(picture.y_label, fontsize=13)
    ax.spines[:].set_visible(False)
    ax.grid(False)
    figure.text(0.01, 0.975, picture.title, fontsize=17, fontweight="bold", va="top")
    figure.subplots_adjust(left=0.2, right=0.98, top=0.78, bottom=0.03)  # fixed: one layout
    return figure


def cohort_chart(cohorts: list[Cohort], picture: CohortPicture) -> bytes:
    """The heat map of the cohorts `chart_rows` chose, as PNG bytes."""
    return png(build_cohort_figure(cohorts, picture))


def chart_rows(cohorts: list[Cohort]) -> list[Cohort]:
    """The cohorts the chart shows: the newest ones with a complete month 1."""
    return [cohort for cohort in cohorts if len(cohort.retention_pct) > 1][-MAX_ROWS:]
