"""Bytes to text (UTF-8 with or without BOM, else Windows-1252), and CSV tables past preambles."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from capture.imports.records import ImportRefused

HEADER_SEARCH_LINES = 40
HEADER_SEARCH_BYTES = 64 * 1024
_CONTROL = {*range(0, 9), 11, 12, *range(14, 27), *range(28, 32)}


def decode(data: bytes) -> str:
    """Strict UTF-8 (a BOM dropped) first; else Windows-1252, as German banks write."""
    head = data[:8192]
    if not data.strip():
        raise ImportRefused("import_empty")
    if sum(byte in _CONTROL for byte in head) > len(head) // 100 + 1:
        raise ImportRefused("import_binary")
    if b"\x00" in data:  # text with a stray NUL byte: say where, so it can be fixed
        raise ImportRefused("import_nul_byte", line=data[:data.index(b"\x00")].count(b"\n") + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: ISO-8859-1 has them
        return data.decode("iso-8859-1")


def header_cells(line: str, delimiter: str) -> list[str]:
    """The cells of one line as a header: unquoted, blanks and a stray BOM stripped."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    return [cell.strip().lstrip("\ufeff").strip() for cell in cells]


def unique_names(cells: list[str]) -> list[str]:
    """Header names with repeats numbered ("Währung", "Währung#2"): ING repeats `Währung`."""
    seen: dict[str, int] = {}
    names = []
    for cell in cells:
        seen[cell] = seen.get(cell, 0) + 1
        names.append(cell if seen[cell] == 1 else f"{cell}#{seen[cell]}")
    return names


class Row:
    """One data row, its cells by header name; `line` is its line in the file (1-based)."""

    __slots__ = ("line", "values", "columns", "short")

    def __init__(self, line: int, values: list[str], columns: dict[str, int]) -> None:
        self.line, self.values, self.columns = line, values, columns
        self.short = len(values) < len(columns) and any(
            name for name, index in columns.items() if index >= len(values))

    def __getitem__(self, name: str) -> str:
        index = self.columns.get(name)
        return self.values[index].strip() if index is not None and index < len(self.values) else ""

    def get(self, name: str, default: str = "") -> str:
        return self[name] if name in self.columns else default


def iter_lines(text: str) -> Iterator[str]:
    """The text's lines with their ends, one at a time (no copy of a big file's text)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end


@dataclass(frozen=True)
class Table:
    """A CSV table whose header sits on `header_line` (0-based) of `text`."""

    text: str
    header_line: int
    delimiter: str

    def rows(self) -> Iterator[Row]:
        """The data rows after the header; blank lines are passed over; a last row cut short
        (the file ends inside it) refuses the whole file as truncated."""
        lines = iter_lines(self.text)
        for _ in range(self.header_line):
            next(lines, None)
        reader = csv.reader(lines, delimiter=self.delimiter, strict=False)
        names = unique_names([cell.strip().lstrip("\ufeff") for cell in next(reader)])
        columns = {name: index for index, name in enumerate(names)}
        ended_cleanly = self.text.endswith(("\n", "\r"))
        previous_line = reader.line_num
        pending: tuple[int, list[str]] | None = None
        for cells in reader:
            line = self.header_line + previous_line + 1
            previous_line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if pending is not None:
                yield Row(*pending, columns)
            pending = (line, cells)
        if pending is not None:
            if len(pending[1]) < len(names) and not ended_cleanly:
                raise ImportRefused("import_truncated", line=pending[0])
            yield Row(*pending, columns)


def is_short(row: Row) -> bool:
    """True when the row has fewer cells than the header (blank header names aside)."""
    return row.short
