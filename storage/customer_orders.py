"""The order-level imported rows that name customers, as metrics Orders (keys, never e-mails)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, cast, func, select
from sqlalchemy.orm import Session

from capture.imports.weekly import revenue_family
from metrics.customers import Orders, day_number
from storage.import_tables import ImportedRow
from storage.imported_rows import families


def load_orders(session: Session, workspace_id: str) -> Orders | None:
    """Sales and refunds of the family revenue comes from (every source of it), read as plain
    rows; None when the workspace has none. Net cents are computed by the database."""
    family = revenue_family(families(session, workspace_id))
    if family not in ("shop", "processor"):
        return None
    cents = cast(func.round((ImportedRow.amount - ImportedRow.tax) * 100), BigInteger)
    query = select(ImportedRow.occurred_on, ImportedRow.customer_key, ImportedRow.kind, cents
                   ).where(ImportedRow.workspace_id == workspace_id,
                           ImportedRow.family == family,
                           ImportedRow.kind.in_(("sale", "refund")))
    connection = session.connection()
    result = connection.execute(query)
    try:
        rows = result.cursor.fetchall()
        code = result.cursor.description[0][1]
    finally:
        result.close()
    if not rows:
        return None
    days, keys, kinds, amounts = zip(*rows, strict=True)
    dialect = connection.dialect
    convert = ImportedRow.occurred_on.type.dialect_impl(dialect).result_processor(dialect, code)
    codes, distinct = pd.factorize(np.asarray(days, dtype=object), sort=False)
    numbers = np.fromiter((day_number(convert(day) if convert else day) for day in distinct),
                          np.int64, len(distinct))
    customers, _ = pd.factorize(np.asarray(keys, dtype=object), use_na_sentinel=True)
    return Orders.build(numbers[codes], customers, np.asarray(kinds, dtype=object) == "sale",
                        np.asarray(amounts, dtype=np.int64))
