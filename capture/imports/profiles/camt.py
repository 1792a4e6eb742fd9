"""CAMT.053 bank statements (ISO 20022 XML, versions .02 to .08), read namespace-agnostically.

Parsed with defusedxml (entity expansion and external entities are refused). `Amt` is always
positive; `CdtDbtInd` gives the direction; `Sts` is `BOOK`/`PDNG` as text (.02) or as `Sts/Cd`.
The id is `AcctSvcrRef`, at entry level or in the details; without one, a content key.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from capture.imports.cells import day, money
from capture.imports.profile import Verdict
from capture.imports.profiles.banks import bank_line
from capture.imports.records import ImportContext, ImportRefused, RowError

PENDING = {"PDNG", "INFO", "FUTR"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: Element | None, *path: str) -> Element | None:
    """The first descendant along `path` (local names, any namespace)."""
    for name in path:
        if element is None:
            return None
        element = next((child for child in element if _local(child.tag) == name), None)
    return element


def _text(element: Element | None, *path: str) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def _all(element: Element, name: str) -> Iterator[Element]:
    return (found for found in element.iter() if _local(found.tag) == name)


class Camt053:
    """The CAMT.053 profile: recognised by its `BkToCstmrStmt` element."""

    name = "camt053"
    family = "bank"

    def recognise(self, text: str) -> str | None:
        head = text[:4096].lstrip()
        return text if head.startswith("<") and "BkToCstmrStmt" in head else None

    def records(self, found: str, ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
        try:
            root = fromstring(found)
        except DefusedXmlException:
            raise ImportRefused("import_unsafe_xml") from None
        except ParseError as error:
            raise ImportRefused("import_truncated", line=error.position[0]) from None
        number = 0
        for statement in _all(root, "Stmt"):
            account = _text(statement, "Acct", "Id", "IBAN") or _text(statement, "Acct", "Id",
                                                                        "Othr", "Id")
            for entry in (child for child in statement if _local(child.tag) == "Ntry"):
                number += 1
                try:
                    yield number, _entry(entry, number, account)
                except RowError as error:
                    yield number, error


def _status(entry: Element) -> str:
    status = _child(entry, "Sts")
    if status is None:
        return "BOOK"
    return (_text(status, "Cd") or (status.text or "")).strip().upper()


def _entry(entry: Element, number: int, account: str) -> Verdict:
    """One `Ntry`: its booking date, signed amount, counterparty and purpose."""
    if _status(entry) in PENDING:
        return "pending"
    amount = _child(entry, "Amt")
    if amount is None:
        raise RowError("import_amount_missing")
    value = money(amount.text or "", ".")
    if _text(entry, "CdtDbtInd").upper() == "DBIT":
        value = -value
    details = _child(entry, "NtryDtls", "TxDtls")
    side = "Cdtr" if value < 0 else "Dbtr"
    parties = _child(details, "RltdPties")
    name = _text(parties, side, "Nm") or _text(parties, side, "Pty", "Nm")
    lines = [] if details is None else [(found.text or "").strip() for found in _all(details, "Ustrd")]
    purpose = " ".join(line for line in lines if line) or _text(entry, "AddtlNtryInf")
    booked = _text(entry, "BookgDt", "Dt") or _text(entry, "BookgDt", "DtTm")[:10]
    reference = _text(entry, "AcctSvcrRef") or _text(details, "Refs", "AcctSvcrRef")
    return bank_line(number, day(booked, "%Y-%m-%d"), value, amount.get("Ccy", ""), name,
                     purpose, account, reference or None)
