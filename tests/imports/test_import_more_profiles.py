"""Commerzbank, N26, Volksbank, DKB before 2023, Shopify Payments and WooCommerce exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.imports.exports import read_fixture


def _lines(parsed):
    return [(r.occurred_on, r.kind, r.amount, r.fee, r.tax) for _, r in parsed.records]


def test_commerzbank_skips_zero_statement_lines_and_sees_processors_in_the_text():
    parsed = read_fixture("commerzbank.csv")

    assert (parsed.source, parsed.skipped) == ("commerzbank", {"zero": 1})
    assert [(r.kind, r.amount) for _, r in parsed.records] == [
        ("money_out", Decimal("-39.99")), ("transfer", Decimal("210.5"))]  # a Mollie payout


def test_n26_takes_the_euro_amount_of_a_foreign_payment():
    parsed = read_fixture("n26.csv")

    assert parsed.source == "n26" and parsed.skipped == {}
    assert [(r.amount, r.currency, r.counterparty) for _, r in parsed.records] == [
        (Decimal("-12.99"), "EUR", "Cloud Anbieter Ltd"), (Decimal("250.00"), "EUR", "Kunde GmbH")]


def test_volksbank_atruvia_layout():
    parsed = read_fixture("volksbank.csv")

    assert parsed.source == "volksbank"
    assert [(r.occurred_on, r.amount, r.counterparty, r.purpose) for _, r in parsed.records] == [
        (date(2026, 3, 5), Decimal("-850.00"), "Büro Miete KG", "Miete März")]


def test_dkb_before_2023_with_its_preamble_and_trailing_semicolons():
    parsed = read_fixture("dkb_before_2023.csv")

    assert parsed.source == "dkb" and not parsed.errors
    assert [(r.occurred_on, r.amount) for _, r in parsed.records] == [
        (date(2022, 3, 7), Decimal("-29.90"))]


def test_shopify_payments_charges_carry_fees_and_refunds_are_negative():
    parsed = read_fixture("shopify_payments.csv")

    assert (parsed.source, parsed.family) == ("shopify_payments", "processor")
    assert _lines(parsed) == [
        (date(2026, 3, 2), "sale", Decimal("46.90"), Decimal("1.14"), Decimal(0)),
        (date(2026, 3, 3), "sale", Decimal("100.00"), Decimal("2.15"), Decimal(0)),
        (date(2026, 3, 10), "refund", Decimal("-25.00"), Decimal("0.00"), Decimal(0)),
    ]
    assert all(key.startswith("c:") for key, _ in parsed.records)  # no row id: content keys


def test_woocommerce_orders_with_tax_refunds_and_unpaid_orders():
    parsed = read_fixture("woocommerce.csv")

    assert (parsed.source, parsed.family, parsed.skipped) == ("woocommerce", "shop", {"unpaid": 1})
    assert _lines(parsed) == [
        (date(2026, 3, 2), "sale", Decimal("46.90"), Decimal(0), Decimal("7.49")),
        (date(2026, 3, 3), "sale", Decimal("100.00"), Decimal(0), Decimal("15.97")),
        (date(2026, 3, 3), "refund", Decimal("-100.00"), Decimal(0), Decimal("-15.97")),
    ]
    assert [key for key, _ in parsed.records] == ["id:order:4711", "id:order:4712",
                                                  "id:order:4712:refund"]
