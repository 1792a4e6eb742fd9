"""Cohorts by month of first order: size, retention and cumulative revenue per customer.

`retention_pct[k]` is the share of a cohort with an order in the k-th month after its first
(k = 0 is 100); `revenue_per_customer[k]` the cumulative net revenue (sales less tax, less
refunds) per cohort customer by the end of month k. Only complete months are shown: a month
ends complete when the rows reach its last day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from metrics.customers import day_number, first_days
from metrics.orders import NO_CUSTOMER, Orders

CENT = Decimal("0.01")
MAX_MONTHS = 1024
UNSEEN = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Cohort:
    """One month's new customers and what they did in the months since (complete months only).

    `contribution_per_customer` is cumulative revenue less its share of variable costs, for
    as many months as the variable costs were recorded; `repeat_pct`: the share with a second
    order by the last complete month."""

    month: str
    customers: int
    retention_pct: list[float]
    revenue_per_customer: list[Decimal]
    contribution_per_customer: list[Decimal]
    repeat_pct: float
    active: tuple[int, ...] = ()  # customers with an order in each month (retention's counts)

    def to_json_dict(self) -> dict:
        entry = {"month": self.month, "customers": self.customers,
                 "retention_pct": self.retention_pct,
                 "revenue_per_customer": [str(value) for value in self.revenue_per_customer],
                 "repeat_pct": self.repeat_pct}
        if self.contribution_per_customer:
            entry["contribution_per_customer"] = [str(v) for v in self.contribution_per_customer]
        return entry


def month_number(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of days since 1970-01-01."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def month_label(number: int) -> str:
    return f"{1970 + number // 12}-{number % 12 + 1:02d}"


def last_complete_month(as_of: int) -> int:
    """The newest month whose last day is on or before `as_of` (days since 1970-01-01)."""
    return int(month_number(np.array([as_of + 1]))[0]) - 1


def per_customer(cents: int, customers: int) -> Decimal:
    return (Decimal(cents) / 100 / customers).quantize(CENT, rounding=ROUND_HALF_UP)


def month_one_counts(cohorts: list[Cohort]) -> pd.DataFrame:
    """Per cohort with a complete month 1 (index: the month's first day): its customers and
    how many of them ordered in the month after their first (experiments judge these)."""
    rows = [(date.fromisoformat(f"{c.month}-01"), c.active[1], c.customers)
            for c in cohorts if len(c.active) > 1]
    return pd.DataFrame(rows, columns=["week", "returned", "customers"]).set_index("week")


def build_cohorts(orders: Orders | None, as_of, variable_share:
                  Callable[[int], Decimal | None] = lambda month: None) -> list[Cohort]:
    """The cohorts of the orders up to `as_of` (a date; the rows' last day when earlier),
    oldest first. `variable_share(month)`: the share of that month's revenue that variable
    costs took, None where costs were not recorded."""
    if orders is None or not len(orders):
        return []
    end = min(day_number(as_of), orders.last_day)
    newest = last_complete_month(end)
    named = (orders.customer != NO_CUSTOMER) & (orders.day <= end)
    day, customer = orders.day[named], orders.customer[named]
    sale, cents = orders.sale[named], orders.cents[named]
    first = first_days(day[sale], customer[sale]) if sale.any() else np.array([], np.int64)
    if not len(first):
        return []
    first = np.r_[first, np.full(max(0, customer.max() + 1 - len(first)), UNSEEN)]
    seen = first != UNSEEN
    cohort_of = np.full(len(first), -1, dtype=np.int64)
    cohort_of[seen] = month_number(first[seen])
    oldest = int(cohort_of[seen].min())
    if newest < oldest:
        return []
    months = newest - oldest + 1
    month = month_number(day)
    cohort = cohort_of[customer]
    keep = (cohort >= 0) & (month <= newest) & (month >= cohort)  # a refund before the first
    cohort, since = cohort[keep] - oldest, month[keep] - cohort[keep]  # sale counts nowhere
    sizes = np.bincount(cohort_of[seen][cohort_of[seen] <= newest] - oldest, minlength=months)
    cell = cohort * MAX_MONTHS + since
    sold = sale[keep]
    buyers = np.unique(customer[keep][sold] * MAX_MONTHS + since[sold])
    buyer_cells = (cohort_of[buyers // MAX_MONTHS] - oldest) * MAX_MONTHS + buyers % MAX_MONTHS
    active = np.bincount(buyer_cells, minlength=months * MAX_MONTHS)
    revenue = np.bincount(cell, weights=cents[keep], minlength=months * MAX_MONTHS)
    orders_per = np.bincount(customer[keep][sold], minlength=len(first))
    repeaters = np.bincount(cohort_of[orders_per >= 2] - oldest, minlength=months)
    return [_cohort(oldest + index, int(sizes[index]), newest - oldest - index + 1,
                    active[index * MAX_MONTHS:], revenue[index * MAX_MONTHS:],
                    int(repeaters[index]), variable_share)
            for index in range(months) if sizes[index]]


def _cohort(number: int, size: int, months: int, active: np.ndarray, revenue: np.ndarray,
            repeaters: int, variable_share: Callable[[int], Decimal | None]) -> Cohort:
    cumulative = np.cumsum(np.rint(revenue[:months]).astype(np.int64))
    contribution, total = [], Decimal(0)
    for k in range(months):
        share = variable_share(number + k)
        if share is None:
            break
        total += Decimal(int(np.rint(revenue[k]))) * (1 - share)
        contribution.append((total / 100 / size).quantize(CENT, rounding=ROUND_HALF_UP))
    return Cohort(
        month=month_label(number), customers=size,
        retention_pct=[round(100 * int(active[k]) / size, 1) for k in range(months)],
        revenue_per_customer=[per_customer(int(value), size) for value in cumulative],
        contribution_per_customer=contribution,
        repeat_pct=round(100 * repeaters / size, 1),
        active=tuple(int(active[k]) for k in range(months)))

