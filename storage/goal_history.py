"""Dated goals: each change of a KPI's target holds from a week on."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.edit_tables import GoalChange


def record_goal_change(session: Session, workspace_id: str, kpi: str, target: Decimal | None,
                       valid_from: date, user: str | None, now: datetime) -> None:
    """The KPI's target from the week starting `valid_from` on (a change in the same week wins)."""
    row = session.scalar(select(GoalChange).where(
        GoalChange.workspace_id == workspace_id, GoalChange.kpi == kpi,
        GoalChange.valid_from == valid_from))
    if row is None:
        session.add(GoalChange(workspace_id=workspace_id, kpi=kpi, valid_from=valid_from,
                               target=target, set_by=user, set_at=now))
    else:
        row.target, row.set_by, row.set_at = target, user, now


def goal_timelines(session: Session, workspace_id: str) -> dict[str, list[tuple[date, Decimal | None]]]:
    """Per KPI, its (valid from, target) changes, oldest first."""
    timelines: dict[str, list[tuple[date, Decimal | None]]] = defaultdict(list)
    for row in session.scalars(select(GoalChange).where(GoalChange.workspace_id == workspace_id)
                               .order_by(GoalChange.kpi, GoalChange.valid_from)):
        timelines[row.kpi].append((row.valid_from, row.target))
    return dict(timelines)


def week_monday(day: date) -> date:
    """The Monday of the ISO week a day belongs to."""
    return day - timedelta(days=day.weekday())
