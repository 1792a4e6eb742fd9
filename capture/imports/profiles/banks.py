"""German bank CSVs: Sparkasse (CSV-CAMT and CSV-MT940), DKB (since 2023), ING (current and old).

All `;`-separated (DKB also `,`), decimal comma, day before month. No bank gives a row id, so
rows are keyed by content. Pending rows are skipped; lines from or to a payment processor are
transfers; other lines are money in or out, for rules to assign.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from capture.imports.cells import day, money, plain
from capture.imports.profile import CsvProfile, Verdict, moves_processor_money
from capture.imports.reading import Row
from capture.imports.records import ImportContext, Record


def bank_line(line: int, occurred_on: date, value: Decimal, currency: str, counterparty: str,
              purpose: str, account: str = "", source_id: str | None = None) -> Verdict:
    """A bank line: a transfer when a processor is on the other side, else money in or out."""
    if value == 0:
        return "zero"
    name, text = plain(counterparty), plain(purpose)
    direction = "money_in" if value > 0 else "money_out"
    kind = "transfer" if moves_processor_money(name, text) else direction
    return Record(line=line, occurred_on=occurred_on, kind=kind, amount=value,
                  currency=(currency or "EUR").upper(), counterparty=name, purpose=text,
                  account=account, source_id=source_id)


def bank_record(row: Row, *, when: str, formats: tuple[str, ...], amount: str, currency: str,
                counterparty: str, purpose: str, account: str = "") -> Verdict:
    """A CSV bank row: its amount with a decimal comma, its date in the bank's fixed order."""
    return bank_line(row.line, day(when, *formats), money(amount, ","), currency, counterparty,
                     purpose, account)


def sparkasse(row: Row, ctx: ImportContext) -> Verdict:
    """Sparkasse CSV-CAMT (V2, V8) or CSV-MT940: `Info` tells booked from pending rows."""
    if row["Info"].lower() == "umsatz vorgemerkt":
        return "pending"
    return bank_record(row, when=row["Buchungstag"], formats=("%d.%m.%y", "%d.%m.%Y"),
                       amount=row["Betrag"], currency=row["Waehrung"],
                       counterparty=row["Beguenstigter/Zahlungspflichtiger"],
                       purpose=row["Verwendungszweck"], account=row["Auftragskonto"])


def dkb(row: Row, ctx: ImportContext) -> Verdict:
    """DKB since 2023: only `Gebucht` rows; the counterparty column depends on the direction."""
    if row["Status"].lower() != "gebucht":
        return "pending"
    incoming = row["Umsatztyp"].lower() == "eingang" or (
        not row["Umsatztyp"] and not row["Betrag (€)"].strip().startswith("-"))
    name = row["Zahlungspflichtige*r"] if incoming else row["Zahlungsempfänger*in"]
    return bank_record(row, when=row["Buchungsdatum"], formats=("%d.%m.%y", "%d.%m.%Y"),
                       amount=row["Betrag (€)"], currency="EUR", counterparty=name,
                       purpose=row["Verwendungszweck"])


def ing(row: Row, ctx: ImportContext) -> Verdict:
    """ING: booked rows only; the old layout names `Währung` twice (the second is Betrag's)."""
    currency = row["Währung#2"] or row["Währung"]
    return bank_record(row, when=row["Buchung"], formats=("%d.%m.%Y",), amount=row["Betrag"],
                       currency=currency, counterparty=row["Auftraggeber/Empfänger"],
                       purpose=row["Verwendungszweck"])


SPARKASSE = CsvProfile(
    name="sparkasse", family="bank", convert=sparkasse, delimiters=(";",),
    required=frozenset({"Auftragskonto", "Buchungstag", "Verwendungszweck",
                        "Beguenstigter/Zahlungspflichtiger", "Betrag", "Waehrung", "Info"}))
DKB = CsvProfile(
    name="dkb", family="bank", convert=dkb, delimiters=(";", ","),
    required=frozenset({"Buchungsdatum", "Status", "Zahlungspflichtige*r",
                        "Zahlungsempfänger*in", "Verwendungszweck", "Betrag (€)"}))
ING = CsvProfile(
    name="ing", family="bank", convert=ing, delimiters=(";",),
    required=frozenset({"Buchung", "Auftraggeber/Empfänger", "Buchungstext",
                        "Verwendungszweck", "Betrag", "Währung"}))
