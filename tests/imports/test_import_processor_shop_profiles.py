"""Stripe, PayPal and Shopify exports become records by the rules of imported rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from capture.imports.detect import read_text
from tests.imports.exports import BERLIN_EUR, read_fixture


def _by_id(parsed):
    return {record.source_id: record for _, record in parsed.records}


def test_stripe_balance_report_charges_refunds_fees_and_payouts():
    parsed = read_fixture("stripe_balance.csv")
    rows = _by_id(parsed)

    assert (parsed.source, parsed.family, parsed.rows) == ("stripe", "processor", 5)
    charge = rows["txn_3Q9aB1"]
    assert (charge.kind, charge.amount, charge.fee, charge.currency) == (
        "sale", Decimal("49.00"), Decimal("0.99"), "EUR")
    assert charge.customer == "Anna@Example.de"
    assert rows["txn_3Q9aC7"].kind == "refund" and rows["txn_3Q9aC7"].amount == Decimal("-19.00")
    assert rows["txn_3Q9aF1"].kind == "fee" and rows["txn_3Q9aF1"].fee == Decimal("2.50")
    assert rows["txn_3Q9aD2"].kind == "transfer"
    assert [key for key, _ in parsed.records][0] == "id:txn_3Q9aB1"


def test_stripe_utc_timestamps_are_dated_in_the_workspace_timezone():
    late_charge = _by_id(read_fixture("stripe_balance.csv"))["txn_3Q9aB2"]

    assert late_charge.occurred_on == date(2026, 3, 4)  # 23:30 UTC is the next day in Berlin


def test_stripe_dashboard_export_is_read_by_its_title_case_header():
    text = ("id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
            "txn_1,charge,ch_1,25.00,0.60,24.40,eur,2026-03-02 10:00,2026-03-04 00:00,Order 7\n"
            "txn_2,payout,po_1,-24.40,0.00,-24.40,eur,2026-03-05 00:00,2026-03-05 00:00,PAYOUT\n")
    parsed = read_text(text, BERLIN_EUR)

    assert parsed.source == "stripe"
    assert [(r.kind, r.amount, r.fee) for _, r in parsed.records] == [
        ("sale", Decimal("25.00"), Decimal("0.60")), ("transfer", Decimal("-24.40"), Decimal("0.00"))]


def test_paypal_german_download_skips_memo_cart_and_pending_rows():
    parsed = read_fixture("paypal_de.csv")
    rows = _by_id(parsed)

    assert parsed.source == "paypal"
    assert dict(parsed.skipped) == {"memo": 1, "pending": 1}
    sale = rows["7AB12345CD678901E"]
    assert (sale.kind, sale.amount, sale.fee, sale.tax) == (
        "sale", Decimal("1190.00"), Decimal("23.20"), Decimal("190.00"))
    assert sale.occurred_on == date(2026, 3, 18)
    refund = rows["9ZY87654XW321098V"]
    assert (refund.kind, refund.amount, refund.fee) == ("refund", Decimal("-20.00"), Decimal("-0.53"))
    assert rows["5WD00000000000001"].kind == "transfer"


def test_paypal_english_download_reads_month_first_dates_and_dot_decimals():
    parsed = read_fixture("paypal_en.csv")
    rows = _by_id(parsed)

    sale = rows["8AB12345CD678901E"]
    assert sale.occurred_on == date(2026, 3, 18)
    assert (sale.amount, sale.tax, sale.fee) == (Decimal("1190.00"), Decimal("190.00"), Decimal("23.20"))
    assert parsed.skipped["currency"] == 1  # the USD conversion leg has no EUR amount


def test_paypal_german_statement_layout_is_recognised_too():
    text = ('"Datum","Uhrzeit","Zeitzone","Beschreibung","Währung","Brutto","Entgelt","Netto",'
            '"Guthaben","Transaktionscode","Absender E-Mail-Adresse","Name"\n'
            '"02.03.2026","10:00:00","CET","Zahlung erhalten","EUR","50,00","-1,60","48,40",'
            '"48,40","1ST00000000000001","k@example.de","Kundin"\n')
    parsed = read_text(text, BERLIN_EUR)

    assert [(r.kind, r.amount, r.fee) for _, r in parsed.records] == [
        ("sale", Decimal("50.00"), Decimal("1.60"))]


def test_shopify_orders_group_line_items_and_split_refunds():
    parsed = read_fixture("shopify_orders.csv")
    records = [record for _, record in parsed.records]

    assert (parsed.source, parsed.family) == ("shopify", "shop")
    assert parsed.skipped == {"unpaid": 1}
    assert [(r.order_id, r.kind, r.amount, r.tax) for r in records] == [
        ("#1042", "sale", Decimal("46.90"), Decimal("7.49")),
        ("#1043", "sale", Decimal("100.00"), Decimal("15.97")),
        ("#1043", "refund", Decimal("-25.00"), Decimal("-3.99")),
        ("#1045", "sale", Decimal("20.00"), Decimal("3.19")),
    ]
    assert all(record.mutable for record in records)
    assert records[-1].occurred_on == date(2026, 3, 6)  # 23:30 +0000 is Friday in Berlin
