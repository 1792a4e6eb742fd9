"""Stripe's payments export and WooCommerce's Analytics orders report: charges and orders keyed
by their id, refunds from the same row (Stripe) or their own rows (WooCommerce), other
currencies by the converted amount, unpaid, failed and test rows skipped."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.imports.exports import fixture_text_of, read_fixture, read_text_fixture


def by_id(parsed):
    return {record.source_id: record for _, record in parsed.records}


def test_stripe_payments_charges_refunds_and_converted_amounts():
    parsed = read_fixture("stripe_payments.csv")
    rows = by_id(parsed)

    assert (parsed.source, parsed.family, parsed.rows) == ("stripe", "processor", 5)
    assert set(rows) == {"payment:ch_3QaA1", "payment:ch_3QaA2", "payment:ch_3QaA2:refund",
                         "payment:ch_3QaA3"}
    charge = rows["payment:ch_3QaA2"]
    assert (charge.kind, charge.amount, charge.fee, charge.customer, charge.order_id) == (
        "sale", Decimal("120.00"), Decimal("1.93"), "ben@example.com", "in_77")
    refund = rows["payment:ch_3QaA2:refund"]
    assert (refund.kind, refund.amount, refund.occurred_on) == (
        "refund", Decimal("-20.00"), date(2026, 3, 3))
    dollars = rows["payment:ch_3QaA3"]
    assert (dollars.amount, dollars.currency, dollars.fee) == (Decimal("46.10"), "EUR",
                                                                 Decimal("1.10"))
    assert all(record.mutable for record in rows.values())
    assert parsed.skipped == {"not_completed": 1, "test": 1}


def test_a_stripe_payment_with_no_amount_in_the_workspace_currency_is_skipped():
    text = fixture_text_of("stripe_payments.csv").replace(
        "50.00,0.00,usd,46.10,0.00,1.10,0.00,eur", "50.00,0.00,usd,,,1.10,0.00,")

    parsed = read_text_fixture(text)

    assert "payment:ch_3QaA3" not in by_id(parsed) and parsed.skipped["currency"] == 1


def test_stripe_payments_older_header_with_created_utc():
    text = fixture_text_of("stripe_payments.csv").replace("Created date (UTC)", "Created (UTC)")

    assert read_text_fixture(text).source == "stripe"


def test_woocommerce_analytics_orders_and_refunds():
    parsed = read_fixture("woocommerce_analytics.csv")
    rows = by_id(parsed)

    assert (parsed.source, parsed.family, parsed.rows) == ("woocommerce", "shop", 5)
    assert rows["order:4801"].amount == Decimal("39.4") and rows["order:4801"].tax == 0
    assert rows["order:4801"].occurred_on == date(2026, 3, 2)
    assert (rows["order:4801:refund"].amount, rows["order:4801:refund"].occurred_on) == (
        Decimal("-12.61"), date(2026, 3, 6))
    assert rows["order:4802:refund"].amount == Decimal("-84.03")  # refunded whole
    assert rows["order:4803"].purpose == "1× Seife" and rows["order:4803"].counterparty == "Cara C"
    assert parsed.skipped == {"unpaid": 1}
    assert all(record.mutable for record in rows.values())


def test_woocommerce_refund_rows_of_one_order_are_summed_and_replace_a_whole_refund():
    text = fixture_text_of("woocommerce_analytics.csv") + (
        '2026-03-08 09:30:00,4801,"-€5.00",completed,Anna A,new,"1× Kerze",0,,-5,Direct\n'
        '2026-03-07 09:30:00,4802,"-€40.00",refunded,Ben B,returning,"2× Seife",0,,-40,Direct\n')

    rows = by_id(read_text_fixture(text))

    assert (rows["order:4801:refund"].amount, rows["order:4801:refund"].occurred_on) == (
        Decimal("-17.61"), date(2026, 3, 8))
    assert rows["order:4802:refund"].amount == Decimal("-40")
