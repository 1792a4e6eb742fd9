"""What cohorts say about lifetime value and returning customers, beside the KPI formulas.

Realised LTV at h months: the cumulative value per customer by the end of month h - 1 (month 0
is the first), over every cohort that has that month complete, weighted by cohort size. The
formula LTV (contribution per customer month / monthly churn) is set against it at the same
horizon: a customer kept with probability (1 - churn) each month brings
contribution × (1 - (1 - churn)^h) / churn in h months.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from metrics.cohorts import CENT, Cohort

HORIZONS = (3, 6, 12)
DISAGREE = Decimal(1) / 3  # a realised LTV further than a third from the formula's is said
RETURN_POINTS = 5.0  # month-1 retention this many points above or below the cohorts before
RETURN_HISTORY = 6  # the cohorts the newest one is compared with
RETURN_MIN_BEFORE = 2


@dataclass(frozen=True)
class LtvCheck:
    """Realised LTV per horizon (revenue, and contribution where costs allow) and how the
    formula's value at the longest horizon compares (`disagree`: by more than a third)."""

    revenue: dict[int, Decimal]
    contribution: dict[int, Decimal]
    months: int | None = None
    realised: Decimal | None = None
    expected: Decimal | None = None
    basis: str | None = None  # "contribution" or "revenue"

    @property
    def disagree(self) -> bool:
        return (self.expected is not None and self.expected > 0
                and abs(self.realised - self.expected) > self.expected * DISAGREE)

    def to_json_dict(self) -> dict:
        return {"revenue": {str(h): str(v) for h, v in self.revenue.items()},
                "contribution": {str(h): str(v) for h, v in self.contribution.items()},
                "compared_at_months": self.months, "basis": self.basis,
                "realised": _text(self.realised), "formula": _text(self.expected),
                "disagree": self.disagree}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def realised(cohorts: list[Cohort], horizon: int, field: str) -> Decimal | None:
    """The size-weighted cumulative value per customer by month horizon - 1."""
    values = [(getattr(c, field)[horizon - 1], c.customers) for c in cohorts
              if len(getattr(c, field)) >= horizon]
    customers = sum(size for _, size in values)
    if not customers:
        return None
    total = sum((value * size for value, size in values), Decimal(0))
    return (total / customers).quantize(CENT, rounding=ROUND_HALF_UP)


def formula_at(per_month: Decimal, churn_pct: Decimal, months: int) -> Decimal:
    """What the formula's customer brings in `months` months."""
    churn = churn_pct / 100
    if churn <= 0:
        return per_month * months
    return per_month * (1 - (1 - churn) ** months) / churn


def ltv_check(cohorts: list[Cohort], per_month: Decimal | None,
              churn_pct: Decimal | None) -> LtvCheck:
    """Realised LTV at 3, 6 and 12 months, compared with the formula at the longest horizon
    (contribution if the costs allow, else revenue)."""
    revenue = {h: v for h in HORIZONS
               if (v := realised(cohorts, h, "revenue_per_customer")) is not None}
    contribution = {h: v for h in HORIZONS
                    if (v := realised(cohorts, h, "contribution_per_customer")) is not None}
    check = LtvCheck(revenue, contribution)
    values, basis = (contribution, "contribution") if contribution else (revenue, "revenue")
    if not values or per_month is None or churn_pct is None:
        return check
    months = max(values)
    return LtvCheck(revenue, contribution, months, values[months],
                    formula_at(per_month, churn_pct, months), basis)


def newest_return(cohorts: list[Cohort]) -> tuple[Cohort, float, int] | None:
    """The newest cohort with a complete month 1, its earlier ones' mean month-1 retention and
    how many they were, when it differs by at least RETURN_POINTS; else None."""
    with_month_one = [c for c in cohorts if len(c.retention_pct) > 1]
    if len(with_month_one) < RETURN_MIN_BEFORE + 1:
        return None
    newest, before = with_month_one[-1], with_month_one[-1 - RETURN_HISTORY:-1]
    mean = sum(c.retention_pct[1] for c in before) / len(before)
    if abs(newest.retention_pct[1] - mean) < RETURN_POINTS:
        return None
    return newest, round(mean, 1), len(before)
