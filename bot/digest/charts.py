"""The digest's charts, rendered by metrics.charts from the gathered data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from bot.digest.cohort_words import month_name
from bot.digest.experiments_section import MAX_CHARTED, shown_experiments, week_name
from capture.note_text import shown_text
from metrics.charts import (
    ChartNote,
    cac_payback_chart,
    error_rate_chart,
    hours_chart,
    money_chart,
    north_star_chart,
)
from metrics.cohort_chart import CohortPicture, chart_rows, cohort_chart
from metrics.cohorts import Cohort
from metrics.experiment_chart import ExperimentPicture, experiment_chart
from metrics.vocabulary import ACTIVITIES
from metrics.weeks import IsoWeek
from metrics.windows import window_length
from ritual.digest_data import DigestData
from texts import t
from texts.format import CURRENCY_KPIS, label

log = logging.getLogger(__name__)
POSTED_CHARTS = ("north_star", "money", "error_rate")
ALL_CHARTS = (*POSTED_CHARTS, "hours", "cac_payback")
NOTE_LABEL_LENGTH = 80
CHART_TITLES = {"money": "revenue", "error_rate": "error_rate_per_100"}


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


def bend_notes(data: DigestData, kpi: str) -> list[ChartNote]:
    """The bends of one KPI's curve, tagged with the number of the note that names the KPI, or '?'
    (a candidate note or a question)."""
    found = []
    for bend in data.bends:
        if bend["kpi"] != kpi:
            continue
        on = IsoWeek.parse(bend["week"]).start + timedelta(days=3)
        week = week_name(bend["week"], data.lang, data.week)
        if bend["notes"]:
            note = bend["notes"][0]
            found.append(ChartNote(on=on, label=f"{week}: {shown_text(note['text'])[:NOTE_LABEL_LENGTH]}",
                                   tag=_number(note), bend=True))
        elif bend.get("candidates"):
            note = bend["candidates"][0]
            found.append(ChartNote(on=on, label=t("bend.chart_maybe", data.lang, week=week,
                                                  text=shown_text(note["text"])),
                                   tag=f"{_number(note)}?", bend=True))
        else:
            found.append(ChartNote(on=on, label=t("bend.chart_question", data.lang, week=week),
                                   tag="?", bend=True))
    return found


def _number(note: dict) -> str:
    return str(note.get("number") or note["id"])


def _north_star(data: DigestData) -> bytes:
    """26 weeks of the north star with its own bends (or, without bends, its notes) marked."""
    kpi = data.workspace.north_star
    series = data.trend.get(kpi, data.history[kpi])
    notes = bend_notes(data, kpi) or [
        ChartNote(on=note.on, label=note.text[:NOTE_LABEL_LENGTH], tag=str(note.number or ""))
        for note in data.chart_notes if note.on and series.index.min() <= note.on]
    return north_star_chart(series, notes, title=label(kpi, data.lang), unit=_unit(kpi),
                            lang=data.lang, currency=data.currency, paused=data.paused,
                            partial=data.partial, window_weeks=window_length(kpi))


def _money(data: DigestData) -> bytes:
    columns = ["revenue", "costs_acquisition", "costs_variable", "costs_fixed", "contribution_margin"]
    frame = data.sums.reindex(columns=columns).astype(float)
    return money_chart(frame, lang=data.lang, currency=data.currency, paused=data.paused,
                       bends=bend_notes(data, "revenue"))


def _error_rate(data: DigestData) -> bytes:
    return error_rate_chart(data.control, lang=data.lang, paused=data.paused,
                            bends=bend_notes(data, "error_rate_per_100"))


def _hours(data: DigestData) -> bytes:
    frame = data.sums.reindex(columns=list(ACTIVITIES)).astype(float)
    return hours_chart(frame, lang=data.lang, paused=data.paused)


def _cac_payback(data: DigestData) -> bytes:
    frame = data.history.reindex(columns=["cac", "payback_months"]).astype(float)
    return cac_payback_chart(frame, lang=data.lang, currency=data.currency,
                             payback_ceiling=float(data.workspace.payback_ceiling))


RENDERERS: dict[str, Callable[[DigestData], bytes]] = {
    "north_star": _north_star, "money": _money, "error_rate": _error_rate,
    "hours": _hours, "cac_payback": _cac_payback,
}


def _picture(data: DigestData, experiment: dict) -> ExperimentPicture:
    lang, kpi = data.lang, experiment["kpi"]
    claim = experiment["hypothesis"]
    verdict = t(f"experiment.short.{experiment['verdict']}", lang).split(" ", 1)[-1]  # no emoji font
    return ExperimentPicture(
        title=t("experiment.chart_title", lang, label=label(kpi, lang)),
        subtitle=f"{claim[:90]} · {verdict}", before_label=t("experiment.chart_before", lang),
        after_label=t("experiment.chart_after", lang),
        since=date.fromisoformat(experiment["since"]), before=experiment["before"],
        after=experiment["after"], unit=_unit(kpi), lang=lang, currency=data.currency)


def render_experiment_charts(data: DigestData) -> dict[str, bytes]:
    """A before/after chart for the first shown experiment with figures (open and newest first)."""
    charts: dict[str, bytes] = {}
    charted = [e for e in shown_experiments(data)
               if e["before"] is not None and e["id"] in data.experiment_series][:MAX_CHARTED]
    for experiment in charted:
        series = data.experiment_series[experiment["id"]]
        try:
            charts[f"experiment-{experiment['id']}"] = experiment_chart(series, _picture(data, experiment))
        except Exception:
            log.exception("experiment chart %s failed; the digest goes out without it", experiment["id"])
    return charts


def cohort_picture(cohorts: list[Cohort], lang: str) -> CohortPicture:
    """The cohort chart's words in the reader's language (rows: month and size)."""
    return CohortPicture(
        title=t("customers.chart_title", lang), x_label=t("customers.chart_x", lang),
        y_label=t("customers.chart_y", lang), lang=lang,
        rows=[f"{month_name(c.month, lang, short=True)} · {c.customers}" for c in cohorts])



def render_cohort_chart(data: DigestData) -> dict[str, bytes]:
    """The cohort heat map, in the first digest of each month when cohorts have a month 1."""
    shown = chart_rows(data.customers.cohorts)
    if not data.monthly or not shown:
        return {}
    try:
        return {"cohorts": cohort_chart(shown, cohort_picture(shown, data.lang))}
    except Exception:
        log.exception("cohort chart failed; the digest goes out without it")
        return {}


def chart_title(name: str, data: DigestData) -> str:
    """The title of an uploaded chart, in the workspace's language."""
    if name == "cohorts":
        return t("customers.chart_comment", data.lang)
    if name.startswith("experiment-"):
        found = next((e for e in data.experiments if f"experiment-{e['id']}" == name), None)
        kpi = found["kpi"] if found else data.workspace.north_star
        return t("experiment.chart_title", data.lang, label=label(kpi, data.lang))
    return label(CHART_TITLES.get(name, data.workspace.north_star), data.lang)


def render_charts(data: DigestData, names: tuple[str, ...] = POSTED_CHARTS) -> dict[str, bytes]:
    """PNG bytes per chart name; a chart that fails is logged and left out."""
    charts: dict[str, bytes] = {}
    for name in names:
        try:
            charts[name] = RENDERERS[name](data)
        except Exception:
            log.exception("chart %s failed; the digest goes out without it", name)
    return charts
