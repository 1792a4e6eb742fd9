"""Drift tests (p-chart, binomial tail, EWMA, payback) and goal statuses."""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal

import pytest

from metrics.drift import (
    binomial_tail,
    error_rate_control,
    error_rate_verdicts,
    p_chart_limits,
    payback_verdict,
)
from metrics.frames import KpiSettings
from metrics.goals import goal_status
from metrics.report import build_report
from metrics.vocabulary import KPI_KEYS
from metrics.weeks import IsoWeek
from tests.metrics.builders import make_inputs
from texts import say

WEEK = IsoWeek.parse("2026-W47")


def weekly(counts: list[tuple[int, int]], cause: str = "rework"):
    """(orders, errors) per week, ending with WEEK."""
    weeks = WEEK.window(len(counts))
    metrics = []
    for week, (orders, errors) in zip(weeks, counts, strict=True):
        metrics.append((week.start, "orders", orders))
        metrics.append((week.start, "errors", errors, None, cause))
    return make_inputs(metrics=metrics)


def verdict(inputs, kind: str):
    return next(v for v in error_rate_verdicts(inputs, WEEK) if v.kind == kind)


def test_p_chart_limits_match_the_textbook_example():
    lcl, ucl = p_chart_limits(0.2313, 50)
    assert round(ucl, 4) == 0.4102
    assert round(lcl, 4) == 0.0524


def test_binomial_tail_matches_the_exact_sum():
    n, p = 40, 0.025
    for x in (0, 1, 3, 6):
        exact = sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(x, n + 1))
        assert binomial_tail(x, n, p) == pytest.approx(exact, rel=1e-9)


def test_lower_limit_is_clipped_at_zero():
    assert p_chart_limits(0.01, 20)[0] == 0


def test_week_above_the_upper_limit_fires_and_names_the_cause():
    inputs = weekly([(500, 10)] * 12 + [(500, 35)])
    alert = verdict(inputs, "error_rate")
    assert alert.fired is True and alert.top_cause == "rework"
    assert alert.expected == 2.0 and alert.observed == 7.0 and alert.limit < 7.0
    assert "control limit" in say(alert.reason, "en") and "rework" in say(alert.reason, "en")


def test_normal_week_does_not_fire():
    inputs = weekly([(500, 10)] * 12 + [(500, 12)])
    assert verdict(inputs, "error_rate").fired is False


def test_small_counts_use_the_exact_binomial_tail():
    inputs = weekly([(40, 1)] * 12 + [(40, 6)])
    alert = verdict(inputs, "error_rate")
    assert "probability" in say(alert.reason, "en") and alert.fired is True
    calm = weekly([(40, 1)] * 12 + [(40, 2)])
    assert verdict(calm, "error_rate").fired is False


def test_too_little_history_gives_no_verdict_and_says_why():
    alert = verdict(weekly([(500, 10)] * 3 + [(500, 50)]), "error_rate")
    assert alert.fired is None and "4 are needed" in say(alert.reason, "en")


def test_ewma_catches_a_slow_drift_the_p_chart_misses():
    counts = [(1000, 20)] * 7 + [(1000, errors) for errors in (24, 27, 30, 33, 36, 37)]
    inputs = weekly(counts)
    assert verdict(inputs, "error_rate").fired is False
    assert verdict(inputs, "error_rate_ewma").fired is True


def test_control_chart_series_marks_the_spike():
    inputs = weekly([(500, 10)] * 20 + [(500, 40)])
    frame = error_rate_control(inputs, WEEK.window(13))
    assert frame["out_of_control"].tolist() == [False] * 12 + [True]
    assert frame["centre"].iloc[-1] == pytest.approx(2.0)


def test_payback_above_the_ceiling_fires():
    alert = payback_verdict([3.0] * 12 + [14.0], Decimal(5), 12)
    assert alert.fired is True and "ceiling" in say(alert.reason, "en")


def test_payback_rising_three_weeks_and_25_percent_above_median_fires():
    alert = payback_verdict([2.0] * 12 + [2.2, 2.4, 2.6], Decimal(5), 12)
    assert alert.fired is True and "rose" in say(alert.reason, "en")
    flat = payback_verdict([2.0] * 12 + [2.2, 2.1, 2.6], Decimal(5), 12)
    assert flat.fired is False


def test_payback_needs_three_new_customers():
    alert = payback_verdict([2.0] * 15, Decimal(2), 12)
    assert alert.fired is None and "3 are needed" in say(alert.reason, "en")


@pytest.mark.parametrize(("kpi", "value", "target", "status"), [
    ("revenue", 1000, 1000, "green"), ("revenue", 950, 1000, "yellow"),
    ("revenue", 800, 1000, "red"), ("error_rate_per_100", 2, 3, "green"),
    ("error_rate_per_100", 3.2, 3, "yellow"), ("error_rate_per_100", 5, 3, "red"),
    ("revenue", None, 1000, None),
])
def test_goal_status_in_the_kpis_direction(kpi, value, target, status):
    value = None if value is None else Decimal(str(value))
    assert goal_status(kpi, value, Decimal(target)).status == status


def test_report_json_has_every_key_and_two_decimal_strings():
    inputs = make_inputs(costs=[(WEEK.start, 100, "fixed")],
                         metrics=[(WEEK.start, "revenue", "1234.5")])
    report = build_report(inputs, KpiSettings(), WEEK, {"revenue": Decimal(1000)})
    data = report.to_json_dict("T1")
    assert set(data["kpis"]) == set(KPI_KEYS)
    assert data["kpis"]["revenue"] == {"value": "1234.50", "window": "week", "reason": None}
    assert data["goals"]["revenue"] == {"target": "1000.00", "direction": "higher",
                                        "status": "green"}
    assert {a["kind"] for a in data["alerts"]} == {"error_rate", "error_rate_ewma", "payback"}
    assert (data["start"], data["end"]) == ("2026-11-16", "2026-11-22")


def test_week_arithmetic_across_the_year():
    week = IsoWeek.parse("2026-W01")
    assert str(week.previous()) == "2025-W52"
    assert week.start - timedelta(days=7) == week.previous().start
    assert [str(w) for w in IsoWeek.parse("2026-W02").window(3)] == [
        "2025-W52", "2026-W01", "2026-W02"]


def test_more_errors_than_orders_gives_no_verdict_instead_of_crashing():
    inputs = weekly([(10, 30)] * 12 + [(10, 40)])
    alert = verdict(inputs, "error_rate")
    assert alert.fired is None and "more errors than orders" in say(alert.reason, "en")
    frame = error_rate_control(inputs, WEEK.window(13))
    assert not frame["out_of_control"].any()
