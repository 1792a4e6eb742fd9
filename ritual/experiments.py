"""Experiments that judge themselves, and the bends of the key curves with their notes."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from capture.errors import InputError
from capture.hypothesis import parse_hypothesis
from capture.kpi_words import naming
from metrics.changepoints import NoteRef, find_change_points, pair_with_notes
from metrics.cohorts import build_cohorts, month_one_counts
from metrics.drift import weekly_counts
from metrics.effect_stats import weekly_metric_sums
from metrics.experiments import COHORT_KPIS, COUNT_KPIS, ExperimentResult, judge_experiment
from metrics.frames import Inputs, KpiSettings
from metrics.report import weekly_kpis, weekly_sums
from metrics.weeks import IsoWeek
from ritual.context import parse_context
from storage.models import Entry, Workspace
from storage.note_numbers import note_numbers

HISTORY = 26
BEFORE_WEEKS = 12
MAX_SPAN_WEEKS = 104  # an experiment started more than two years before the digest is not judged
CLOSED = ("confirmed", "refuted")
SINCE_LOOKBACK = 6  # how far back "confirmed since KW …" looks
log = logging.getLogger(__name__)


def _hypotheses(session: Session, workspace_id: str, week: IsoWeek, noted_since: date | None):
    """Id, text, day and person's outcome of every live hypothesis noted up to the week's end."""
    query = select(Entry.id, Entry.description, Entry.occurred_on, Entry.outcome).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note", Entry.note_kind == "hypothesis",
        Entry.deleted_at.is_(None), Entry.occurred_on <= week.end)
    if noted_since is not None:
        query = query.where(Entry.occurred_on >= noted_since)
    return session.execute(query.order_by(Entry.id)).all()


def _counts(inputs: Inputs, weeks: list[IsoWeek], spec) -> pd.DataFrame:
    """Events and trials per week; errors follow the zero-error-weeks rule of the drift tests."""
    if spec.events == "errors":
        return weekly_counts(inputs, weeks)
    sums = weekly_metric_sums(inputs.prepared("metrics"), [w.start for w in weeks],
                              (spec.events, spec.trials))
    if spec.complement:  # no late deliveries logged in a week with deliveries: none were late
        sums[spec.events] = sums[spec.events].where(sums[spec.trials].isna(), sums[spec.events].fillna(0))
    sums.index.name = "week"
    return sums


def _weekly(inputs: Inputs, settings: KpiSettings, weeks: list[IsoWeek], kpi: str) -> pd.DataFrame:
    if kpi == "average_order_value":
        sums = weekly_sums(inputs, weeks)
        return (sums["revenue"] / sums["orders"].where(sums["orders"] > 0)).to_frame(kpi)
    if kpi in COHORT_KPIS:  # a row per cohort of first orders, up to the week
        return month_one_counts(build_cohorts(inputs.orders, weeks[-1].end))
    if kpi in COUNT_KPIS:
        return _counts(inputs, weeks, COUNT_KPIS[kpi])
    return weekly_kpis(inputs, settings, weeks, [kpi], complete_only=True)  # only full windows


def _as_series(frame: pd.DataFrame, kpi: str) -> pd.Series:
    spec = COUNT_KPIS.get(kpi)
    if spec is None:
        return pd.to_numeric(frame[kpi], errors="coerce")
    events, trials = frame[spec.events], frame[spec.trials].where(frame[spec.trials] > 0)
    return ((trials - events) if spec.complement else events) / trials * spec.scale


def experiments(session: Session, workspace: Workspace, week: IsoWeek, inputs: Inputs,
                settings: KpiSettings, now: datetime, noted_since: date | None = None,
                series: dict[int, pd.Series] | None = None) -> list[dict]:
    """Every hypothesis that names a KPI, judged on its weekly values, with the person's verdict.

    `series`, when given, receives each judged experiment's weekly values (for its chart)."""
    ctx = parse_context(session, workspace, now)
    found = []
    for note in _hypotheses(session, workspace.id, week, noted_since):
        try:
            experiment = parse_hypothesis(note.description or "", ctx)
        except InputError:
            continue
        if experiment is not None:
            found.append((note, experiment, experiment.since or note.occurred_on))
    spans: dict[str, int] = {}
    for _, experiment, since in found:
        span = min(_weeks_since(since, week), MAX_SPAN_WEEKS) + 1 + BEFORE_WEEKS
        spans[experiment.kpi] = max(spans.get(experiment.kpi, 0), span, BEFORE_WEEKS + 1)
    frames: dict[str, pd.DataFrame] = {}
    judged = []
    for note, experiment, since in found:
        kpi = experiment.kpi
        try:
            if kpi not in frames:
                frames[kpi] = _weekly(inputs, settings, week.window(spans[kpi]), kpi)
            judged.append(_judged(note, experiment, since, frames[kpi], week, series))
        except Exception:  # one experiment that cannot be judged never stops a digest
            log.exception("experiment of note %s could not be judged; shown as not judged", note.id)
            judged.append(_not_judged(note, experiment, since, "judging_failed"))
    return judged


def _weeks_since(since: date, week: IsoWeek) -> int:
    """Whole weeks from the start's week to the digest's week."""
    return (week.start - IsoWeek.of(since).start).days // 7


def _not_judged(note, experiment, since: date, reason: str) -> dict:
    result = ExperimentResult(kpi=experiment.kpi, direction=experiment.direction,
                              expected_effect_pct=None if experiment.expected_effect_pct is None
                              else float(experiment.expected_effect_pct),
                              since=since, verdict="not_judgeable", reason=reason)
    return {"id": note.id, "hypothesis": experiment.claim, **result.as_json(), "verdict_since": None,
            "person_verdict": note.outcome if note.outcome in CLOSED else None}


def _judged(note, experiment, since: date, weekly: pd.DataFrame, week: IsoWeek,
            series: dict[int, pd.Series] | None) -> dict:
    """One experiment judged on its KPI's weekly values (its values into `series`)."""
    if _weeks_since(since, week) > MAX_SPAN_WEEKS:
        return _not_judged(note, experiment, since, "started_too_long_ago")
    if series is not None:
        first = IsoWeek.of(since).previous(BEFORE_WEEKS).start
        first = first.replace(day=1) if experiment.kpi in COHORT_KPIS else first
        values = _as_series(weekly, experiment.kpi)
        series[note.id] = values[values.index >= first]
    if experiment.kpi in COHORT_KPIS:
        weekly = cohorts_as_weeks(weekly, since)
    result = judge_experiment(experiment.kpi, experiment.direction, since, weekly,
                              experiment.expected_effect_pct, until=week.end)
    return {"id": note.id, "hypothesis": experiment.claim, **result.as_json(),
            "verdict_since": _verdict_since(result, experiment, weekly, week),
            "person_verdict": note.outcome if note.outcome in CLOSED else None}


def cohorts_as_weeks(cohorts: pd.DataFrame, since: date) -> pd.DataFrame:
    """Cohort rows placed one week apart around the start (the cohort of the start's month in
    its week), so that the weekly judgement counts cohorts: at least 3 before and after."""
    start = IsoWeek.of(since).start
    months = [(day.year - since.year) * 12 + day.month - since.month for day in cohorts.index]
    return cohorts.set_axis([start + timedelta(weeks=offset) for offset in months])


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


def bend_series(inputs: Inputs, settings: KpiSettings, north_star: str, week: IsoWeek,
                paused: Collection[IsoWeek] = ()) -> dict[str, pd.Series]:
    """The last 26 weeks of the north star, revenue and the error rate, where bends are looked for
    (NaN where nothing was recorded: gaps, never zeros)."""
    weeks = week.window(HISTORY)
    kpis = weekly_kpis(inputs, settings, weeks, [north_star, "error_rate_per_100"], paused)
    return {north_star: kpis[north_star], "revenue": weekly_sums(inputs, weeks)["revenue"],
            "error_rate_per_100": kpis["error_rate_per_100"]}


def change_points(session: Session, workspace: Workspace, week: IsoWeek,
                  series: dict[str, pd.Series]) -> list[dict]:
    """Bends in the series (see `bend_series`), each with the notes that name its KPI (for the
    error rate also its recorded causes), else the notes of its week ±1 as candidates."""
    first = week.previous(HISTORY - 1)
    numbers = note_numbers(session, workspace.id)
    rows = session.execute(select(Entry.id, Entry.occurred_on, Entry.description, Entry.source).where(
        Entry.workspace_id == workspace.id, Entry.kind == "note", Entry.deleted_at.is_(None),
        Entry.occurred_on >= first.start, Entry.occurred_on <= week.end))
    notes = [NoteRef(row.id, IsoWeek.of(row.occurred_on), row.description or "", numbers.get(row.id),
                     answer=row.source == "thread") for row in rows]
    causes = session.scalars(select(Entry.cause).distinct().where(
        Entry.workspace_id == workspace.id, Entry.kind == "metric", Entry.metric == "errors",
        Entry.cause.is_not(None), Entry.deleted_at.is_(None)))
    extra = {"error_rate_per_100": tuple(causes)}
    found = []
    for kpi, values in series.items():
        bends = find_change_points(list(values), [IsoWeek.of(day) for day in values.index])
        found += [bend.as_json() for bend in
                  pair_with_notes(kpi, bends, notes, naming(kpi, extra.get(kpi, ())))]
    return found
