"""A workspace's own metrics and focus questions: read and stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from capture.own_metrics import OwnMetricDef, own_metric
from storage.own_tables import FocusQuestions, OwnMetric


def own_metrics_of(db: Session | Connection, workspace_id: str) -> list[OwnMetricDef]:
    """The workspace's own metrics, in the order they were defined."""
    rows = db.execute(select(OwnMetric.key, OwnMetric.label, OwnMetric.aggregation, OwnMetric.unit)
                      .where(OwnMetric.workspace_id == workspace_id).order_by(OwnMetric.id))
    return [OwnMetricDef(key, label, aggregation, unit) for key, label, aggregation, unit in rows]


def save_own_metric(session: Session, workspace_id: str, definition: OwnMetricDef,
                    user: str | None, now: datetime) -> bool:
    """Store the definition (a known key gets the new label, aggregation and unit); True if new."""
    row = session.scalar(select(OwnMetric).where(OwnMetric.workspace_id == workspace_id,
                                                 OwnMetric.key == definition.key))
    if row is None:
        session.add(OwnMetric(workspace_id=workspace_id, key=definition.key,
                              label=definition.label, aggregation=definition.aggregation,
                              unit=definition.unit, created_by=user, created_at=now))
        return True
    row.label, row.aggregation, row.unit = definition.label, definition.aggregation, definition.unit
    return False


def questions_of(db: Session | Connection, workspace_id: str) -> tuple[str, str, str] | None:
    """The workspace's own three focus questions; None: it uses the defaults."""
    row = db.execute(select(FocusQuestions.first, FocusQuestions.second, FocusQuestions.third)
                     .where(FocusQuestions.workspace_id == workspace_id)).first()
    return None if row is None else (row[0], row[1], row[2])


def set_questions(session: Session, workspace_id: str, questions: tuple[str, str, str] | None,
                  user: str | None, now: datetime) -> None:
    """Store the three questions, or with None go back to the defaults."""
    session.execute(delete(FocusQuestions).where(FocusQuestions.workspace_id == workspace_id))
    if questions is not None:
        session.add(FocusQuestions(workspace_id=workspace_id, first=questions[0],
                                   second=questions[1], third=questions[2], set_by=user,
                                   set_at=now))


def own_metric_rows(db: Session | Connection, workspace_id: str) -> list[dict[str, str]]:
    """The own metrics as CSV rows: name the key, description the label, every the aggregation,
    class the unit."""
    return [{"kind": "own_metric", "name": own.key, "description": own.label,
             "every": own.aggregation, "class": own.unit}
            for own in own_metrics_of(db, workspace_id)]


def own_metric_of_row(name: str, description: str, every: str, unit: str) -> OwnMetricDef:
    """The definition an `own_metric` CSV row gives; raises InputError."""
    return own_metric(name, description, every or "sum", unit or "count")
