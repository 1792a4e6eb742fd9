"""A layout no profile knows, read by a mapping: `date=Datum,amount=Betrag,description=Text`.

Keys: `date`, `amount` (signed) or `debit`/`credit` (unsigned columns), `description`,
`counterparty`, `id`, `currency` (a column), `date_format` (default `%d.%m.%Y`), `decimal`
(`,` by default). The header is found by the mapped column names, past preamble lines; its
fingerprint is saved with a named mapping, so a changed header is noticed, not misread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from capture.imports.cells import day, fee_or_zero, money
from capture.imports.profile import Verdict
from capture.imports.profiles.banks import bank_line
from capture.imports.reading import (
    HEADER_SEARCH_BYTES,
    HEADER_SEARCH_LINES,
    Row,
    Table,
    header_cells,
    is_short,
)
from capture.imports.records import ImportContext, ImportRefused, RowError

COLUMN_KEYS = ("date", "amount", "debit", "credit", "description", "counterparty", "id",
               "currency")
OPTION_KEYS = ("date_format", "decimal")
DELIMITERS = (";", ",", "\t", "|")


@dataclass(frozen=True)
class Mapping:
    """Which column holds what, and how dates and amounts are written."""

    columns: dict[str, str]
    date_format: str = "%d.%m.%Y"
    decimal: str = ","

    def spec(self) -> str:
        """The mapping written back as `key=value,…` (how it is saved)."""
        options = {"date_format": self.date_format, "decimal": self.decimal}
        return ",".join(f"{key}={value}" for key, value in {**self.columns, **options}.items())


def parse_mapping(spec: str) -> Mapping:
    """A mapping from `key=column,…`; ImportRefused `import_map_invalid` when it is not one."""
    columns: dict[str, str] = {}
    options = {"date_format": "%d.%m.%Y", "decimal": ","}
    for part in (part.strip() for part in spec.split(",")):
        key, equals, value = part.partition("=")
        key, value = key.strip().lower(), value.strip()
        if part == "":
            continue  # `decimal=,` splits into "decimal=" and ""
        if not equals or key not in COLUMN_KEYS + OPTION_KEYS:
            raise ImportRefused("import_map_invalid", part=part, keys=", ".join(COLUMN_KEYS + OPTION_KEYS))
        if key in OPTION_KEYS:
            options[key] = value or ","
        else:
            columns[key] = value
    if options["decimal"] not in (",", "."):
        raise ImportRefused("import_map_invalid", part=f"decimal={options['decimal']}",
                            keys="decimal=, | decimal=.")
    has_amount = "amount" in columns or {"debit", "credit"} <= columns.keys()
    if "date" not in columns or not has_amount:
        raise ImportRefused("import_map_invalid", part=spec, keys="date=…, amount=… (or debit=…, credit=…)")
    return Mapping(columns, options["date_format"], options["decimal"])


def fingerprint(cells: list[str]) -> str:
    """A hash of a header's names, in order (a saved mapping is used only for the same header)."""
    names = "\x1f".join(cell.strip().casefold() for cell in cells)
    return hashlib.sha256(names.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class MappedProfile:
    """A mapping as a profile (family bank: lines become money in or out, for rules)."""

    name: str
    mapping: Mapping
    saved_fingerprint: str | None = None
    family: str = "bank"

    def header(self, text: str) -> tuple[Table, list[str]] | None:
        """The table whose header holds every mapped column, and that header's names."""
        wanted = set(self.mapping.columns.values())
        head = text[:HEADER_SEARCH_BYTES].split("\n")[:HEADER_SEARCH_LINES]
        for number, line in enumerate(head):
            for delimiter in DELIMITERS:
                cells = header_cells(line, delimiter) if delimiter in line else []
                if wanted <= set(cells):
                    return Table(text, number, delimiter), cells
        return None

    def recognise(self, text: str) -> Table | None:
        found = self.header(text)
        if found is None:
            return None
        table, cells = found
        if self.saved_fingerprint is not None and fingerprint(cells) != self.saved_fingerprint:
            return None
        return table

    def records(self, found: Table, ctx: ImportContext) -> Iterator[tuple[int, Verdict]]:
        for row in found.rows():
            try:
                yield row.line, RowError("import_short_row") if is_short(row) else self._line(row, ctx)
            except RowError as error:
                yield row.line, error

    def _line(self, row: Row, ctx: ImportContext) -> Verdict:
        column = self.mapping.columns.get
        if column("amount"):
            amount = money(row[column("amount")], self.mapping.decimal)
        else:
            amount = (abs(fee_or_zero(row[column("credit")], self.mapping.decimal))
                      - abs(fee_or_zero(row[column("debit")], self.mapping.decimal)))
        return bank_line(row.line, day(row[column("date")], self.mapping.date_format), amount,
                         row[column("currency", "")] or ctx.currency,
                         row[column("counterparty", "")], row[column("description", "")], "",
                         row[column("id", "")] or None)


def likely_header(text: str) -> list[str]:
    """The names of the line with the most cells among the first lines (past a preamble): the
    columns a mapping form offers."""
    best: list[str] = []
    for line in text[:HEADER_SEARCH_BYTES].split("\n")[:HEADER_SEARCH_LINES]:
        for delimiter in DELIMITERS:
            cells = header_cells(line, delimiter) if delimiter in line else []
            if len(cells) > len(best):
                best = cells
    return [cell for cell in best if cell]
