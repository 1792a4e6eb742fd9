"""Customers from order-level rows: the weekly inputs they give (KPIS.md "Customers from orders").

Orders are held as numpy arrays (days since 1970-01-01, customer codes, cents), so a hundred
thousand orders take milliseconds. A customer is made only by a sale: refunds never create one,
and a sale without a customer counts as an order but not as a customer.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd

from metrics.frames import METRIC_COLUMNS
from metrics.orders import Orders

EPOCH = date(1970, 1, 1)
ACTIVE_DAYS = 90  # a customer is active while their last order is less than 90 days old
DERIVED_INPUTS = ("new_customers", "repeat_orders", "active_customers", "churned_customers")


def as_day(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


def day_number(day: date) -> int:
    return (day - EPOCH).days


def week_of(days: np.ndarray) -> np.ndarray:
    """The ISO week of each day as a number (1970-01-01 was a Thursday: week 0 starts on the
    Monday before)."""
    return (days + 3) // 7


def week_sunday(week: int) -> date:
    return as_day(week * 7 + 3)


def first_days(days: np.ndarray, customers: np.ndarray) -> np.ndarray:
    """Each customer code's first order day (index: code; customers without one: max int)."""
    first = np.full(customers.max() + 1 if len(customers) else 0, np.iinfo(np.int64).max)
    np.minimum.at(first, customers, days)
    return first


def _last_days(days: np.ndarray, customers: np.ndarray) -> np.ndarray:
    last = np.full(customers.max() + 1 if len(customers) else 0, np.iinfo(np.int64).min)
    np.maximum.at(last, customers, days)
    return last


def _active(days: np.ndarray, customers: np.ndarray, first_week: int, weeks: int) -> np.ndarray:
    """Distinct customers with an order in the 90 days ending each week's Sunday.

    An order on day d makes its customer active for the Sundays in [d, d + 89]; one customer's
    spans are joined (a later span starts after the earlier one ends) before counting."""
    order = np.lexsort((days, customers))
    days, customers = days[order], customers[order]
    start = week_of(days) - first_week  # the first week whose Sunday is on or after d
    end = (days + ACTIVE_DAYS - 4) // 7 - first_week  # the last Sunday on or before d + 89
    same = np.r_[False, customers[1:] == customers[:-1]]  # a customer's ends grow with days
    previous_end = np.where(same, np.r_[np.iinfo(np.int64).min, end[:-1]], np.iinfo(np.int64).min)
    start = np.maximum(start, previous_end + 1)
    keep = start <= end
    counts = np.zeros(weeks + 1, dtype=np.int64)
    np.add.at(counts, np.clip(start[keep], 0, weeks), 1)
    np.add.at(counts, np.clip(end[keep] + 1, 0, weeks), -1)
    return np.cumsum(counts)[:weeks]


def derived_inputs(orders: Orders) -> pd.DataFrame:
    """New customers, repeat orders, active and churned customers per ISO week, as metric
    rows on each week's Sunday, for every week from the first to the last order."""
    if not len(orders) or not orders.sale.any():
        return pd.DataFrame(columns=METRIC_COLUMNS)
    sale_weeks = week_of(orders.day[orders.sale])
    first_week, last_week = int(sale_weeks.min()), int(sale_weeks.max())
    weeks = last_week - first_week + 1
    days, customers = orders.sales_with_customer()
    values = {name: np.zeros(weeks, dtype=np.int64) for name in DERIVED_INPUTS}
    if len(days):
        first = first_days(days, customers)
        known = first[first != np.iinfo(np.int64).max]
        new = np.bincount(week_of(known) - first_week, minlength=weeks)
        values["new_customers"] = new
        values["repeat_orders"] = np.bincount(week_of(days) - first_week, minlength=weeks) - new
        values["active_customers"] = _active(days, customers, first_week, weeks)
        last = _last_days(days, customers)
        churn_weeks = week_of(last[last != np.iinfo(np.int64).min] + ACTIVE_DAYS) - first_week
        values["churned_customers"] = np.bincount(churn_weeks[churn_weeks < weeks],
                                                  minlength=weeks)[:weeks]
    sundays = [week_sunday(first_week + index) for index in range(weeks)]
    return pd.DataFrame({
        "occurred_on": np.repeat(np.array(sundays, dtype=object), len(DERIVED_INPUTS)),
        "metric": np.tile(np.array(DERIVED_INPUTS, dtype=object), weeks),
        "value": [Decimal(int(values[name][index])) for index in range(weeks)
                  for name in DERIVED_INPUTS],
        "channel": None, "cause": None}, columns=METRIC_COLUMNS)


def hand_values_win(derived: pd.DataFrame, recorded: pd.DataFrame) -> pd.DataFrame:
    """The derived rows less those of a week and input that was recorded by hand (or
    ingested, or imported as such): a recorded value for a week wins."""
    if derived.empty or recorded.empty:
        return derived
    mine = recorded[recorded["metric"].isin(DERIVED_INPUTS)]
    taken = {(day - timedelta(days=day.weekday()), metric)
             for day, metric in zip(mine["occurred_on"], mine["metric"], strict=True)}
    if not taken:
        return derived
    keep = [(day - timedelta(days=6), metric) not in taken
            for day, metric in zip(derived["occurred_on"], derived["metric"], strict=True)]
    return derived[keep].reset_index(drop=True)
