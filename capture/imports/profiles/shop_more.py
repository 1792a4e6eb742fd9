"""Shopify Payments transactions and WooCommerce orders (WebToffee / plugin columns).

Shopify Payments (`payment_transactions_export`): charges and negative refunds with a `Fee`,
no row id (keyed by content: date, type, order, amount, checkout). WooCommerce order exports
carry `order_id`, `status`, `order_total`, `tax_total`; orders change later (refunds), so they
are keyed by order and updated in place.
"""

from __future__ import annotations

from capture.imports.cells import fee_or_zero, local_day, money, plain
from capture.imports.profile import CsvProfile, Verdict
from capture.imports.profiles.shopify import refund_tax
from capture.imports.reading import Row
from capture.imports.records import ImportContext, Record

TIMESTAMPS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
PAYMENT_KINDS = {"charge": "sale", "refund": "refund", "chargeback": "refund",
                 "chargeback_won": "refund", "payout": "transfer"}
WOO_PAID = {"completed", "processing", "refunded"}
WOO_UNPAID = {"pending", "on-hold", "failed", "cancelled", "checkout-draft"}
WOO_TIMES = ("%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


def shopify_payment(row: Row, ctx: ImportContext) -> Verdict:
    """One Shopify Payments transaction: a charge or refund with its fee."""
    amount, fee = money(row["Amount"], "."), fee_or_zero(row["Fee"], ".")
    if amount == 0 and fee == 0:
        return "zero"
    kind = PAYMENT_KINDS.get(row["Type"].lower(), "other")
    return Record(line=row.line,
                  occurred_on=local_day(row["Transaction Date"], ctx.timezone, *TIMESTAMPS),
                  kind=kind, amount=amount, currency=row["Currency"].upper(), fee=fee,
                  purpose=plain(f"{row['Type']} {row['Order']} {row['Checkout']}"),
                  order_id=row["Order"] or None)


def woocommerce_order(row: Row, ctx: ImportContext) -> Verdict:
    """One WooCommerce order: the sale, and its refund when one is exported."""
    status = row["status"].lower().removeprefix("wc-")
    if status in WOO_UNPAID:
        return "unpaid"
    if status not in WOO_PAID:
        return "not_completed"
    total = money(row["order_total"], ".")
    tax = fee_or_zero(row["tax_total"], ".") + fee_or_zero(row["shipping_tax_total"], ".")
    refunded = fee_or_zero(row["refunded_total"] or row["order_refunds"], ".")
    if status == "refunded" and refunded == 0:
        refunded = total
    if total == 0:
        return "zero"
    common = {"occurred_on": local_day(row["order_date"], ctx.timezone, *WOO_TIMES,
                                       naive_zone=ctx.timezone),
              "currency": (row["order_currency"] or ctx.currency).upper(),
              "order_id": row["order_number"] or row["order_id"], "mutable": True,
              "counterparty": plain(f"{row['billing_first_name']} {row['billing_last_name']}")}
    sale = Record(line=row.line, kind="sale", amount=total, tax=tax,
                  source_id=f"order:{row['order_id']}", customer=row["customer_email"] or None,
                  purpose=plain(row["payment_method_title"]), **common)
    if refunded <= 0:
        return sale
    return [sale, Record(line=row.line, kind="refund", amount=-abs(refunded),
                         tax=-refund_tax(abs(refunded), total, tax),
                         source_id=f"order:{row['order_id']}:refund", purpose="refunded_total",
                         **common)]


SHOPIFY_PAYMENTS = CsvProfile(
    name="shopify_payments", family="processor", convert=shopify_payment,
    required=frozenset({"Transaction Date", "Type", "Order", "Amount", "Fee", "Net",
                        "Payout Status", "Currency"}))
WOOCOMMERCE = CsvProfile(
    name="woocommerce", family="shop", convert=woocommerce_order,
    required=frozenset({"order_id", "order_date", "status", "order_total", "tax_total"}))
