"""Imported rows as KPI inputs: one revenue source, fees as costs, transfers neither."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from capture.imports.weekly import (
    DayTotal,
    cost_rows,
    day_figures,
    metric_rows,
    revenue_family,
    week_figures,
)

MON, SUN, NEXT_MON = date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 9)


def test_a_shop_wins_over_a_processor_and_banks_give_no_revenue():
    assert revenue_family({"bank", "processor", "shop"}) == "shop"
    assert revenue_family({"bank", "processor"}) == "processor"
    assert revenue_family({"bank"}) == "bank"  # lines a rule calls revenue
    assert revenue_family(set()) is None


def test_sales_less_tax_refunds_lower_revenue_and_fees_count_from_every_family():
    totals = [DayTotal(MON, "shop", "sale", D("119.00"), D(0), D("19.00"), 2),
              DayTotal(MON, "processor", "sale", D("119.00"), D("2.00"), D(0), 2),
              DayTotal(SUN, "shop", "refund", D("-11.90"), D(0), D("-1.90"), 1)]

    days = day_figures(totals, "shop")

    assert (days[MON].revenue, days[MON].orders, days[MON].payment_fees) == (D(100), 2, D(2))
    assert (days[SUN].revenue, days[SUN].refunds) == (D(-10), D(10))


def test_transfers_are_neither_and_outflows_are_uncategorised_fixed_costs():
    totals = [DayTotal(MON, "bank", "transfer", D("146.51"), D(0), D(0), 1),
              DayTotal(MON, "bank", "money_out", D("-36.30"), D(0), D(0), 3),
              DayTotal(MON, "bank", "money_in", D("1500"), D(0), D(0), 1)]

    days = day_figures(totals, None)

    assert metric_rows(days) == []
    assert cost_rows(days) == [{"occurred_on": MON, "amount": D("36.30"), "category": "uncategorized",
                                "cost_class": "fixed", "channel": None, "every": None}]
    assert (days[MON].transfers, days[MON].uncategorized) == (D("146.51"), 3)


def test_weeks_sum_their_days_and_leave_out_weeks_without_figures():
    totals = [DayTotal(MON, "processor", "sale", D(10), D(1), D(0), 1),
              DayTotal(SUN, "processor", "sale", D(20), D(1), D(0), 1),
              DayTotal(MON, "bank", "money_out", D(-8), D(0), D(0), 1),
              DayTotal(SUN, "bank", "money_out", D(-4), D(0), D(0), 1, "software"),
              DayTotal(NEXT_MON, "bank", "money_in", D(5), D(0), D(0), 1)]

    weeks = week_figures(day_figures(totals, "processor"))

    assert list(weeks) == ["2026-W10"]
    assert weeks["2026-W10"].costs == D(12)
    assert weeks["2026-W10"].by_category == {"uncategorized": D(8), "software": D(4)}
    assert (weeks["2026-W10"].revenue, weeks["2026-W10"].orders,
            weeks["2026-W10"].payment_fees) == (D(30), 2, D(2))
    rows = metric_rows(day_figures(totals, "processor"))
    assert [(row["occurred_on"], row["metric"], row["value"]) for row in rows] == [
        (MON, "revenue", D(10)), (MON, "orders", D(1)), (SUN, "revenue", D(20)), (SUN, "orders", D(1))]
