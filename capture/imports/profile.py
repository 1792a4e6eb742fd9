"""The profile protocol: how an export is recognised and how its rows become records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from capture.imports.reading import (
    HEADER_SEARCH_BYTES,
    HEADER_SEARCH_LINES,
    Row,
    Table,
    header_cells,
    is_short,
)
from capture.imports.records import ImportContext, Record, RowError

# A row's verdict: a record, several (an order and its refund), a reason to skip it, or the
# problem that kept it from being read.
Verdict = Record | list[Record] | str | RowError
PROCESSORS = re.compile(
    r"\b(stripe|paypal|shopify|klarna|mollie|sumup|adyen|unzer|sofort|payone|braintree|"
    r"square|zettle|amazon payments|etsy payments)\b", re.IGNORECASE)


def moves_processor_money(*texts: str) -> bool:
    """True when a bank line's counterparty or purpose names a payment processor."""
    return PROCESSORS.search(" ".join(texts)) is not None


class Profile(Protocol):
    """An export layout: its name, family (shop, processor, bank) and how it is read."""

    name: str
    family: str

    def recognise(self, text: str) -> object | None:
        """Something `records` can read the text with, or None when the layout is not this."""

    def records(self, found: object, ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
        """(line, verdict) for each row of the export."""


@dataclass(frozen=True)
class CsvProfile:
    """A CSV layout recognised by header names; delimiter, decimal mark and dates are fixed."""

    name: str
    family: str
    required: frozenset[str]
    convert: Callable[[Row, ImportContext], Verdict]
    delimiters: tuple[str, ...] = (",",)
    group: Callable[[Iterable[Row], ImportContext], Iterator[tuple[int, Verdict]]] | None = None

    def recognise(self, text: str) -> Table | None:
        """The table whose header has every required name, searched past preamble lines."""
        head = text[:HEADER_SEARCH_BYTES].split("\n")[:HEADER_SEARCH_LINES]  # as Table reads lines
        for number, line in enumerate(head):
            for delimiter in self.delimiters:
                if delimiter in line and self.required <= set(header_cells(line, delimiter)):
                    return Table(text, number, delimiter)
        return None

    def records(self, found: Table, ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
        if self.group is not None:
            yield from self.group(found.rows(), ctx)
            return
        for row in found.rows():
            yield row.line, convert_row(self.convert, row, ctx)


def convert_row(convert: Callable[[Row, ImportContext], Verdict], row: Row,
             ctx: ImportContext) -> Verdict:
    """The verdict, or the RowError raised for it (returned so the caller can list it)."""
    if is_short(row):
        return RowError("import_short_row")
    try:
        return convert(row, ctx)
    except RowError as error:
        return error
