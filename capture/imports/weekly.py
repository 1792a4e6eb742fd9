"""Imported rows as the inputs the KPIs read (the rules of "Imported rows" in docs/imports.md).

Revenue and orders come from one family of source per workspace (a shop if one was imported,
else a processor, else bank lines a rule calls `revenue`): sales less their tax, refunds less
theirs. Processor fees of any family are `payment_fees` costs (class variable); transfers (and
lines a rule calls `transfer`) are neither; other outflows are costs of the category a rule
gives them, else `uncategorized` (class fixed); an inflow with a cost category lowers it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from capture.imports.records import ZERO

FEE_CATEGORY, FEE_CLASS = "payment_fees", "variable"
OPEN_CATEGORY, OPEN_CLASS = "uncategorized", "fixed"
REVENUE_CATEGORIES = frozenset({"revenue", "umsatz"})
TRANSFER_CATEGORIES = frozenset({"transfer", "umbuchung", "private", "privat"})


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
    category: str | None = None


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
    by_category: dict[str, Decimal] = field(default_factory=dict)  # costs (`costs` in total)

    def __bool__(self) -> bool:
        return any(getattr(self, each.name) for each in fields(self))

    def add(self, other: Figures) -> None:
        for name in (each.name for each in fields(self)
                     if each.name not in ("costs", "by_category")):  # `cost` adds those
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for category, amount in other.by_category.items():
            self.cost(category, amount)

    def cost(self, category: str, amount: Decimal) -> None:
        self.costs += amount
        self.by_category[category] = self.by_category.get(category, ZERO) + amount


def revenue_family(families: Iterable[str]) -> str | None:
    """The one family revenue comes from: a shop, else a processor, else the bank's rules."""
    present = set(families)
    return next((family for family in ("shop", "processor", "bank") if family in present), None)


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
        elif total.kind == "transfer" or total.category in TRANSFER_CATEGORIES:
            figures.transfers += abs(total.amount)
        elif total.category in REVENUE_CATEGORIES:
            if total.family == revenue_from:
                figures.revenue += total.amount
        elif total.kind in ("money_in", "money_out"):
            _bank_line(figures, total)
    return days


def _bank_line(figures: Figures, total: DayTotal) -> None:
    """An outflow is a cost of its category (open without one); an inflow with a category
    lowers that cost, an inflow without one counts nowhere."""
    if total.category is not None:
        figures.cost(total.category, -total.amount)
    elif total.kind == "money_out":
        figures.cost(OPEN_CATEGORY, -total.amount)
        figures.uncategorized += total.count


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


def cost_rows(days: dict[date, Figures],
              class_of: Callable[[str], str] = lambda category: OPEN_CLASS) -> list[dict]:
    """Processor fees and bank outflows (by category, its class from `class_of`) as one-off
    cost rows."""
    rows = []
    for day in sorted(days):
        figures = days[day]
        costs = [(figures.payment_fees, FEE_CATEGORY, FEE_CLASS)]
        costs += [(amount, category, OPEN_CLASS if category == OPEN_CATEGORY else class_of(category))
                  for category, amount in sorted(figures.by_category.items())]
        rows += [{"occurred_on": day, "amount": amount, "category": category,
                  "cost_class": cost_class, "channel": None, "every": None}
                 for amount, category, cost_class in costs if amount]
    return rows
