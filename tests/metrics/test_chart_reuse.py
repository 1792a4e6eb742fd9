"""A chart drawn on a reused figure is byte for byte the chart drawn on a new one, whatever
was drawn on that figure before; a thread keeps one spare figure per shape."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pandas as pd
import pytest

from metrics.chart_output import drop_spares, spare_count
from metrics.charts import (
    ChartNote,
    cac_payback_chart,
    error_rate_chart,
    hours_chart,
    money_chart,
    north_star_chart,
)
from metrics.experiment_chart import ExperimentPicture, experiment_chart

WEEKS = [date(2026, 8, 24) + timedelta(weeks=n) for n in range(13)]
NAN = float("nan")


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns, index=WEEKS)


CHARTS = {
    "north star, notes, paused": lambda: north_star_chart(
        pd.Series([float(n) for n in range(13)], index=WEEKS),
        [ChartNote(WEEKS[3], "Newsletter"), ChartNote(WEEKS[8], "Bend", tag="?", bend=True)],
        title="Orders", unit="count", lang="en", paused=[WEEKS[5]]),
    "north star, money, German": lambda: north_star_chart(
        pd.Series([1000.0 * n for n in range(13)], index=WEEKS), [], title="Umsatz",
        unit="currency", lang="de"),
    "north star, window filling": lambda: north_star_chart(
        pd.Series([NAN, 30.0, 31.0, 32.0, NAN, 33.0, 33.0, 32.0, 34.0, 35.0, 34.0, 35.0, 36.0],
                  index=WEEKS), [], title="Deckungsbeitrag je Kunde/Monat", unit="currency",
        lang="de", partial=[WEEKS[1], WEEKS[2], WEEKS[5], WEEKS[6]]),
    "no data": lambda: north_star_chart(pd.Series([NAN] * 13, index=WEEKS), [], title="x",
                                        unit="pct", lang="de"),
    "money": lambda: money_chart(frame(revenue=[900.0] * 13, costs_acquisition=[100.0] * 13,
                                       costs_variable=[50.0] * 13, costs_fixed=[20.0] * 13,
                                       contribution_margin=[-30.0 + n for n in range(13)]),
                                 lang="en", currency="USD"),
    "error rate, spike": lambda: error_rate_chart(
        frame(rate=[3.0] * 12 + [25.0], centre=[3.5] * 13, ucl=[9.0] * 13, lcl=[0.0] * 13,
              out_of_control=[False] * 12 + [True]), lang="de", paused=[WEEKS[2]]),
    "hours": lambda: hours_chart(frame(support=[6.0] * 13, ops=[9.0] * 13), lang="de"),
    "cac and payback": lambda: cac_payback_chart(
        frame(cac=[40.0 + n for n in range(13)], payback_months=[3.0 + n % 4 for n in range(13)]),
        lang="en"),
    "experiment": lambda: experiment_chart(
        pd.Series([10.0 + n % 3 for n in range(13)], index=WEEKS),
        ExperimentPicture(title="AOV", subtitle="free shipping", before_label="before",
                          after_label="since", since=WEEKS[7], before=11.0, after=12.5,
                          unit="currency", lang="en")),
}


@pytest.fixture(scope="module")
def fresh() -> dict[str, bytes]:
    """Each chart drawn on a figure made for it."""
    drawn = {}
    for name, draw in CHARTS.items():
        drop_spares()
        drawn[name] = draw()
    drop_spares()
    return drawn


@pytest.mark.parametrize("before", CHARTS)
@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_on_a_reused_figure_equals_the_chart_on_a_new_one(fresh, name, before):
    drop_spares()
    CHARTS[before]()
    assert CHARTS[name]() == fresh[name]


def test_a_thread_keeps_one_spare_per_shape_however_many_charts_it_draws():
    drop_spares()
    for _ in range(3):
        for draw in CHARTS.values():
            draw()
    assert spare_count() == 3  # one row, two rows, the small experiment chart


def test_threads_do_not_share_figures(fresh):
    results: dict[str, bytes] = {}

    def draw(name: str) -> None:
        for _ in range(3):
            results[name] = CHARTS[name]()

    threads = [threading.Thread(target=draw, args=(name,)) for name in CHARTS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == fresh
