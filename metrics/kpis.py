"""Every KPI of KPIS.md from the totals of its window; null (with a reason) instead of 0."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from metrics.frames import KpiSettings
from metrics.reasons import Reason
from metrics.totals import ZERO, Totals
from metrics.vocabulary import ACQUISITION_ACTIVITIES, KPI_WINDOWS, MONTH_DAYS, MONTH_FACTOR

HUNDRED = Decimal(100)
LTV_CAP_MONTHS = Decimal(60)
NONE_LOGGED = Reason("kpi.errors_none_logged")


@dataclass(frozen=True)
class KpiValue:
    value: Decimal | dict | str | None
    window: str
    reason: Reason | None = None
    weeks_used: int | None = None  # window KPIs: the recorded weeks they were computed on


class Missing(Exception):
    """An input a KPI needs was not recorded, or a denominator is 0."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.reason = Reason(code, params)


def need(value, what: str):
    if value is None:
        raise Missing("kpi.not_recorded", what=what)
    return value


def divide(numerator: Decimal, denominator: Decimal, what: str) -> Decimal:
    if denominator == 0:
        raise Missing("kpi.zero_denominator", what=what)
    return numerator / denominator


class WindowKpis:
    """The formulas, on one window's totals."""

    def __init__(self, totals: Totals, settings: KpiSettings) -> None:
        self.t, self.s = totals, settings

    def revenue(self) -> Decimal:
        return need(self.t.sums.get("revenue"), "revenue")

    def costs(self) -> dict[str, Decimal]:
        return need(self.t.costs, "costs")

    def costs_total(self) -> Decimal:
        return sum(self.costs().values(), ZERO)

    def hours(self) -> Decimal:
        return need(self.t.hours, "hours")

    def rate(self) -> Decimal:
        if self.s.hourly_rate is None:
            raise Missing("kpi.no_hourly_rate")
        return self.s.hourly_rate

    def time_cost(self) -> Decimal:
        return self.hours() * self.rate()

    def metric(self, name: str) -> Decimal:
        return need(self.t.metric(name), name.replace("_", " "))

    def contribution_margin(self) -> Decimal:
        return self.revenue() - self.costs()["variable"]

    def profit(self) -> Decimal:
        return self.revenue() - self.costs_total()

    def acquisition_spend(self) -> Decimal:
        """Acquisition costs plus the time cost of marketing and sales hours."""
        costs = self.t.costs["acquisition"] if self.t.costs else None
        hours = sum((h for a, h in self.t.hours_by_activity.items()
                     if a in ACQUISITION_ACTIVITIES), ZERO) if self.t.hours is not None else None
        time = hours * self.s.hourly_rate if hours and self.s.hourly_rate is not None else None
        if costs is None and time is None:
            raise Missing("kpi.no_acquisition_effort")
        return (costs or ZERO) + (time or ZERO)

    def month_factor(self) -> Decimal:
        """Days of a month over the days the window's recorded weeks cover."""
        return MONTH_DAYS / self.t.days if self.t.days else MONTH_FACTOR

    def per_customer_month(self, amount: Decimal) -> Decimal:
        return divide(amount * self.month_factor(), self.metric("active_customers"),
                      "active customers")

    def churn_rate(self) -> Decimal:
        return divide(self.metric("churned_customers") * self.month_factor(),
                      self.metric("active_customers"), "active customers") * HUNDRED

    def cac(self) -> Decimal:
        return divide(self.acquisition_spend(), self.metric("new_customers"), "new customers")

    def contribution_per_customer_month(self) -> Decimal:
        return self.per_customer_month(self.contribution_margin())

    def ltv(self) -> tuple[Decimal, str | None]:
        monthly = self.contribution_per_customer_month()
        churned = self.t.metric("churned_customers")
        if not churned:
            return monthly * LTV_CAP_MONTHS, Reason("kpi.ltv_capped", {"months": LTV_CAP_MONTHS})
        return divide(monthly, self.churn_rate() / HUNDRED, "churn rate"), None

    def pct(self, numerator: str, denominator: str) -> Decimal:
        return divide(self.metric(numerator), self.metric(denominator),
                      denominator.replace("_", " ")) * HUNDRED

    def roi_by_channel(self) -> dict[str, Decimal | None]:
        channels = set(self.t.revenue_by_channel) | set(self.t.costs_by_channel) | set(
            self.t.hours_by_channel)
        if not channels:
            raise Missing("kpi.no_channel")
        rate = self.s.hourly_rate or ZERO
        result: dict[str, Decimal | None] = {}
        for channel in sorted(channels):
            spend = self.t.costs_by_channel.get(channel, ZERO) + self.t.hours_by_channel.get(
                channel, ZERO) * rate
            revenue = self.t.revenue_by_channel.get(channel, ZERO)
            result[channel] = (revenue - spend) / spend * HUNDRED if spend else None
        return result

    def engagement(self) -> Decimal:
        likes, comments = self.t.metric("likes"), self.t.metric("comments")
        if likes is None and comments is None:
            raise Missing("kpi.no_engagement")
        score = (likes or ZERO) + (comments or ZERO) * self.s.comment_weight
        return divide(score, self.metric("views"), "views") * HUNDRED

    def on_time(self) -> Decimal:
        deliveries = self.metric("deliveries")
        late = self.t.metric("late_deliveries") or ZERO
        return divide(deliveries - late, deliveries, "deliveries") * HUNDRED

    def roi_incl_time(self) -> Decimal:
        time = self.time_cost()
        costs = self.costs_total() if self.t.costs is not None else ZERO
        return divide(self.revenue() - costs - time, costs + time, "costs plus time") * HUNDRED

    def median(self, name: str) -> Decimal:
        return need(self.t.medians.get(name), name.replace("_", " "))

    def error_rate(self) -> Decimal | tuple[Decimal, str]:
        """Errors per 100 orders; 0 marked "none logged" in a zero-error week (KPIS.md)."""
        orders = self.metric("orders")
        if self.t.none_logged():
            return divide(ZERO, orders, "orders"), NONE_LOGGED
        return divide(self.metric("errors"), orders, "orders") * HUNDRED

    def errors_by_cause(self) -> dict | tuple[dict, str]:
        if self.t.none_logged():
            return {}, NONE_LOGGED
        return dict(need(self.t.errors_by_cause or None, "errors with a cause"))

    def top_error_cause(self) -> str | tuple[None, str]:
        if self.t.none_logged():
            return None, NONE_LOGGED
        causes = need(self.t.errors_by_cause or None, "errors with a cause")
        return max(sorted(causes), key=lambda cause: causes[cause])


FORMULAS = {
    "revenue": lambda k: k.revenue(),
    "costs_total": lambda k: k.costs_total(),
    "costs_acquisition": lambda k: k.costs()["acquisition"],
    "costs_variable": lambda k: k.costs()["variable"],
    "costs_fixed": lambda k: k.costs()["fixed"],
    "hours": lambda k: k.hours(),
    "time_cost": lambda k: k.time_cost(),
    "contribution_margin": lambda k: k.contribution_margin(),
    "gross_margin_pct": lambda k: divide(k.contribution_margin(), k.revenue(), "revenue") * HUNDRED,
    "profit": lambda k: k.profit(),
    "profit_after_time": lambda k: k.profit() - k.time_cost(),
    "roi_pct": lambda k: divide(k.profit(), k.costs_total(), "costs") * HUNDRED,
    "roi_incl_time_pct": lambda k: k.roi_incl_time(),
    "roi_by_channel": lambda k: k.roi_by_channel(),
    "return_on_sales_pct": lambda k: divide(k.profit(), k.revenue(), "revenue") * HUNDRED,
    "dupont_roi_pct": lambda k: divide(k.profit(), k.revenue(), "revenue") * divide(
        k.revenue(), need(k.s.capital, "capital setting"), "capital") * HUNDRED,
    "return_on_equity_pct": lambda k: divide(
        k.profit(), need(k.s.equity, "equity setting"), "equity") * HUNDRED,
    "revenue_per_hour": lambda k: divide(k.revenue(), k.hours(), "hours"),
    "profit_per_hour": lambda k: divide(k.profit(), k.hours(), "hours"),
    "cac": lambda k: k.cac(),
    "arpa_month": lambda k: k.per_customer_month(k.revenue()),
    "contribution_per_customer_month": lambda k: k.contribution_per_customer_month(),
    "churn_rate_month_pct": lambda k: k.churn_rate(),
    "ltv": lambda k: k.ltv(),
    "ltv_cac_ratio": lambda k: divide(k.ltv()[0], k.cac(), "CAC"),
    "payback_months": lambda k: divide(k.cac(), k.contribution_per_customer_month(),
                                       "contribution per customer"),
    "lead_to_customer_pct": lambda k: k.pct("new_customers", "leads"),
    "repurchase_rate_pct": lambda k: k.pct("repeat_orders", "orders"),
    "activation_rate_pct": lambda k: k.pct("activations", "new_customers"),
    "cost_per_lead": lambda k: divide(k.costs()["acquisition"], k.metric("leads"), "leads"),
    "cost_per_qualified_lead": lambda k: divide(k.costs()["acquisition"],
                                                k.metric("qualified_leads"), "qualified leads"),
    "error_rate_per_100": lambda k: k.error_rate(),
    "errors_by_cause": lambda k: k.errors_by_cause(),
    "top_error_cause": lambda k: k.top_error_cause(),
    "tickets_per_100": lambda k: k.pct("tickets", "orders"),
    "first_response_minutes_median": lambda k: k.median("first_response_minutes"),
    "lead_to_order_days_median": lambda k: k.median("lead_to_order_days"),
    "order_to_delivery_days_median": lambda k: k.median("order_to_delivery_days"),
    "on_time_delivery_pct": lambda k: k.on_time(),
    "hours_by_activity": lambda k: dict(need(k.t.hours_by_activity or None, "hours")),
    "ctr_pct": lambda k: k.pct("clicks", "impressions"),
    "engagement_rate_pct": lambda k: k.engagement(),
    "response_rate_pct": lambda k: k.pct("responses", "sent"),
    "conversion_rate_pct": lambda k: k.pct("orders", "sessions"),
    "return_rate_pct": lambda k: k.pct("returns", "orders"),
    "average_order_value": lambda k: divide(k.revenue(), k.metric("orders"), "orders"),
}


OWN_WINDOW = "week"  # a workspace's own metric is its week's value


def own_metric(key: str):
    """The formula of a workspace's own metric: its week's sum, latest level or median."""
    return lambda k: need(k.t.metric(key) if key not in k.t.medians else k.t.medians[key],
                          key.replace("_", " "))


def compute_kpi(key: str, totals_by_window: dict[str, Totals], settings: KpiSettings) -> KpiValue:
    """One KPI on the totals of its window; a key northstar does not know is an own metric."""
    window = KPI_WINDOWS.get(key, OWN_WINDOW)
    formula = FORMULAS.get(key) or own_metric(key)
    try:
        value = formula(WindowKpis(totals_by_window[window], settings))
    except Missing as missing:
        return KpiValue(None, window, missing.reason)
    if isinstance(value, tuple):
        return KpiValue(value[0], window, value[1])
    return KpiValue(value, window)
