"""Loading a workspace's entries as the DataFrames that metrics/ computes on."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from metrics.customers import derived_inputs, hand_values_win
from metrics.frames import Inputs
from storage.customer_orders import load_orders
from storage.imported_frames import imported_frames, with_imported
from storage.imported_rows import families
from storage.models import Entry
from storage.own_metrics import own_metrics_of

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

ERRORS_ONLY = "entries.kind = 'metric' AND entries.metric = 'errors'"  # ix_entries_first_errors


def _converted(values: tuple, convert) -> np.ndarray:
    """A column as an object array, `convert` (the column type's own result processor)
    applied once per distinct value: dates and amounts repeat a lot."""
    column = np.empty(len(values), dtype=object)
    column[:] = values
    if convert is None or not len(column):
        return column
    present = pd.notna(column)
    codes, distinct = pd.factorize(column[present], sort=False)
    converted = np.empty(len(distinct), dtype=object)
    converted[:] = [convert(value) for value in distinct]
    column[present] = converted[codes]
    return column


def _frame(session: Session, workspace_id: str, kind: str, *conditions) -> pd.DataFrame:
    """One kind's entries, read as plain DBAPI rows (no per-row Row objects or per-value
    type processing: the frames are large and their values repeat)."""
    columns = COLUMNS[kind]
    query = select(*columns.values()).where(
        Entry.workspace_id == workspace_id, Entry.kind == kind, Entry.deleted_at.is_(None),
        *conditions)
    connection = session.connection()
    result = connection.execute(query.order_by(Entry.occurred_on, Entry.id))
    try:
        rows = result.cursor.fetchall()
        type_codes = [description[1] for description in result.cursor.description]
    finally:
        result.close()
    if not rows:
        return pd.DataFrame(columns=list(columns))
    dialect = connection.dialect
    processors = [attribute.type.dialect_impl(dialect).result_processor(dialect, code)
                  for attribute, code in zip(columns.values(), type_codes, strict=True)]
    values = zip(*rows, strict=True)
    return pd.DataFrame({name: _converted(column, convert) for name, column, convert
                         in zip(columns, values, processors, strict=True)})


def load_inputs(session: Session, workspace_id: str, since: date | None = None,
                until: date | None = None) -> Inputs:
    """Every live entry of a workspace (from `since` on, up to `until`), and what its imported
    export rows add (revenue, orders, fees, uncategorised costs, and the customer inputs derived
    from orders where no value was recorded for the week), as metrics Inputs (`orders` included).

    Recurring costs paid up to a year before `since` still accrue into the window, so they
    are loaded from a year earlier (one-off costs before `since` fall in no window).
    The day of the first-ever `errors` entry comes along (`errors_since`), so the
    zero-error-weeks rule holds however late `since` is. The workspace's own metrics come
    with their aggregation.
    """
    inputs = _entry_inputs(session, workspace_id, since, until)
    inputs.own_metrics = {own.key: own.aggregation for own in own_metrics_of(session, workspace_id)}
    present = families(session, workspace_id)
    imported = imported_frames(session, workspace_id, since, until, present)
    if imported is not None:
        inputs.metrics = with_imported(inputs.metrics, imported[0])
        inputs.costs = with_imported(inputs.costs, imported[1])
        inputs.orders = load_orders(session, workspace_id, present)
    if inputs.orders is not None:
        derived = derived_inputs(inputs.orders)
        if since is not None:
            derived = derived[derived["occurred_on"] >= since]
        if until is not None:
            derived = derived[derived["occurred_on"] <= until]
        inputs.metrics = with_imported(inputs.metrics, hand_values_win(derived, inputs.metrics))
    return inputs


def _entry_inputs(session: Session, workspace_id: str, since: date | None,
                  until: date | None = None) -> Inputs:
    """The entries part of `load_inputs`."""
    upto = () if until is None else (Entry.occurred_on <= until,)
    if since is None:
        return Inputs(*(_frame(session, workspace_id, kind, *upto) for kind in COLUMNS))
    year_before = date(since.year - 1, since.month, min(since.day, 28))
    recent = Entry.occurred_on >= since
    return Inputs(
        costs=_frame(session, workspace_id, "cost", Entry.occurred_on >= year_before,
                     or_(recent, Entry.every.is_not(None)), *upto),
        hours=_frame(session, workspace_id, "hours", recent, *upto),
        metrics=_frame(session, workspace_id, "metric", recent, *upto),
        notes=_frame(session, workspace_id, "note", recent, *upto),
        errors_since=first_errors_on(session, workspace_id),
    )


def first_errors_on(session: Session, workspace_id: str) -> date | None:
    """The day of the workspace's first live `errors` entry; None: errors never logged.

    One step on the partial index of `errors` entries (migration 0008): its condition is
    written out literally, as the database can match a partial index only against the query's
    own text, not against bound parameters (nor PostgreSQL's generic prepared plans)."""
    return session.connection().execute(select(Entry.occurred_on).where(
        Entry.workspace_id == workspace_id, text(ERRORS_ONLY), Entry.deleted_at.is_(None),
    ).order_by(Entry.occurred_on).limit(1)).scalar()
