"""More German bank CSVs: Commerzbank, N26, Volksbank/Raiffeisen (Atruvia) and DKB's old export.

Commerzbank (UTF-8 with BOM, `;`, `dd.mm.yyyy`) puts the counterparty inside `Buchungstext`;
N26 (`,`, ISO dates, dot decimals) gives the euro amount of foreign payments in `Amount (EUR)`;
Atruvia banks write `;`, `dd.mm.yyyy` and a running balance; DKB before 2023 `dd.mm.yyyy`.
"""

from __future__ import annotations

from capture.imports.cells import day, money
from capture.imports.profile import CsvProfile, Verdict
from capture.imports.profiles.banks import bank_line, bank_record
from capture.imports.reading import Row
from capture.imports.records import ImportContext


def commerzbank(row: Row, ctx: ImportContext) -> Verdict:
    """Commerzbank: the counterparty and references are part of `Buchungstext`."""
    return bank_record(row, when=row["Buchungstag"], formats=("%d.%m.%Y",), amount=row["Betrag"],
                       currency=row["Währung"], counterparty="", purpose=row["Buchungstext"],
                       account=row["IBAN Kontoinhaber"] or row["IBAN Auftraggeberkonto"])


def n26(row: Row, ctx: ImportContext) -> Verdict:
    """N26, current and older English and German headers; amounts in euros."""
    amount = row["Amount (EUR)"] or row["Betrag (EUR)"]
    return bank_line(row.line, day(row["Booking Date"] or row["Date"] or row["Datum"], "%Y-%m-%d"),
                     money(amount, "."), "EUR",
                     row["Partner Name"] or row["Payee"] or row["Empfänger"],
                     row["Payment Reference"] or row["Payment reference"] or row["Verwendungszweck"])


def volksbank(row: Row, ctx: ImportContext) -> Verdict:
    """Volksbank, Raiffeisen, Sparda, GLS (Atruvia layout)."""
    return bank_record(row, when=row["Buchungstag"], formats=("%d.%m.%Y", "%d.%m.%y"),
                       amount=row["Betrag"], currency=row["Waehrung"],
                       counterparty=row["Name Zahlungsbeteiligter"],
                       purpose=row["Verwendungszweck"], account=row["IBAN Auftragskonto"])


def dkb_before_2023(row: Row, ctx: ImportContext) -> Verdict:
    """DKB's export before 2023 (ISO-8859-1, `Auftraggeber / Begünstigter`)."""
    return bank_record(row, when=row["Buchungstag"], formats=("%d.%m.%Y",),
                       amount=row["Betrag (EUR)"], currency="EUR",
                       counterparty=row["Auftraggeber / Begünstigter"],
                       purpose=row["Verwendungszweck"])


COMMERZBANK = CsvProfile(
    name="commerzbank", family="bank", convert=commerzbank, delimiters=(";",),
    required=frozenset({"Buchungstag", "Wertstellung", "Umsatzart", "Buchungstext", "Betrag",
                        "Währung"}))
N26_CURRENT = CsvProfile(
    name="n26", family="bank", convert=n26,
    required=frozenset({"Booking Date", "Partner Name", "Payment Reference", "Amount (EUR)"}))
N26_ENGLISH = CsvProfile(
    name="n26", family="bank", convert=n26,
    required=frozenset({"Date", "Payee", "Transaction type", "Payment reference",
                        "Amount (EUR)"}))
N26_GERMAN = CsvProfile(
    name="n26", family="bank", convert=n26,
    required=frozenset({"Datum", "Empfänger", "Transaktionstyp", "Verwendungszweck",
                        "Betrag (EUR)"}))
VOLKSBANK = CsvProfile(
    name="volksbank", family="bank", convert=volksbank, delimiters=(";",),
    required=frozenset({"IBAN Auftragskonto", "Buchungstag", "Name Zahlungsbeteiligter",
                        "Verwendungszweck", "Betrag", "Waehrung"}))
DKB_BEFORE_2023 = CsvProfile(
    name="dkb", family="bank", convert=dkb_before_2023, delimiters=(";",),
    required=frozenset({"Buchungstag", "Auftraggeber / Begünstigter", "Verwendungszweck",
                        "Betrag (EUR)"}))
