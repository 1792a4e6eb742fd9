"""WooCommerce's own orders report (Analytics → Orders → Download): one row per order with
`Date` (the shop's local time), `Order #`, `Status` and `Net Sales` (older versions:
`N. Revenue`), a raw number without tax and shipping, beside `N. Revenue (formatted)`, the same
written for people (not read). Orders change later (refunds), so they are keyed by order number
and updated in place. A row with negative net sales is a refund of its order; an order's refunds
are summed into one refund (dated by the latest), and a `refunded` order without refund rows is
refunded whole.

The labels are translated with the shop user's language; these are the English ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from capture.imports.cells import local_day, money, plain
from capture.imports.profile import CsvProfile, Verdict, convert_row
from capture.imports.reading import Row
from capture.imports.records import ImportContext, Record, RowError

PAID = {"completed", "processing", "refunded"}
UNPAID = {"pending", "on-hold", "failed", "cancelled", "checkout-draft", "trash"}
TIMES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
AMOUNTS = ("Net Sales", "N. Revenue")


def analytics_order(row: Row, ctx: ImportContext) -> Verdict:
    """One order of the report: the sale (a fully refunded order also its refund), or the
    refund a negative row states."""
    status = row["Status"].strip().lower().removeprefix("wc-")
    if status in UNPAID:
        return "unpaid"
    if status not in PAID:
        return "not_completed"
    column = next((name for name in AMOUNTS if name in row.columns), None)
    if column is None:
        raise RowError("import_amount_missing")
    net = money(row[column], ".")
    if net == 0:
        return "zero"
    number = row["Order #"].strip()
    common = {"occurred_on": local_day(row["Date"], ctx.timezone, *TIMES, naive_zone=ctx.timezone),
              "currency": ctx.currency, "order_id": number, "mutable": True,
              "counterparty": plain(row.get("Customer")), "purpose": plain(row.get("Product(s)"))}
    if net < 0:
        return Record(line=row.line, kind="refund", amount=net,
                      source_id=f"order:{number}:refund", **common)
    sale = Record(line=row.line, kind="sale", amount=net, source_id=f"order:{number}", **common)
    if status != "refunded":
        return sale
    return [sale, Record(line=row.line, kind="refund", amount=-net,
                         source_id=f"order:{number}:refund", **common)]


def _refunds(verdicts: list[tuple[int, Verdict]]) -> dict[str, Record]:
    """Each order's refund rows summed into one refund, dated by the latest."""
    merged: dict[str, Record] = {}
    for _, verdict in verdicts:
        if isinstance(verdict, Record) and verdict.kind == "refund":
            known = merged.get(verdict.order_id)
            merged[verdict.order_id] = verdict if known is None else replace(
                known, amount=known.amount + verdict.amount,
                occurred_on=max(known.occurred_on, verdict.occurred_on))
    return merged


def analytics_orders(rows: Iterable[Row], ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
    """The orders with their refunds merged (the whole report is read first)."""
    verdicts = [(row.line, convert_row(analytics_order, row, ctx)) for row in rows]
    refunds, given = _refunds(verdicts), set()
    for line, verdict in verdicts:
        if isinstance(verdict, Record) and verdict.kind == "refund":
            first = verdict.order_id not in given
            given.add(verdict.order_id)
            yield line, [refunds[verdict.order_id]] if first else []
        elif isinstance(verdict, list) and verdict[0].order_id in refunds:
            yield line, verdict[0]  # a refunded order whose refund rows say how much
        else:
            yield line, verdict


ANALYTICS_ORDERS = CsvProfile(
    name="woocommerce", family="shop", convert=analytics_order, group=analytics_orders,
    required=frozenset({"Date", "Order #", "Status", "N. Revenue (formatted)"}))
