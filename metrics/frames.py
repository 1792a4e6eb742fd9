"""The inputs metrics/ computes on, and the workspace settings that shape the KPIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from metrics.vocabulary import DEFAULT_NORTH_STAR

if TYPE_CHECKING:
    from metrics.orders import Orders

COST_COLUMNS = ["occurred_on", "amount", "category", "cost_class", "channel", "every"]
HOURS_COLUMNS = ["occurred_on", "hours", "activity", "channel"]
METRIC_COLUMNS = ["occurred_on", "metric", "value", "channel", "cause"]
NOTE_COLUMNS = ["occurred_on", "kind", "text", "author"]
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class KpiSettings:
    hourly_rate: Decimal | None = None
    comment_weight: Decimal = Decimal(5)
    capital: Decimal | None = None
    equity: Decimal | None = None
    payback_ceiling: Decimal = Decimal(12)
    north_star: str = DEFAULT_NORTH_STAR


def _day_column(dates: pd.Series) -> np.ndarray:
    """Local dates as datetime64[D], converting each distinct date once (dates repeat a lot)."""
    codes, distinct = pd.factorize(dates, sort=False)
    ordinals = np.fromiter((d.toordinal() for d in distinct), dtype=np.int64, count=len(distinct))
    return (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")[codes]


def _sorted_by_day(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The frame sorted by day, with a numpy `day` column for fast window slicing (loaded
    frames usually come sorted; then nothing is moved)."""
    if frame.empty:
        frame = pd.DataFrame(columns=columns)
    elif list(frame.columns) != columns:
        frame = frame.reindex(columns=columns)
    days = _day_column(frame["occurred_on"]) if len(frame) else np.array([], "datetime64[D]")
    frame = frame.copy(deep=False)
    frame["day"] = days
    if len(days) and bool((days[1:] < days[:-1]).any()):
        frame = frame.sort_values("day", kind="stable").reset_index(drop=True)
    elif not isinstance(frame.index, pd.RangeIndex) or frame.index.start != 0:
        frame = frame.reset_index(drop=True)
    return frame


@dataclass
class Inputs:
    """Costs, hours, recorded metrics and notes of one workspace (dates are local dates).

    `errors_since`: the day of the workspace's first-ever `errors` entry when the loader knows
    one before the loaded entries; otherwise the earliest loaded `errors` entry counts.
    `own_metrics`: the workspace's own metrics, each with its aggregation (sum, level, median).
    """

    costs: pd.DataFrame
    hours: pd.DataFrame
    metrics: pd.DataFrame
    notes: pd.DataFrame
    errors_since: date | None = None
    own_metrics: dict[str, str] = field(default_factory=dict)
    orders: Orders | None = field(default=None, compare=False)  # sales and refunds with customers
    _prepared: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def empty(cls) -> Inputs:
        return cls(pd.DataFrame(columns=COST_COLUMNS), pd.DataFrame(columns=HOURS_COLUMNS),
                   pd.DataFrame(columns=METRIC_COLUMNS), pd.DataFrame(columns=NOTE_COLUMNS))

    def memo(self, key: tuple, compute):
        """A value derived from these inputs, computed once (the inputs are not changed)."""
        if key not in self._prepared:
            self._prepared[key] = compute()
        return self._prepared[key]

    def first_errors_on(self) -> date | None:
        """The day errors started to be logged (KPIS.md, zero-error weeks); None: never."""
        def compute() -> date | None:
            metrics = self.prepared("metrics")
            days = metrics.loc[metrics["metric"] == "errors", "occurred_on"]
            known = [day for day in (self.errors_since, days.iloc[0] if len(days) else None)
                     if day is not None]
            return min(known) if known else None

        return self.memo(("first_errors_on",), compute)

    def prepared(self, name: str) -> pd.DataFrame:
        """A frame sorted by day with a datetime64 `day` column (computed once).

        `once` and `recurring` split the costs into one-off and recurring payments.
        """
        if name in ("once", "recurring") and name not in self._prepared:
            costs = self.prepared("costs")
            recurring = costs["every"].notna().to_numpy(dtype=bool)
            self._prepared["recurring"] = costs[recurring].reset_index(drop=True)
            self._prepared["once"] = costs[~recurring].reset_index(drop=True)
        if name not in self._prepared:
            columns = {"costs": COST_COLUMNS, "hours": HOURS_COLUMNS,
                       "metrics": METRIC_COLUMNS, "notes": NOTE_COLUMNS}[name]
            self._prepared[name] = _sorted_by_day(getattr(self, name), columns)
        return self._prepared[name]
