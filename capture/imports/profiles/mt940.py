"""MT940 statements (SWIFT, German flavour), read with the `mt-940` library.

The booking (entry) date is the date that counts; `:86:` gives counterparty and purpose. German
banks rarely fill the bank reference, so lines are keyed by content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import mt940

from capture.imports.profile import Verdict
from capture.imports.profiles.banks import bank_line
from capture.imports.records import ImportContext, ImportRefused

_START = re.compile(r"^:20:", re.MULTILINE)
_LINES = re.compile(r"^:(60F|60M|61):", re.MULTILINE)
# mt-940 joins `?31` (the IBAN) into the name when `?32` follows; the IBAN is dropped again.
_LEADING_IBAN = re.compile(r"^[A-Z]{2}\d{2}\d{10,30}\s*")


class Mt940:
    """The MT940 profile: recognised by its `:20:` and `:60F:`/`:61:` tags."""

    name = "mt940"
    family = "bank"

    def recognise(self, text: str) -> str | None:
        return text if _START.search(text[:4096]) and _LINES.search(text) else None

    def records(self, found: str, ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
        statements = mt940.models.Transactions()
        try:
            statements.parse(found)
        except Exception as error:  # the library raises bare exceptions of many kinds
            raise ImportRefused("import_unreadable", reason=type(error).__name__) from None
        for number, transaction in enumerate(statements, start=1):
            data = transaction.data
            amount = data["amount"]
            name = _LEADING_IBAN.sub("", data.get("applicant_name") or "")
            purpose = " ".join(part for part in (data.get("purpose"), data.get("additional_purpose"))
                               if part)
            moment = data.get("entry_date") or data["date"]
            booked = date(moment.year, moment.month, moment.day)
            reference = data.get("bank_reference")
            yield number, bank_line(number, booked, amount.amount, amount.currency, name,
                                    purpose or data.get("posting_text") or "", "",
                                    reference if reference and reference != "NONREF" else None)
