"""A workspace's goals as dated timelines (metrics/ judges each week against its own)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.goal_history import goal_timelines
from storage.models import Goal


def goal_timelines_of(session: Session, workspace_id: str) -> dict[str, list[tuple[date, Decimal | None]]]:
    """Per KPI its dated targets; a current goal without history holds for every week."""
    timelines = goal_timelines(session, workspace_id)
    for goal in session.scalars(select(Goal).where(Goal.workspace_id == workspace_id)):
        timelines.setdefault(goal.kpi, [(date.min, goal.target)])
    return timelines
