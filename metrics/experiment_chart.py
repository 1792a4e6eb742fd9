"""A small before/after chart of one experiment: weekly values, the two levels, the start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from metrics.chart_axes import TITLE_Y, png, unit_axis, x_axis
from metrics.chart_output import figure_with_axes

WIDTH_IN, HEIGHT_IN, DPI = 7.2, 3.6, 100  # small: a glance in the thread
BEFORE_COLOUR, AFTER_COLOUR, POINTS = "#999999", "#009E73", "#0072B2"


@dataclass(frozen=True)
class ExperimentPicture:
    """What the chart shows, with its words already in the reader's language."""

    title: str
    subtitle: str
    before_label: str
    after_label: str
    since: date
    before: float | None
    after: float | None
    unit: str
    lang: str
    currency: str = "EUR"


def build_experiment_figure(series: pd.Series, picture: ExperimentPicture) -> Figure:
    """Weekly values (gaps stay gaps), the level before and since the start, the start marked."""
    figure, (ax,) = figure_with_axes((WIDTH_IN, HEIGHT_IN), DPI)
    index = list(series.index)
    values = series.to_numpy(dtype=float)
    positions = np.arange(len(index))
    week = pd.Timedelta(days=6).to_pytimedelta()
    starts = [i for i, day in enumerate(index) if day + week >= picture.since]
    split = starts[0] if starts else len(index)
    ax.plot(positions, values, color=POINTS, linewidth=1.5, marker="o", markersize=6, alpha=0.85)
    if picture.before is not None and split > 0:
        ax.hlines(picture.before, -0.3, split - 0.5, colors=BEFORE_COLOUR, linestyles="--", linewidth=2.5,
                  label=picture.before_label)
    if picture.after is not None and split < len(index):
        ax.hlines(picture.after, split - 0.5, len(index) - 0.7, colors=AFTER_COLOUR, linewidth=3,
                  label=picture.after_label)
    ax.axvline(split - 0.5, color="#444444", linestyle=":", linewidth=1.5)
    x_axis(ax, index, picture.lang)
    ax.tick_params(labelsize=10)
    unit_axis(ax, picture.unit, picture.lang, picture.currency)
    ax.set_title(picture.title, fontsize=14, loc="left", fontweight="bold", y=TITLE_Y, parse_math=False)
    figure.text(0.01, 0.005, picture.subtitle, fontsize=10, color="#333333", va="bottom",
                parse_math=False)  # the hypothesis, as written
    ax.grid(axis="y", color="#e5e5e5")
    ax.spines[["top", "right"]].set_visible(False)
    if picture.before is not None or picture.after is not None:
        ax.legend(loc="best", fontsize=10, frameon=False)
    figure.subplots_adjust(left=0.11, right=0.98, top=0.9, bottom=0.2)  # fixed: no second layout pass
    return figure


def experiment_chart(series: pd.Series, picture: ExperimentPicture) -> bytes:
    """The before/after chart as PNG bytes."""
    return png(build_experiment_figure(series, picture))  # at the weekly charts' DPI
