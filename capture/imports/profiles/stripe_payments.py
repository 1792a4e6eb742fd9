"""Stripe's payments export (`unified_payments.csv`): one charge per row, refunds not as rows but
as `Amount Refunded` on the charge, so a charge and its refund change later: both are keyed by
the payment id and updated in place when a later export shows other amounts.

Amounts are in major units with dot decimals; `Currency` is the customer's, `Converted Amount`
(and `Converted Amount Refunded`) the same in `Converted Currency`, the account's. A row is read
in the workspace's currency from whichever of the two pairs is in it, else skipped as another
currency. Failed, uncaptured and test-mode rows moved no money.
"""

from __future__ import annotations

from decimal import Decimal

from capture.imports.cells import fee_or_zero, local_day, money, plain
from capture.imports.profile import CsvProfile, Verdict
from capture.imports.reading import Row
from capture.imports.records import ImportContext, Record

TIMESTAMPS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S%z", "%m/%d/%Y %H:%M")
NOT_PAID = {"failed", "canceled", "cancelled", "uncaptured", "pending", "requires_payment_method",
            "blocked", "incomplete"}
FALSE = {"false", "no", "0"}


def _in_currency(row: Row, ctx: ImportContext) -> tuple[Decimal, Decimal, str] | None:
    """(amount, refunded, currency) in the workspace's currency, or None when the row has no
    amount in it."""
    converted = row.get("Converted Currency").strip().upper()
    if converted == ctx.currency and row.get("Converted Amount").strip():
        return (money(row["Converted Amount"], "."),
                fee_or_zero(row.get("Converted Amount Refunded"), "."), converted)
    currency = row["Currency"].strip().upper()
    if currency == ctx.currency:
        return money(row["Amount"], "."), fee_or_zero(row["Amount Refunded"], "."), currency
    return None


def payment(row: Row, ctx: ImportContext, created: str) -> Verdict:
    """One payment: the charge with its fee, and its refund when it has one."""
    if row.get("Mode").strip().lower() == "test":
        return "test"
    status = row["Status"].strip().lower()
    if status in NOT_PAID or row.get("Captured").strip().lower() in FALSE:
        return "not_completed"
    amounts = _in_currency(row, ctx)
    if amounts is None:
        return Record(line=row.line, occurred_on=local_day(row[created], ctx.timezone, *TIMESTAMPS),
                      kind="sale", amount=money(row["Amount"], "."),
                      currency=row["Currency"].strip().upper())  # skipped: another currency
    amount, refunded, currency = amounts
    if amount == 0:
        return "zero"
    payment_id = row["id"]
    day = local_day(row[created], ctx.timezone, *TIMESTAMPS)
    common = {"currency": currency, "order_id": row.get("Invoice ID") or payment_id,
              "counterparty": plain(row.get("Customer Description")), "mutable": True}
    fee = fee_or_zero(row["Fee"], ".") + fee_or_zero(row.get("Taxes On Fee"), ".")
    sale = Record(line=row.line, occurred_on=day, kind="sale", amount=amount, fee=fee,
                  source_id=f"payment:{payment_id}", purpose=plain(row.get("Description")),
                  customer=row.get("Customer Email") or row.get("Customer ID") or None, **common)
    if refunded <= 0:
        return sale
    refunded_on = row.get("Refunded date (UTC)").strip()
    refund_day = local_day(refunded_on, ctx.timezone, *TIMESTAMPS) if refunded_on else day
    return [sale, Record(line=row.line, occurred_on=refund_day, kind="refund", amount=-refunded,
                         source_id=f"payment:{payment_id}:refund", purpose="Amount Refunded",
                         **common)]


def _profile(created: str) -> CsvProfile:
    return CsvProfile(name="stripe", family="processor",
                      convert=lambda row, ctx: payment(row, ctx, created),
                      required=frozenset({"id", created, "Amount", "Amount Refunded", "Currency",
                                          "Fee", "Status"}))


PAYMENTS_EXPORT = _profile("Created date (UTC)")
PAYMENTS_EXPORT_OLD = _profile("Created (UTC)")
