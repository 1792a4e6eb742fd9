"""Everything one week's digest shows, gathered from the database and computed by metrics/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from capture.note_text import shown_text
from capture.own_metrics import OwnMetricDef
from metrics.cohort_report import CustomerReport, customer_report
from metrics.drift import error_rate_control
from metrics.frames import Inputs, KpiSettings
from metrics.goals import goals_in_force
from metrics.report import WeekReport, build_report, partial_weeks, weekly_kpis, weekly_sums
from metrics.weeks import IsoWeek
from ritual.context import local_now, read_workspace
from ritual.deps import Deps
from ritual.digest_changes import WeekChange, changes_after_digests
from ritual.experiments import HISTORY as BEND_WEEKS
from ritual.experiments import bend_series, change_points, experiments
from ritual.focus import FocusQuestion, draft_questions
from ritual.goal_weeks import goal_timelines_of
from ritual.import_rules import OpenLines, open_lines_of
from ritual.owners import Gap, kpi_owner, week_gaps
from storage.digests import alerts_of
from storage.frames import load_inputs
from storage.models import Entry, Goal, Workspace
from storage.note_numbers import note_numbers
from storage.own_metrics import own_metrics_of, questions_of
from storage.owners import paused_weeks

HISTORY_WEEKS = 13
LOOKBACK = timedelta(weeks=52 + HISTORY_WEEKS)
EXPERIMENT_REACH = timedelta(weeks=26)  # experiments started longer ago leave the digest
DEFAULT_SCORECARD = (
    "revenue", "average_order_value", "contribution_margin", "gross_margin_pct",
    "profit_after_time", "roi_incl_time_pct", "cac", "payback_months", "error_rate_per_100",
    "revenue_per_hour", "hours", "conversion_rate_pct", "return_rate_pct",
)
SCORECARD_SIZE = 10


@dataclass(frozen=True)
class NoteView:
    kind: str
    text: str  # as shown: without the experiment syntax
    author: str | None
    number: int | None = None  # the note's number in its workspace
    on: date | None = None


@dataclass(frozen=True)
class HypothesisView:
    entry_id: int
    text: str
    outcome: str | None


@dataclass
class DigestData:
    """The computed content of one digest."""

    workspace: Workspace
    week: IsoWeek
    report: WeekReport
    history: pd.DataFrame
    sums: pd.DataFrame
    control: pd.DataFrame
    inputs: Inputs
    scorecard: list[str]
    notes: list[NoteView] = field(default_factory=list)
    chart_notes: list[NoteView] = field(default_factory=list)  # the notes of the bend weeks
    hypotheses: list[HypothesisView] = field(default_factory=list)
    previous_alerts: dict[str, bool | None] = field(default_factory=dict)
    experiments: list[dict] = field(default_factory=list)
    bends: list[dict] = field(default_factory=list)
    trend: dict[str, pd.Series] = field(default_factory=dict)  # 26 weeks of the bend-watched KPIs
    experiment_series: dict[int, pd.Series] = field(default_factory=dict)
    late: bool = False
    changed_after: list[WeekChange] = field(default_factory=list)
    focus: list[FocusQuestion] = field(default_factory=list)
    home_url: str | None = None
    paused: list[date] = field(default_factory=list)  # starts of paused weeks in the history
    gaps: list[Gap] = field(default_factory=list)  # missing inputs with their owners
    known_none: list[str] = field(default_factory=list)  # inputs known to be none this week
    partial: list[date] = field(default_factory=list)  # north-star weeks on part of their window
    questions: tuple[str, str, str] | None = None  # the workspace's own focus questions
    own_metrics: list[OwnMetricDef] = field(default_factory=list)
    customers: CustomerReport = field(default_factory=CustomerReport)  # cohorts from orders
    monthly: bool = False  # the first digest posted in its month: cohorts are shown
    open_lines: OpenLines | None = None  # imported bank/PayPal lines no rule categorised

    @property
    def lang(self) -> str:
        return self.workspace.language

    @property
    def currency(self) -> str:
        return self.workspace.currency

    @property
    def own(self) -> dict[str, tuple[str, str]]:
        """The workspace's own metrics: key -> (label, unit), for showing them."""
        return {metric.key: (metric.label, metric.unit) for metric in self.own_metrics}


def kpi_settings(workspace: Workspace) -> KpiSettings:
    return KpiSettings(
        hourly_rate=workspace.hourly_rate, comment_weight=workspace.comment_weight,
        capital=workspace.capital, equity=workspace.equity,
        payback_ceiling=workspace.payback_ceiling, north_star=workspace.north_star,
    )


def goals_of(session: Session, workspace_id: str) -> dict:
    return {g.kpi: g.target for g in session.scalars(
        select(Goal).where(Goal.workspace_id == workspace_id))}


def scorecard_keys(north_star: str, goals: dict) -> list[str]:
    """The north star, then KPIs with goals, then the defaults: ten at most."""
    keys: list[str] = []
    for key in (north_star, *goals, *DEFAULT_SCORECARD):
        if key not in keys:
            keys.append(key)
    return keys[:SCORECARD_SIZE]


def notes_between(session: Session, workspace_id: str, first: date, last: date) -> list[NoteView]:
    """The notes written for these days, numbered per workspace, as people read them."""
    numbers = note_numbers(session, workspace_id)
    rows = session.scalars(select(Entry).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note", Entry.deleted_at.is_(None),
        Entry.occurred_on >= first, Entry.occurred_on <= last,
    ).order_by(Entry.occurred_on, Entry.id))
    return [NoteView(r.note_kind or "context", shown_text(r.description or ""), r.entered_by,
                     numbers.get(r.id), r.occurred_on) for r in rows]


def notes_of_week(session: Session, workspace_id: str, week: IsoWeek) -> list[NoteView]:
    return notes_between(session, workspace_id, week.start, week.end)


def hypotheses_of_week(session: Session, workspace_id: str, week: IsoWeek) -> list[HypothesisView]:
    rows = session.scalars(select(Entry).where(
        Entry.workspace_id == workspace_id, Entry.kind == "note", Entry.note_kind == "hypothesis",
        Entry.deleted_at.is_(None), Entry.occurred_on >= week.start, Entry.occurred_on <= week.end,
    ).order_by(Entry.id))
    return [HypothesisView(r.id, shown_text(r.description or ""), r.outcome) for r in rows]


def gather(session: Session, workspace: Workspace, week: IsoWeek, now: datetime,
           late: bool = False) -> DigestData:
    """Compute the week's report, its history and the narrative around it (reads only)."""
    inputs = load_inputs(session, workspace.id, since=week.start - LOOKBACK)
    settings = kpi_settings(workspace)
    goals = goals_of(session, workspace.id)
    timelines = goal_timelines_of(session, workspace.id)
    paused = {IsoWeek.parse(w) for w in paused_weeks(session, workspace.id)}
    report = build_report(inputs, settings, week, goals_in_force(timelines, week.start), paused)
    weeks = week.window(HISTORY_WEEKS)
    keys = scorecard_keys(workspace.north_star, goals)
    history = weekly_kpis(inputs, settings, weeks,
                          list(dict.fromkeys([*keys, "cac", "payback_months"])), paused)
    previous = alerts_of(session, workspace.id, str(week.previous()))
    paused_starts = sorted(w.start for w in paused)
    trend = {kpi: without(values, paused_starts)
             for kpi, values in bend_series(inputs, settings, workspace.north_star, week,
                                                paused).items()}
    series: dict[int, pd.Series] = {}
    judged = [e for e in experiments(session, workspace, week, inputs, settings, now,
                                     noted_since=week.start - 2 * EXPERIMENT_REACH, series=series)
              if e["since"] >= str(week.start - EXPERIMENT_REACH)]
    away_on = min(local_now(workspace, now).date(), week.end)  # away while the week was open
    gaps, known = ([], []) if week in paused else week_gaps(
        session, workspace, week, report.missing_inputs, away_on)
    data = DigestData(
        workspace=workspace, week=week, report=report, history=without(history, paused_starts),
        sums=without(weekly_sums(inputs, weeks), paused_starts),
        control=error_rate_control(inputs, weeks, paused),
        paused=paused_starts, gaps=gaps, known_none=known,
        partial=partial_weeks(inputs, week.window(BEND_WEEKS), workspace.north_star, paused),
        inputs=inputs, scorecard=keys,
        notes=notes_of_week(session, workspace.id, week),
        chart_notes=notes_between(session, workspace.id, week.previous(BEND_WEEKS - 1).start,
                                  week.end),
        hypotheses=hypotheses_of_week(session, workspace.id, week.previous()),
        previous_alerts={kind: alert.fired for kind, alert in previous.items()},
        experiments=judged,
        experiment_series={e["id"]: series[e["id"]] for e in judged if e["before"] is not None},
        trend=trend,
        bends=change_points(session, workspace, week, trend),
        late=late, questions=questions_of(session, workspace.id),
        own_metrics=own_metrics_of(session, workspace.id),
        customers=customer_report(inputs, week.end, report.kpis),
        monthly=first_of_month(workspace, week),
    )
    add_ritual_history(session, data, timelines, now)
    data.open_lines = open_lines_of(session, workspace.id)
    return data


def first_of_month(workspace: Workspace, week: IsoWeek) -> bool:
    """Whether the week's digest is the first posted in its month (it is posted on the
    workspace's digest weekday of the following week)."""
    return (week.next().start + timedelta(days=workspace.digest_weekday)).day <= 7


def add_ritual_history(session: Session, data: DigestData, timelines: dict, now: datetime) -> None:
    """Changes made after earlier digests, and focus questions drafted from red weeks."""
    data.changed_after = changes_after_digests(session, data.workspace.id, data.week, data.inputs,
                                               now)
    data.focus = draft_questions(data.report, data.history, timelines, data.previous_alerts,
                                 lambda kpi: kpi_owner(session, data.workspace.id, kpi, data.week))


def without(frame: pd.DataFrame | pd.Series, starts: list[date]) -> pd.DataFrame | pd.Series:
    """The frame with the rows of paused weeks blanked (not gaps, not part of any average or
    bend)."""
    if starts:
        frame = frame.copy()
        frame.loc[frame.index.isin(starts)] = float("nan")
    return frame


def week_digest(deps: Deps, team_id: str, week: IsoWeek | None = None) -> DigestData:
    """A week's digest data for previews, reports and App Home (default: the current week)."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        week = week or IsoWeek.of(local_now(workspace, now).date())
        return gather(session, workspace, week, now)
