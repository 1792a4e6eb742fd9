"""The order-level imported rows that name customers, as metrics Orders (keys, never e-mails)."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, cast, func, select
from sqlalchemy.orm import Session

from capture.imports.weekly import revenue_family
from metrics.customers import day_number
from metrics.orders import Orders
from storage.import_tables import ImportedRow
from storage.imported_rows import families


def load_orders(session: Session, workspace_id: str,
                present: Collection[str] | None = None) -> Orders | None:
    """Sales and refunds of the family revenue comes from (every source of it; `present`: the
    families the workspace has, when known), read as plain rows; None when there are none.
    Net cents are computed by the database; a refund takes its order's customer."""
    family = revenue_family(families(session, workspace_id) if present is None else present)
    if family not in ("shop", "processor"):
        return None
    cents = cast(func.round((ImportedRow.amount - ImportedRow.tax) * 100), BigInteger)
    scope = (ImportedRow.workspace_id == workspace_id, ImportedRow.family == family)
    connection = session.connection()
    result = connection.execute(
        select(ImportedRow.id, ImportedRow.occurred_on, ImportedRow.customer_key,
               ImportedRow.kind, cents).where(*scope, ImportedRow.kind.in_(("sale", "refund"))))
    try:
        rows = result.cursor.fetchall()
        code = result.cursor.description[1][1]
    finally:
        result.close()
    if not rows:
        return None
    ids, days, keys, kinds, amounts = zip(*rows, strict=True)
    sale = np.asarray(kinds, dtype=object) == "sale"
    keys = np.asarray(keys, dtype=object)
    lost = ~sale & pd.isna(keys)
    if lost.any():
        keys[lost] = _customers_of_refunds(session, scope, np.asarray(ids)[lost])
    dialect = connection.dialect
    convert = ImportedRow.occurred_on.type.dialect_impl(dialect).result_processor(dialect, code)
    codes, distinct = pd.factorize(np.asarray(days, dtype=object), sort=False)
    numbers = np.fromiter((day_number(convert(day) if convert else day) for day in distinct),
                          np.int64, len(distinct))
    customers, _ = pd.factorize(keys, use_na_sentinel=True)
    return Orders.build(numbers[codes], customers, sale, np.asarray(amounts, dtype=np.int64))


def _customers_of_refunds(session: Session, scope: tuple, refund_ids: np.ndarray) -> list:
    """The customer key of each refund's order (the sale of the same source and order id);
    None where no sale of that order names one. Shop exports name the customer on the sale."""
    refunds = dict(session.execute(
        select(ImportedRow.id, ImportedRow.source + "\x1f" + ImportedRow.order_id).where(
            *scope, ImportedRow.kind == "refund", ImportedRow.customer_key.is_(None),
            ImportedRow.order_id.is_not(None))).all())
    wanted = {order for order in refunds.values() if order}
    sales = {}
    if wanted:
        sales = dict(session.execute(
            select(ImportedRow.source + "\x1f" + ImportedRow.order_id, ImportedRow.customer_key)
            .where(*scope, ImportedRow.kind == "sale", ImportedRow.customer_key.is_not(None),
                   ImportedRow.order_id.is_not(None))).all())
    return [sales.get(refunds.get(int(refund))) for refund in refund_ids]
