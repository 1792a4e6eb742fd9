"""Shopify orders export: one row per line item, order fields on the order's first row only.

Comma-separated, dot decimals, `2026-03-02 09:14:07 +0100` timestamps. Refunds are not rows but
`Refunded Amount` on the order, so an order and its refund change later: they are keyed by the
order and updated in place. Unpaid, voided and cancelled orders are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from capture.imports.cells import fee_or_zero, local_day, money, plain
from capture.imports.profile import CsvProfile, Verdict
from capture.imports.reading import Row, is_short
from capture.imports.records import ZERO, ImportContext, Record, RowError

PAID = {"paid", "partially_refunded", "refunded", "partially_paid"}
UNPAID = {"pending", "authorized", "expired", "voided", "unpaid"}
TIMESTAMPS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z")


def refund_tax(refunded: Decimal, total: Decimal, taxes: Decimal) -> Decimal:
    """The tax inside a refund: the order's tax share of the refunded amount."""
    if total <= 0:
        return ZERO
    return (taxes * refunded / total).quantize(Decimal("0.01"))


def order(row: Row, ctx: ImportContext) -> Verdict:
    """An order's first row: the paid order, and its refund when it has one."""
    status = row["Financial Status"].lower()
    if status in UNPAID or row["Cancelled at"] and status not in PAID:
        return "unpaid"
    if status not in PAID:
        return "not_completed"
    total, taxes = money(row["Total"], "."), fee_or_zero(row["Taxes"], ".")
    refunded = fee_or_zero(row["Refunded Amount"], ".")
    if total == 0 and refunded == 0:
        return "zero"
    order_key = row["Id"] or row["Name"]
    common = {"occurred_on": local_day(row["Created at"], ctx.timezone, *TIMESTAMPS),
              "currency": row["Currency"].upper(), "order_id": row["Name"] or row["Id"],
              "counterparty": plain(row["Billing Name"]), "mutable": True}
    sale = Record(line=row.line, kind="sale", amount=total, tax=taxes,
                  source_id=f"order:{order_key}", purpose=plain(row["Lineitem name"]),
                  customer=row["Email"] or None, **common)
    if refunded <= 0:
        return sale
    refund = Record(line=row.line, kind="refund", amount=-refunded,
                    tax=-refund_tax(refunded, total, taxes), source_id=f"order:{order_key}:refund",
                    purpose="Refunded Amount", **common)
    return [sale, refund]


def orders(rows: Iterable[Row], ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
    """One verdict per order: its first row is read, its further line items are passed over."""
    seen: set[str] = set()
    for row in rows:
        if is_short(row):
            yield row.line, RowError("import_short_row")
            continue
        name = row["Name"]
        if name in seen or not row["Financial Status"]:
            if name not in seen:
                yield row.line, RowError("import_order_without_header", order=name)
            continue
        seen.add(name)
        try:
            yield row.line, order(row, ctx)
        except RowError as error:
            yield row.line, error


ORDERS = CsvProfile(
    name="shopify", family="shop", convert=order, group=orders,
    required=frozenset({"Name", "Financial Status", "Currency", "Total", "Taxes", "Created at",
                        "Lineitem name"}))
