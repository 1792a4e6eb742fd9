"""Window KPIs over the recorded weeks of their window only: missing is not zero (docs/kpis.md).

A week counts for a KPI when at least one of the KPI's inputs was recorded in it; paused weeks
never count. A window KPI is computed over its recorded weeks, its monthly figures scaled by the
days those weeks cover; with fewer than half of the window's weeks recorded it is null with the
reason `incomplete_window`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from decimal import Decimal

from metrics.frames import Inputs, KpiSettings
from metrics.kpis import OWN_WINDOW, KpiValue, compute_kpi
from metrics.reasons import Reason
from metrics.totals import ZERO, Totals, window_totals
from metrics.vocabulary import ACQUISITION_ACTIVITIES, KPI_WINDOWS
from metrics.weeks import IsoWeek

WINDOW_WEEKS = {"week": 1, "t4w": 4, "t13w": 13, "t52w": 52}
INCOMPLETE = "kpi.incomplete_window"

_CAC = ("costs_acquisition", "hours_acquisition", "new_customers")
_CONTRIBUTION = ("revenue", "costs_variable", "active_customers")
_LTV = (*_CONTRIBUTION, "churned_customers")
_PROFIT = ("revenue", "costs")
# The inputs of each window KPI: a week where none of them was recorded is not part of its window.
KPI_INPUTS: dict[str, tuple[str, ...]] = {
    "return_on_sales_pct": _PROFIT, "dupont_roi_pct": _PROFIT, "return_on_equity_pct": _PROFIT,
    "cac": _CAC, "arpa_month": ("revenue", "active_customers"),
    "contribution_per_customer_month": _CONTRIBUTION,
    "churn_rate_month_pct": ("churned_customers", "active_customers"),
    "ltv": _LTV, "ltv_cac_ratio": (*_LTV, *_CAC), "payback_months": (*_CONTRIBUTION, *_CAC),
    "lead_to_customer_pct": ("new_customers", "leads"),
    "repurchase_rate_pct": ("repeat_orders", "orders"),
    "activation_rate_pct": ("activations", "new_customers"),
    "cost_per_lead": ("costs_acquisition", "leads"),
    "cost_per_qualified_lead": ("costs_acquisition", "qualified_leads"),
}


def window_of(key: str) -> str:
    return KPI_WINDOWS.get(key, OWN_WINDOW)


def window_length(key: str) -> int:
    """How many weeks the KPI's window spans (1 for a week KPI)."""
    return WINDOW_WEEKS[window_of(key)]


def is_recorded(totals: Totals, name: str) -> bool:
    """Whether one input (a metric, `costs`, a cost class, `hours`, acquisition hours) was
    recorded in the totals' days."""
    if name == "costs":
        return totals.costs is not None
    if name.startswith("costs_"):
        return bool(totals.costs and totals.costs[name.removeprefix("costs_")])
    if name == "hours":
        return totals.hours is not None
    if name == "hours_acquisition":
        return any(totals.hours_by_activity.get(activity) for activity in ACQUISITION_ACTIVITIES)
    return totals.metric(name) is not None


def week_totals(inputs: Inputs, week: IsoWeek) -> Totals:
    return window_totals(inputs, week.start, week.end)


WINDOW_INPUTS = frozenset(name for names in KPI_INPUTS.values() for name in names)


def recorded_inputs(inputs: Inputs, week: IsoWeek) -> frozenset[str]:
    """The window KPIs' inputs recorded in the week (computed once per week)."""
    return inputs.memo(("recorded", week), lambda: frozenset(
        name for name in WINDOW_INPUTS if is_recorded(week_totals(inputs, week), name)))


def recorded_weeks(inputs: Inputs, key: str, week: IsoWeek,
                   paused: Collection[IsoWeek] = ()) -> list[IsoWeek]:
    """The weeks of the KPI's window ending with `week` in which one of its inputs was recorded."""
    names = KPI_INPUTS[key]
    return [past for past in week.window(window_length(key)) if past not in paused
            and not recorded_inputs(inputs, past).isdisjoint(names)]


def _add(into: dict, more: dict) -> None:
    for name, amount in more.items():
        into[name] = into.get(name, ZERO) + amount


def combine(parts: Sequence[Totals]) -> Totals:
    """The totals of several disjoint stretches of days, oldest first (levels: the latest)."""
    if len(parts) == 1:
        return parts[0]
    total = Totals(errors_tracked=parts[-1].errors_tracked)
    for part in parts:
        if part.costs is not None:
            if total.costs is None:
                total.costs = {}
            _add(total.costs, part.costs)
        if part.hours is not None:
            total.hours = (total.hours or ZERO) + part.hours
        for mine, theirs in ((total.costs_by_channel, part.costs_by_channel),
                             (total.hours_by_activity, part.hours_by_activity),
                             (total.hours_by_channel, part.hours_by_channel),
                             (total.sums, part.sums), (total.revenue_by_channel, part.revenue_by_channel),
                             (total.errors_by_cause, part.errors_by_cause)):
            _add(mine, theirs)
        total.levels.update(part.levels)
    return total  # medians are left out: no window KPI is a median


def totals_of_weeks(inputs: Inputs, weeks: Sequence[IsoWeek]) -> Totals:
    """Everything recorded in these weeks, with `days` set to the days they cover: the sum of
    each week's totals (so totals kept per week give the same value)."""
    def compute() -> Totals:
        parts = [week_totals(inputs, week) for week in weeks]
        return replace(combine(parts), days=7 * len(weeks))

    return inputs.memo(("weeks_totals", tuple(weeks)), compute)


def window_kpi(inputs: Inputs, settings: KpiSettings, key: str, week: IsoWeek,
               paused: Collection[IsoWeek] = ()) -> KpiValue:
    """One KPI for the week: a week KPI on the week's totals, a window KPI on its recorded weeks."""
    window = window_of(key)
    if window == "week":
        return compute_kpi(key, {"week": week_totals(inputs, week)}, settings)
    weeks = recorded_weeks(inputs, key, week, paused)
    length = WINDOW_WEEKS[window]
    if 2 * len(weeks) < length:
        return KpiValue(None, window, Reason(INCOMPLETE, {"used": len(weeks), "weeks": length}),
                        weeks_used=len(weeks))
    value = compute_kpi(key, {window: totals_of_weeks(inputs, weeks)}, settings)
    return replace(value, weeks_used=len(weeks))


def is_complete(kpi: KpiValue) -> bool:
    """Whether every week of the KPI's window was recorded (drift and experiments need this)."""
    return kpi.weeks_used is None or kpi.weeks_used == WINDOW_WEEKS[kpi.window]


def complete_value(kpi: KpiValue) -> Decimal | dict | str | None:
    """The KPI's value when its window is complete, else None."""
    return kpi.value if is_complete(kpi) else None
