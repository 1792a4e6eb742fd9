"""The operations charts: the error rate as a control chart (p-chart), hours by activity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
from babel.numbers import format_decimal
from matplotlib.figure import Figure

from metrics.chart_axes import (
    ALERT,
    LINE,
    empty,
    legend_below,
    no_data_figure,
    number_formatter,
    png,
    stack,
    titled,
    unit_axis,
)
from metrics.chart_layout import fit
from metrics.chart_notes import ChartNote, mark_bends
from metrics.chart_words import ACTIVITY_NAMES, locale_of, word

ACTIVITY_COLOURS = {"support": "#0072B2", "sales": "#E69F00", "marketing": "#D55E00",
                    "ops": "#009E73", "product": "#CC79A7", "admin": "#999999",
                    "automation": "#56B4E9", "other": "#F0E442"}


def build_error_rate_figure(frame: pd.DataFrame, *, lang: str, paused: Sequence[date] = (),
                            bends: Sequence[ChartNote] = ()) -> Figure:
    """The weekly error rate against its centre line and control limits (a p-chart), its bends
    marked."""
    figure, ax = titled(word(lang, "error_rate"), list(frame.index), lang, paused)
    if empty(frame["rate"]):
        return no_data_figure(figure, ax, lang)
    positions = np.arange(len(frame))
    rate = frame["rate"].to_numpy(dtype=float)
    ax.plot(positions, rate, color=LINE, linewidth=2.5, marker="o", markersize=7,
            label=word(lang, "rate"))
    ax.plot(positions, frame["centre"].to_numpy(dtype=float), color="#555555", linewidth=1.5,
            label=word(lang, "centre"))
    ax.step(positions, frame["ucl"].to_numpy(dtype=float), where="mid", color=ALERT,
            linestyle="--", linewidth=1.5, label=word(lang, "limits"))
    ax.step(positions, frame["lcl"].to_numpy(dtype=float), where="mid", color=ALERT,
            linestyle="--", linewidth=1.5)
    out = frame["out_of_control"].to_numpy(dtype=bool)
    if out.any():
        _mark_out_of_control(ax, positions[out], rate, lang)
    ax.yaxis.set_major_formatter(number_formatter(lang))
    ax.set_ylim(bottom=0)
    mark_bends(ax, bends, list(frame.index), word(lang, "bend"))
    legend_below(figure, 4)
    fit(figure)
    return figure


def _mark_out_of_control(ax, weeks: np.ndarray, rate: np.ndarray, lang: str) -> None:
    """Big dots with their rates on the weeks above the control limit."""
    ax.scatter(weeks, rate[weeks], s=180, color=ALERT, zorder=5, label=word(lang, "out"))
    for x in weeks:
        ax.annotate(format_decimal(rate[x], format="#,##0.0", locale=locale_of(lang)),
                    (x, rate[x]), textcoords="offset points", xytext=(0, 12), ha="center",
                    fontsize=13, color=ALERT, fontweight="bold")


def error_rate_chart(frame: pd.DataFrame, *, lang: str, paused: Sequence[date] = (),
                     bends: Sequence[ChartNote] = ()) -> bytes:
    return png(build_error_rate_figure(frame, lang=lang, paused=paused, bends=bends))


def build_hours_figure(frame: pd.DataFrame, *, lang: str, paused: Sequence[date] = ()) -> Figure:
    """Hours per week stacked by activity; paused weeks shaded and named."""
    figure, ax = titled(word(lang, "hours"), list(frame.index), lang, paused)
    if empty(frame):
        return no_data_figure(figure, ax, lang)
    names = ACTIVITY_NAMES.get(lang, {})
    stack(ax, frame, {a: ACTIVITY_COLOURS.get(a, "#777777") for a in frame.columns},
          {a: names.get(a, a) for a in frame.columns})
    unit_axis(ax, "hours", lang, "EUR")
    legend_below(figure, 4)
    fit(figure)
    return figure


def hours_chart(frame: pd.DataFrame, *, lang: str, paused: Sequence[date] = ()) -> bytes:
    return png(build_hours_figure(frame, lang=lang, paused=paused))
