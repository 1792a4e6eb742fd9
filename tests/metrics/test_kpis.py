"""Every worked example of KPIS.md, the null rules, and recurring accrual."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.frames import Inputs, KpiSettings
from metrics.kpis import FORMULAS
from metrics.report import build_report, weekly_sums
from metrics.totals import window_totals
from metrics.vocabulary import KPI_KEYS, KPI_WINDOWS
from metrics.weeks import IsoWeek
from tests.metrics.builders import MONDAY, make_inputs
from texts import say

WEEK = IsoWeek.parse("2026-W47")


def kpi(inputs: Inputs, key: str, **config):
    return build_report(inputs, KpiSettings(**config), WEEK).kpis[key]


def test_every_kpi_has_a_formula_and_a_window():
    assert set(FORMULAS) == set(KPI_WINDOWS) == set(KPI_KEYS)


@pytest.mark.parametrize(("cost", "revenue", "roi"), [
    (1000, 1500, "50"), (5000, 7000, "40"), (15000, 20000, "33.3"), (25000, 40000, "60"),
    (2000, 3500, "75"), (5000, 6500, "30"), (10000, 12000, "20"), (1000, 2000, "100"),
    (1000, 1200, "20"),
])
def test_roi_examples_of_the_seeds(cost, revenue, roi):
    inputs = make_inputs(costs=[(MONDAY, cost, "fixed")], metrics=[(MONDAY, "revenue", revenue)])
    assert round(kpi(inputs, "roi_pct").value, 1) == Decimal(roi)


def test_revenue_per_hour_of_the_seeds():
    inputs = make_inputs(hours=[(MONDAY, 240, "ops")], metrics=[(MONDAY, "revenue", 3000)])
    assert kpi(inputs, "revenue_per_hour").value == Decimal("12.5")


def test_roi_of_free_marketing_counts_time():
    inputs = make_inputs(hours=[(MONDAY, 1, "marketing")], metrics=[(MONDAY, "revenue", 1000)])
    assert kpi(inputs, "roi_incl_time_pct", hourly_rate=Decimal(50)).value == Decimal(1900)
    roi = kpi(inputs, "roi_pct", hourly_rate=Decimal(50))
    assert roi.value is None and say(roi.reason, "en") == "no costs recorded"


def test_ctr_and_response_rate_of_the_seeds():
    inputs = make_inputs(metrics=[(MONDAY, "clicks", 50), (MONDAY, "impressions", 1000),
                                  (MONDAY, "responses", 400), (MONDAY, "sent", 1000)])
    assert kpi(inputs, "ctr_pct").value == Decimal(5)
    assert kpi(inputs, "response_rate_pct").value == Decimal(40)


def spread(total, weeks: int = 4) -> list:
    """A total split over the weeks of a window ending with WEEK (oldest first), as strings."""
    share = Decimal(str(total)) / weeks
    parts = [share.quantize(Decimal("0.01"))] * (weeks - 1)
    return [str(part) for part in parts] + [str(Decimal(str(total)) - sum(parts))]


def over_window(name: str, total, weeks: int = 4) -> list[tuple]:
    """(day, name, value) rows recording `total` over the window's weeks (every week recorded)."""
    return [(MONDAY - timedelta(weeks=weeks - 1 - n), name, value)
            for n, value in enumerate(spread(total, weeks))]


def test_funnel_of_seed_003():
    inputs = make_inputs(costs=[(day, value, "acquisition")
                                for day, _, value in over_window("costs", 79971)],
                         metrics=[*over_window("leads", 437), *over_window("qualified_leads", 138),
                                  *over_window("new_customers", 67)])
    report = build_report(inputs, KpiSettings(), WEEK).to_json_dict("T1")["kpis"]
    assert report["cost_per_qualified_lead"]["value"] == "579.50"
    assert report["cac"]["value"] == "1193.60"
    assert report["cost_per_lead"]["value"] == "183.00"


def test_missing_input_is_null_with_a_reason_never_zero():
    report = build_report(Inputs.empty(), KpiSettings(), WEEK)
    assert all(value.value is None and value.reason for value in report.kpis.values())
    assert "revenue" in report.missing_inputs


def test_zero_denominator_is_null_with_a_reason():
    inputs = make_inputs(metrics=[(MONDAY, "errors", 2), (MONDAY, "orders", 0)])
    rate = kpi(inputs, "error_rate_per_100")
    assert rate.value is None and "division by zero" in say(rate.reason, "en")


def test_time_cost_needs_an_hourly_rate():
    inputs = make_inputs(hours=[(MONDAY, 3, "ops")])
    assert "hourly rate" in say(kpi(inputs, "time_cost").reason, "en")
    assert kpi(inputs, "time_cost", hourly_rate=Decimal(40)).value == Decimal(120)


def test_active_customers_is_a_level_not_a_sum():
    inputs = make_inputs(metrics=[(MONDAY - timedelta(days=14), "active_customers", 100),
                                  (MONDAY, "active_customers", 120),
                                  (MONDAY, "revenue", 1200)])
    # two of the window's four weeks recorded: a month is 30.4375 of their 14 days (KPIS.md)
    expected = Decimal(1200) * Decimal("30.4375") / 14 / 120
    assert round(kpi(inputs, "arpa_month").value, 6) == round(expected, 6)


def test_ltv_without_churn_is_capped_and_flagged():
    inputs = make_inputs(metrics=[*over_window("revenue", 2800), (MONDAY, "active_customers", 100)],
                         costs=[(MONDAY, 0.01, "fixed")])
    ltv = kpi(inputs, "ltv")
    assert ltv.value == kpi(inputs, "contribution_per_customer_month").value * 60
    assert say(ltv.reason, "en").startswith("capped")


def test_map_kpis_are_objects():
    inputs = make_inputs(hours=[(MONDAY, 2, "support"), (MONDAY, 1, "ops")],
                         metrics=[(MONDAY, "errors", 2, None, "rework"),
                                  (MONDAY, "errors", 1, None, "return")])
    assert kpi(inputs, "hours_by_activity").value == {"support": Decimal(2), "ops": Decimal(1)}
    assert kpi(inputs, "top_error_cause").value == "rework"


def test_recurring_monthly_cost_accrues_evenly_across_weeks_and_months():
    paid = date(2026, 11, 1)
    inputs = make_inputs(costs=[(paid, 300, "fixed", None, "month")])
    weeks = [IsoWeek.of(paid + timedelta(days=7 * n)) for n in range(-1, 6)]
    sums = weekly_sums(inputs, weeks)["costs_fixed"].fillna(0)
    assert round(sum(sums), 6) == 300
    full_week = window_totals(inputs, date(2026, 11, 9), date(2026, 11, 15)).costs["fixed"]
    assert full_week == Decimal(300) * 7 / 30
    assert window_totals(inputs, date(2026, 12, 1), date(2026, 12, 7)).costs is None


def test_yearly_cost_paid_last_year_still_accrues_this_week():
    inputs = make_inputs(costs=[(date(2026, 3, 1), 365, "fixed", None, "year")])
    assert kpi(inputs, "costs_fixed").value == Decimal(7)


def test_a_dst_week_in_berlin_has_seven_days_of_costs():
    dst_week = IsoWeek.of(date(2026, 10, 25))
    inputs = make_inputs(costs=[(dst_week.start + timedelta(days=d), 10, "fixed")
                                for d in range(7)])
    assert weekly_sums(inputs, [dst_week])["costs_fixed"].iloc[0] == 70


@settings(max_examples=40, deadline=None)
@given(revenue=st.integers(1, 10_000), cost=st.integers(1, 10_000), extra=st.integers(1, 5_000))
def test_adding_a_cost_never_raises_profit(revenue, cost, extra):
    base = make_inputs(costs=[(MONDAY, cost, "fixed")], metrics=[(MONDAY, "revenue", revenue)])
    more = make_inputs(costs=[(MONDAY, cost, "fixed"), (MONDAY, extra, "variable")],
                       metrics=[(MONDAY, "revenue", revenue)])
    assert kpi(more, "profit").value < kpi(base, "profit").value
    assert kpi(more, "contribution_margin").value <= kpi(base, "contribution_margin").value


NEEDS = {"error_rate_per_100": {"errors", "orders"}, "ctr_pct": {"clicks", "impressions"},
         "revenue_per_hour": {"revenue", "hours"}, "roi_pct": {"revenue", "costs"}}


@settings(max_examples=60, deadline=None)
@given(present=st.sets(st.sampled_from(["errors", "orders", "clicks", "impressions",
                                        "revenue", "hours", "costs"])))
def test_a_kpi_is_null_exactly_when_an_input_it_needs_is_missing(present):
    metrics = [(MONDAY, name, 7) for name in present if name not in ("hours", "costs")]
    inputs = make_inputs(metrics=metrics,
                         hours=[(MONDAY, 5, "ops")] if "hours" in present else [],
                         costs=[(MONDAY, 3, "fixed")] if "costs" in present else [])
    report = build_report(inputs, KpiSettings(), WEEK)
    for key, needed in NEEDS.items():
        assert (report.kpis[key].value is None) == (not needed <= present)
