"""German bank CSVs, CAMT.053 and MT940 become bank lines; pending and zero rows are skipped."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.imports.exports import fixture_text_of, read_fixture, read_text_fixture


def _lines(parsed):
    return [(r.occurred_on, r.kind, r.amount, r.counterparty) for _, r in parsed.records]


def test_sparkasse_csv_camt_in_windows_1252_with_pending_zero_and_twin_rows():
    parsed = read_fixture("sparkasse_camt.csv")

    assert (parsed.source, parsed.family, parsed.rows) == ("sparkasse", "bank", 7)
    assert dict(parsed.skipped) == {"pending": 1, "zero": 1}
    assert _lines(parsed) == [
        (date(2026, 3, 5), "money_out", Decimal("-29.90"), "Hoster GmbH"),
        (date(2026, 3, 6), "transfer", Decimal("146.51"), "Stripe Technology Europe Ltd"),
        (date(2026, 3, 6), "money_out", Decimal("-3.20"), "Café Ecke"),
        (date(2026, 3, 6), "money_out", Decimal("-3.20"), "Café Ecke"),
        (date(2026, 3, 9), "money_in", Decimal("1500.00"), "Kunde GmbH"),
    ]
    twins = [key for key, record in parsed.records if record.counterparty == "Café Ecke"]
    assert twins[0].endswith(":1") and twins[1].endswith(":2") and twins[0][:-2] == twins[1][:-2]


def test_dkb_with_its_preamble_takes_the_counterparty_by_direction():
    parsed = read_fixture("dkb.csv")

    assert parsed.source == "dkb" and parsed.skipped == {"pending": 1}
    assert _lines(parsed) == [
        (date(2026, 3, 6), "money_out", Decimal("-238.00"), "Druckerei Beispiel GmbH"),
        (date(2026, 3, 7), "transfer", Decimal("1000.00"), "PayPal Europe S.a.r.l. et Cie S.C.A"),
    ]


def test_dkb_with_commas_instead_of_semicolons_is_the_same_profile():
    text = fixture_text_of("dkb.csv").replace('";"', '","')

    assert _lines(read_text_fixture(text)) == _lines(read_fixture("dkb.csv"))


def test_ing_current_layout_past_its_long_preamble():
    parsed = read_fixture("ing.csv")

    assert parsed.source == "ing"
    assert _lines(parsed) == [
        (date(2026, 3, 6), "money_out", Decimal("-18.50"), "VISA Beispiel Shop"),
        (date(2026, 3, 5), "transfer", Decimal("2345.60"), "Shopify International Ltd"),
    ]


def test_ing_old_layout_takes_the_currency_next_to_the_amount():
    parsed = read_fixture("ing_old.csv")

    assert [(r.amount, r.currency) for _, r in parsed.records] == [(Decimal("-18.50"), "EUR")]


@pytest.mark.parametrize("name", ["camt053_v02.xml", "camt053_v08.xml"])
def test_camt053_versions_skip_pending_entries(name):
    parsed = read_fixture(name)

    assert (parsed.source, parsed.skipped) == ("camt053", {"pending": 1})
    assert len(parsed.records) == 2


def test_camt053_keys_by_the_banks_reference_at_entry_or_detail_level():
    v02 = read_fixture("camt053_v02.xml")
    v08 = read_fixture("camt053_v08.xml")

    assert [key for key, _ in v02.records] == ["id:2026030612345678", "id:2026030612345679"]
    assert v08.records[0][0] == "id:2026030900000001"
    assert v08.records[1][0].startswith("c:")  # no reference: a content key
    assert _lines(v02)[0] == (date(2026, 3, 6), "money_out", Decimal("-238.00"),
                              "Druckerei Beispiel GmbH")
    assert _lines(v08)[0][3] == "Kunde GmbH"


def test_mt940_uses_the_booking_date_and_drops_the_iban_from_the_name():
    parsed = read_fixture("mt940.sta")

    assert parsed.source == "mt940"
    assert _lines(parsed) == [
        (date(2026, 3, 6), "money_out", Decimal("-238.00"), "Druckerei Beispiel GmbH"),
        (date(2026, 3, 9), "transfer", Decimal("146.51"), "Stripe Technology Europe"),
        (date(2026, 3, 9), "money_out", Decimal("-3.20"), "Café Ecke"),
    ]
    assert [r.purpose for _, r in parsed.records][0] == "RE 2026-118 Flyer"
