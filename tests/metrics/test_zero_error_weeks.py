"""Zero-error weeks (KPIS.md): once errors are tracked, a week with orders and no errors
entry has 0 errors, in the scorecard, the control chart, the p-chart baseline and the EWMA."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from metrics.drift import binomial_tail, error_rate_control, error_rate_verdicts
from metrics.frames import Inputs, KpiSettings
from metrics.kpis import NONE_LOGGED
from metrics.report import build_report
from metrics.weeks import IsoWeek
from tests.metrics.builders import make_inputs
from texts import say

WEEK = IsoWeek.parse("2026-W47")
# 0-2 errors in some of 12 weeks (5 errors in 240 orders), then 4 errors in 20 orders.
QUIET = [1, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0]


def shop(errors_per_week: list[int | None], orders: int | None = 20):
    """`orders` orders every week; an errors entry only in weeks with errors > 0 (None: no
    orders either). The last week is WEEK."""
    metrics = []
    for week, errors in zip(WEEK.window(len(errors_per_week)), errors_per_week, strict=True):
        if errors is None:
            continue
        if orders is not None:
            metrics.append((week.start, "orders", orders))
        if errors:
            metrics.append((week.start, "errors", errors, None, "rework"))
    return make_inputs(metrics=metrics)


def verdicts(inputs, week: IsoWeek = WEEK) -> dict:
    return {v.kind: v for v in error_rate_verdicts(inputs, week)}


def kpis(inputs, week: IsoWeek = WEEK) -> dict:
    return build_report(inputs, KpiSettings(), week).kpis


def test_quiet_weeks_are_zeros_so_a_spike_of_four_in_twenty_fires_on_the_exact_tail():
    inputs = shop(QUIET + [4])
    alert = verdicts(inputs)["error_rate"]
    assert alert.baseline_weeks == 12
    assert alert.expected == round(5 / 240 * 100, 2)
    assert binomial_tail(4, 20, 5 / 240) < 0.00135
    assert alert.fired is True and "probability" in say(alert.reason, "en")


def test_the_ewma_uses_the_zero_weeks_too():
    inputs = shop(QUIET + [4])
    ewma = verdicts(inputs)["error_rate_ewma"]
    assert ewma.baseline_weeks == 12 and ewma.expected == round(5 / 240 * 100, 2)


def test_a_week_with_orders_and_no_errors_entry_is_zero_marked_none_logged():
    inputs = shop(QUIET + [0])
    rate = kpis(inputs)["error_rate_per_100"]
    assert rate.value == 0 and rate.reason == NONE_LOGGED
    by_cause = kpis(inputs)["errors_by_cause"]
    assert by_cause.value == {} and by_cause.reason == NONE_LOGGED
    top = kpis(inputs)["top_error_cause"]
    assert top.value is None and top.reason == NONE_LOGGED
    assert build_report(inputs, KpiSettings(), WEEK).to_json_dict("T1")["kpis"][
        "error_rate_per_100"] == {"value": "0.00", "window": "week", "reason": NONE_LOGGED.code}


def test_a_week_with_errors_logged_has_no_marker():
    rate = kpis(shop(QUIET + [2]))["error_rate_per_100"]
    assert rate.value == Decimal(10) and rate.reason is None


def test_before_the_first_errors_week_the_rate_is_null_with_a_reason():
    inputs = shop([0] * 9 + [1, 0, 0, 0])
    first = WEEK.previous(3)
    before = kpis(inputs, first.previous())["error_rate_per_100"]
    assert before.value is None and before.reason
    assert kpis(inputs, first)["error_rate_per_100"].value == 5
    after = kpis(inputs, first.next())["error_rate_per_100"]
    assert after.value == 0 and after.reason == NONE_LOGGED


def test_weeks_before_the_first_errors_week_are_not_in_the_baseline():
    inputs = shop([0] * 9 + [1, 0, 0, 3])
    alert = verdicts(inputs)["error_rate"]
    assert alert.fired is None and alert.baseline_weeks == 3 and "4 are needed" in say(alert.reason, "en")


def test_a_week_without_orders_is_null_with_a_reason_even_when_errors_are_tracked():
    inputs = shop(QUIET + [None])
    rate = kpis(inputs)["error_rate_per_100"]
    assert rate.value is None and "orders" in say(rate.reason, "en")
    for alert in verdicts(inputs).values():
        assert alert.fired is None and "this week" in say(alert.reason, "en")


def test_no_orders_at_all_is_null_not_zero():
    inputs = shop(QUIET + [0], orders=None)
    assert kpis(inputs)["error_rate_per_100"].value is None
    assert verdicts(inputs)["error_rate"].fired is None


def test_control_chart_shows_quiet_weeks_as_zero_and_marks_the_spike():
    inputs = shop([1] + QUIET + [4])
    frame = error_rate_control(inputs, WEEK.window(13))
    assert frame["rate"].iloc[0] == 5 and (frame["rate"].iloc[[1, 2, 4, 5]] == 0).all()
    assert frame["centre"].iloc[-1] == pytest.approx(5 / 240 * 100)
    assert frame["out_of_control"].tolist() == [False] * 12 + [True]


def test_control_chart_leaves_weeks_before_the_first_errors_entry_empty():
    inputs = shop([0] * 6 + [1] + [0] * 6)
    frame = error_rate_control(inputs, WEEK.window(13))
    assert frame["rate"].iloc[:6].isna().all()
    assert frame["rate"].iloc[6] == 5 and (frame["rate"].iloc[7:] == 0).all()


def test_a_first_errors_entry_older_than_the_loaded_inputs_still_counts():
    inputs = shop([0] * 12 + [0])
    assert kpis(inputs)["error_rate_per_100"].value is None
    known = Inputs(inputs.costs, inputs.hours, inputs.metrics, inputs.notes,
                   errors_since=date(2024, 3, 5))
    rate = kpis(known)["error_rate_per_100"]
    assert rate.value == 0 and rate.reason == NONE_LOGGED
