"""The digest's charts: PNG bytes for Slack, readable on a phone, gaps shown as gaps.

Each chart lives in the module named for what it shows (`north_star_chart`, `money_charts`,
`operations_charts`); what they share is in `chart_axes` and `chart_words`. Callers import
from here.
"""

from __future__ import annotations

from metrics.money_charts import (
    build_cac_payback_figure,
    build_money_figure,
    cac_payback_chart,
    money_chart,
)
from metrics.north_star_chart import ChartNote, build_north_star_figure, north_star_chart
from metrics.operations_charts import (
    build_error_rate_figure,
    build_hours_figure,
    error_rate_chart,
    hours_chart,
)

__all__ = [
    "ChartNote", "build_cac_payback_figure", "build_error_rate_figure", "build_hours_figure",
    "build_money_figure", "build_north_star_figure", "cac_payback_chart", "error_rate_chart",
    "hours_chart", "money_chart", "north_star_chart",
]
