"""The names northstar knows: recorded metrics, activities, cost classes, KPI keys."""

from __future__ import annotations

from decimal import Decimal

MONTH_DAYS = Decimal("30.4375")
MONTH_FACTOR = MONTH_DAYS / Decimal(28)

COST_CLASSES: tuple[str, ...] = ("acquisition", "variable", "fixed")

ACTIVITIES: tuple[str, ...] = (
    "support", "sales", "marketing", "ops", "product", "admin", "automation", "other",
)
ACQUISITION_ACTIVITIES: frozenset[str] = frozenset({"marketing", "sales"})

RECURRENCES: tuple[str, ...] = ("month", "year")

NOTE_KINDS: tuple[str, ...] = ("context", "value", "blocker", "hypothesis", "decision")

# Recorded metrics of KPIS.md. "level" metrics count their latest value in a window, not the sum;
# "sample" metrics hold one value per case and are summarised by their median.
SUM_METRICS: tuple[str, ...] = (
    "revenue", "orders", "leads", "qualified_leads", "new_customers", "churned_customers",
    "repeat_orders", "activations", "errors", "tickets", "deliveries", "late_deliveries",
    "impressions", "clicks", "views", "likes", "comments", "sent", "responses",
    "sessions", "returns",
)
LEVEL_METRICS: tuple[str, ...] = ("active_customers",)
SAMPLE_METRICS: tuple[str, ...] = (
    "first_response_minutes", "lead_to_order_days", "order_to_delivery_days",
)
RECORDED_METRICS: tuple[str, ...] = SUM_METRICS + LEVEL_METRICS + SAMPLE_METRICS

# The dimension a metric may carry: errors have a cause, the rest may have a channel.
CAUSE_METRICS: frozenset[str] = frozenset({"errors"})

# Default category -> class map (configurable per workspace with `/kpi settings category`);
# German words of these categories are mapped to the keys on input (capture/vocabulary.py).
DEFAULT_CATEGORY_CLASSES: dict[str, str] = {
    "ads": "acquisition",
    "marketing": "acquisition",
    "sales": "acquisition",
    "goods": "variable",
    "cogs": "variable",
    "fees": "variable",
    "payment": "variable",
    "shipping": "variable",
    "freelancer": "variable",
    "tools": "fixed",
    "software": "fixed",
    "rent": "fixed",
    "subscriptions": "fixed",
    "other": "fixed",
}
DEFAULT_COST_CATEGORY = "other"
DEFAULT_ACTIVITY = "other"

# KPI keys of KPIS.md, with their window and whether higher is better.
KPI_WINDOWS: dict[str, str] = {
    "revenue": "week", "costs_total": "week", "costs_acquisition": "week",
    "costs_variable": "week", "costs_fixed": "week", "hours": "week", "time_cost": "week",
    "contribution_margin": "week", "gross_margin_pct": "week", "profit": "week",
    "profit_after_time": "week", "roi_pct": "week", "roi_incl_time_pct": "week",
    "roi_by_channel": "week", "return_on_sales_pct": "t52w", "dupont_roi_pct": "t52w",
    "return_on_equity_pct": "t52w", "revenue_per_hour": "week", "profit_per_hour": "week",
    "cac": "t4w", "arpa_month": "t4w", "contribution_per_customer_month": "t4w",
    "churn_rate_month_pct": "t4w", "ltv": "t4w", "ltv_cac_ratio": "t4w",
    "payback_months": "t4w", "lead_to_customer_pct": "t4w", "repurchase_rate_pct": "t4w",
    "activation_rate_pct": "t4w", "cost_per_lead": "t4w", "cost_per_qualified_lead": "t4w",
    "error_rate_per_100": "week", "errors_by_cause": "week", "top_error_cause": "week",
    "tickets_per_100": "week", "first_response_minutes_median": "week",
    "lead_to_order_days_median": "week", "order_to_delivery_days_median": "week",
    "on_time_delivery_pct": "week", "hours_by_activity": "week",
    "ctr_pct": "week", "engagement_rate_pct": "week", "response_rate_pct": "week",
    "conversion_rate_pct": "week", "return_rate_pct": "week", "average_order_value": "week",
}
KPI_KEYS: tuple[str, ...] = tuple(KPI_WINDOWS)

LOWER_IS_BETTER: frozenset[str] = frozenset({
    "costs_total", "costs_acquisition", "costs_variable", "costs_fixed", "hours", "time_cost",
    "cac", "churn_rate_month_pct", "payback_months", "cost_per_lead", "cost_per_qualified_lead",
    "error_rate_per_100", "tickets_per_100", "first_response_minutes_median",
    "lead_to_order_days_median", "order_to_delivery_days_median", "return_rate_pct",
})
MAP_KPIS: frozenset[str] = frozenset({"roi_by_channel", "errors_by_cause", "hours_by_activity"})
TEXT_KPIS: frozenset[str] = frozenset({"top_error_cause"})
DEFAULT_NORTH_STAR = "contribution_per_customer_month"

# A workspace's own metrics (`/kpi metric add`): how a week's values become one, and their unit.
OWN_AGGREGATIONS: tuple[str, ...] = ("sum", "level", "median")
OWN_UNITS: tuple[str, ...] = ("count", "money", "percent", "minutes")


def direction(kpi: str) -> str:
    """'lower' when a smaller value of the KPI is better, else 'higher'."""
    return "lower" if kpi in LOWER_IS_BETTER else "higher"
