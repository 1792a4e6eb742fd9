"""New, repeat, active and churned customers per week, derived from orders (hand-computed)."""

from datetime import date
from decimal import Decimal

import pandas as pd

from metrics.customers import derived_inputs, hand_values_win
from metrics.frames import METRIC_COLUMNS
from tests.metrics.orders_builder import make_orders

ORDERS = make_orders([
    (date(2025, 12, 1), "e", 5000),      # 2025-W49; 90 days old on Sunday 2026-03-01 (W09)
    (date(2026, 3, 2), "a", 1000),       # W10
    (date(2026, 3, 4), "a", 1000),       # W10: a's repeat
    (date(2026, 3, 3), "b", 1000),       # W10
    (date(2026, 3, 10), "c", 1000),      # W11
    (date(2026, 3, 11), None, 1000),     # W11: an order without a customer
    (date(2026, 3, 12), "d", -500),      # W11: a refund only: never a customer
    (date(2026, 3, 20), "a", 1000),      # W12
    (date(2026, 3, 21), "a", -300),      # W12: a refund of a
])


def week_values(frame: pd.DataFrame, sunday: date) -> dict[str, int]:
    rows = frame[frame["occurred_on"] == sunday]
    return {metric: int(value) for metric, value in zip(rows["metric"], rows["value"],
                                                        strict=True)}


def test_each_week_from_the_first_to_the_last_order_gets_the_four_inputs():
    frame = derived_inputs(ORDERS)
    assert list(frame.columns) == METRIC_COLUMNS
    sundays = sorted(set(frame["occurred_on"]))
    assert sundays[0] == date(2025, 12, 7) and sundays[-1] == date(2026, 3, 22)
    assert len(sundays) == 16 and len(frame) == 16 * 4
    assert all(isinstance(value, Decimal) for value in frame["value"])


def test_new_and_repeat_orders_count_first_orders_and_the_ones_after():
    frame = derived_inputs(ORDERS)
    assert week_values(frame, date(2026, 3, 8)) == {
        "new_customers": 2, "repeat_orders": 1, "active_customers": 2, "churned_customers": 0}
    assert week_values(frame, date(2026, 3, 15)) == {
        "new_customers": 1, "repeat_orders": 0, "active_customers": 3, "churned_customers": 0}
    assert week_values(frame, date(2026, 3, 22)) == {
        "new_customers": 0, "repeat_orders": 1, "active_customers": 3, "churned_customers": 0}


def test_a_customer_is_active_for_90_days_and_churns_in_the_week_that_ends():
    frame = derived_inputs(ORDERS)
    assert week_values(frame, date(2025, 12, 7))["active_customers"] == 1
    assert week_values(frame, date(2026, 2, 22))["active_customers"] == 1  # day 83
    assert week_values(frame, date(2026, 3, 1)) == {  # day 90: inactive, churned this week
        "new_customers": 0, "repeat_orders": 0, "active_customers": 0, "churned_customers": 1}
    assert frame.loc[frame["metric"] == "churned_customers", "value"].sum() == 1


def test_a_customer_active_again_within_90_days_is_counted_once():
    orders = make_orders([(date(2026, 3, 2), "a", 100), (date(2026, 4, 1), "a", 100),
                          (date(2026, 4, 2), "a", 100)])
    active = derived_inputs(orders)
    active = active[active["metric"] == "active_customers"]
    assert set(active["value"]) == {Decimal(1)}


def test_a_value_recorded_by_hand_for_a_week_wins():
    derived = derived_inputs(ORDERS)
    recorded = pd.DataFrame([
        {"occurred_on": date(2026, 3, 11), "metric": "new_customers", "value": Decimal(7),
         "channel": None, "cause": None},
        {"occurred_on": date(2026, 3, 11), "metric": "orders", "value": Decimal(3),
         "channel": None, "cause": None}], columns=METRIC_COLUMNS)
    kept = hand_values_win(derived, recorded)
    assert len(kept) == len(derived) - 1
    assert week_values(kept, date(2026, 3, 15)) == {
        "repeat_orders": 0, "active_customers": 3, "churned_customers": 0}
    assert week_values(kept, date(2026, 3, 8))["new_customers"] == 2


def test_no_sale_gives_no_rows():
    assert derived_inputs(make_orders([(date(2026, 3, 2), "a", -100)])).empty
