"""A week's report: every KPI, goal statuses and drift verdicts; and weekly series for charts."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from metrics.drift import DriftVerdict, error_rate_verdicts, payback_verdict
from metrics.frames import Inputs, KpiSettings
from metrics.goals import GoalStatus, goal_status
from metrics.kpis import KpiValue
from metrics.reasons import Reason
from metrics.totals import Totals, window_totals
from metrics.vocabulary import ACTIVITIES, KPI_WINDOWS, MAP_KPIS, TEXT_KPIS
from metrics.weeks import IsoWeek
from metrics.windows import (
    INCOMPLETE,
    WINDOW_WEEKS,
    complete_value,
    recorded_weeks,
    window_kpi,
    window_length,
)

PAYBACK_HISTORY = 16
CENT = Decimal("0.01")
GAP_INPUTS = ("revenue", "orders", "costs", "hours", "errors", "new_customers",
              "active_customers", "leads")


@dataclass
class WeekReport:
    week: IsoWeek
    kpis: dict[str, KpiValue]
    goals: dict[str, GoalStatus] = field(default_factory=dict)
    alerts: list[DriftVerdict] = field(default_factory=list)
    missing_inputs: list[str] = field(default_factory=list)

    def to_json_dict(self, workspace: str, render: Callable[[Reason], str] = lambda r: r.code) -> dict:
        """The report in the shape of docs/kpis.md (decimals as strings with two places);
        `render` turns a reason code into words (the edge passes the catalogue)."""
        return {
            "workspace": workspace, "week": str(self.week),
            "start": self.week.start.isoformat(), "end": self.week.end.isoformat(),
            "kpis": {key: kpi_json(kpi, render) for key, kpi in self.kpis.items()},
            "goals": {key: {"target": json_value(goal.target), "direction": goal.direction,
                            "status": goal.status} for key, goal in self.goals.items()},
            "alerts": [{"kind": a.kind, "fired": a.fired, "observed": a.observed,
                        "expected": a.expected, "limit": a.limit,
                        "baseline_weeks": a.baseline_weeks, "top_cause": a.top_cause,
                        "reason": render(a.reason)} for a in self.alerts],
        }


def kpi_json(kpi: KpiValue, render: Callable[[Reason], str]) -> dict:
    """One KPI's entry; window KPIs name the weeks used, an incomplete one the reason
    `incomplete_window` (docs/kpis.md)."""
    entry = {"value": json_value(kpi.value), "window": kpi.window,
             "reason": kpi.reason and ("incomplete_window" if kpi.reason.code == INCOMPLETE
                                       else render(kpi.reason))}
    if kpi.weeks_used is not None:
        entry["weeks_used"] = kpi.weeks_used
    return entry


def json_value(value):
    """Decimals as strings quantized to cents; maps recursively; None stays None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {key: json_value(item) for key, item in value.items()}
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def totals_by_window(inputs: Inputs, week: IsoWeek,
                     windows: Sequence[str] = tuple(WINDOW_WEEKS)) -> dict[str, Totals]:
    """All that was recorded in each window ending with the week (missing weeks add nothing)."""
    return {name: window_totals(inputs, week.previous(WINDOW_WEEKS[name] - 1).start, week.end)
            for name in windows}


def missing_inputs(totals: Totals) -> list[str]:
    """The inputs the window lacks; errors are not lacking where the zero-error-weeks rule
    counts them as 0 (docs/kpis.md)."""
    recorded = {"costs": totals.costs is not None, "hours": totals.hours is not None,
                "errors": totals.metric("errors") is not None or totals.none_logged()}
    return [name for name in GAP_INPUTS
            if not recorded.get(name, totals.metric(name) is not None)]


def _as_float(value) -> float:
    if value is None or isinstance(value, dict | str):
        return math.nan
    return float(value)


def payback_series(inputs: Inputs, settings: KpiSettings, week: IsoWeek,
                   paused: Collection[IsoWeek] = ()) -> list[float | None]:
    """Payback per week, oldest first; None where unknown, paused or its window incomplete
    (drift uses only complete windows)."""
    values = []
    for past in week.window(PAYBACK_HISTORY):
        if past in paused and past != week:
            values.append(None)
            continue
        value = complete_value(window_kpi(inputs, settings, "payback_months", past, paused))
        values.append(None if value is None else float(value))
    return values


def build_report(inputs: Inputs, settings: KpiSettings, week: IsoWeek,
                 goals: Mapping[str, Decimal] | None = None,
                 paused: Collection[IsoWeek] = ()) -> WeekReport:
    """Every KPI of the week and the workspace's own metrics, its goals' statuses and the drift
    verdicts (paused weeks left out of the baselines)."""
    totals = totals_by_window(inputs, week, ("week", "t4w"))
    kpis = {key: window_kpi(inputs, settings, key, week, paused)
            for key in (*KPI_WINDOWS, *inputs.own_metrics)}
    statuses = {key: goal_status(key, kpis[key].value, Decimal(target))
                for key, target in (goals or {}).items() if key in kpis}
    alerts = error_rate_verdicts(inputs, week, paused)
    alerts.append(payback_verdict(payback_series(inputs, settings, week, paused),
                                  totals["t4w"].metric("new_customers"),
                                  float(settings.payback_ceiling), kpis["payback_months"].weeks_used))
    return WeekReport(week, kpis, statuses, alerts, missing_inputs(totals["week"]))


def _scalar_keys(keys: Sequence[str] | None) -> list[str]:
    return [k for k in (keys or KPI_WINDOWS) if k not in MAP_KPIS and k not in TEXT_KPIS]


def weekly_kpis(inputs: Inputs, settings: KpiSettings, weeks: Sequence[IsoWeek],
                keys: Sequence[str] | None = None, paused: Collection[IsoWeek] = (),
                complete_only: bool = False) -> pd.DataFrame:
    """Scalar KPIs per week (index: week start), float with NaN for null; window KPIs over
    their recorded weeks (`complete_only`: NaN unless every week of the window was recorded)."""
    wanted = _scalar_keys(keys)
    rows = []
    for week in weeks:
        row = {"week": week.start}
        for key in wanted:
            kpi = window_kpi(inputs, settings, key, week, paused)
            row[key] = _as_float(complete_value(kpi) if complete_only else kpi.value)
        rows.append(row)
    return pd.DataFrame(rows, columns=["week", *wanted]).set_index("week")


def weekly_weeks_used(inputs: Inputs, weeks: Sequence[IsoWeek], keys: Sequence[str],
                      paused: Collection[IsoWeek] = ()) -> pd.DataFrame:
    """Per week and window KPI: how many weeks of its window were recorded, and the window's
    length in `attrs["length"]` (week KPIs are left out)."""
    wanted = [k for k in _scalar_keys(keys) if window_length(k) > 1]
    frame = pd.DataFrame([{"week": week.start, **{k: len(recorded_weeks(inputs, k, week, paused))
                                                  for k in wanted}} for week in weeks],
                         columns=["week", *wanted]).set_index("week")
    frame.attrs["length"] = {k: window_length(k) for k in wanted}
    return frame


def partial_weeks(inputs: Inputs, weeks: Sequence[IsoWeek], key: str,
                  paused: Collection[IsoWeek] = ()) -> list[date]:
    """Starts of the weeks whose value of a window KPI rests on only part of its window (at
    least half, not all); none for a week KPI."""
    length = window_length(key)
    if length == 1:
        return []
    return [week.start for week in weeks
            if length / 2 <= len(recorded_weeks(inputs, key, week, paused)) < length]


def weekly_sums(inputs: Inputs, weeks: Sequence[IsoWeek]) -> pd.DataFrame:
    """Per week: revenue, costs by class and total, contribution margin, hours per activity,
    orders and errors; NaN where nothing was recorded."""
    rows = []
    for week in weeks:
        t = window_totals(inputs, week.start, week.end)
        costs = t.costs or {}
        revenue = t.sums.get("revenue")
        row = {"week": week.start, "revenue": _as_float(revenue),
               "costs_total": _as_float(sum(costs.values())) if t.costs else math.nan,
               "contribution_margin": _as_float(revenue - costs["variable"])
               if revenue is not None and t.costs else math.nan,
               "orders": _as_float(t.sums.get("orders")), "errors": _as_float(t.sums.get("errors"))}
        for cost_class in ("acquisition", "variable", "fixed"):
            row[f"costs_{cost_class}"] = _as_float(costs.get(cost_class)) if t.costs else math.nan
        for activity in ACTIVITIES:
            row[activity] = (_as_float(t.hours_by_activity.get(activity, Decimal(0)))
                             if t.hours is not None else math.nan)
        rows.append(row)
    return pd.DataFrame(rows).set_index("week")
