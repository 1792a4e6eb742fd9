"""The money charts: revenue, costs by class and contribution margin; CAC and payback."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from metrics.chart_axes import (
    ACCENT,
    ALERT,
    LINE,
    TITLE_Y,
    empty,
    figure_with_rows,
    legend_below,
    no_data,
    no_data_figure,
    png,
    stack,
    titled,
    unit_axis,
    x_axis,
)
from metrics.chart_layout import fit
from metrics.chart_notes import ChartNote, mark_bends
from metrics.chart_words import word

CLASS_COLOURS = {"costs_acquisition": "#E69F00", "costs_variable": "#56B4E9",
                 "costs_fixed": "#999999"}


def build_money_figure(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                       paused: Sequence[date] = (), bends: Sequence[ChartNote] = ()) -> Figure:
    """Costs stacked by class, revenue and contribution margin as lines; revenue's bends marked."""
    figure, ax = titled(word(lang, "money"), list(frame.index), lang, paused)
    if empty(frame):
        return no_data_figure(figure, ax, lang)
    positions = np.arange(len(frame))
    stack(ax, frame, CLASS_COLOURS, {c: word(lang, c) for c in CLASS_COLOURS})
    ax.plot(positions, frame["revenue"].to_numpy(dtype=float), color=LINE, linewidth=3,
            marker="o", label=word(lang, "revenue"))
    ax.plot(positions, frame["contribution_margin"].to_numpy(dtype=float), color=ACCENT,
            linewidth=2.5, linestyle="--", marker="s", label=word(lang, "contribution_margin"))
    unit_axis(ax, "currency", lang, currency)
    mark_bends(ax, bends, list(frame.index), word(lang, "bend_revenue"))
    legend_below(figure, 3)
    fit(figure)
    return figure


def money_chart(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                paused: Sequence[date] = (), bends: Sequence[ChartNote] = ()) -> bytes:
    return png(build_money_figure(frame, lang=lang, currency=currency, paused=paused, bends=bends))


def build_cac_payback_figure(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                             payback_ceiling: float | None = 12) -> Figure:
    """CAC (top) and payback in months with its ceiling (bottom)."""
    figure, (top, bottom) = figure_with_rows(rows=2)
    index = list(frame.index)
    positions = np.arange(len(index))
    x_axis(bottom, index, lang)
    top.set_title(word(lang, "cac"), fontsize=16, loc="left", fontweight="bold", y=TITLE_Y)
    bottom.set_title(word(lang, "payback"), fontsize=16, loc="left", fontweight="bold", y=TITLE_Y)
    cac = frame["cac"].to_numpy(dtype=float)
    payback = frame["payback_months"].to_numpy(dtype=float)
    if empty(cac):
        no_data(top, lang)
    else:
        top.plot(positions, cac, color=LINE, linewidth=3, marker="o")
        unit_axis(top, "currency", lang, currency)
    if empty(payback):
        no_data(bottom, lang)
    else:
        bottom.plot(positions, payback, color=ACCENT, linewidth=3, marker="o")
        if payback_ceiling is not None:
            bottom.axhline(payback_ceiling, color=ALERT, linestyle="--", linewidth=1.5,
                           label=f"{word(lang, 'ceiling')} {payback_ceiling:g}")
            bottom.legend(fontsize=11, frameon=False, loc="upper left")
        unit_axis(bottom, "months", lang, currency)
        bottom.set_ylim(bottom=0)
    fit(figure)
    return figure


def cac_payback_chart(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                      payback_ceiling: float | None = 12) -> bytes:
    return png(build_cac_payback_figure(frame, lang=lang, currency=currency,
                                        payback_ceiling=payback_ceiling))
