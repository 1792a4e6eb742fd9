"""What people write is drawn as written: dollar signs and backslashes in a note or a
hypothesis are text, never matplotlib maths (which refused some and killed the chart)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from metrics.charts import ChartNote, build_north_star_figure, north_star_chart
from metrics.experiment_chart import ExperimentPicture, build_experiment_figure, experiment_chart

WEEKS = [date(2026, 6, 1) + timedelta(weeks=n) for n in range(26)]
WRITTEN = ["$x^2$ more", "$$", "costs $5 now", r"\frac{a}{b}", r"$\frac$", r"$\alpha_ $"]


def series() -> pd.Series:
    return pd.Series([float(n % 7) for n in range(26)], index=WEEKS)


def notes() -> list[ChartNote]:
    return [ChartNote(WEEKS[3 + 4 * n], text) for n, text in enumerate(WRITTEN)]


def drawn(figure) -> dict[str, bool]:
    """Every text of the figure → whether matplotlib would read it as maths."""
    return {t.get_text(): t.get_parse_math() for t in figure.findobj(lambda o: hasattr(o, "get_parse_math"))}


def test_a_north_star_chart_with_dollars_and_backslashes_in_its_notes_is_drawn():
    png = north_star_chart(series(), notes(), title="KPI", unit="currency", lang="en", currency="USD")
    assert png.startswith(b"\x89PNG")


def test_the_notes_are_drawn_literally():
    texts = drawn(build_north_star_figure(series(), notes(), title="KPI", unit="count", lang="en"))
    for number, written in enumerate(WRITTEN, start=1):
        assert texts[f"{number}  {written}"] is False
    assert not any(texts.values())


@pytest.mark.parametrize("claim", WRITTEN)
def test_an_experiment_chart_draws_its_hypothesis_literally(claim):
    picture = ExperimentPicture(title="Avg order value", subtitle=f"{claim} · open",
                                before_label="before", after_label="after", since=WEEKS[10],
                                before=2.0, after=3.0, unit="currency", lang="en", currency="USD")
    assert drawn(build_experiment_figure(series(), picture))[f"{claim} · open"] is False
    assert experiment_chart(series(), picture).startswith(b"\x89PNG")
