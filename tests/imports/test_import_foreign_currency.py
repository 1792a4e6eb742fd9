"""Rows in another currency are stored only with their converted amount: a PayPal payment by
its conversion rows (which are then skipped as `conversion`), a Stripe balance-report row as the
balance currency states it; a row no amount converts is skipped and counted as `currency`."""

from __future__ import annotations

from decimal import Decimal

from tests.imports.exports import read_text_fixture

PAYPAL_EN = ('"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
             '"From Email Address","To Email Address","Transaction ID","Item Title","Sales Tax",'
             '"Reference Txn ID","Invoice Number","Balance","Subject","Balance Impact"\n')


def paypal_row(kind: str, currency: str, gross: str, fee: str, code: str, related: str = "",
               name: str = "Buyer Inc", tax: str = "0.00", impact: str = "Credit") -> str:
    net = str(Decimal(gross) + Decimal(fee))
    return (f'"03/18/2026","10:47:30","PDT","{name}","{kind}","Completed","{currency}","{gross}",'
            f'"{fee}","{net}","buyer@example.com","shop@example.de","{code}","Workshop","{tax}",'
            f'"{related}","","","Workshop","{impact}"\n')


def by_id(parsed):
    return {record.source_id: record for _, record in parsed.records}


def test_a_paypal_payment_in_dollars_takes_the_euro_leg_of_its_conversion():
    text = PAYPAL_EN + "".join([
        paypal_row("Website Payment", "USD", "100.00", "-3.20", "PAYUSD1", tax="10.00"),
        paypal_row("General Currency Conversion", "USD", "-96.80", "0.00", "CONV1", "PAYUSD1",
                   name="", impact="Debit"),
        paypal_row("General Currency Conversion", "EUR", "88.50", "0.00", "CONV2", "PAYUSD1",
                   name=""),
    ])

    parsed = read_text_fixture(text)

    [(_, sale)] = parsed.records
    assert (sale.kind, sale.currency, sale.source_id) == ("sale", "EUR", "PAYUSD1")
    assert sale.amount == Decimal("91.43")  # 100 USD at 88.50 / 96.80
    assert sale.amount - sale.fee == Decimal("88.50")  # what reached the balance, to the cent
    assert sale.tax == Decimal("9.14")
    assert parsed.skipped == {"conversion": 2}


def test_a_refund_in_dollars_is_converted_with_its_sign():
    text = PAYPAL_EN + "".join([
        paypal_row("Payment Refund", "USD", "-20.00", "0.53", "REFUSD1"),
        paypal_row("General Currency Conversion", "EUR", "-17.80", "0.00", "CONV3", "REFUSD1",
                   name="", impact="Debit"),
        paypal_row("General Currency Conversion", "USD", "19.47", "0.00", "CONV4", "REFUSD1",
                   name=""),
    ])

    refund = by_id(read_text_fixture(text))["REFUSD1"]

    assert (refund.kind, refund.currency, refund.amount) == ("refund", "EUR", Decimal("-18.28"))
    assert refund.amount - refund.fee == Decimal("-17.80")


def test_a_payment_without_a_conversion_is_skipped_as_another_currency():
    text = PAYPAL_EN + "".join([
        paypal_row("Website Payment", "EUR", "50.00", "-1.20", "PAYEUR1"),
        paypal_row("Website Payment", "USD", "100.00", "-3.20", "PAYUSD2"),  # kept in dollars
        paypal_row("General Currency Conversion", "EUR", "500.00", "0.00", "CONV5", "",
                   name=""),  # a conversion of the balance, of no payment: a transfer
    ])

    parsed = read_text_fixture(text)

    assert set(by_id(parsed)) == {"PAYEUR1", "CONV5"}
    assert by_id(parsed)["CONV5"].kind == "transfer"
    assert parsed.skipped == {"currency": 1}


def test_a_stripe_balance_row_of_a_dollar_charge_is_stored_as_the_balance_states_it():
    text = ("balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,"
            "reporting_category,description,customer_facing_amount,customer_facing_currency\n"
            "txn_USD1,2026-03-02 09:14:07,2026-03-04 00:00:00,eur,46.10,1.10,45.00,charge,"
            "Order 1043,50.00,usd\n"
            "txn_USD2,2026-03-02 09:20:00,2026-03-04 00:00:00,usd,50.00,1.20,48.80,charge,"
            "Order 1044,50.00,usd\n")

    parsed = read_text_fixture(text)

    assert [(r.source_id, r.amount, r.currency) for _, r in parsed.records] == [
        ("txn_USD1", Decimal("46.10"), "EUR")]
    assert parsed.skipped == {"currency": 1}  # a dollar balance: no euro amount in the row
