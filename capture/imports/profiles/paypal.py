"""PayPal: the activity download in German and English, and the German "Kontoauszug" layout.

Comma-separated and quoted; German files write `1.234,56` and `dd.mm.yyyy`, English ones
`1,234.56` and `MM/DD/YYYY`. `Brutto` is signed, `Gebühr` is negative when charged. Memo rows
and cart items move no money; conversions, withdrawals and top-ups are transfers. A payment in
another currency takes its converted amount from its conversion rows (profiles/conversions.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from capture.imports.cells import day, fee_or_zero, money, plain
from capture.imports.profile import CsvProfile, Verdict, convert_row
from capture.imports.profiles.conversions import Item, is_conversion, with_conversions
from capture.imports.reading import Row
from capture.imports.records import ImportContext, Record

DONE = {"abgeschlossen", "completed", "erstattet", "refunded", "teilweise erstattet",
        "partially refunded", "reversed", "storniert"}
PENDING = {"ausstehend", "pending", "offen", "in bearbeitung", "processing", "unclaimed",
           "nicht beansprucht"}
CART = ("warenkorb", "shopping cart")
REFUND = ("rückzahlung", "rückerstattung", "erstattung", "refund", "reversal", "rückbuchung",
          "chargeback")
TRANSFER = ("währungsumrechnung", "currency conversion", "abbuchung", "auszahlung",
            "withdrawal", "bankgutschrift", "bank deposit", "überweisung", "transfer",
            "einzahlung", "einbehalt", "hold on", "account hold", "reserve")


@dataclass(frozen=True)
class Columns:
    """One language's names for the columns a PayPal row is read from."""

    date: str
    type: str
    status: str
    currency: str
    gross: str
    fee: str
    name: str
    sender: str
    id: str
    tax: str
    impact: str
    subject: str
    invoice: str
    related: str
    decimal: str
    date_format: str


GERMAN = Columns("Datum", "Typ", "Status", "Währung", "Brutto", "Gebühr", "Name",
                 "Absender E-Mail-Adresse", "Transaktionscode", "Umsatzsteuer",
                 "Auswirkung auf Guthaben", "Betreff", "Rechnungsnummer",
                 "Zugehöriger Transaktionscode", ",", "%d.%m.%Y")
ENGLISH = Columns("Date", "Type", "Status", "Currency", "Gross", "Fee", "Name",
                  "From Email Address", "Transaction ID", "Sales Tax", "Balance Impact",
                  "Subject", "Invoice Number", "Reference Txn ID", ".", "%m/%d/%Y")
STATEMENT = Columns("Datum", "Beschreibung", "Status", "Währung", "Brutto", "Entgelt", "Name",
                    "Absender E-Mail-Adresse", "Transaktionscode", "Umsatzsteuer",
                    "Auswirkung auf Guthaben", "Betreff", "Rechnungsnummer",
                    "Zugehöriger Transaktionscode", ",", "%d.%m.%Y")


def kind_of(kind: str, gross) -> str:
    """What a PayPal transaction type is in northstar's terms (by words, then by sign)."""
    kind = kind.lower()
    if any(word in kind for word in REFUND):
        return "refund"
    if any(word in kind for word in TRANSFER):
        return "transfer"
    return "sale" if gross > 0 else "money_out"


def reader(columns: Columns):
    """The row converter of one layout."""

    def convert(row: Row, ctx: ImportContext) -> Verdict:
        status = row[columns.status].lower()
        kind_text = row[columns.type]
        if row[columns.impact].lower() == "memo":
            return "memo"
        if any(word in kind_text.lower() for word in CART):
            return "cart_item"
        if status in PENDING:
            return "pending"
        if status and status not in DONE:
            return "not_completed"
        gross = money(row[columns.gross], columns.decimal)
        fee = fee_or_zero(row[columns.fee], columns.decimal)
        if gross == 0 and fee == 0:
            return "zero"
        kind = kind_of(kind_text, gross)
        tax = fee_or_zero(row[columns.tax], columns.decimal)
        return Record(
            line=row.line, occurred_on=day(row[columns.date], columns.date_format), kind=kind,
            amount=gross, currency=row[columns.currency].upper(), source_id=row[columns.id],
            fee=-fee, tax=-tax if kind == "refund" and tax > 0 else tax,
            counterparty=plain(row[columns.name]),
            purpose=plain(row[columns.subject] or kind_text),
            order_id=row[columns.invoice] or None,
            customer=(row[columns.sender] or None) if kind == "sale" else None)

    return convert


def grouped(columns: Columns):
    """The rows of one layout, payments in another currency converted by their conversion rows
    (the whole file is read first: a conversion may come before or after its payment)."""
    convert = reader(columns)

    def group(rows: Iterable[Row], ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
        items = [Item(row.line, convert_row(convert, row, ctx), row.get(columns.related),
                      is_conversion(row.get(columns.type))) for row in rows]
        yield from with_conversions(items, ctx)

    return group


def _profile(columns: Columns) -> CsvProfile:
    return CsvProfile(name="paypal", family="processor", convert=reader(columns),
                      group=grouped(columns),
                      required=frozenset({columns.date, columns.type, columns.currency,
                                          columns.gross, columns.fee, columns.id}))


ACTIVITY_DE = _profile(GERMAN)
ACTIVITY_EN = _profile(ENGLISH)
STATEMENT_DE = _profile(STATEMENT)
