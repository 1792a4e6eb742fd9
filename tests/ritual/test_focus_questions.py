"""Drafted focus questions from red streaks and persisting alerts (pure, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from metrics.drift import DriftVerdict
from metrics.reasons import Reason
from metrics.report import WeekReport
from metrics.weeks import IsoWeek
from ritual.focus import draft_questions, red_streak

WEEK = IsoWeek(2026, 47)


def verdict(kind: str, fired: bool) -> DriftVerdict:
    return DriftVerdict(kind, fired, 9.0, 3.0, 6.0, 12, "rework", Reason("p_chart_fired"))


def history(values: list[float]) -> pd.DataFrame:
    weeks = WEEK.window(len(values))
    return pd.DataFrame({"week": [w.start for w in weeks], "error_rate_per_100": values}
                        ).set_index("week")


def test_a_persisting_alert_drafts_a_question_and_a_new_one_does_not():
    report = WeekReport(WEEK, {}, alerts=[verdict("payback", True), verdict("error_rate", True)])
    [question] = draft_questions(report, history([1.0]), {}, {"payback": True},
                                 {"payback_months": "U0ANNA"}.get)
    assert (question.kpi, question.reason, question.owner) == ("payback_months", "alert", "U0ANNA")


def test_the_streak_counts_red_weeks_against_the_goal_in_force_each_week():
    timeline = [(date(2026, 1, 5), Decimal(10)), (WEEK.previous().start, Decimal(3))]
    # 8 per 100 was fine against the old goal of 10, red against the new 3
    assert red_streak("error_rate_per_100", history([8.0, 8.0, 8.0]), timeline, WEEK) == 2
    assert red_streak("error_rate_per_100", history([8.0, float("nan"), 8.0]), timeline, WEEK) == 1


def test_at_most_two_questions_red_ones_first():
    report = WeekReport(WEEK, {}, alerts=[verdict("payback", True)])
    frame = history([9.0, 9.0, 9.0])
    frame["revenue"] = [100.0, 100.0, 100.0]
    frame["hours"] = [90.0, 90.0, 90.0]
    timelines = {"error_rate_per_100": [(date(2026, 1, 5), Decimal(3))],
                 "revenue": [(date(2026, 1, 5), Decimal(1000))],
                 "hours": [(date(2026, 1, 5), Decimal(10))]}
    questions = draft_questions(report, frame, timelines, {"payback": True}, {}.get)
    assert [(q.kpi, q.weeks) for q in questions] == [("error_rate_per_100", 3), ("hours", 3)]
