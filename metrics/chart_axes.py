"""What every weekly chart shares: its size and colours, the week axis, unit axes, paused weeks
shaded, "no data" instead of a blank image, stacked bars, and the PNG."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
from babel.numbers import get_currency_symbol
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from metrics.chart_layout import fit
from metrics.chart_output import figure_with_axes, money_text, number_text, png_bytes
from metrics.chart_words import locale_of, word

WIDTH_IN, HEIGHT_IN, DPI = 10, 5.6, 120
LINE, ACCENT, ALERT = "#0072B2", "#009E73", "#D55E00"
TITLE_Y = 1.0  # set, so matplotlib does not measure the tick labels to place each title


def figure_with_rows(rows: int = 1) -> tuple[Figure, list]:
    """A chart figure with `rows` panels sharing the week axis."""
    figure, axes = figure_with_axes((WIDTH_IN, HEIGHT_IN if rows == 1 else HEIGHT_IN * 1.35), DPI,
                                    rows)
    for ax in axes:
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=13)
    return figure, axes


def week_labels(index: Sequence[date], lang: str) -> list[str]:
    return [f"{word(lang, 'week')} {day.isocalendar()[1]}" if lang == "de"
            else f"{word(lang, 'week')}{day.isocalendar()[1]}" for day in index]


def x_axis(ax, index: Sequence[date], lang: str) -> None:
    """Weeks on the x axis, at most 13 labels."""
    positions = np.arange(len(index))
    step = max(1, math.ceil(len(index) / 13))
    ax.set_xticks(positions[::step])
    ax.set_xticklabels(week_labels(index, lang)[::step], rotation=0)
    ax.tick_params(axis="x", labelsize=12)
    ax.set_xlim(-0.6, len(index) - 0.4)


def number_formatter(lang: str, suffix: str = "") -> FuncFormatter:
    return FuncFormatter(lambda value, _: number_text(value, lang) + suffix)


def unit_axis(ax, unit: str, lang: str, currency: str) -> None:
    """The y axis's ticks and label for a unit (currency, pct, months, hours; else plain)."""
    if unit == "currency":
        ax.yaxis.set_major_formatter(FuncFormatter(
            lambda value, _: money_text(value, lang, currency)))
        ax.set_ylabel(get_currency_symbol(currency, locale=locale_of(lang)), fontsize=13)
    elif unit == "pct":
        ax.yaxis.set_major_formatter(number_formatter(lang, " %"))
    elif unit == "months":
        ax.set_ylabel(word(lang, "months"), fontsize=13)
    elif unit == "hours":
        ax.set_ylabel(word(lang, "hours_axis"), fontsize=13)


def titled(title: str, index: Sequence[date], lang: str,
           paused: Sequence[date] = ()) -> tuple[Figure, object]:
    """A one-panel figure with its title and week axis; paused weeks shaded and named."""
    figure, (ax,) = figure_with_rows()
    ax.set_title(title, fontsize=17, loc="left", fontweight="bold", y=TITLE_Y)
    x_axis(ax, index, lang)
    for position, start in enumerate(index):
        if start in paused:
            ax.axvspan(position - 0.5, position + 0.5, color="#eeeeee", hatch="//", zorder=0)
            ax.annotate(word(lang, "paused"), (position, 0.97), xycoords=("data", "axes fraction"),
                        ha="center", va="top", rotation=90, fontsize=11, color="#666666")
    return figure, ax


def empty(values: pd.DataFrame | pd.Series) -> bool:
    """Nothing recorded at all (every value NaN)."""
    return bool(np.all(np.isnan(np.asarray(values, dtype=float))))


def no_data(ax, lang: str) -> None:
    ax.text(0.5, 0.5, word(lang, "no_data"), transform=ax.transAxes, ha="center", va="center",
            fontsize=20, color="#777777")
    ax.set_yticks([])


def no_data_figure(figure: Figure, ax, lang: str) -> Figure:
    no_data(ax, lang)
    fit(figure)
    return figure


def stack(ax, frame: pd.DataFrame, colours: dict[str, str], labels: dict[str, str]) -> None:
    """Stacked bars of the frame's columns (NaN drawn as nothing)."""
    bottom = np.zeros(len(frame))
    for column, colour in colours.items():
        values = np.nan_to_num(frame[column].to_numpy(dtype=float))
        if not values.any():
            continue
        ax.bar(np.arange(len(frame)), values, bottom=bottom, color=colour, width=0.7,
               label=labels[column])
        bottom += values


def legend_below(figure: Figure, columns: int) -> None:
    """The figure's legend in a row at its bottom (fit() leaves room for it)."""
    figure.legend(fontsize=11, ncols=columns, loc="lower left", frameon=False)


def png(figure: Figure) -> bytes:
    """The chart as PNG bytes at the charts' resolution."""
    return png_bytes(figure, DPI)
