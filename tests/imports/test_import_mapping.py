"""Mappings read layouts no profile knows: signed or debit/credit columns, fixed formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from capture.imports.detect import read_text
from capture.imports.mapping import MappedProfile, fingerprint, parse_mapping
from capture.imports.records import ImportRefused
from tests.imports.exports import BERLIN_EUR

BANK = ("Kontoauszug Meine Bank\n"
        "Datum;Text;Empfaenger;Soll;Haben\n"
        "01.03.2026;Kaffee;Cafe;3,20;\n"
        "02.03.2026;Rechnung 7;Kunde GmbH;;1.500,00\n")


def _read(spec: str, text: str = BANK):
    profile = MappedProfile("meinebank", parse_mapping(spec))
    return read_text(text, BERLIN_EUR, "meinebank", extra=(profile,))


def test_debit_and_credit_columns_become_signed_bank_lines_past_a_preamble():
    parsed = _read("date=Datum,debit=Soll,credit=Haben,description=Text,counterparty=Empfaenger")

    assert (parsed.source, parsed.family) == ("meinebank", "bank")
    assert [(r.occurred_on, r.kind, r.amount, r.counterparty) for _, r in parsed.records] == [
        (date(2026, 3, 1), "money_out", Decimal("-3.20"), "Cafe"),
        (date(2026, 3, 2), "money_in", Decimal("1500.00"), "Kunde GmbH")]


def test_date_format_and_decimal_mark_come_from_the_mapping():
    text = "date,amount,memo\n2026-03-01,-3.20,Kaffee\n"
    parsed = _read("date=date,amount=amount,description=memo,date_format=%Y-%m-%d,decimal=.", text)

    assert [(r.occurred_on, r.amount, r.purpose) for _, r in parsed.records] == [
        (date(2026, 3, 1), Decimal("-3.20"), "Kaffee")]


def test_a_trailing_decimal_comma_is_read_as_the_comma_mark():
    assert parse_mapping("date=D,amount=B,decimal=,").decimal == ","


@pytest.mark.parametrize("spec", ["amount=Betrag", "date=Datum", "date=Datum,betrag=Betrag",
                                  "date=Datum,debit=Soll", "date=Datum,amount=B,decimal=;"])
def test_incomplete_or_unknown_mappings_are_refused(spec):
    with pytest.raises(ImportRefused) as caught:
        parse_mapping(spec)
    assert caught.value.code == "import_map_invalid"


def test_a_saved_mapping_reads_only_the_header_it_was_made_for():
    mapping = parse_mapping("date=Datum,debit=Soll,credit=Haben")
    saved = MappedProfile("meinebank", mapping,
                          fingerprint(["Datum", "Text", "Empfaenger", "Soll", "Haben"]))

    assert saved.recognise(BANK) is not None
    assert saved.recognise(BANK.replace(";Haben", ";Haben;Saldo")) is None
    assert parse_mapping(mapping.spec()) == mapping
