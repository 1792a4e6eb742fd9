"""Charts: valid PNGs for a phone, gaps stay gaps, no-data says so, spikes are marked."""

from __future__ import annotations

import io
import math
from datetime import date, timedelta

import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest

from metrics.charts import (
    ChartNote,
    build_error_rate_figure,
    build_north_star_figure,
    cac_payback_chart,
    error_rate_chart,
    hours_chart,
    money_chart,
    north_star_chart,
)

WEEKS = [date(2026, 8, 24) + timedelta(weeks=n) for n in range(13)]


def series(values) -> pd.Series:
    return pd.Series(values, index=WEEKS, dtype=float)


def control_frame(spike: bool = True) -> pd.DataFrame:
    rate = [3.0] * 12 + [25.0 if spike else 3.5]
    return pd.DataFrame({"rate": rate, "centre": [3.5] * 13, "ucl": [9.0] * 13, "lcl": [0.0] * 13,
                         "out_of_control": [False] * 12 + [spike]}, index=WEEKS)


def all_texts(figure) -> str:
    return " ".join(t.get_text() for t in figure.findobj(lambda o: hasattr(o, "get_text")))


def png_size(data: bytes) -> tuple[int, int]:
    image = mpimg.imread(io.BytesIO(data), format="png")
    return image.shape[1], image.shape[0]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_chart_is_a_png_at_most_1200_pixels_wide(lang):
    money = pd.DataFrame({"revenue": 4000.0, "costs_acquisition": 300.0, "costs_variable": 1800.0,
                          "costs_fixed": 150.0, "contribution_margin": 2200.0}, index=WEEKS)
    hours = pd.DataFrame({"support": 6.0, "ops": 9.0, "marketing": 4.0}, index=WEEKS)
    cac = pd.DataFrame({"cac": 80.0, "payback_months": 3.0}, index=WEEKS)
    charts = [
        north_star_chart(series(range(13)), [ChartNote(WEEKS[3], "Relaunch")], title="KPI",
                         unit="currency", lang=lang),
        money_chart(money, lang=lang), error_rate_chart(control_frame(), lang=lang),
        hours_chart(hours, lang=lang), cac_payback_chart(cac, lang=lang),
    ]
    for png in charts:
        assert png.startswith(b"\x89PNG")
        width, height = png_size(png)
        assert 800 <= width <= 1200 and height >= 500


def test_a_week_without_data_is_a_gap_not_a_zero():
    values = [5.0] * 13
    values[6] = math.nan
    figure = build_north_star_figure(series(values), [], title="KPI", unit="count", lang="en")
    [line] = figure.axes[0].get_lines()
    y = np.asarray(line.get_ydata(), dtype=float)
    assert math.isnan(y[6]) and 0 not in y


def test_a_week_on_part_of_its_window_is_a_hollow_marker_named_in_a_legend():
    values = [5.0] * 13
    values[0] = math.nan  # under half the window recorded: a gap
    partial = [WEEKS[0], WEEKS[1], WEEKS[2]]
    figure = build_north_star_figure(series(values), [], title="KPI", unit="count", lang="de",
                                     partial=partial)
    line, hollow = figure.axes[0].get_lines()
    assert math.isnan(line.get_ydata()[0])
    assert list(hollow.get_xdata()) == [1, 2] and hollow.get_markerfacecolor() == "white"
    assert "nicht alle 4 Wochen erfasst" in all_texts(figure)
    whole = build_north_star_figure(series(values), [], title="KPI", unit="count", lang="de")
    assert len(whole.axes[0].get_lines()) == 1 and whole.axes[0].get_legend() is None


def test_no_data_at_all_says_so_instead_of_a_blank_image():
    figure = build_north_star_figure(series([math.nan] * 13), [], title="KPI", unit="count",
                                     lang="de")
    assert "Keine Daten erfasst" in all_texts(figure)


def test_german_charts_label_weeks_with_kw():
    figure = build_north_star_figure(series(range(13)), [], title="KPI", unit="pct", lang="de")
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels[0] == "KW 35" and labels[-1] == "KW 47"


def test_notes_are_numbered_on_the_time_axis_with_their_text():
    notes = [ChartNote(WEEKS[2] + timedelta(days=2), "Newsletter moved"),
             ChartNote(WEEKS[9], "Supplier late")]
    figure = build_north_star_figure(series(range(13)), notes, title="KPI", unit="count",
                                     lang="en")
    texts = all_texts(figure)
    assert "1  Newsletter moved" in texts and "2  Supplier late" in texts


def test_out_of_control_week_is_marked_and_labelled():
    figure = build_error_rate_figure(control_frame(spike=True), lang="en")
    assert len(figure.axes[0].collections) == 1
    assert "25.0" in all_texts(figure)
    calm = build_error_rate_figure(control_frame(spike=False), lang="en")
    assert len(calm.axes[0].collections) == 0


def test_german_hours_chart_names_activities_in_german():
    from metrics.charts import build_hours_figure

    frame = pd.DataFrame({"support": 6.0, "ops": 9.0}, index=WEEKS)
    (legend,) = build_hours_figure(frame, lang="de").legends
    assert [t.get_text() for t in legend.get_texts()] == ["Kundenservice", "Betrieb"]


@pytest.mark.parametrize(("lang", "word"), [("de", "pausiert"), ("en", "paused")])
def test_the_hours_chart_names_a_paused_week_as_the_others_do(lang, word):
    from metrics.charts import build_hours_figure

    frame = pd.DataFrame({"support": [6.0] * 5 + [math.nan] + [6.0] * 7}, index=WEEKS)

    assert word not in all_texts(build_hours_figure(frame, lang=lang))
    assert word in all_texts(build_hours_figure(frame, lang=lang, paused=[WEEKS[5]]))
