"""The digest's charts, rendered by metrics.charts from the gathered data."""

from __future__ import annotations

import logging
from collections.abc import Callable

from metrics.charts import (
    ChartNote,
    cac_payback_chart,
    error_rate_chart,
    hours_chart,
    money_chart,
    north_star_chart,
)
from metrics.vocabulary import ACTIVITIES
from ritual.digest_data import DigestData
from texts.format import CURRENCY_KPIS, label

log = logging.getLogger(__name__)
POSTED_CHARTS = ("north_star", "money", "error_rate")
ALL_CHARTS = (*POSTED_CHARTS, "hours", "cac_payback")
NOTE_LABEL_LENGTH = 80


def _unit(kpi: str) -> str:
    if kpi in CURRENCY_KPIS:
        return "currency"
    if kpi.endswith("_pct"):
        return "pct"
    if kpi == "payback_months":
        return "months"
    if kpi == "hours":
        return "hours"
    return "count"


def _north_star(data: DigestData) -> bytes:
    kpi = data.workspace.north_star
    series = data.history[kpi]
    notes = [ChartNote(on=row.occurred_on, label=str(row.text)[:NOTE_LABEL_LENGTH])
             for row in data.inputs.notes.itertuples()
             if series.index.min() <= row.occurred_on]
    return north_star_chart(series, notes, title=label(kpi, data.lang), unit=_unit(kpi),
                            lang=data.lang, currency=data.currency)


def _money(data: DigestData) -> bytes:
    columns = ["revenue", "costs_acquisition", "costs_variable", "costs_fixed", "contribution_margin"]
    frame = data.sums.reindex(columns=columns).astype(float)
    return money_chart(frame, lang=data.lang, currency=data.currency)


def _error_rate(data: DigestData) -> bytes:
    return error_rate_chart(data.control, lang=data.lang)


def _hours(data: DigestData) -> bytes:
    frame = data.sums.reindex(columns=list(ACTIVITIES)).astype(float)
    return hours_chart(frame, lang=data.lang)


def _cac_payback(data: DigestData) -> bytes:
    frame = data.history.reindex(columns=["cac", "payback_months"]).astype(float)
    return cac_payback_chart(frame, lang=data.lang, currency=data.currency,
                             payback_ceiling=float(data.workspace.payback_ceiling))


RENDERERS: dict[str, Callable[[DigestData], bytes]] = {
    "north_star": _north_star, "money": _money, "error_rate": _error_rate,
    "hours": _hours, "cac_payback": _cac_payback,
}


def render_charts(data: DigestData, names: tuple[str, ...] = POSTED_CHARTS) -> dict[str, bytes]:
    """PNG bytes per chart name; a chart that fails is logged and left out."""
    charts: dict[str, bytes] = {}
    for name in names:
        try:
            charts[name] = RENDERERS[name](data)
        except Exception:
            log.exception("chart %s failed; the digest goes out without it", name)
    return charts
