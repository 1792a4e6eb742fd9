"""The customers part of a week's report: cohorts, realised LTV and what the orders leave out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np

from metrics.cohort_ltv import LtvCheck, ltv_check, newest_return
from metrics.cohorts import Cohort, build_cohorts
from metrics.frames import Inputs
from metrics.kpis import KpiValue
from metrics.totals import window_totals

FORMULA_INPUTS = ("contribution_per_customer_month", "churn_rate_month_pct")


@dataclass
class CustomerReport:
    """Cohorts up to a day, the LTV check, sales without a customer, and the newest cohort's
    month-1 return when it differs from the cohorts before (cohort, their mean, how many)."""

    cohorts: list[Cohort] = field(default_factory=list)
    ltv: LtvCheck | None = None
    formula_ltv: Decimal | None = None
    without_customer: int = 0
    newest_return: tuple[Cohort, float, int] | None = None

    def to_json_dict(self) -> dict:
        """`customers` of the report (`cohorts` is listed beside it)."""
        return {"orders_without_customer": self.without_customer,
                "realised_ltv": self.ltv.to_json_dict() if self.ltv else None,
                "formula_ltv": None if self.formula_ltv is None else f"{self.formula_ltv:.2f}"}


def month_bounds(month: int) -> tuple[date, date]:
    """First and last day of a month given as months since 1970-01."""
    first = np.datetime64(month, "M").astype("datetime64[D]")
    last = (np.datetime64(month + 1, "M").astype("datetime64[D]") - 1)
    return first.astype(date), last.astype(date)


def variable_share(inputs: Inputs, month: int) -> Decimal | None:
    """The share of a month's revenue that its variable costs took; None where the month has
    no revenue or no costs recorded."""
    totals = window_totals(inputs, *month_bounds(month))
    revenue = totals.sums.get("revenue")
    if totals.costs is None or not revenue or revenue <= 0:
        return None
    return totals.costs["variable"] / revenue


def customer_report(inputs: Inputs, until: date, kpis: dict[str, KpiValue]) -> CustomerReport:
    """The cohorts of the workspace's orders up to `until`, with the formula LTV set against
    the realised one (needs the report's contribution per customer month and churn)."""
    if inputs.orders is None or not len(inputs.orders):
        return CustomerReport()
    cohorts = build_cohorts(inputs.orders, until, lambda month: variable_share(inputs, month))
    values = [kpis[key].value if key in kpis else None for key in FORMULA_INPUTS]
    per_month, churn = (value if isinstance(value, Decimal) else None for value in values)
    ltv = kpis.get("ltv")
    return CustomerReport(
        cohorts=cohorts, ltv=ltv_check(cohorts, per_month, churn),
        formula_ltv=ltv.value if ltv is not None and isinstance(ltv.value, Decimal) else None,
        without_customer=inputs.orders.without_customer(), newest_return=newest_return(cohorts))
