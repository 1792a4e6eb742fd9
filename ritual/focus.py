"""Drafted focus questions: a KPI red two weeks in a row, or an alert that persists."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from metrics.goals import GoalTimeline, goal_in_force, goal_status
from metrics.report import WeekReport
from metrics.weeks import IsoWeek

RED_WEEKS = 2
MAX_DRAFTED = 2  # of the three questions; the first (what created value?) stays
ALERT_KPI = {"error_rate": "error_rate_per_100", "error_rate_ewma": "error_rate_per_100",
             "payback": "payback_months"}


@dataclass(frozen=True)
class FocusQuestion:
    """A question to draft: about a KPI red for `weeks` weeks, or a persisting alert."""

    kpi: str
    reason: str  # red | alert
    weeks: int
    owner: str | None


def red_streak(kpi: str, history: pd.DataFrame, changes: GoalTimeline, week: IsoWeek) -> int:
    """How many weeks up to `week` the KPI was red against the goal in force each week."""
    if kpi not in history.columns:
        return 0
    streak, current = 0, week
    while current.start in history.index:
        value = history[kpi].get(current.start)
        target = goal_in_force(changes, current.start)
        if value is None or math.isnan(value) or target is None \
                or goal_status(kpi, value, target).status != "red":
            break
        streak, current = streak + 1, current.previous()
    return streak


def draft_questions(report: WeekReport, history: pd.DataFrame,
                    timelines: Mapping[str, GoalTimeline], previous_alerts: Mapping[str, bool | None],
                    owner: Callable[[str], str | None]) -> list[FocusQuestion]:
    """Red KPIs first (longest streak first), then persisting alerts; one per KPI, two at most;
    `owner` names a KPI's owner."""
    found: dict[str, FocusQuestion] = {}
    streaks = {kpi: red_streak(kpi, history, changes, report.week)
               for kpi, changes in timelines.items()}
    for kpi, weeks in sorted(streaks.items(), key=lambda item: (-item[1], item[0])):
        if weeks >= RED_WEEKS:
            found[kpi] = FocusQuestion(kpi, "red", weeks, owner(kpi))
    for verdict in report.alerts:
        kpi = ALERT_KPI.get(verdict.kind, verdict.kind)
        if verdict.fired and previous_alerts.get(verdict.kind) and kpi not in found:
            found[kpi] = FocusQuestion(kpi, "alert", 2, owner(kpi))
    return list(found.values())[:MAX_DRAFTED]
