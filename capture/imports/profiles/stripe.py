"""Stripe: the balance report (snake_case) and the older dashboard "All activity" export.

Comma-separated, dot decimals, timestamps in UTC. `gross` is signed, the processing fee sits on
the charge row (positive), Stripe's own fees are rows of category `fee`, payouts are transfers.
"""

from __future__ import annotations

from capture.imports.cells import fee_or_zero, local_day, money, plain
from capture.imports.profile import CsvProfile, Verdict
from capture.imports.reading import Row
from capture.imports.records import ImportContext, Record

SALES = {"charge", "payment"}
REFUNDS = {"refund", "payment_refund", "refund_failure", "dispute", "dispute_reversal",
           "partial_capture_reversal"}
FEES = {"fee", "stripe_fee", "application_fee", "tax", "network_cost"}
TRANSFERS = {"payout", "payout_reversal", "payout_failure", "transfer", "transfer_reversal",
             "topup", "topup_reversal"}
TIMESTAMPS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S%z", "%m/%d/%Y %H:%M")


def kind_of(category: str) -> str:
    """What a Stripe reporting category or type is in northstar's terms."""
    category = category.lower()
    if category in SALES:
        return "sale"
    if category in REFUNDS:
        return "refund"
    if category in FEES:
        return "fee"
    return "transfer" if category in TRANSFERS else "other"


def _record(row: Row, ctx: ImportContext, *, identifier: str, category: str, gross: str,
            fee: str, currency: str, created: str, customer: str, name: str,
            order: str) -> Verdict:
    amount = money(gross, ".")
    kind = kind_of(category)
    if amount == 0 and fee_or_zero(fee, ".") == 0:
        return "zero"
    charged = -amount if kind == "fee" else fee_or_zero(fee, ".")
    return Record(
        line=row.line, occurred_on=local_day(created, ctx.timezone, *TIMESTAMPS), kind=kind,
        amount=amount, currency=currency.upper(), source_id=identifier, fee=charged,
        counterparty=plain(name), purpose=plain(row.get("description") or row.get("Description")),
        order_id=order or None, customer=customer or None)


def balance_row(row: Row, ctx: ImportContext) -> Verdict:
    """A row of the balance report (`balance_change_from_activity.itemized`)."""
    return _record(row, ctx, identifier=row["balance_transaction_id"],
                   category=row["reporting_category"], gross=row["gross"], fee=row["fee"],
                   currency=row["currency"], created=row["created_utc"] or row["created"],
                   customer=row["customer_email"] or row["customer_id"],
                   name=row["customer_name"], order=row["payment_intent_id"] or row["charge_id"])


def activity_row(row: Row, ctx: ImportContext) -> Verdict:
    """A row of the dashboard's "Balance / All activity" export."""
    return _record(row, ctx, identifier=row["id"], category=row["Type"], gross=row["Amount"],
                   fee=row["Fee"], currency=row["Currency"], created=row["Created (UTC)"],
                   customer="", name="", order=row["Source"])


BALANCE_REPORT = CsvProfile(
    name="stripe", family="processor", convert=balance_row,
    required=frozenset({"balance_transaction_id", "currency", "gross", "fee",
                        "reporting_category"}))
ACTIVITY_EXPORT = CsvProfile(
    name="stripe", family="processor", convert=activity_row,
    required=frozenset({"id", "Type", "Amount", "Fee", "Net", "Currency", "Created (UTC)"}))
