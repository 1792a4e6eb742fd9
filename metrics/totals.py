"""What was recorded in a window of days: sums, levels, samples; None where nothing was."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

import numpy as np
import pandas as pd

from metrics.frames import Inputs
from metrics.vocabulary import COST_CLASSES, LEVEL_METRICS, SAMPLE_METRICS

ZERO = Decimal(0)


@dataclass
class Totals:
    """A window's recorded inputs. A key missing from `sums` means: not recorded."""

    costs: dict[str, Decimal] | None = None
    costs_by_channel: dict[str, Decimal] = field(default_factory=dict)
    hours: Decimal | None = None
    hours_by_activity: dict[str, Decimal] = field(default_factory=dict)
    hours_by_channel: dict[str, Decimal] = field(default_factory=dict)
    sums: dict[str, Decimal] = field(default_factory=dict)
    levels: dict[str, Decimal] = field(default_factory=dict)
    medians: dict[str, Decimal] = field(default_factory=dict)
    revenue_by_channel: dict[str, Decimal] = field(default_factory=dict)
    errors_by_cause: dict[str, Decimal] = field(default_factory=dict)
    errors_tracked: bool = False
    days: int | None = None  # the days a window KPI's recorded weeks cover; None: all of its window

    def metric(self, name: str) -> Decimal | None:
        return self.sums.get(name, self.levels.get(name))

    def none_logged(self) -> bool:
        """Orders recorded and no errors entry, once errors are tracked: 0 errors, not a gap."""
        return self.errors_tracked and "errors" not in self.sums and "orders" in self.sums


def _columns(inputs: Inputs, name: str) -> dict[str, np.ndarray]:
    """A prepared frame's columns as numpy arrays (made once): windows slice these, not pandas."""
    def compute() -> dict[str, np.ndarray]:
        frame = inputs.prepared(name)
        return {column: frame[column].to_numpy() for column in frame.columns}

    return inputs.memo(("columns", name), compute)


def _between(days: np.ndarray, start: date, end: date) -> slice:
    lo = np.searchsorted(days, np.datetime64(start, "D"), side="left")
    hi = np.searchsorted(days, np.datetime64(end, "D"), side="right")
    return slice(int(lo), int(hi))


def _slice(inputs: Inputs, name: str, start: date, end: date) -> dict[str, np.ndarray]:
    """The rows of a prepared frame from start to end (both included), column by column."""
    columns = _columns(inputs, name)
    rows = _between(columns["day"], start, end)
    return {column: values[rows] for column, values in columns.items()}


def _by_metric(inputs: Inputs) -> dict[str, dict[str, np.ndarray]]:
    """The recorded metrics split by name once, each still sorted by day (then by id)."""
    def compute() -> dict[str, dict[str, np.ndarray]]:
        columns = _columns(inputs, "metrics")
        codes, names = pd.factorize(columns["metric"], sort=False)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
        return {str(name): {column: columns[column][order[bounds[code]:bounds[code + 1]]]
                            for column in ("day", "value", "channel", "cause")}
                for code, name in enumerate(names)}

    return inputs.memo(("by_metric",), compute)


def _sum_by(frame: Mapping[str, Sequence], key: str, value: str) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for name, amount in zip(frame[key], frame[value], strict=True):
        if name is not None and name == name:
            totals[str(name)] += amount
    return dict(totals)


def _period_end(start: date, every: str) -> date:
    """The first day after one month or year from start (day clipped to the month's length)."""
    if every == "year":
        year, month = start.year + 1, start.month
    else:
        year, month = start.year + (start.month == 12), start.month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)


def recurring_share(amount: Decimal, paid_on: date, every: str, start: date, end: date) -> Decimal:
    """The part of a recurring payment that accrues within [start, end], evenly per day."""
    period_end = _period_end(paid_on, every)
    days = (period_end - paid_on).days
    overlap = (min(end + timedelta(days=1), period_end) - max(start, paid_on)).days
    return amount * overlap / days if overlap > 0 else ZERO


def _costs(inputs: Inputs, start: date, end: date, totals: Totals) -> None:
    once = _slice(inputs, "once", start, end)
    by_class: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_channel: dict[str, Decimal] = defaultdict(lambda: ZERO)
    recorded = len(once["day"]) > 0
    for name, amount in _sum_by(once, "cost_class", "amount").items():
        by_class[name] += amount
    for name, amount in _sum_by(once, "channel", "amount").items():
        by_channel[name] += amount
    recurring = _slice(inputs, "recurring", start - timedelta(days=370), end)
    for amount, paid_on, every, cost_class, channel in zip(
            recurring["amount"], recurring["occurred_on"], recurring["every"],
            recurring["cost_class"], recurring["channel"], strict=True):
        share = recurring_share(amount, paid_on, every, start, end)
        if share:
            recorded = True
            by_class[cost_class] += share
            if channel is not None and channel == channel:
                by_channel[channel] += share
    if recorded:
        totals.costs = {name: by_class.get(name, ZERO) for name in COST_CLASSES}
        totals.costs_by_channel = dict(by_channel)


def _hours(inputs: Inputs, start: date, end: date, totals: Totals) -> None:
    frame = _slice(inputs, "hours", start, end)
    if len(frame["day"]):
        totals.hours = sum(frame["hours"], ZERO)
        totals.hours_by_activity = _sum_by(frame, "activity", "hours")
        totals.hours_by_channel = _sum_by(frame, "channel", "hours")


def _metrics(inputs: Inputs, start: date, end: date, totals: Totals) -> None:
    own = inputs.own_metrics
    for name, columns in _by_metric(inputs).items():
        rows = _between(columns["day"], start, end)
        values = columns["value"][rows]
        if not len(values):
            continue
        if name in LEVEL_METRICS or own.get(name) == "level":
            totals.levels[name] = values[-1]
        elif name in SAMPLE_METRICS or own.get(name) == "median":
            totals.medians[name] = Decimal(median(values))
        else:
            totals.sums[name] = sum(values, ZERO)
            if name == "revenue":
                totals.revenue_by_channel = _sum_by(
                    {"channel": columns["channel"][rows], "value": values}, "channel", "value")
            elif name == "errors":
                totals.errors_by_cause = _sum_by(
                    {"cause": columns["cause"][rows], "value": values}, "cause", "value")


def errors_tracked(inputs: Inputs, end: date) -> bool:
    """Whether the workspace logs errors by `end`: from the ISO week of its first-ever errors
    entry on (windows end on a Sunday, so the first entry lies on or before the end)."""
    first = inputs.first_errors_on()
    return first is not None and first <= end


def metric_sums(inputs: Inputs, start: date, end: date, names: tuple[str, ...]
                ) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Only the sums of some metrics (and errors by cause): the cheap path for drift tests."""
    sums: dict[str, Decimal] = {}
    causes: dict[str, Decimal] = {}
    for name in names:
        columns = _by_metric(inputs).get(name)
        rows = _between(columns["day"], start, end) if columns is not None else slice(0)
        if columns is None or rows.stop <= rows.start:
            continue
        sums[name] = sum(columns["value"][rows], ZERO)
        if name == "errors":
            causes = _sum_by({"cause": columns["cause"][rows], "value": columns["value"][rows]},
                             "cause", "value")
    return sums, causes


def window_totals(inputs: Inputs, start: date, end: date) -> Totals:
    """Everything recorded from start to end (both included); computed once per window."""
    return inputs.memo(("totals", start, end), lambda: _window_totals(inputs, start, end))


def _window_totals(inputs: Inputs, start: date, end: date) -> Totals:
    totals = Totals()
    _costs(inputs, start, end, totals)
    _hours(inputs, start, end, totals)
    _metrics(inputs, start, end, totals)
    totals.errors_tracked = errors_tracked(inputs, end)
    return totals
