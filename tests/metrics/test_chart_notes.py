"""Bends drawn on the chart of their own KPI: inside its weeks, tagged, named in the legend."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from metrics.chart_notes import ChartNote
from metrics.money_charts import build_money_figure
from metrics.weeks import IsoWeek

WEEKS = [w.start for w in IsoWeek.parse("2026-W48").window(13)]


def money_frame() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    columns = ["revenue", "costs_acquisition", "costs_variable", "costs_fixed", "contribution_margin"]
    return pd.DataFrame(rng.uniform(100, 6000, (13, 5)), index=WEEKS, columns=columns)


def test_a_revenue_bend_in_the_charts_weeks_is_tagged_and_one_before_them_is_left_out():
    inside = ChartNote(on=WEEKS[4] + timedelta(days=3), label="KW 40", tag="4?", bend=True)
    before = ChartNote(on=WEEKS[0] - timedelta(weeks=9), label="KW 27", tag="?", bend=True)
    figure = build_money_figure(money_frame(), lang="de", bends=[inside, before])
    [ax] = figure.axes
    tags = [text.get_text() for text in ax.texts if text.get_text() in ("4?", "?")]
    assert tags == ["4?"]
    legend = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert any(entry.startswith("Knick im Umsatz") for entry in legend)


def test_without_bends_the_money_chart_has_no_bend_in_its_legend():
    figure = build_money_figure(money_frame(), lang="en")
    legend = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert not any("bend" in entry for entry in legend)
