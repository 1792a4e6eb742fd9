"""Imported rows as the inputs the KPIs read (the rules of "Imported rows" in docs/imports.md).

Revenue and orders come from one family of source per workspace (a shop if one was imported,
else a processor; bank lines give revenue only through rules, which are not built yet): sales
less their tax, refunds less theirs. Processor fees of any family are `payment_fees` costs
(class variable); transfers are neither; other outflows are `uncategorized` costs (class fixed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from capture.imports.records import ZERO

FEE_CATEGORY, FEE_CLASS = "payment_fees", "variable"
OPEN_CATEGORY, OPEN_CLASS = "uncategorized", "fixed"


@dataclass(frozen=True)
class DayTotal:
    """The imported rows of one day, family and kind, summed (`count` rows)."""

    occurred_on: date
    family: str
    kind: str
    amount: Decimal
    fee: Decimal
    tax: Decimal
    count: int


@dataclass
class Figures:
    """What imported rows add up to for a day or a week."""

    revenue: Decimal = ZERO
    refunds: Decimal = ZERO
    orders: int = 0
    payment_fees: Decimal = ZERO
    costs: Decimal = ZERO
    transfers: Decimal = ZERO
    uncategorized: int = 0

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    def add(self, other: Figures) -> None:
        for name in (field.name for field in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def revenue_family(families: Iterable[str]) -> str | None:
    """The one family revenue comes from: a shop, else a processor (banks need rules)."""
    present = set(families)
    return next((family for family in ("shop", "processor") if family in present), None)


def day_figures(totals: Iterable[DayTotal], revenue_from: str | None) -> dict[date, Figures]:
    """Each day's figures from its summed imported rows."""
    days: dict[date, Figures] = {}
    for total in totals:
        figures = days.setdefault(total.occurred_on, Figures())
        figures.payment_fees += total.fee
        if total.kind in ("sale", "refund") and total.family == revenue_from:
            net = total.amount - total.tax
            figures.revenue += net
            if total.kind == "sale":
                figures.orders += total.count
            else:
                figures.refunds -= net
        elif total.kind == "transfer":
            figures.transfers += abs(total.amount)
        elif total.kind == "money_out":
            figures.costs -= total.amount
            figures.uncategorized += total.count
    return days


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_figures(days: dict[date, Figures]) -> dict[str, Figures]:
    """The days' figures summed by ISO week, weeks in order (weeks with nothing left out)."""
    weeks: dict[str, Figures] = {}
    for day in sorted(days):
        weeks.setdefault(iso_week(day), Figures()).add(days[day])
    return {week: figures for week, figures in weeks.items() if figures}


def metric_rows(days: dict[date, Figures]) -> list[dict]:
    """`revenue` and `orders` as recorded metric rows (one of each per day that has them)."""
    rows = []
    for day in sorted(days):
        figures = days[day]
        if figures.revenue or figures.orders:
            rows.append({"occurred_on": day, "metric": "revenue", "value": figures.revenue,
                         "channel": None, "cause": None})
        if figures.orders:
            rows.append({"occurred_on": day, "metric": "orders", "value": Decimal(figures.orders),
                         "channel": None, "cause": None})
    return rows


def cost_rows(days: dict[date, Figures]) -> list[dict]:
    """Processor fees and uncategorised outflows as one-off cost rows."""
    rows = []
    for day in sorted(days):
        figures = days[day]
        for amount, category, cost_class in ((figures.payment_fees, FEE_CATEGORY, FEE_CLASS),
                                             (figures.costs, OPEN_CATEGORY, OPEN_CLASS)):
            if amount:
                rows.append({"occurred_on": day, "amount": amount, "category": category,
                             "cost_class": cost_class, "channel": None, "every": None})
    return rows
