"""Loading a workspace's entries as the DataFrames that metrics/ computes on."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from metrics.frames import Inputs
from storage.models import Entry

COLUMNS = {
    "cost": {"occurred_on": Entry.occurred_on, "amount": Entry.quantity, "category": Entry.category,
             "cost_class": Entry.cost_class, "channel": Entry.channel, "every": Entry.every},
    "hours": {"occurred_on": Entry.occurred_on, "hours": Entry.quantity,
              "activity": Entry.activity, "channel": Entry.channel},
    "metric": {"occurred_on": Entry.occurred_on, "metric": Entry.metric, "value": Entry.quantity,
               "channel": Entry.channel, "cause": Entry.cause},
    "note": {"occurred_on": Entry.occurred_on, "kind": Entry.note_kind, "text": Entry.description,
             "author": Entry.entered_by},
}


def _frame(session: Session, workspace_id: str, kind: str, since: date | None) -> pd.DataFrame:
    columns = COLUMNS[kind]
    query = select(*columns.values()).where(
        Entry.workspace_id == workspace_id, Entry.kind == kind, Entry.deleted_at.is_(None)
    )
    if since is not None:
        query = query.where(Entry.occurred_on >= since)
    rows = session.connection().execute(query.order_by(Entry.occurred_on, Entry.id)).all()
    return pd.DataFrame.from_records(rows, columns=list(columns))


def load_inputs(session: Session, workspace_id: str, since: date | None = None) -> Inputs:
    """Every live entry of a workspace (from `since` on) as metrics Inputs.

    Recurring yearly costs paid up to a year before `since` still accrue into the window,
    so costs are loaded from a year earlier.
    """
    cost_since = None if since is None else date(since.year - 1, since.month, min(since.day, 28))
    return Inputs(
        costs=_frame(session, workspace_id, "cost", cost_since),
        hours=_frame(session, workspace_id, "hours", since),
        metrics=_frame(session, workspace_id, "metric", since),
        notes=_frame(session, workspace_id, "note", since),
    )
