"""Incomplete windows (KPIS.md): a week nobody recorded is missing, not zero, in every window KPI."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from math import nan

from metrics.changepoints import find_change_points
from metrics.drift import payback_verdict
from metrics.frames import KpiSettings
from metrics.report import build_report, payback_series, weekly_kpis
from metrics.weeks import IsoWeek
from tests.metrics.builders import make_inputs
from texts import say

WEEK = IsoWeek.parse("2026-W47")
NORTH_STAR = "contribution_per_customer_month"


def shop_weeks(weeks: list[IsoWeek], customers: int = 50, new: int = 5):
    """Every listed week: revenue 3,000, variable costs 1,000 (contribution 2,000), ads 500,
    `new` new customers and `customers` active customers."""
    costs, metrics = [], []
    for week in weeks:
        day = week.start + timedelta(days=2)
        costs += [(day, 1000, "variable"), (day, 500, "acquisition")]
        metrics += [(day, "revenue", 3000), (day, "active_customers", customers),
                    (day, "new_customers", new)]
    return make_inputs(costs=costs, metrics=metrics)


def north_star(inputs, week: IsoWeek = WEEK, **kwargs):
    return build_report(inputs, KpiSettings(), week, **kwargs).kpis[NORTH_STAR]


def test_a_missing_week_scales_the_month_by_the_recorded_weeks_not_as_zero():
    window = WEEK.window(4)
    one_missing = shop_weeks([w for w in window if w != window[1]])
    value = north_star(one_missing)
    assert round(value.value, 2) == Decimal("173.93")  # 6,000 × 30.4375 / 21 / 50
    assert round(value.value, 2) == round(north_star(shop_weeks(window)).value, 2)
    assert value.weeks_used == 3


def test_fewer_than_half_the_weeks_recorded_is_null_with_incomplete_window():
    value = north_star(shop_weeks([WEEK]))
    assert value.value is None and value.reason.code == "kpi.incomplete_window"
    assert value.weeks_used == 1
    assert "1 von 4 Wochen" in say(value.reason, "de")
    assert north_star(shop_weeks(WEEK.window(2))).value is not None  # half is enough


def test_the_json_report_names_the_weeks_used_and_the_reason():
    window = WEEK.window(4)
    kpis = build_report(shop_weeks(window[1:]), KpiSettings(), WEEK).to_json_dict("T1")["kpis"]
    assert kpis[NORTH_STAR] == {"value": "173.93", "window": "t4w", "reason": None, "weeks_used": 3}
    empty = build_report(shop_weeks([WEEK]), KpiSettings(), WEEK).to_json_dict("T1")["kpis"]
    assert empty[NORTH_STAR]["value"] is None
    assert empty[NORTH_STAR]["reason"] == "incomplete_window"
    assert empty[NORTH_STAR]["weeks_used"] == 1
    assert "weeks_used" not in empty["revenue"]  # a week KPI has no window to fill


def test_a_paused_week_is_never_recorded():
    window = WEEK.window(4)
    inputs = shop_weeks(window)
    value = north_star(inputs, paused={window[0], window[1], window[2]})
    assert value.value is None and value.weeks_used == 1
    assert north_star(inputs, paused={window[0]}).weeks_used == 3


def test_a_yearly_kpi_needs_half_a_year_recorded():
    inputs = shop_weeks(WEEK.window(25))
    assert build_report(inputs, KpiSettings(), WEEK).kpis["return_on_sales_pct"].value is None
    more = shop_weeks(WEEK.window(26))
    assert round(build_report(more, KpiSettings(), WEEK).kpis["return_on_sales_pct"].value, 2) == (
        Decimal("50.00"))  # (3,000 − 1,500) / 3,000 each recorded week


def test_the_north_star_does_not_climb_while_its_window_fills():
    weeks = WEEK.window(8)
    frame = weekly_kpis(shop_weeks(weeks), KpiSettings(), weeks, [NORTH_STAR])
    values = frame[NORTH_STAR]
    assert values.iloc[0] != values.iloc[0]  # one week of four: n/a, not a quarter of the value
    assert set(values.iloc[1:].round(2)) == {173.93}


def test_complete_only_leaves_out_windows_with_a_missing_week():
    weeks = WEEK.window(6)
    inputs = shop_weeks([w for w in weeks if w != weeks[3]])
    frame = weekly_kpis(inputs, KpiSettings(), weeks, [NORTH_STAR], complete_only=True)
    assert frame[NORTH_STAR].isna().all()  # every window of these 6 weeks lacks a week
    assert weekly_kpis(inputs, KpiSettings(), weeks, [NORTH_STAR])[NORTH_STAR].notna().sum() == 5


def test_no_payback_verdict_on_an_incomplete_window():
    inputs = shop_weeks(WEEK.window(3), new=10)
    payback = next(a for a in build_report(inputs, KpiSettings(payback_ceiling=Decimal("0.01")),
                                           WEEK).alerts if a.kind == "payback")
    assert payback.fired is None and payback.reason.code == "drift.incomplete_window"


def test_payback_series_holds_only_complete_windows():
    history = WEEK.window(16)
    missing = {history[5], history[6]}
    inputs = shop_weeks([w for w in WEEK.window(19) if w not in missing])
    series = payback_series(inputs, KpiSettings(), WEEK)
    assert [i for i, value in enumerate(series) if value is None] == [5, 6, 7, 8, 9]


def test_payback_verdict_without_a_complete_window_says_why():
    verdict = payback_verdict([None, None, 30.0], Decimal(10), 12.0, weeks_used=2)
    assert verdict.fired is None and "2 of 4 weeks" in say(verdict.reason, "en")


def test_no_bend_where_the_window_fills():
    rng = random.Random(7)
    weeks = WEEK.window(24)
    recorded = weeks[3:]  # the first three weeks were not recorded
    costs, metrics = [], []
    for week in recorded:
        day = week.start + timedelta(days=2)
        costs.append((day, 1000, "variable"))
        metrics += [(day, "revenue", 3000 + rng.randint(-150, 150)), (day, "active_customers", 50)]
    values = weekly_kpis(make_inputs(costs=costs, metrics=metrics), KpiSettings(), weeks,
                         [NORTH_STAR])[NORTH_STAR]
    assert find_change_points(list(values), weeks) == []
    filling = [nan] * 3 + [values.iloc[6] * share for share in (0.25, 0.5, 0.75)]
    assert find_change_points(filling + list(values.iloc[6:]), weeks)  # what zeros would draw
