"""Chart layout without tight_layout: after the real draw every text lies inside the picture,
titles above their axes, the legend below the week labels, and the margins stay tight."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from matplotlib.figure import Figure

from metrics.chart_layout import fit
from metrics.charts import (
    ChartNote,
    build_cac_payback_figure,
    build_error_rate_figure,
    build_hours_figure,
    build_money_figure,
    build_north_star_figure,
)

WEEKS = [date(2026, 8, 24) + timedelta(weeks=n) for n in range(26)]
TOLERANCE = 1.5  # pixels


def money(scale: float) -> pd.DataFrame:
    n = len(WEEKS)
    return pd.DataFrame({"revenue": [scale * (1 + i % 5) for i in range(n)],
                         "costs_acquisition": [scale * 0.3] * n, "costs_variable": [scale * 0.2] * n,
                         "costs_fixed": [scale * 0.1] * n,
                         "contribution_margin": [scale * (0.5 - i % 3) for i in range(n)]},
                        index=WEEKS)


def control() -> pd.DataFrame:
    n = len(WEEKS)
    return pd.DataFrame({"rate": [3.0] * (n - 1) + [25.0], "centre": [3.5] * n, "ucl": [9.0] * n,
                         "lcl": [0.0] * n, "out_of_control": [False] * (n - 1) + [True]},
                        index=WEEKS)


def north_star(notes: int) -> Figure:
    values = pd.Series([1_200_000.0 + 1000 * i for i in range(len(WEEKS))], index=WEEKS)
    marks = [ChartNote(WEEKS[2 * i + 1], f"note {i} " + "x" * 60) for i in range(notes)]
    return build_north_star_figure(values, marks, title="Umsatz", unit="currency", lang="de")


FIGURES = {
    "money, millions, German": lambda: build_money_figure(money(1_000_000), lang="de"),
    "money, small, English": lambda: build_money_figure(money(12), lang="en", currency="USD"),
    "error rate": lambda: build_error_rate_figure(control(), lang="en"),
    "hours": lambda: build_hours_figure(pd.DataFrame({"support": 6.0, "ops": 9.0}, index=WEEKS),
                                        lang="de"),
    "north star with notes": lambda: north_star(5),
    "north star without notes": lambda: north_star(0),
    "CAC and payback, two rows": lambda: build_cac_payback_figure(
        pd.DataFrame({"cac": [40.0 + i for i in range(len(WEEKS))],
                      "payback_months": [3.0 + i % 4 for i in range(len(WEEKS))]}, index=WEEKS),
        lang="de"),
    "no data": lambda: build_money_figure(money(float("nan")), lang="de"),
}


def drawn(figure: Figure):
    figure.canvas.draw()
    return figure.canvas.get_renderer()


def visible_texts(figure: Figure) -> list:
    """Every drawn text: tick labels only of ticks inside the view (the others are not drawn)."""
    ticks = {id(t.label1) for ax in figure.axes
             for t in [*ax.xaxis.get_major_ticks(), *ax.yaxis.get_major_ticks()]}
    texts = [t for t in figure.findobj(lambda o: hasattr(o, "get_text"))
             if getattr(t, "get_visible", lambda: False)() and t.get_text()
             and hasattr(t, "get_window_extent") and id(t) not in ticks]
    return texts + [label for ax in figure.axes for axis in "xy" for label in tick_labels(ax, axis)]


def titled(ax, title: str):
    return next(t for t in ax.findobj(lambda o: hasattr(o, "get_text")) if t.get_text() == title)


def tick_labels(ax, axis: str) -> list:
    ticks = ax.xaxis.get_major_ticks() if axis == "x" else ax.yaxis.get_major_ticks()
    low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    return [t.label1 for t in ticks
            if t.label1.get_visible() and t.label1.get_text() and low <= t.get_loc() <= high]


@pytest.mark.parametrize("name", FIGURES)
def test_every_text_lies_inside_the_picture(name):
    figure = FIGURES[name]()
    renderer = drawn(figure)
    width, height = figure.canvas.get_width_height()
    for text in visible_texts(figure):
        box = text.get_window_extent(renderer)
        assert box.x0 >= -TOLERANCE and box.y0 >= -TOLERANCE, (name, text.get_text())
        assert box.x1 <= width + TOLERANCE and box.y1 <= height + TOLERANCE, (name, text.get_text())


@pytest.mark.parametrize("name", FIGURES)
def test_titles_sit_above_their_axes_and_labels_outside_them(name):
    figure = FIGURES[name]()
    renderer = drawn(figure)
    for ax in figure.axes:
        frame = ax.get_window_extent(renderer)
        title = ax.get_title(loc="left")
        if title:
            box = titled(ax, title).get_window_extent(renderer)
            assert box.y0 >= frame.y1 - TOLERANCE, name
        for label in tick_labels(ax, "y"):
            assert label.get_window_extent(renderer).x1 <= frame.x0 + TOLERANCE, name
        for label in tick_labels(ax, "x"):
            assert label.get_window_extent(renderer).y1 <= frame.y0 + TOLERANCE, name


@pytest.mark.parametrize("name", [n for n in FIGURES if n.startswith(("money", "error", "hours"))])
def test_the_legend_sits_below_the_week_labels_aligned_with_the_axes(name):
    figure = FIGURES[name]()
    renderer = drawn(figure)
    (legend,) = figure.legends
    box = legend.get_window_extent(renderer)
    ax = figure.axes[0]
    lowest = min(label.get_window_extent(renderer).y0 for label in tick_labels(ax, "x"))
    assert box.y1 <= lowest + TOLERANCE
    assert abs(box.x0 - ax.get_window_extent(renderer).x0) < 12


def test_the_margins_are_tight_around_the_widest_label():
    figure = build_money_figure(money(1_000_000), lang="de")
    renderer = drawn(figure)
    ax = figure.axes[0]
    frame = ax.get_window_extent(renderer)
    widest_left = min(label.get_window_extent(renderer).x0 for label in tick_labels(ax, "y"))
    ylabel = ax.yaxis.label.get_window_extent(renderer)
    assert ylabel.x0 < widest_left  # the currency label is left of the numbers
    assert ylabel.x0 < 30  # and the numbers are not pushed away from the edge
    assert frame.x0 - widest_left < 200  # "-2.000.000 €" at 13 pt


def test_rows_do_not_overlap():
    figure = FIGURES["CAC and payback, two rows"]()
    renderer = drawn(figure)
    top, bottom = figure.axes
    title = titled(bottom, bottom.get_title(loc="left"))
    assert title.get_window_extent(renderer).y1 <= top.get_window_extent(renderer).y0 + TOLERANCE


def test_a_figure_without_axes_is_left_as_it_is():
    figure = Figure(figsize=(4, 3))
    fit(figure)
    assert figure.subplotpars.left == Figure(figsize=(4, 3)).subplotpars.left
