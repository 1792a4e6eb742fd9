"""Who recorded an input most often lately: the owner until owners are set explicitly."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Entry

OWNER_WEEKS = 8
# The recorded input a KPI's owner looks after (its main driver); inputs are metric names,
# `costs` or `hours`.
KPI_INPUT = {
    "error_rate_per_100": "errors", "tickets_per_100": "tickets", "revenue": "revenue",
    "revenue_per_hour": "revenue", "gross_margin_pct": "costs", "contribution_margin": "costs",
    "costs_total": "costs", "costs_acquisition": "costs", "costs_variable": "costs",
    "costs_fixed": "costs", "cac": "costs", "payback_months": "costs", "hours": "hours",
    "time_cost": "hours", "profit_after_time": "hours", "lead_to_customer_pct": "leads",
    "cost_per_lead": "leads", "churn_rate_month_pct": "churned_customers",
    "contribution_per_customer_month": "active_customers", "arpa_month": "active_customers",
}


def frequent_recorders(session: Session, workspace_id: str, since: date) -> dict[str, str]:
    """Per input (metric name, `costs`, `hours`): who recorded it most often since `since`."""
    name = func.coalesce(Entry.metric, Entry.kind)
    rows = session.execute(
        select(Entry.kind, name, Entry.entered_by, func.count())
        .where(Entry.workspace_id == workspace_id, Entry.deleted_at.is_(None),
               Entry.entered_by.is_not(None), Entry.kind != "note", Entry.occurred_on >= since)
        .group_by(Entry.kind, name, Entry.entered_by)).all()
    best: dict[str, tuple[int, str]] = {}
    for kind, metric, user, count in rows:
        key = {"cost": "costs", "hours": "hours"}.get(kind, metric)
        if key not in best or (count, user) > best[key]:
            best[key] = (count, user)
    return {key: user for key, (_, user) in best.items()}


def kpi_owner(recorders: dict[str, str], kpi: str) -> str | None:
    """The owner of a KPI: the frequent recorder of its main input."""
    return recorders.get(KPI_INPUT.get(kpi, kpi))
