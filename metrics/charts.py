"""The digest's charts: PNG bytes for Slack, readable on a phone, gaps shown as gaps."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from babel.numbers import format_decimal, get_currency_symbol
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from metrics.chart_layout import fit
from metrics.chart_output import figure_with_axes, money_text, number_text, png_bytes

WIDTH_IN, HEIGHT_IN, DPI = 10, 5.6, 120
LOCALES = {"de": "de_DE", "en": "en_US"}
CLASS_COLOURS = {"costs_acquisition": "#E69F00", "costs_variable": "#56B4E9",
                 "costs_fixed": "#999999"}
ACTIVITY_COLOURS = {"support": "#0072B2", "sales": "#E69F00", "marketing": "#D55E00",
                    "ops": "#009E73", "product": "#CC79A7", "admin": "#999999",
                    "automation": "#56B4E9", "other": "#F0E442"}
ACTIVITY_NAMES = {"de": {"support": "Support", "sales": "Vertrieb", "marketing": "Marketing",
                         "ops": "Betrieb", "product": "Produkt", "admin": "Verwaltung",
                         "automation": "Automatisierung", "other": "Sonstiges"}}
LINE, ACCENT, ALERT = "#0072B2", "#009E73", "#D55E00"
MAX_NOTES = 6
TITLE_Y = 1.0  # set, so matplotlib does not measure the tick labels to place each title
NOTE_CHARS = 46
WORDS = {
    "de": {"no_data": "Keine Daten erfasst", "week": "KW", "revenue": "Umsatz",
           "costs_acquisition": "Akquise", "costs_variable": "Variable Kosten",
           "costs_fixed": "Fixkosten", "contribution_margin": "Deckungsbeitrag",
           "money": "Umsatz, Kosten und Deckungsbeitrag", "error_rate": "Fehlerquote je 100 Bestellungen",
           "rate": "Fehler je 100", "centre": "Mittelwert", "limits": "Kontrollgrenzen",
           "out": "außer Kontrolle", "hours": "Stunden nach Tätigkeit", "hours_axis": "Stunden",
           "cac": "Kundengewinnungskosten (CAC)", "payback": "Payback (Monate)",
           "ceiling": "Obergrenze", "months": "Monate", "notes": "Notizen", "paused": "pausiert"},
    "en": {"no_data": "No data recorded", "week": "W", "revenue": "Revenue",
           "costs_acquisition": "Acquisition", "costs_variable": "Variable costs",
           "costs_fixed": "Fixed costs", "contribution_margin": "Contribution margin",
           "money": "Revenue, costs and contribution margin", "error_rate": "Errors per 100 orders",
           "rate": "errors per 100", "centre": "centre line", "limits": "control limits",
           "out": "out of control", "hours": "Hours by activity", "hours_axis": "hours",
           "cac": "Customer acquisition cost (CAC)", "payback": "Payback (months)",
           "ceiling": "ceiling", "months": "months", "notes": "Notes", "paused": "paused"},
}


@dataclass(frozen=True)
class ChartNote:
    on: date
    label: str
    tag: str | None = None  # shown in the circle (a note's number); default: its position
    bend: bool = False  # marks a bend of the curve, drawn stronger than a plain note


def _w(lang: str, key: str) -> str:
    return WORDS.get(lang, WORDS["en"])[key]


def _figure(rows: int = 1) -> tuple[Figure, list]:
    figure, axes = figure_with_axes((WIDTH_IN, HEIGHT_IN if rows == 1 else HEIGHT_IN * 1.35), DPI,
                                    rows)
    for ax in axes:
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=13)
    return figure, axes


def _week_labels(index: Sequence[date], lang: str) -> list[str]:
    return [f"{_w(lang, 'week')} {day.isocalendar()[1]}" if lang == "de"
            else f"{_w(lang, 'week')}{day.isocalendar()[1]}" for day in index]


def _x_axis(ax, index: Sequence[date], lang: str) -> None:
    positions = np.arange(len(index))
    step = max(1, math.ceil(len(index) / 13))
    ax.set_xticks(positions[::step])
    ax.set_xticklabels(_week_labels(index, lang)[::step], rotation=0)
    ax.tick_params(axis="x", labelsize=12)
    ax.set_xlim(-0.6, len(index) - 0.4)


def _money_formatter(lang: str, currency: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _: money_text(value, lang, currency))


def _number_formatter(lang: str, suffix: str = "") -> FuncFormatter:
    return FuncFormatter(lambda value, _: number_text(value, lang) + suffix)


def _no_data(ax, lang: str) -> None:
    ax.text(0.5, 0.5, _w(lang, "no_data"), transform=ax.transAxes, ha="center", va="center",
            fontsize=20, color="#777777")
    ax.set_yticks([])


def _png(figure: Figure) -> bytes:
    return png_bytes(figure, DPI)


def _empty(values: pd.DataFrame | pd.Series) -> bool:
    return bool(np.all(np.isnan(np.asarray(values, dtype=float))))


def _unit_axis(ax, unit: str, lang: str, currency: str) -> None:
    if unit == "currency":
        ax.yaxis.set_major_formatter(_money_formatter(lang, currency))
        ax.set_ylabel(get_currency_symbol(currency, locale=LOCALES.get(lang, "en_US")), fontsize=13)
    elif unit == "pct":
        ax.yaxis.set_major_formatter(_number_formatter(lang, " %"))
    elif unit == "months":
        ax.set_ylabel(_w(lang, "months"), fontsize=13)
    elif unit == "hours":
        ax.set_ylabel(_w(lang, "hours_axis"), fontsize=13)


def build_north_star_figure(series: pd.Series, notes: Sequence[ChartNote], *, title: str,
                            unit: str, lang: str, currency: str = "EUR",
                            paused: Sequence[date] = ()) -> Figure:
    """The north-star KPI per week; NaN weeks stay gaps, paused weeks are shaded; notes
    numbered on the time axis."""
    index = list(series.index)
    figure, ax = _titled(title, index, lang, paused)
    values = series.to_numpy(dtype=float)
    if _empty(values):
        return _no_data_figure(figure, ax, lang)
    positions = np.arange(len(index))
    ax.plot(positions, values, color=LINE, linewidth=3, marker="o", markersize=7)
    _unit_axis(ax, unit, lang, currency)
    shown = _notes_in_range(notes, index)[-MAX_NOTES:]
    for number, note in enumerate(shown, start=1):
        x = _position_of(note.on, index)
        ax.axvline(x, color=ALERT if note.bend else "#bbbbbb", linestyle="--" if note.bend else ":",
                   linewidth=1.6 if note.bend else 1.2)
        ax.annotate(note.tag or str(number), (x, 0.03), xycoords=("data", "axes fraction"),
                    ha="center", va="bottom", fontsize=12, fontweight="bold", color="#444444",
                    bbox={"boxstyle": "round,pad=0.25" if note.tag else "circle,pad=0.25",
                          "fc": "#fde7dc" if note.bend else "#f3f3f3",
                          "ec": ALERT if note.bend else "#999999"})
    if not shown:
        fit(figure)
        return figure
    rows = math.ceil(len(shown) / 2)
    bottom = 0.045 * rows + 0.03
    fit(figure, rect=(0, bottom, 1, 1))
    for number, note in enumerate(shown, start=1):
        column, row = (number - 1) % 2, (number - 1) // 2
        label = note.label if len(note.label) <= NOTE_CHARS else note.label[:NOTE_CHARS - 1] + "…"
        figure.text(0.02 + column * 0.5, bottom - 0.045 * (row + 1), f"{note.tag or number}  {label}",
                    fontsize=12, color="#333333")
    return figure


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
                     lang: str, currency: str = "EUR", paused: Sequence[date] = ()) -> bytes:
    return _png(build_north_star_figure(series, notes, title=title, unit=unit, lang=lang,
                                        currency=currency, paused=paused))


def _titled(title: str, index: Sequence[date], lang: str,
            paused: Sequence[date] = ()) -> tuple[Figure, object]:
    """A one-panel figure with its title and week axis; paused weeks shaded and named."""
    figure, (ax,) = _figure()
    ax.set_title(title, fontsize=17, loc="left", fontweight="bold", y=TITLE_Y)
    _x_axis(ax, index, lang)
    for position, start in enumerate(index):
        if start in paused:
            ax.axvspan(position - 0.5, position + 0.5, color="#eeeeee", hatch="//", zorder=0)
            ax.annotate(_w(lang, "paused"), (position, 0.97), xycoords=("data", "axes fraction"),
                        ha="center", va="top", rotation=90, fontsize=11, color="#666666")
    return figure, ax


def _no_data_figure(figure: Figure, ax, lang: str) -> Figure:
    _no_data(ax, lang)
    fit(figure)
    return figure


def _stack(ax, frame: pd.DataFrame, colours: dict[str, str], labels: dict[str, str]) -> None:
    """Stacked bars of the frame's columns (NaN drawn as nothing)."""
    bottom = np.zeros(len(frame))
    for column, colour in colours.items():
        values = np.nan_to_num(frame[column].to_numpy(dtype=float))
        if not values.any():
            continue
        ax.bar(np.arange(len(frame)), values, bottom=bottom, color=colour, width=0.7,
               label=labels[column])
        bottom += values


def build_money_figure(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                       paused: Sequence[date] = ()) -> Figure:
    """Costs stacked by class, revenue and contribution margin as lines."""
    figure, ax = _titled(_w(lang, "money"), list(frame.index), lang, paused)
    if _empty(frame):
        return _no_data_figure(figure, ax, lang)
    positions = np.arange(len(frame))
    _stack(ax, frame, CLASS_COLOURS, {c: _w(lang, c) for c in CLASS_COLOURS})
    ax.plot(positions, frame["revenue"].to_numpy(dtype=float), color=LINE, linewidth=3,
            marker="o", label=_w(lang, "revenue"))
    ax.plot(positions, frame["contribution_margin"].to_numpy(dtype=float), color=ACCENT,
            linewidth=2.5, linestyle="--", marker="s", label=_w(lang, "contribution_margin"))
    _unit_axis(ax, "currency", lang, currency)
    figure.legend(fontsize=11, ncols=3, loc="lower left", frameon=False)
    fit(figure)
    return figure


def money_chart(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                paused: Sequence[date] = ()) -> bytes:
    return _png(build_money_figure(frame, lang=lang, currency=currency, paused=paused))


def build_error_rate_figure(frame: pd.DataFrame, *, lang: str,
                            paused: Sequence[date] = ()) -> Figure:
    """The weekly error rate against its centre line and control limits (a p-chart)."""
    figure, ax = _titled(_w(lang, "error_rate"), list(frame.index), lang, paused)
    if _empty(frame["rate"]):
        return _no_data_figure(figure, ax, lang)
    positions = np.arange(len(frame))
    rate = frame["rate"].to_numpy(dtype=float)
    ax.plot(positions, rate, color=LINE, linewidth=2.5, marker="o", markersize=7,
            label=_w(lang, "rate"))
    ax.plot(positions, frame["centre"].to_numpy(dtype=float), color="#555555", linewidth=1.5,
            label=_w(lang, "centre"))
    ax.step(positions, frame["ucl"].to_numpy(dtype=float), where="mid", color=ALERT,
            linestyle="--", linewidth=1.5, label=_w(lang, "limits"))
    ax.step(positions, frame["lcl"].to_numpy(dtype=float), where="mid", color=ALERT,
            linestyle="--", linewidth=1.5)
    out = frame["out_of_control"].to_numpy(dtype=bool)
    if out.any():
        ax.scatter(positions[out], rate[out], s=180, color=ALERT, zorder=5,
                   label=_w(lang, "out"))
        for x in positions[out]:
            ax.annotate(format_decimal(rate[x], format="#,##0.0", locale=LOCALES.get(lang, "en_US")),
                        (x, rate[x]), textcoords="offset points", xytext=(0, 12), ha="center",
                        fontsize=13, color=ALERT, fontweight="bold")
    ax.yaxis.set_major_formatter(_number_formatter(lang))
    ax.set_ylim(bottom=0)
    figure.legend(fontsize=11, ncols=4, loc="lower left", frameon=False)
    fit(figure)
    return figure


def error_rate_chart(frame: pd.DataFrame, *, lang: str, paused: Sequence[date] = ()) -> bytes:
    return _png(build_error_rate_figure(frame, lang=lang, paused=paused))


def build_hours_figure(frame: pd.DataFrame, *, lang: str) -> Figure:
    """Hours per week stacked by activity."""
    figure, ax = _titled(_w(lang, "hours"), list(frame.index), lang)
    if _empty(frame):
        return _no_data_figure(figure, ax, lang)
    names = ACTIVITY_NAMES.get(lang, {})
    _stack(ax, frame, {a: ACTIVITY_COLOURS.get(a, "#777777") for a in frame.columns},
           {a: names.get(a, a) for a in frame.columns})
    _unit_axis(ax, "hours", lang, "EUR")
    figure.legend(fontsize=11, ncols=4, loc="lower left", frameon=False)
    fit(figure)
    return figure


def hours_chart(frame: pd.DataFrame, *, lang: str) -> bytes:
    return _png(build_hours_figure(frame, lang=lang))


def build_cac_payback_figure(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                             payback_ceiling: float | None = 12) -> Figure:
    """CAC (top) and payback in months with its ceiling (bottom)."""
    figure, (top, bottom) = _figure(rows=2)
    index = list(frame.index)
    positions = np.arange(len(index))
    _x_axis(bottom, index, lang)
    top.set_title(_w(lang, "cac"), fontsize=16, loc="left", fontweight="bold", y=TITLE_Y)
    bottom.set_title(_w(lang, "payback"), fontsize=16, loc="left", fontweight="bold", y=TITLE_Y)
    cac = frame["cac"].to_numpy(dtype=float)
    payback = frame["payback_months"].to_numpy(dtype=float)
    if _empty(cac):
        _no_data(top, lang)
    else:
        top.plot(positions, cac, color=LINE, linewidth=3, marker="o")
        _unit_axis(top, "currency", lang, currency)
    if _empty(payback):
        _no_data(bottom, lang)
    else:
        bottom.plot(positions, payback, color=ACCENT, linewidth=3, marker="o")
        if payback_ceiling is not None:
            bottom.axhline(payback_ceiling, color=ALERT, linestyle="--", linewidth=1.5,
                           label=f"{_w(lang, 'ceiling')} {payback_ceiling:g}")
            bottom.legend(fontsize=11, frameon=False, loc="upper left")
        _unit_axis(bottom, "months", lang, currency)
        bottom.set_ylim(bottom=0)
    fit(figure)
    return figure


def cac_payback_chart(frame: pd.DataFrame, *, lang: str, currency: str = "EUR",
                      payback_ceiling: float | None = 12) -> bytes:
    return _png(build_cac_payback_figure(frame, lang=lang, currency=currency,
                                         payback_ceiling=payback_ceiling))
