"""Experiments that judge themselves, and the bends of the key curves with their notes."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from capture.errors import InputError
from capture.hypothesis import parse_hypothesis
from metrics.changepoints import find_change_points, pair_with_notes
from metrics.drift import weekly_counts
from metrics.experiments import COUNT_KPIS, judge_experiment
from metrics.frames import Inputs, KpiSettings
from metrics.report import weekly_kpis, weekly_sums
from metrics.totals import metric_sums
from metrics.weeks import IsoWeek
from ritual.context import parse_context
from storage.models import Entry, Workspace

HISTORY = 26
BEFORE_WEEKS = 12
CLOSED = ("confirmed", "refuted")
SINCE_LOOKBACK = 8  # how far back "confirmed since KW …" looks


def _hypotheses(session: Session, workspace_id: str, week: IsoWeek) -> list[Entry]:
    return list(session.scalars(select(Entry).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note", Entry.note_kind == "hypothesis",
        Entry.deleted_at.is_(None), Entry.occurred_on <= week.end).order_by(Entry.id)))


def _counts(inputs: Inputs, weeks: list[IsoWeek], spec) -> pd.DataFrame:
    """Events and trials per week; errors follow the zero-error-weeks rule of the drift tests."""
    if spec.events == "errors":
        return weekly_counts(inputs, weeks)
    rows = []
    for week in weeks:
        sums, _ = metric_sums(inputs, week.start, week.end, (spec.events, spec.trials))
        trials, events = sums.get(spec.trials), sums.get(spec.events)
        if events is None and trials is not None and spec.complement:
            events = 0  # no late deliveries logged in a week with deliveries: none were late
        rows.append({"week": week.start, spec.trials: float(trials) if trials is not None else math.nan,
                     spec.events: float(events) if events is not None else math.nan})
    return pd.DataFrame(rows).set_index("week")


def _weekly(inputs: Inputs, settings: KpiSettings, weeks: list[IsoWeek], kpi: str) -> pd.DataFrame:
    if kpi == "average_order_value":
        sums = weekly_sums(inputs, weeks)
        return (sums["revenue"] / sums["orders"].where(sums["orders"] > 0)).to_frame(kpi)
    if kpi in COUNT_KPIS:
        return _counts(inputs, weeks, COUNT_KPIS[kpi])
    return weekly_kpis(inputs, settings, weeks, [kpi])


def kpi_series(inputs: Inputs, settings: KpiSettings, weeks: list[IsoWeek], kpi: str) -> pd.Series:
    """The KPI's weekly values as people read them (ratios of counts as their rate)."""
    frame = _weekly(inputs, settings, weeks, kpi)
    spec = COUNT_KPIS.get(kpi)
    if spec is None:
        return pd.to_numeric(frame[kpi], errors="coerce")
    events, trials = frame[spec.events], frame[spec.trials].where(frame[spec.trials] > 0)
    return ((trials - events) if spec.complement else events) / trials * spec.scale


def experiment_weeks(experiment: dict, week: IsoWeek) -> list[IsoWeek]:
    """The weeks a judged experiment looks at: up to 12 before its start, then until `week`."""
    since = IsoWeek.of(date.fromisoformat(experiment["since"]))
    span = (week.start - since.start).days // 7 + 1 + BEFORE_WEEKS
    return week.window(max(span, BEFORE_WEEKS + 1))


def experiments(session: Session, workspace: Workspace, week: IsoWeek, inputs: Inputs,
                settings: KpiSettings, now: datetime) -> list[dict]:
    """Every hypothesis that names a KPI, judged on its weekly values, with the person's verdict."""
    ctx = parse_context(session, workspace, now)
    judged = []
    for note in _hypotheses(session, workspace.id, week):
        try:
            experiment = parse_hypothesis(note.description or "", ctx)
        except InputError:
            continue
        if experiment is None:
            continue
        since = experiment.since or note.occurred_on
        span = (week.start - IsoWeek.of(since).start).days // 7 + 1 + BEFORE_WEEKS
        weeks = week.window(max(span, BEFORE_WEEKS + 1))
        weekly = _weekly(inputs, settings, weeks, experiment.kpi)
        result = judge_experiment(experiment.kpi, experiment.direction, since, weekly,
                                  experiment.expected_effect_pct, until=week.end)
        judged.append({"id": note.id, "hypothesis": experiment.claim, **result.as_json(),
                       "verdict_since": _verdict_since(result, experiment, weekly, week),
                       "person_verdict": note.outcome if note.outcome in CLOSED else None})
    return judged


def _verdict_since(result, experiment, weekly: pd.DataFrame, week: IsoWeek) -> str | None:
    """The first week of the run of weeks that ends now with the same final verdict."""
    if result.verdict not in CLOSED:
        return None
    first = week
    for _ in range(SINCE_LOOKBACK):
        earlier = first.previous()
        if earlier.end < result.since:
            break
        again = judge_experiment(experiment.kpi, experiment.direction, result.since, weekly,
                                 experiment.expected_effect_pct, until=earlier.end)
        if again.verdict != result.verdict:
            break
        first = earlier
    return str(first)


def bend_series(inputs: Inputs, settings: KpiSettings, north_star: str, week: IsoWeek
                ) -> dict[str, pd.Series]:
    """The last 26 weeks of the north star, revenue and the error rate, where bends are looked for."""
    weeks = week.window(HISTORY)
    kpis = weekly_kpis(inputs, settings, weeks, [north_star, "error_rate_per_100"])
    return {north_star: kpis[north_star], "revenue": weekly_sums(inputs, weeks)["revenue"],
            "error_rate_per_100": kpis["error_rate_per_100"]}


def change_points(session: Session, workspace: Workspace, week: IsoWeek,
                  series: dict[str, pd.Series]) -> list[dict]:
    """Bends in the series (see `bend_series`), each with the notes of its week ±1."""
    first = week.previous(HISTORY - 1)
    notes = [(row.id, IsoWeek.of(row.occurred_on), row.description or "")
             for row in session.scalars(select(Entry).where(
                 Entry.workspace_id == workspace.id, Entry.kind == "note",
                 Entry.deleted_at.is_(None), Entry.occurred_on >= first.start,
                 Entry.occurred_on <= week.end))]
    found = []
    for kpi, values in series.items():
        bends = find_change_points(list(values), [IsoWeek.of(day) for day in values.index])
        found += [bend.as_json() for bend in pair_with_notes(kpi, bends, notes)]
    return found
