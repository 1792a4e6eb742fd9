"""Shop KPIs (conversion, returns, average order value) and a workspace's own metrics."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from metrics.experiments import EXPERIMENT_KPIS
from metrics.frames import KpiSettings
from metrics.report import build_report
from metrics.vocabulary import KPI_WINDOWS, SUM_METRICS
from metrics.weeks import IsoWeek
from tests.metrics.builders import MONDAY, make_inputs

WEEK = IsoWeek.parse("2026-W47")
SUNDAY = MONDAY + timedelta(days=6)
LAST_WEEK = MONDAY - timedelta(days=3)


def report(inputs, own=None):
    if own:
        inputs = replace(inputs, own_metrics=own)
    return build_report(inputs, KpiSettings(), WEEK)


def test_sessions_and_returns_are_summed_inputs_and_the_new_kpis_are_week_kpis():
    assert {"sessions", "returns"} <= set(SUM_METRICS)
    assert {KPI_WINDOWS[k] for k in ("conversion_rate_pct", "return_rate_pct",
                                     "average_order_value")} == {"week"}


def test_conversion_return_rate_and_average_order_value_of_a_week():
    inputs = make_inputs(metrics=[
        (MONDAY, "sessions", 1000), (SUNDAY, "sessions", 200), (MONDAY, "orders", 30),
        (SUNDAY, "orders", 6), (MONDAY, "returns", 3), (MONDAY, "revenue", 1800),
        (LAST_WEEK, "sessions", 5000), (LAST_WEEK, "orders", 99)])
    kpis = report(inputs).kpis
    assert kpis["conversion_rate_pct"].value == Decimal(3)  # 36 orders / 1,200 sessions × 100
    assert round(kpis["return_rate_pct"].value, 2) == Decimal("8.33")  # 3 / 36 × 100
    assert kpis["average_order_value"].value == Decimal(50)  # 1,800 / 36
    assert all(kpis[k].window == "week" for k in ("conversion_rate_pct", "return_rate_pct"))


def test_missing_sessions_or_returns_are_null_with_a_reason_never_zero():
    kpis = report(make_inputs(metrics=[(MONDAY, "orders", 10)])).kpis
    for key, what in (("conversion_rate_pct", "sessions"), ("return_rate_pct", "returns")):
        assert kpis[key].value is None
        assert kpis[key].reason.code == "kpi.not_recorded"
        assert kpis[key].reason.params == {"what": what}


def test_zero_sessions_or_zero_orders_are_null_with_the_zero_denominator_reason():
    kpis = report(make_inputs(metrics=[(MONDAY, "sessions", 0), (MONDAY, "orders", 0),
                                       (MONDAY, "returns", 1), (MONDAY, "revenue", 10)])).kpis
    for key in ("conversion_rate_pct", "return_rate_pct", "average_order_value"):
        assert kpis[key].value is None and kpis[key].reason.code == "kpi.zero_denominator"


def test_return_rate_is_lower_is_better_and_both_can_be_tested_in_experiments():
    from metrics.vocabulary import direction

    assert direction("return_rate_pct") == "lower"
    assert direction("conversion_rate_pct") == "higher"
    assert {"conversion_rate_pct", "return_rate_pct", "average_order_value"} <= set(EXPERIMENT_KPIS)
    assert len(EXPERIMENT_KPIS) == len(set(EXPERIMENT_KPIS))


def test_an_own_sum_metric_is_the_weeks_sum_in_the_report():
    inputs = make_inputs(metrics=[(MONDAY, "newsletter_signups", 12),
                                  (SUNDAY, "newsletter_signups", 5),
                                  (LAST_WEEK, "newsletter_signups", 40)])
    kpi = report(inputs, {"newsletter_signups": "sum"}).kpis["newsletter_signups"]
    assert kpi.value == Decimal(17) and kpi.window == "week"


def test_an_own_level_metric_is_the_latest_value_and_a_median_metric_the_median():
    inputs = make_inputs(metrics=[
        (MONDAY, "stock_level", 80), (SUNDAY, "stock_level", 55),
        (MONDAY, "packing_minutes", 4), (MONDAY, "packing_minutes", 10),
        (SUNDAY, "packing_minutes", 6)])
    kpis = report(inputs, {"stock_level": "level", "packing_minutes": "median"}).kpis
    assert kpis["stock_level"].value == Decimal(55)
    assert kpis["packing_minutes"].value == Decimal(6)


def test_an_own_metric_without_values_this_week_is_null_with_a_reason():
    inputs = make_inputs(metrics=[(LAST_WEEK, "newsletter_signups", 40)])
    kpi = report(inputs, {"newsletter_signups": "sum"}).kpis["newsletter_signups"]
    assert kpi.value is None and kpi.reason.code == "kpi.not_recorded"


def test_own_metrics_of_another_workspace_are_not_in_the_report():
    inputs = make_inputs(metrics=[(MONDAY, "newsletter_signups", 12)])
    assert "newsletter_signups" not in report(inputs).kpis
